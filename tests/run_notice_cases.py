"""Results and the run notices they must give, shared by the unit test of
storage_service.notices and the storage test that holds migration 0005's SQL to the same
answers."""

from __future__ import annotations

from resumeai.v1 import common_pb2, result_pb2

NO_ROLES = common_pb2.RUN_NOTICE_NO_ROLES_FOUND
NO_LINES = common_pb2.RUN_NOTICE_NO_ROLE_LINES
NO_BULLETS = common_pb2.RUN_NOTICE_NO_TAILORED_BULLETS
NO_KEYWORDS = common_pb2.RUN_NOTICE_NO_JOB_KEYWORDS
NOTHING = common_pb2.RUN_NOTICE_NOTHING_RELEVANT

Notices = list[common_pb2.RunNotice.ValueType]


def keyword(
    name: str, *, found: bool = False, satisfied: bool = False
) -> result_pb2.KeywordCoverage:
    return result_pb2.KeywordCoverage(keyword=name, found=found, satisfied=satisfied or found)


def role(entry_id: str, *, lines: int = 1) -> result_pb2.WorkEntry:
    return result_pb2.WorkEntry(
        id=entry_id,
        position="Engineer",
        highlights=[
            result_pb2.EvidenceLine(id=f"{entry_id}.{n}", section="work", text="Built it")
            for n in range(1, lines + 1)
        ],
    )


def result(
    *,
    work: list[result_pb2.WorkEntry] | None = None,
    bullets: int = 1,
    before: list[result_pb2.KeywordCoverage] | None = None,
    after: list[result_pb2.KeywordCoverage] | None = None,
) -> result_pb2.TailoringResult:
    """By default a useful result: a role with a line, a bullet, a keyword the resume
    evidences and one it lacks."""
    if work is None:
        work = [role("W1")]
    if before is None:
        before = [keyword("Kubernetes", found=True), keyword("Kafka")]
    if after is None:
        after = list(before)
    return result_pb2.TailoringResult(
        schema_version="1",
        resume=result_pb2.ParsedResume(work=work),
        bullets=[
            result_pb2.TailoredBullet(id=f"B{n}", text="Built it", evidence_ids=["W1.1"])
            for n in range(1, bullets + 1)
        ],
        coverage_before=result_pb2.CoverageReport(keywords=before),
        coverage_after=result_pb2.CoverageReport(keywords=after),
    )


CASES: list[tuple[str, result_pb2.TailoringResult, Notices]] = [
    ("useful", result(), []),
    ("no-roles", result(work=[]), [NO_ROLES]),
    ("roles-without-lines", result(work=[role("W1", lines=0), role("W2", lines=0)]), [NO_LINES]),
    ("one-role-with-lines-is-enough", result(work=[role("W1", lines=0), role("W2")]), []),
    ("no-bullets", result(bullets=0), [NO_BULLETS]),
    ("no-job-keywords", result(before=[], after=[]), [NO_KEYWORDS]),
    ("nothing-relevant", result(before=[keyword("Kafka")]), [NOTHING]),
    # "RabbitMQ or Kafka": an alternative of the missing keyword was found.
    ("alternative-satisfied", result(before=[keyword("Kafka", satisfied=True)]), []),
    # Stored before KeywordCoverage.satisfied existed: `found` alone.
    (
        "legacy-found-only",
        result(before=[result_pb2.KeywordCoverage(keyword="Kafka", found=True)], after=[]),
        [],
    ),
    # Only the tailored bullets evidence it.
    (
        "covered-after-only",
        result(before=[keyword("Kafka")], after=[keyword("Kafka", found=True)]),
        [],
    ),
    # NO_ROLE_LINES needs roles and NOTHING_RELEVANT needs keywords, so they never join
    # NO_ROLES_FOUND / NO_JOB_KEYWORDS.
    ("empty", result_pb2.TailoringResult(), [NO_ROLES, NO_BULLETS, NO_KEYWORDS]),
    (
        "skills-only-resume",
        result(work=[], bullets=0, before=[keyword("Kafka")]),
        [NO_ROLES, NO_BULLETS, NOTHING],
    ),
]
