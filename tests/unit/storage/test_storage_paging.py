"""Page tokens: round trip, and every kind of tampering is INVALID_ARGUMENT on page_token."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime

import pytest

from storage_service.errors import InvalidArgument
from storage_service.repositories.common import (
    decode_token,
    encode_token,
    page_request,
)

WHEN = datetime(2025, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def _b64(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode()


def test_round_trip() -> None:
    row_id = uuid.uuid4()
    token = encode_token("resumes", WHEN, row_id)
    assert "=" not in token
    assert decode_token(token, "resumes") == (WHEN, row_id)


@pytest.mark.parametrize(
    "token",
    [
        "%%%",
        "e30",  # {}
        _b64([1, 2]),
        _b64({"k": "job_postings", "t": WHEN.isoformat(), "i": str(uuid.uuid4())}),
        _b64({"k": "resumes", "t": "yesterday", "i": str(uuid.uuid4())}),
        _b64({"k": "resumes", "t": "2025-01-02T03:04:05", "i": str(uuid.uuid4())}),
        _b64({"k": "resumes", "t": WHEN.isoformat(), "i": "nope"}),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_tampered_tokens_are_rejected(token: str) -> None:
    with pytest.raises(InvalidArgument) as err:
        decode_token(token, "resumes")
    assert err.value.field == "page_token"


@pytest.mark.parametrize(("asked", "size"), [(0, 20), (1, 1), (100, 100), (5000, 100)])
def test_page_size(asked: int, size: int) -> None:
    assert page_request(asked, "", "resumes").size == size


def test_negative_page_size_is_invalid() -> None:
    with pytest.raises(InvalidArgument) as err:
        page_request(-1, "", "resumes")
    assert err.value.field == "page_size"
