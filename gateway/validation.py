"""Request validation: pure functions returning BadRequest field violations.

Each function takes a public request (and the limits) and returns `(field_path, description)`
pairs; an empty list means the request may go to storage. Descriptions never quote the
caller's text. Files get signature checks only: the gateway never parses untrusted documents.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from kit.documents.common import too_many_lines
from kit.limits import MAX_BULLETS, MAX_PAGE_SIZE, MIN_BULLETS
from kit.limits import PROVIDERS as NAMED_PROVIDERS
from resumeai.v1 import common_pb2, resume_builder_pb2

Violations = list[tuple[str, str]]

REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._:-]{1,128}")
MAX_FILENAME_CHARS = 255
# Page tokens are opaque storage cursors; this bound only stops absurd inputs early.
MAX_PAGE_TOKEN_CHARS = 1024
PROVIDERS = frozenset({"", *NAMED_PROVIDERS})  # "": the deployment's default

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Limits:
    """Size limits, from GatewaySettings (defaults match the contract's comments)."""

    max_resume_chars: int = 200_000
    max_job_chars: int = 100_000
    max_file_bytes: int = 5 * 1024 * 1024
    max_name_chars: int = 200

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        return cls(
            max_resume_chars=settings.max_resume_chars,
            max_job_chars=settings.max_job_chars,
            max_file_bytes=settings.max_file_bytes,
            max_name_chars=settings.max_name_chars,
        )


# --- building blocks -------------------------------------------------------------------


def check_uuid(field: str, value: str, *, required: bool = True) -> Violations:
    if not value:
        return [(field, "is required")] if required else []
    try:
        uuid.UUID(value)
    except ValueError:
        return [(field, "must be a UUID")]
    # uuid.UUID also accepts braces, "urn:uuid:" and missing hyphens; ids are canonical.
    if len(value) != 36:
        return [(field, "must be a UUID")]
    return []


def check_request_id(field: str, value: str) -> Violations:
    """Empty is allowed: the gateway then generates one (no idempotency across retries)."""
    if value and not REQUEST_ID_RE.fullmatch(value):
        return [(field, "must be 1..128 characters of [A-Za-z0-9._:-]")]
    return []


def check_text(field: str, value: str, max_chars: int, *, required: bool) -> Violations:
    if not value.strip():
        return [(field, "must not be empty")] if required else []
    if len(value) > max_chars:
        return [(field, f"must be at most {max_chars} characters")]
    # Postgres text cannot hold NUL; refuse it here rather than fail deep inside storage.
    if "\x00" in value:
        return [(field, "must not contain NUL characters")]
    return []


def check_resume_text(field: str, value: str, max_chars: int) -> Violations:
    """Pasted resume text: `check_text`, and no more lines than a run can tailor."""
    found = check_text(field, value, max_chars, required=True)
    if not found:
        refusal = too_many_lines(sum(1 for line in value.splitlines() if line.strip()))
        if refusal:
            found.append((field, refusal))
    return found


def check_name(field: str, value: str, max_chars: int) -> Violations:
    if len(value) > max_chars:
        return [(field, f"must be at most {max_chars} characters")]
    if "\x00" in value:
        return [(field, "must not contain NUL characters")]
    return []


def signature_problem(fmt: int, content: bytes) -> str | None:
    """Why `content` does not look like `fmt`, or None. Magic bytes only, never a parse."""
    if fmt == common_pb2.DOCUMENT_FORMAT_PDF:
        return None if content.startswith(PDF_MAGIC) else "is not a PDF (no %PDF- header)"
    if fmt == common_pb2.DOCUMENT_FORMAT_DOCX:
        return None if content.startswith(ZIP_MAGIC) else "is not a DOCX (not a zip archive)"
    if fmt == common_pb2.DOCUMENT_FORMAT_TXT:
        if b"\x00" in content:
            return "is not text (contains NUL bytes)"
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return "is not valid UTF-8 text"
        return None
    return "has an unsupported format"


def check_file(field: str, file: common_pb2.DocumentFile, limits: Limits) -> Violations:
    found: Violations = []
    found += check_name(f"{field}.filename", file.filename, MAX_FILENAME_CHARS)
    known = file.format in common_pb2.DocumentFormat.values()
    if file.format == common_pb2.DOCUMENT_FORMAT_UNSPECIFIED or not known:
        found.append((f"{field}.format", "must be TXT, DOCX or PDF"))
    if not file.content:
        found.append((f"{field}.content", "must not be empty"))
    elif len(file.content) > limits.max_file_bytes:
        found.append((f"{field}.content", f"must be at most {limits.max_file_bytes} bytes"))
    elif known and file.format != common_pb2.DOCUMENT_FORMAT_UNSPECIFIED:
        problem = signature_problem(file.format, file.content)
        if problem:
            found.append((f"{field}.content", f"{problem}; does not match {field}.format"))
    return found


def check_page(page_size: int, page_token: str) -> Violations:
    found: Violations = []
    if not 0 <= page_size <= MAX_PAGE_SIZE:
        found.append(("page_size", f"must be 0..{MAX_PAGE_SIZE}"))
    if len(page_token) > MAX_PAGE_TOKEN_CHARS:
        found.append(("page_token", "is not a valid page token"))
    return found


def check_enum(field: str, value: int, enum: Any, *, allow_unspecified: bool) -> Violations:
    # Proto3 enums are open: an unknown number survives parsing, so check it explicitly.
    if value not in enum.values() or (value == 0 and not allow_unspecified):
        allowed = [n for n, v in enum.items() if allow_unspecified or v != 0]
        return [(field, f"must be one of {', '.join(allowed)}")]
    return []


MODEL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]*")


def check_options(field: str, options: common_pb2.TailorOptions, limits: Limits) -> Violations:
    found: Violations = []
    if options.provider not in PROVIDERS:
        named = " or ".join(f'"{p}"' for p in NAMED_PROVIDERS)
        found.append((f"{field}.provider", f"must be empty, {named}"))
    found += check_name(f"{field}.model", options.model, limits.max_name_chars)
    if options.model and not found and not MODEL_NAME.fullmatch(options.model):
        # Model names are ids ("gpt-4o-mini", "org/model:q4"): nothing else reaches a log.
        found.append((f"{field}.model", "must be a model name (letters, digits, . _ : / -)"))
    if options.max_bullets != 0 and not MIN_BULLETS <= options.max_bullets <= MAX_BULLETS:
        found.append(
            (f"{field}.max_bullets", f"must be 0 (default) or {MIN_BULLETS}..{MAX_BULLETS}")
        )
    return found


# --- one function per request ----------------------------------------------------------


def owned_id(request: Any) -> Violations:
    """Get / Delete / Watch / Download requests: a single `id`."""
    return check_uuid("id", request.id)


def list_page(request: Any) -> Violations:
    return check_page(request.page_size, request.page_token)


def list_artifacts(request: resume_builder_pb2.ListArtifactsRequest) -> Violations:
    return check_uuid("run_id", request.run_id, required=False) + list_page(request)


def create_resume(request: resume_builder_pb2.CreateResumeRequest, limits: Limits) -> Violations:
    found = check_name("display_name", request.display_name, limits.max_name_chars)
    source = request.WhichOneof("source")
    if source == "text":
        found += check_resume_text("text", request.text, limits.max_resume_chars)
    elif source == "file":
        found += check_file("file", request.file, limits)
    else:
        found.append(("source", "one of text or file is required"))
    return found


def create_job_posting(
    request: resume_builder_pb2.CreateJobPostingRequest, limits: Limits
) -> Violations:
    return (
        check_name("title", request.title, limits.max_name_chars)
        + check_name("company", request.company, limits.max_name_chars)
        + check_text("text", request.text, limits.max_job_chars, required=True)
    )


def start_tailoring(
    request: resume_builder_pb2.StartTailoringRequest, limits: Limits
) -> Violations:
    found = check_request_id("request_id", request.request_id)
    resume = request.WhichOneof("resume")
    if resume == "resume_id":
        found += check_uuid("resume_id", request.resume_id)
    elif resume == "resume_text":
        found += check_resume_text("resume_text", request.resume_text, limits.max_resume_chars)
    elif resume == "resume_file":
        found += check_file("resume_file", request.resume_file, limits)
    else:
        found.append(("resume", "one of resume_id, resume_text or resume_file is required"))
    job = request.WhichOneof("job")
    if job == "job_posting_id":
        found += check_uuid("job_posting_id", request.job_posting_id)
    elif job == "job_text":
        found += check_text("job_text", request.job_text, limits.max_job_chars, required=True)
    else:
        found.append(("job", "one of job_posting_id or job_text is required"))
    found += check_options("options", request.options, limits)
    return found


def start_export(request: resume_builder_pb2.StartExportRequest) -> Violations:
    return (
        check_request_id("request_id", request.request_id)
        + check_uuid("run_id", request.run_id)
        + check_enum("format", request.format, common_pb2.ExportFormat, allow_unspecified=False)
        + check_enum(
            "template", request.template, common_pb2.ResumeTemplate, allow_unspecified=True
        )
        + check_enum("kind", request.kind, common_pb2.ArtifactKind, allow_unspecified=True)
    )
