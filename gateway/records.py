"""Between the public API (`resumeai.v1`) and the storage contract (`resumeai.storage.v1`):
validated public requests become storage requests, storage records become public resources.
Pure; the two contracts evolve apart and meet only here."""

from __future__ import annotations

from resumeai.storage.v1 import records_pb2, storage_pb2
from resumeai.v1 import common_pb2, resources_pb2, resume_builder_pb2

# --- requests -------------------------------------------------------------------------------


def pasted(text: str) -> records_pb2.Document:
    """Pasted text is a TXT document."""
    return records_pb2.Document(format=common_pb2.DOCUMENT_FORMAT_TXT, content=text.encode())


def uploaded(file: common_pb2.DocumentFile) -> records_pb2.Document:
    return records_pb2.Document(format=file.format, content=file.content, filename=file.filename)


def create_resume(
    owner: str, request: resume_builder_pb2.CreateResumeRequest
) -> storage_pb2.CreateResumeRequest:
    document = pasted(request.text) if request.HasField("text") else uploaded(request.file)
    return storage_pb2.CreateResumeRequest(
        owner_id=owner, document=document, display_name=request.display_name
    )


def create_job_posting(
    owner: str, request: resume_builder_pb2.CreateJobPostingRequest
) -> storage_pb2.CreateJobPostingRequest:
    return storage_pb2.CreateJobPostingRequest(
        owner_id=owner, text=request.text, title=request.title, company=request.company
    )


def create_tailor_run(
    owner: str, request: resume_builder_pb2.StartTailoringRequest
) -> storage_pb2.CreateTailorRunRequest:
    out = storage_pb2.CreateTailorRunRequest(
        owner_id=owner, request_id=request.request_id, options=request.options
    )
    resume = request.WhichOneof("resume")
    if resume == "resume_id":
        out.resume_id = request.resume_id
    elif resume == "resume_text":
        out.resume_document.CopyFrom(pasted(request.resume_text))
    elif resume == "resume_file":
        out.resume_document.CopyFrom(uploaded(request.resume_file))
    if request.WhichOneof("job") == "job_posting_id":
        out.job_posting_id = request.job_posting_id
    elif request.WhichOneof("job") == "job_text":
        out.job_text = request.job_text
    return out


def create_artifact(
    owner: str, request: resume_builder_pb2.StartExportRequest
) -> storage_pb2.CreateArtifactRequest:
    return storage_pb2.CreateArtifactRequest(
        owner_id=owner,
        request_id=request.request_id,
        run_id=request.run_id,
        kind=request.kind,
        format=request.format,
        template=request.template,
    )


def page(page_size: int, page_token: str) -> storage_pb2.PageRequest:
    return storage_pb2.PageRequest(page_size=page_size, page_token=page_token)


# --- records --------------------------------------------------------------------------------


def resume(record: records_pb2.ResumeRecord) -> resources_pb2.Resume:
    out = resources_pb2.Resume(
        id=record.id,
        display_name=record.display_name,
        format=record.format,
        filename=record.filename,
        size_bytes=record.size_bytes,
        sha256=record.sha256,
        create_time=record.create_time if record.HasField("create_time") else None,
    )
    # The text of pasted and TXT resumes; DOCX and PDF are read by the workers, not here.
    if record.content and record.format == common_pb2.DOCUMENT_FORMAT_TXT:
        out.text = record.content.decode("utf-8", errors="replace")
    return out


def job_posting(record: records_pb2.JobPostingRecord) -> resources_pb2.JobPosting:
    return resources_pb2.JobPosting(
        id=record.id,
        title=record.title,
        company=record.company,
        size_bytes=record.size_bytes,
        sha256=record.sha256,
        create_time=record.create_time if record.HasField("create_time") else None,
        text=record.text,
    )


def tailor_run(record: records_pb2.TailorRunRecord) -> resources_pb2.TailorRun:
    out = resources_pb2.TailorRun(
        id=record.id,
        status=record.status,
        resume_id=record.resume_id,
        job_posting_id=record.job_posting_id,
        request_id=record.request_id,
        attempts=record.attempts,
        error=record.error,
        score_before=record.score_before,
        score_after=record.score_after,
        notices=record.notices,
    )
    for field in (
        "options",
        "create_time",
        "update_time",
        "start_time",
        "end_time",
        "metadata",
        "result",
    ):
        if record.HasField(field):
            getattr(out, field).CopyFrom(getattr(record, field))
    return out


def artifact(record: records_pb2.ArtifactRecord) -> resources_pb2.Artifact:
    out = resources_pb2.Artifact(
        id=record.id,
        run_id=record.run_id,
        kind=record.kind,
        format=record.format,
        template=record.template,
        status=record.status,
        filename=record.filename,
        content_type=record.content_type,
        size_bytes=record.size_bytes,
        sha256=record.sha256,
        request_id=record.request_id,
        error=record.error,
        attempts=record.attempts,
    )
    for field in ("create_time", "update_time"):
        if record.HasField(field):
            getattr(out, field).CopyFrom(getattr(record, field))
    return out


def chunk(part: storage_pb2.ReadArtifactResponse) -> resources_pb2.ArtifactChunk:
    return resources_pb2.ArtifactChunk(
        offset=part.offset,
        data=part.data,
        total_size=part.total_size,
        content_type=part.content_type,
        filename=part.filename,
        sha256=part.sha256,
    )
