"""gateway.records: public requests become storage requests, storage records become public
resources, field for field (pure functions, no storage)."""

from __future__ import annotations

from typing import Any

import pytest
from google.protobuf import timestamp_pb2
from google.protobuf.message import Message

from gateway import records
from resumeai.storage.v1 import records_pb2, storage_pb2
from resumeai.v1 import common_pb2, resources_pb2, result_pb2, resume_builder_pb2

OWNER = "owner-7"
OPTIONS = common_pb2.TailorOptions(provider="offline", model="m-1", max_bullets=4)
DOCX = common_pb2.DocumentFile(
    filename="Zoë CV.docx", format=common_pb2.DOCUMENT_FORMAT_DOCX, content=b"PK\x03\x04docx"
)


def ts(seconds: int) -> timestamp_pb2.Timestamp:
    return timestamp_pb2.Timestamp(seconds=seconds, nanos=500)


def _public_fields(message: Message) -> list[str]:
    return [field.name for field in message.DESCRIPTOR.fields]


def _assert_copied(record: Message, resource: Message, *, skip: tuple[str, ...] = ()) -> None:
    """Every field of the public resource is set and equals the record's field of that name."""
    for name in _public_fields(resource):
        if name in skip:
            continue
        value = getattr(resource, name)
        assert value == getattr(record, name), name
        field = resource.DESCRIPTOR.fields_by_name[name]
        if field.message_type is not None and not field.is_repeated:
            assert resource.HasField(name), name
        else:
            assert value, f"{name} was left at its default"


# --- requests -------------------------------------------------------------------------------


def test_pasted_text_is_a_utf8_txt_document_without_filename() -> None:
    document = records.pasted("Zoë — engineer")
    assert document == records_pb2.Document(
        format=common_pb2.DOCUMENT_FORMAT_TXT, content="Zoë — engineer".encode()
    )
    assert document.filename == ""


def test_a_pasted_resume_becomes_a_txt_document() -> None:
    request = resume_builder_pb2.CreateResumeRequest(display_name="mine", text="Jane Doe\nPython")
    assert records.create_resume(OWNER, request) == storage_pb2.CreateResumeRequest(
        owner_id=OWNER,
        display_name="mine",
        document=records_pb2.Document(
            format=common_pb2.DOCUMENT_FORMAT_TXT, content=b"Jane Doe\nPython"
        ),
    )


def test_an_uploaded_resume_keeps_its_format_bytes_and_filename() -> None:
    request = resume_builder_pb2.CreateResumeRequest(display_name="cv", file=DOCX)
    out = records.create_resume(OWNER, request)
    assert out.owner_id == OWNER and out.display_name == "cv"
    assert out.document == records_pb2.Document(
        format=common_pb2.DOCUMENT_FORMAT_DOCX, content=b"PK\x03\x04docx", filename="Zoë CV.docx"
    )


def test_a_job_posting_request_keeps_its_fields() -> None:
    request = resume_builder_pb2.CreateJobPostingRequest(
        title="Backend Engineer", company="Acme", text="Python and Kubernetes"
    )
    assert records.create_job_posting(OWNER, request) == storage_pb2.CreateJobPostingRequest(
        owner_id=OWNER, title="Backend Engineer", company="Acme", text="Python and Kubernetes"
    )


@pytest.mark.parametrize(
    ("resume", "expected_resume"),
    [
        ({"resume_id": "r-1"}, {"resume_id": "r-1"}),
        (
            {"resume_text": "Jane Doe"},
            {
                "resume_document": records_pb2.Document(
                    format=common_pb2.DOCUMENT_FORMAT_TXT, content=b"Jane Doe"
                )
            },
        ),
        (
            {"resume_file": DOCX},
            {
                "resume_document": records_pb2.Document(
                    format=DOCX.format, content=DOCX.content, filename=DOCX.filename
                )
            },
        ),
    ],
    ids=["resume_id", "resume_text", "resume_file"],
)
@pytest.mark.parametrize(
    "job",
    [{"job_posting_id": "j-1"}, {"job_text": "Requirements: Go"}],
    ids=["job_posting_id", "job_text"],
)
def test_a_tailor_request_becomes_a_create_tailor_run_request(
    resume: dict[str, Any], expected_resume: dict[str, Any], job: dict[str, Any]
) -> None:
    request = resume_builder_pb2.StartTailoringRequest(
        request_id="req-1", options=OPTIONS, **resume, **job
    )
    out = records.create_tailor_run(OWNER, request)
    assert out == storage_pb2.CreateTailorRunRequest(
        owner_id=OWNER, request_id="req-1", options=OPTIONS, **expected_resume, **job
    )
    assert out.WhichOneof("resume") == next(iter(expected_resume))
    assert out.WhichOneof("job") == next(iter(job))


def test_a_tailor_request_without_resume_or_job_leaves_both_unset() -> None:
    """Storage then refuses it (INVALID_ARGUMENT "resume" / "job"); nothing is invented."""
    out = records.create_tailor_run(OWNER, resume_builder_pb2.StartTailoringRequest())
    assert out.WhichOneof("resume") is None and out.WhichOneof("job") is None
    assert out.owner_id == OWNER and out.request_id == ""
    assert out.options == common_pb2.TailorOptions()


def test_an_export_request_keeps_its_fields() -> None:
    request = resume_builder_pb2.StartExportRequest(
        request_id="req-2",
        run_id="run-1",
        kind=common_pb2.ARTIFACT_KIND_COVER_LETTER,
        format=common_pb2.EXPORT_FORMAT_PDF,
        template=common_pb2.RESUME_TEMPLATE_FEDERAL,
    )
    assert records.create_artifact(OWNER, request) == storage_pb2.CreateArtifactRequest(
        owner_id=OWNER,
        request_id="req-2",
        run_id="run-1",
        kind=common_pb2.ARTIFACT_KIND_COVER_LETTER,
        format=common_pb2.EXPORT_FORMAT_PDF,
        template=common_pb2.RESUME_TEMPLATE_FEDERAL,
    )


def test_page() -> None:
    assert records.page(30, "tok") == storage_pb2.PageRequest(page_size=30, page_token="tok")


# --- records --------------------------------------------------------------------------------


def _resume_record(**overrides: Any) -> records_pb2.ResumeRecord:
    fields: dict[str, Any] = {
        "id": "r-1",
        "display_name": "mine",
        "format": common_pb2.DOCUMENT_FORMAT_TXT,
        "filename": "cv.txt",
        "size_bytes": 14,
        "sha256": "ab" * 32,
        "create_time": ts(1_700_000_000),
        "content": "Zoë\nPython".encode(),
        "inline": True,
    }
    return records_pb2.ResumeRecord(**{**fields, **overrides})


def test_a_txt_resume_record_maps_every_field_and_its_text() -> None:
    record = _resume_record()
    resume = records.resume(record)
    _assert_copied(record, resume, skip=("text",))
    assert resume.text == "Zoë\nPython"


@pytest.mark.parametrize("fmt", [common_pb2.DOCUMENT_FORMAT_DOCX, common_pb2.DOCUMENT_FORMAT_PDF])
def test_a_binary_resume_record_has_no_text(fmt: int) -> None:
    record = _resume_record(format=fmt, content=b"%PDF-1.7 binary", filename="cv.bin")
    resume = records.resume(record)
    _assert_copied(record, resume, skip=("text",))
    assert resume.text == ""


def test_a_resume_summary_has_no_text_and_undecodable_bytes_are_replaced() -> None:
    assert records.resume(_resume_record(content=b"")).text == ""
    assert records.resume(_resume_record(content=b"ok \xff")).text == "ok \ufffd"


def test_a_resume_without_create_time_leaves_it_unset() -> None:
    assert not records.resume(records_pb2.ResumeRecord(id="r-1")).HasField("create_time")


def test_a_job_posting_record_maps_every_field() -> None:
    record = records_pb2.JobPostingRecord(
        id="j-1",
        title="Backend Engineer",
        company="Acme",
        size_bytes=21,
        sha256="cd" * 32,
        create_time=ts(1_700_000_100),
        text="Python and Kubernetes",
        inline=True,
    )
    _assert_copied(record, records.job_posting(record))
    unset = records.job_posting(records_pb2.JobPostingRecord(id="j-1"))
    assert not unset.HasField("create_time") and unset.text == ""


def _run_record() -> records_pb2.TailorRunRecord:
    metadata = common_pb2.RunMetadata(
        prompt_version="p1",
        provider="offline",
        model="m-1",
        parameters_json='{"a":1}',
        prompt_tokens=12,
        cost_micro_usd=3,
        cached_from_run_id="run-0",
    )
    return records_pb2.TailorRunRecord(
        id="run-1",
        status=common_pb2.RUN_STATUS_SUCCEEDED,
        resume_id="r-1",
        job_posting_id="j-1",
        options=OPTIONS,
        request_id="req-1",
        create_time=ts(1_700_000_000),
        update_time=ts(1_700_000_030),
        start_time=ts(1_700_000_010),
        end_time=ts(1_700_000_020),
        attempts=2,
        error="an earlier attempt failed",
        metadata=metadata,
        score_before=41.5,
        score_after=77.25,
        result=result_pb2.TailoringResult(
            schema_version="1",
            coverage_after=result_pb2.CoverageReport(score=result_pb2.MatchScore(overall=77.25)),
            metadata=metadata,
        ),
        notices=[common_pb2.RUN_NOTICE_NO_ROLES_FOUND, common_pb2.RUN_NOTICE_NO_TAILORED_BULLETS],
    )


def test_a_run_record_maps_every_field() -> None:
    record = _run_record()
    run = records.tailor_run(record)
    _assert_copied(record, run)
    assert list(run.notices) == [
        common_pb2.RUN_NOTICE_NO_ROLES_FOUND,
        common_pb2.RUN_NOTICE_NO_TAILORED_BULLETS,
    ]
    assert run.result.coverage_after.score.overall == 77.25
    assert run.metadata.cached_from_run_id == "run-0"
    # A copy, not a view: changing the record afterwards does not change the resource.
    record.metadata.provider = "changed"
    assert run.metadata.provider == "offline"


def test_a_run_record_without_timestamps_result_or_metadata_leaves_them_unset() -> None:
    run = records.tailor_run(
        records_pb2.TailorRunRecord(id="run-2", status=common_pb2.RUN_STATUS_QUEUED)
    )
    assert run.id == "run-2" and run.status == common_pb2.RUN_STATUS_QUEUED
    for field in (
        "options",
        "create_time",
        "update_time",
        "start_time",
        "end_time",
        "metadata",
        "result",
    ):
        assert not run.HasField(field), field
    assert not run.notices


def test_a_queued_run_keeps_only_the_timestamps_it_has() -> None:
    run = records.tailor_run(
        records_pb2.TailorRunRecord(id="run-3", create_time=ts(5), update_time=ts(6))
    )
    assert (run.create_time, run.update_time) == (ts(5), ts(6))
    assert not run.HasField("start_time") and not run.HasField("end_time")


def test_an_artifact_record_maps_every_field() -> None:
    record = records_pb2.ArtifactRecord(
        id="a-1",
        run_id="run-1",
        kind=common_pb2.ARTIFACT_KIND_TAILORING_REPORT,
        format=common_pb2.EXPORT_FORMAT_DOCX,
        template=common_pb2.RESUME_TEMPLATE_ACADEMIC_CV,
        status=common_pb2.ARTIFACT_STATUS_FAILED,
        filename="report.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        size_bytes=4096,
        sha256="ef" * 32,
        request_id="req-3",
        create_time=ts(1_700_000_000),
        update_time=ts(1_700_000_005),
        error="rendering failed (RuntimeError)",
        attempts=3,
    )
    _assert_copied(record, records.artifact(record))
    unset = records.artifact(records_pb2.ArtifactRecord(id="a-2"))
    assert not unset.HasField("create_time") and not unset.HasField("update_time")


def test_a_read_chunk_maps_every_field() -> None:
    part = storage_pb2.ReadArtifactResponse(
        offset=65_536,
        data=b"\x00\x01bytes",
        total_size=70_000,
        content_type="application/pdf",
        filename="resume.pdf",
        sha256="01" * 32,
    )
    chunk = records.chunk(part)
    assert isinstance(chunk, resources_pb2.ArtifactChunk)
    _assert_copied(part, chunk)
