"""Rows -> the storage contract's records (resumeai.storage.v1). Summaries never touch text,
content or result columns (they are deferred with raiseload in the models, so a mistake here
fails loudly instead of leaking)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from google.protobuf import json_format, timestamp_pb2

from resumeai.storage.v1 import records_pb2, storage_pb2
from resumeai.v1 import common_pb2, result_pb2
from storage_service.db.models import Artifact, JobPosting, OutboxJob, Resume, TailorRun


def _ts(value: datetime | None) -> timestamp_pb2.Timestamp | None:
    if value is None:
        return None
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(value)
    return stamp


def result_to_json(result: result_pb2.TailoringResult) -> dict[str, Any]:
    # proto3 JSON with the .proto field names (easier to query in SQL than lowerCamelCase).
    return json_format.MessageToDict(result, preserving_proto_field_name=True)


def result_from_json(data: dict[str, Any]) -> result_pb2.TailoringResult:
    # ignore_unknown_fields: rows written by a newer schema still load in an older server.
    return json_format.ParseDict(data, result_pb2.TailoringResult(), ignore_unknown_fields=True)


def stored_result(
    result_pb: bytes | None, result_json: dict[str, Any] | None
) -> result_pb2.TailoringResult | None:
    """The stored result: from its protobuf bytes, or from JSON for rows written before them."""
    if result_pb is not None:
        return result_pb2.TailoringResult.FromString(result_pb)
    if result_json is not None:
        return result_from_json(result_json)
    return None


def parameters_to_json(parameters_json: str) -> Any:
    """RunMetadata.parameters_json as a JSONB value; a non-JSON string is kept as a string."""
    if not parameters_json:
        return None
    try:
        return json.loads(parameters_json)
    except ValueError:
        return parameters_json


def parameters_from_json(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def resume_record(
    row: Resume, *, summary: bool = False, content: bytes | None = None
) -> records_pb2.ResumeRecord:
    """`summary` (lists): no filename either, since file names usually carry the person's
    name. `content`: the opened (unsealed) bytes, for GetResume."""
    record = records_pb2.ResumeRecord(
        id=str(row.id),
        display_name=row.display_name,
        format=row.format,  # type: ignore[arg-type]
        filename="" if summary else row.filename,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        create_time=_ts(row.created_at),
        inline=row.inline,
    )
    if content is not None:
        record.content = content
    return record


def job_posting_record(row: JobPosting, *, text: str | None = None) -> records_pb2.JobPostingRecord:
    """`text`: the opened text, for GetJobPosting."""
    record = records_pb2.JobPostingRecord(
        id=str(row.id),
        title=row.title,
        company=row.company,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        create_time=_ts(row.created_at),
        inline=row.inline,
    )
    if text is not None:
        record.text = text
    return record


def _metadata(row: TailorRun) -> common_pb2.RunMetadata | None:
    if row.prompt_version is None and row.provider is None:
        return None
    return common_pb2.RunMetadata(
        prompt_version=row.prompt_version or "",
        prompt_sha256=row.prompt_sha256 or "",
        engine_version=row.engine_version or "",
        provider=row.provider or "",
        model=row.model or "",
        parameters_json=parameters_from_json(row.parameters),
        prompt_tokens=row.prompt_tokens or 0,
        completion_tokens=row.completion_tokens or 0,
        cost_micro_usd=row.cost_micro_usd or 0,
        latency_ms=row.latency_ms or 0,
        resume_sha256=row.resume_sha256 or "",
        job_sha256=row.job_sha256 or "",
    )


def run_record(
    row: TailorRun, *, result: result_pb2.TailoringResult | None = None
) -> records_pb2.TailorRunRecord:
    record = records_pb2.TailorRunRecord(
        id=str(row.id),
        status=row.status,  # type: ignore[arg-type]
        resume_id=str(row.resume_id),
        job_posting_id=str(row.job_posting_id),
        options=json_format.ParseDict(
            row.options or {}, common_pb2.TailorOptions(), ignore_unknown_fields=True
        ),
        request_id=row.request_id or "",
        create_time=_ts(row.created_at),
        update_time=_ts(row.updated_at),
        start_time=_ts(row.started_at),
        end_time=_ts(row.finished_at),
        attempts=row.attempts,
        error=row.error,
        metadata=_metadata(row),
        score_before=row.score_before or 0.0,
        score_after=row.score_after or 0.0,
    )
    if row.status == common_pb2.RUN_STATUS_SUCCEEDED and row.notices:
        record.notices.extend(row.notices)  # type: ignore[arg-type]
    if result is not None:
        record.result.CopyFrom(result)
        # The result's own metadata is the exact record (parameters_json byte for byte).
        record.metadata.CopyFrom(result.metadata)
    return record


def artifact_record(row: Artifact) -> records_pb2.ArtifactRecord:
    return records_pb2.ArtifactRecord(
        id=str(row.id),
        run_id=str(row.run_id),
        kind=row.kind,  # type: ignore[arg-type]
        format=row.format,  # type: ignore[arg-type]
        template=row.template,  # type: ignore[arg-type]
        status=row.status,  # type: ignore[arg-type]
        filename=row.filename,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        request_id=row.request_id or "",
        create_time=_ts(row.created_at),
        update_time=_ts(row.updated_at),
        error=row.error,
        attempts=row.attempts,
    )


def outbox_job(row: OutboxJob) -> storage_pb2.OutboxJob:
    return storage_pb2.OutboxJob(
        id=str(row.id),
        routing_key=row.routing_key,
        payload=row.payload,
        attempts=row.attempts,
        headers=row.headers or {},
    )
