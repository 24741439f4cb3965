"""A run's notices: what a SUCCEEDED run's result lacks, derived from the result alone.

Pure: a TailoringResult in, RunNotice numbers out (enum order, each once). Storage stores them
beside the scores when a run completes, so lists and polls show them without the result.
Migration 0005 backfills older rows with the same rules written in SQL over the JSON copy of
the result; a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Iterable

from resumeai.v1 import common_pb2, result_pb2


def _any_evidenced(keywords: Iterable[result_pb2.KeywordCoverage]) -> bool:
    # `found` as well as `satisfied`: results stored before `satisfied` existed lack it.
    return any(k.found or k.satisfied for k in keywords)


def run_notices(result: result_pb2.TailoringResult) -> list[common_pb2.RunNotice.ValueType]:
    notices: list[common_pb2.RunNotice.ValueType] = []
    work = result.resume.work
    if not work:
        notices.append(common_pb2.RUN_NOTICE_NO_ROLES_FOUND)
    elif not any(entry.highlights for entry in work):
        notices.append(common_pb2.RUN_NOTICE_NO_ROLE_LINES)
    if not result.bullets:
        notices.append(common_pb2.RUN_NOTICE_NO_TAILORED_BULLETS)
    if not result.coverage_before.keywords:
        notices.append(common_pb2.RUN_NOTICE_NO_JOB_KEYWORDS)
    elif not _any_evidenced(result.coverage_before.keywords) and not _any_evidenced(
        result.coverage_after.keywords
    ):
        notices.append(common_pb2.RUN_NOTICE_NOTHING_RELEVANT)
    return notices
