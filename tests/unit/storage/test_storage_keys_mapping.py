"""API key format and hashing; proto <-> JSON mapping of results and parameters."""

from __future__ import annotations

import hashlib

from kit.api_keys import KEY_PREFIX, generate_key, key_sha256
from resumeai.v1 import common_pb2, result_pb2
from storage_service import records


def test_keys_are_random_and_hashed_as_hex_sha256() -> None:
    keys = {generate_key() for _ in range(50)}
    assert len(keys) == 50
    key = keys.pop()
    assert key.startswith(KEY_PREFIX) and len(key) == len(KEY_PREFIX) + 43
    assert key_sha256(key) == hashlib.sha256(key.encode()).hexdigest()


def test_result_json_round_trip() -> None:
    result = result_pb2.TailoringResult(
        schema_version="1",
        coverage_after=result_pb2.CoverageReport(score=result_pb2.MatchScore(overall=12.5)),
        metadata=common_pb2.RunMetadata(prompt_tokens=2**40, provider="openai"),
    )
    data = records.result_to_json(result)
    assert "coverage_after" in data  # .proto field names, not lowerCamelCase
    assert records.result_from_json(data) == result
    # A newer writer's unknown fields do not break reading.
    assert records.result_from_json({**data, "from_the_future": 1}) == result


def test_parameters_json() -> None:
    assert records.parameters_to_json("") is None
    assert records.parameters_to_json('{"b": 1, "a": 2}') == {"b": 1, "a": 2}
    assert records.parameters_to_json("not json") == "not json"
    assert records.parameters_from_json({"b": 1, "a": 2}) == '{"a":2,"b":1}'
    assert records.parameters_from_json("not json") == "not json"
    assert records.parameters_from_json(None) == ""
