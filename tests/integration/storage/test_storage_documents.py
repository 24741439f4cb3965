"""Resumes and job postings: owner scoping, Get with text, lists without, keyset paging."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid

import grpc
import pytest

from kit.grpc_errors import bad_request_violations
from resumeai.storage.v1 import records_pb2, storage_pb2
from resumeai.v1 import common_pb2
from tests.integration.storage.helpers import JOB_TEXT, RESUME_TEXT, Stub, pasted


async def create_resume(stub: Stub, owner: str, text: str = RESUME_TEXT, name: str = "cv") -> str:
    reply = await stub.CreateResume(
        storage_pb2.CreateResumeRequest(owner_id=owner, document=pasted(text), display_name=name)
    )
    return reply.resume.id


async def create_job(stub: Stub, owner: str) -> str:
    reply = await stub.CreateJobPosting(
        storage_pb2.CreateJobPostingRequest(
            owner_id=owner, title="Platform Engineer", company="Acme", text=JOB_TEXT
        )
    )
    return reply.job_posting.id


async def expect(code: grpc.StatusCode, call: object) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call  # type: ignore[misc]
    assert err.value.code() == code, err.value.details()
    return err.value


def _resume_id(owner: str, resume_id: str) -> storage_pb2.GetResumeRequest:
    return storage_pb2.GetResumeRequest(owner_id=owner, resume_id=resume_id)


async def test_resume_round_trip(stub: Stub, owner: str) -> None:
    created = (
        await stub.CreateResume(
            storage_pb2.CreateResumeRequest(
                owner_id=owner, document=pasted(RESUME_TEXT), display_name="main"
            )
        )
    ).resume
    assert created.content == b""  # create answers with the summary
    data = RESUME_TEXT.encode()
    assert created.size_bytes == len(data)
    assert created.sha256 == hashlib.sha256(data).hexdigest()
    assert created.format == common_pb2.DOCUMENT_FORMAT_TXT
    assert created.create_time.seconds > 0

    got = (await stub.GetResume(_resume_id(owner, created.id))).resume
    assert got.content.decode() == RESUME_TEXT
    assert got.display_name == "main"


async def test_file_resume_keeps_format_and_filename(stub: Stub, owner: str) -> None:
    document = records_pb2.Document(
        filename="cv.pdf", format=common_pb2.DOCUMENT_FORMAT_PDF, content=b"%PDF-1.7 fake"
    )
    created = (
        await stub.CreateResume(storage_pb2.CreateResumeRequest(owner_id=owner, document=document))
    ).resume
    got = (await stub.GetResume(_resume_id(owner, created.id))).resume
    assert (got.format, got.filename, got.size_bytes) == (
        common_pb2.DOCUMENT_FORMAT_PDF,
        "cv.pdf",
        len(document.content),
    )
    # Records carry the source bytes (not extracted text): the PDF comes back as uploaded.
    assert got.content == document.content
    # The filename (often the person's name) is not a display-name default, and lists leave
    # it out; Get keeps it.
    assert got.display_name == ""
    listed = await stub.ListResumes(storage_pb2.ListResumesRequest(owner_id=owner))
    summary = next(r for r in listed.resumes if r.id == created.id)
    assert (summary.filename, summary.display_name) == ("", "")
    assert summary.format == common_pb2.DOCUMENT_FORMAT_PDF and summary.size_bytes
    assert summary.content == b""


async def test_resume_without_source_is_invalid(stub: Stub, owner: str) -> None:
    err = await expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        stub.CreateResume(storage_pb2.CreateResumeRequest(owner_id=owner)),
    )
    assert bad_request_violations(err)[0][0] == "document.content"


async def test_other_owner_sees_not_found(stub: Stub, owner: str, other_owner: str) -> None:
    resume_id = await create_resume(stub, owner)
    job_id = await create_job(stub, owner)
    foreign = (other_owner, resume_id)
    missing = (owner, str(uuid.uuid4()))
    malformed = (owner, "not-a-uuid")
    for who, rid in (foreign, missing, malformed):
        await expect(grpc.StatusCode.NOT_FOUND, stub.GetResume(_resume_id(who, rid)))
        await expect(
            grpc.StatusCode.NOT_FOUND,
            stub.DeleteResume(storage_pb2.DeleteResumeRequest(owner_id=who, resume_id=rid)),
        )
    await expect(
        grpc.StatusCode.NOT_FOUND,
        stub.GetJobPosting(
            storage_pb2.GetJobPostingRequest(owner_id=other_owner, job_posting_id=job_id)
        ),
    )
    await expect(
        grpc.StatusCode.NOT_FOUND,
        stub.DeleteJobPosting(
            storage_pb2.DeleteJobPostingRequest(owner_id=other_owner, job_posting_id=job_id)
        ),
    )
    # Messages do not tell "someone else's" from "missing".
    first = await expect(grpc.StatusCode.NOT_FOUND, stub.GetResume(_resume_id(*foreign)))
    second = await expect(grpc.StatusCode.NOT_FOUND, stub.GetResume(_resume_id(*missing)))
    assert first.details() == second.details()
    # Still there for its owner.
    assert (await stub.GetResume(_resume_id(owner, resume_id))).resume.id
    listed = await stub.ListResumes(storage_pb2.ListResumesRequest(owner_id=other_owner))
    assert list(listed.resumes) == []


async def test_list_pages_newest_first_without_duplicates_or_text(
    stub: Stub, owner: str, other_owner: str
) -> None:
    created = [await create_resume(stub, owner, name=f"cv{i}") for i in range(7)]
    await create_resume(stub, other_owner)
    seen: list[str] = []
    token = ""
    pages = 0
    while True:
        page = await stub.ListResumes(
            storage_pb2.ListResumesRequest(
                owner_id=owner, page=storage_pb2.PageRequest(page_size=3, page_token=token)
            )
        )
        pages += 1
        assert len(page.resumes) <= 3
        for item in page.resumes:
            assert item.content == b""
            assert item.sha256 and item.size_bytes
        seen.extend(item.id for item in page.resumes)
        token = page.next_page_token
        if not token:
            break
    assert pages == 3
    assert seen == list(reversed(created))


async def test_page_size_default_and_cap(stub: Stub, owner: str) -> None:
    for _ in range(21):
        await create_job(stub, owner)
    default = await stub.ListJobPostings(storage_pb2.ListJobPostingsRequest(owner_id=owner))
    assert len(default.job_postings) == 20 and default.next_page_token
    assert all(item.text == "" for item in default.job_postings)
    capped = await stub.ListJobPostings(
        storage_pb2.ListJobPostingsRequest(
            owner_id=owner, page=storage_pb2.PageRequest(page_size=1000)
        )
    )
    assert len(capped.job_postings) == 21 and not capped.next_page_token


def _forged(time: str, row: object = "00000000-0000-0000-0000-000000000000") -> str:
    raw = json.dumps({"k": "resumes", "t": time, "i": row})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "token",
    [
        "garbage!!",
        "eyJrIjogInJlc3VtZXMifQ",
        "e30",
        "bm90IGpzb24",
        # Well formed, forged: times Postgres cannot hold, an id of another shape.
        _forged("0001-01-01T00:00:00+05:00"),
        _forged("9999-12-31T23:59:59-05:00"),
        _forged("2024-01-01T00:00:00+00:00", 12),
        _forged("2024-01-01T00:00:00+00:00", ["a"]),
        "A" * 20000,
    ],
)
async def test_invalid_page_token_is_invalid_argument(stub: Stub, owner: str, token: str) -> None:
    err = await expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        stub.ListResumes(
            storage_pb2.ListResumesRequest(
                owner_id=owner, page=storage_pb2.PageRequest(page_token=token)
            )
        ),
    )
    assert bad_request_violations(err) == [("page_token", "invalid page token")]


async def test_page_token_of_another_list_is_rejected(stub: Stub, owner: str) -> None:
    for _ in range(2):
        await create_resume(stub, owner)
    token = (
        await stub.ListResumes(
            storage_pb2.ListResumesRequest(
                owner_id=owner, page=storage_pb2.PageRequest(page_size=1)
            )
        )
    ).next_page_token
    assert token
    await expect(
        grpc.StatusCode.INVALID_ARGUMENT,
        stub.ListJobPostings(
            storage_pb2.ListJobPostingsRequest(
                owner_id=owner, page=storage_pb2.PageRequest(page_token=token)
            )
        ),
    )


async def test_deleted_job_posting_disappears(stub: Stub, owner: str) -> None:
    job_id = await create_job(stub, owner)
    get = storage_pb2.GetJobPostingRequest(owner_id=owner, job_posting_id=job_id)
    delete = storage_pb2.DeleteJobPostingRequest(owner_id=owner, job_posting_id=job_id)
    assert (await stub.GetJobPosting(get)).job_posting.text
    await stub.DeleteJobPosting(delete)
    await expect(grpc.StatusCode.NOT_FOUND, stub.GetJobPosting(get))
    await expect(grpc.StatusCode.NOT_FOUND, stub.DeleteJobPosting(delete))
    listed = await stub.ListJobPostings(storage_pb2.ListJobPostingsRequest(owner_id=owner))
    assert job_id not in [item.id for item in listed.job_postings]


async def test_an_unexpected_error_is_internal_and_says_nothing_more(
    stub: Stub, owner: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug's text (a driver message, a query) is logged, never sent to the caller."""
    from storage_service.repositories import resumes

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("SELECT secret FROM resumes WHERE text = 'Jane Doe'")

    monkeypatch.setattr(resumes, "list_page", broken)
    err = await expect(
        grpc.StatusCode.INTERNAL, stub.ListResumes(storage_pb2.ListResumesRequest(owner_id=owner))
    )
    assert err.details() == "internal error"
