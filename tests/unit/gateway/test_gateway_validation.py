"""Gateway request validation: each rule, and the field path it reports."""

from __future__ import annotations

import uuid

import pytest

from gateway import validation
from gateway.validation import Limits
from resumeai.v1 import common_pb2, resume_builder_pb2

LIMITS = Limits(max_resume_chars=100, max_job_chars=50, max_file_bytes=64, max_name_chars=10)
ID = str(uuid.uuid4())
PDF = b"%PDF-1.7\n..."
DOCX = b"PK\x03\x04rest-of-zip"


def fields(violations: list[tuple[str, str]]) -> list[str]:
    return [f for f, _ in violations]


def tailoring(**kwargs: object) -> resume_builder_pb2.StartTailoringRequest:
    base: dict[str, object] = {"request_id": "req-1", "resume_id": ID, "job_posting_id": ID}
    base.update(kwargs)
    return resume_builder_pb2.StartTailoringRequest(**base)  # type: ignore[arg-type]


def doc(fmt: int, content: bytes, filename: str = "cv") -> common_pb2.DocumentFile:
    return common_pb2.DocumentFile(filename=filename, format=fmt, content=content)  # type: ignore[arg-type]


# --- ids --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [ID, ID.upper()])
def test_uuid_accepts_canonical(value: str) -> None:
    assert validation.check_uuid("id", value) == []


@pytest.mark.parametrize(
    "value", ["nope", "1234", ID.replace("-", ""), "{" + ID + "}", f"urn:uuid:{ID}", ID + "x"]
)
def test_uuid_rejects_non_canonical(value: str) -> None:
    assert fields(validation.check_uuid("id", value)) == ["id"]


def test_uuid_required_unless_optional() -> None:
    assert validation.check_uuid("id", "") == [("id", "is required")]
    assert validation.check_uuid("run_id", "", required=False) == []


def test_owned_id_requests() -> None:
    assert validation.owned_id(resume_builder_pb2.GetResumeRequest(id=ID)) == []
    assert fields(validation.owned_id(resume_builder_pb2.GetTailorRunRequest(id="x"))) == ["id"]


# --- request_id -------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", "a", "A-z_0.9:x", "x" * 128])
def test_request_id_valid(value: str) -> None:
    assert validation.check_request_id("request_id", value) == []


@pytest.mark.parametrize("value", ["x" * 129, "has space", "slash/", "é", "semi;colon"])
def test_request_id_invalid(value: str) -> None:
    assert fields(validation.check_request_id("request_id", value)) == ["request_id"]


def test_start_tailoring_valid() -> None:
    assert validation.start_tailoring(tailoring(), LIMITS) == []


def test_start_tailoring_bad_request_id() -> None:
    assert fields(validation.start_tailoring(tailoring(request_id="a b"), LIMITS)) == ["request_id"]


# --- text limits ------------------------------------------------------------------------


def test_resume_text_limits() -> None:
    assert validation.start_tailoring(tailoring(resume_text="x" * 100), LIMITS) == []
    assert fields(validation.start_tailoring(tailoring(resume_text="x" * 101), LIMITS)) == [
        "resume_text"
    ]
    assert fields(validation.start_tailoring(tailoring(resume_text="  \n "), LIMITS)) == [
        "resume_text"
    ]
    assert fields(validation.start_tailoring(tailoring(resume_text="a\x00b"), LIMITS)) == [
        "resume_text"
    ]


def test_job_text_limits() -> None:
    assert validation.start_tailoring(tailoring(job_text="y" * 50), LIMITS) == []
    assert fields(validation.start_tailoring(tailoring(job_text="y" * 51), LIMITS)) == ["job_text"]


def test_create_resume_text_and_name() -> None:
    ok = resume_builder_pb2.CreateResumeRequest(display_name="x" * 10, text="hello")
    assert validation.create_resume(ok, LIMITS) == []
    bad = resume_builder_pb2.CreateResumeRequest(display_name="x" * 11, text="z" * 101)
    assert fields(validation.create_resume(bad, LIMITS)) == ["display_name", "text"]


def test_create_resume_needs_a_source() -> None:
    got = validation.create_resume(resume_builder_pb2.CreateResumeRequest(), LIMITS)
    assert fields(got) == ["source"]


def test_create_job_posting() -> None:
    ok = resume_builder_pb2.CreateJobPostingRequest(title="t", company="c", text="job")
    assert validation.create_job_posting(ok, LIMITS) == []
    bad = resume_builder_pb2.CreateJobPostingRequest(title="t" * 11, company="c" * 11, text="")
    assert fields(validation.create_job_posting(bad, LIMITS)) == ["title", "company", "text"]


def test_start_tailoring_needs_resume_and_job() -> None:
    got = validation.start_tailoring(resume_builder_pb2.StartTailoringRequest(), LIMITS)
    assert fields(got) == ["resume", "job"]


def test_start_tailoring_ids_checked() -> None:
    got = validation.start_tailoring(tailoring(resume_id="x", job_posting_id="y"), LIMITS)
    assert fields(got) == ["resume_id", "job_posting_id"]


# --- files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content"),
    [
        (common_pb2.DOCUMENT_FORMAT_PDF, PDF),
        (common_pb2.DOCUMENT_FORMAT_DOCX, DOCX),
        (common_pb2.DOCUMENT_FORMAT_TXT, "Ünïcode résumé".encode()),
    ],
)
def test_file_signature_ok(fmt: int, content: bytes) -> None:
    assert validation.start_tailoring(tailoring(resume_file=doc(fmt, content)), LIMITS) == []


@pytest.mark.parametrize(
    ("fmt", "content"),
    [
        (common_pb2.DOCUMENT_FORMAT_PDF, DOCX),
        (common_pb2.DOCUMENT_FORMAT_PDF, b" %PDF-1.7"),
        (common_pb2.DOCUMENT_FORMAT_DOCX, PDF),
        (common_pb2.DOCUMENT_FORMAT_DOCX, b"PK\x05\x06empty-zip"),
        (common_pb2.DOCUMENT_FORMAT_TXT, b"\xff\xfe\x00h"),
        (common_pb2.DOCUMENT_FORMAT_TXT, b"text\x00with nul"),
        (common_pb2.DOCUMENT_FORMAT_TXT, b"\xc3\x28 bad utf8"),
    ],
)
def test_file_signature_mismatch(fmt: int, content: bytes) -> None:
    got = validation.start_tailoring(tailoring(resume_file=doc(fmt, content)), LIMITS)
    assert fields(got) == ["resume_file.content"]
    assert "resume_file.format" in got[0][1]


def test_file_size_limit() -> None:
    at_limit = PDF + b"x" * (64 - len(PDF))
    ok = validation.check_file("file", doc(common_pb2.DOCUMENT_FORMAT_PDF, at_limit), LIMITS)
    assert ok == []
    over = at_limit + b"x"
    got = validation.check_file("file", doc(common_pb2.DOCUMENT_FORMAT_PDF, over), LIMITS)
    assert got == [("file.content", "must be at most 64 bytes")]


def test_file_empty_format_and_name() -> None:
    got = validation.check_file(
        "resume_file", doc(common_pb2.DOCUMENT_FORMAT_UNSPECIFIED, b"", "n" * 256), LIMITS
    )
    assert fields(got) == ["resume_file.filename", "resume_file.format", "resume_file.content"]


def test_file_unknown_format_number() -> None:
    got = validation.check_file("file", doc(42, PDF), LIMITS)
    assert fields(got) == ["file.format"]


def test_create_resume_file_path() -> None:
    request = resume_builder_pb2.CreateResumeRequest(file=doc(common_pb2.DOCUMENT_FORMAT_DOCX, PDF))
    assert fields(validation.create_resume(request, LIMITS)) == ["file.content"]


# --- paging -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 100])
def test_page_size_ok(size: int) -> None:
    assert validation.list_page(resume_builder_pb2.ListResumesRequest(page_size=size)) == []


@pytest.mark.parametrize("size", [-1, 101])
def test_page_size_bad(size: int) -> None:
    got = validation.list_page(resume_builder_pb2.ListTailorRunsRequest(page_size=size))
    assert fields(got) == ["page_size"]


def test_page_token_bounded() -> None:
    got = validation.list_page(resume_builder_pb2.ListJobPostingsRequest(page_token="t" * 2000))
    assert fields(got) == ["page_token"]


def test_list_artifacts_run_id_optional() -> None:
    assert validation.list_artifacts(resume_builder_pb2.ListArtifactsRequest()) == []
    got = validation.list_artifacts(resume_builder_pb2.ListArtifactsRequest(run_id="x"))
    assert fields(got) == ["run_id"]


# --- options ----------------------------------------------------------------------------


@pytest.mark.parametrize("provider", ["", "offline", "openai"])
def test_provider_ok(provider: str) -> None:
    options = common_pb2.TailorOptions(provider=provider)
    assert validation.start_tailoring(tailoring(options=options), LIMITS) == []


@pytest.mark.parametrize("provider", ["OpenAI", "anthropic", " offline"])
def test_provider_bad(provider: str) -> None:
    options = common_pb2.TailorOptions(provider=provider)
    got = validation.start_tailoring(tailoring(options=options), LIMITS)
    assert fields(got) == ["options.provider"]


@pytest.mark.parametrize("bullets", [0, 6, 8, 12])
def test_max_bullets_ok(bullets: int) -> None:
    options = common_pb2.TailorOptions(max_bullets=bullets)
    assert validation.start_tailoring(tailoring(options=options), LIMITS) == []


@pytest.mark.parametrize("bullets", [-1, 1, 5, 13, 100])
def test_max_bullets_bad(bullets: int) -> None:
    options = common_pb2.TailorOptions(max_bullets=bullets)
    got = validation.start_tailoring(tailoring(options=options), LIMITS)
    assert fields(got) == ["options.max_bullets"]


def test_model_name_bounded() -> None:
    options = common_pb2.TailorOptions(model="m" * 11)
    got = validation.start_tailoring(tailoring(options=options), LIMITS)
    assert fields(got) == ["options.model"]


@pytest.mark.parametrize(
    ("model", "ok"),
    [("gpt-4o", True), ("org/m:q4", True), ("a b", False), ("jane@x.io", False), ("-x", False)],
)
def test_model_name_is_an_id(model: str, ok: bool) -> None:
    options = common_pb2.TailorOptions(model=model)
    got = validation.start_tailoring(tailoring(options=options), LIMITS)
    assert fields(got) == ([] if ok else ["options.model"])


# --- export -----------------------------------------------------------------------------


def export(**kwargs: object) -> resume_builder_pb2.StartExportRequest:
    base: dict[str, object] = {"run_id": ID, "format": common_pb2.EXPORT_FORMAT_PDF}
    base.update(kwargs)
    return resume_builder_pb2.StartExportRequest(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", [common_pb2.EXPORT_FORMAT_DOCX, common_pb2.EXPORT_FORMAT_PDF])
def test_export_format_ok(fmt: int) -> None:
    assert validation.start_export(export(format=fmt)) == []


@pytest.mark.parametrize("fmt", [common_pb2.EXPORT_FORMAT_UNSPECIFIED, 7])
def test_export_format_bad(fmt: int) -> None:
    assert fields(validation.start_export(export(format=fmt))) == ["format"]


def test_export_template_and_kind() -> None:
    assert validation.start_export(export(template=0, kind=0)) == []
    assert (
        validation.start_export(
            export(
                template=common_pb2.RESUME_TEMPLATE_FEDERAL,
                kind=common_pb2.ARTIFACT_KIND_TAILORING_REPORT,
            )
        )
        == []
    )
    assert fields(validation.start_export(export(template=9, kind=9))) == ["template", "kind"]


def test_export_run_id_and_request_id() -> None:
    got = validation.start_export(export(run_id="", request_id="no spaces allowed"))
    assert fields(got) == ["request_id", "run_id"]


def test_pasted_resume_text_past_the_line_limit_is_refused_up_front() -> None:
    from kit.documents import MAX_LINES

    roomy = Limits(max_resume_chars=1_000_000)
    at_limit = "\n".join("x" for _ in range(MAX_LINES))
    assert validation.start_tailoring(tailoring(resume_text=at_limit), roomy) == []
    past = at_limit + "\nx"
    found = validation.start_tailoring(tailoring(resume_text=past), roomy)
    assert found == [
        ("resume_text", f"has {MAX_LINES + 1} lines of text; at most {MAX_LINES} can be tailored")
    ]
    created = validation.create_resume(
        resume_builder_pb2.CreateResumeRequest(display_name="cv", text=past), roomy
    )
    assert [field for field, _ in created] == ["text"]
