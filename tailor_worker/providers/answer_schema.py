"""The versioned JSON schema of an LLM provider's answer, and its validation.

The schema is sent as strict structured output, but an OpenAI-compatible server may ignore
it, so every answer is validated here again before anything reaches the guard. A change to
the schema is a new version (name and constant), which changes the run identity.
"""

from __future__ import annotations

import json
from typing import Any

from tailor_worker.engine.proposals import ProposedBullet

ANSWER_SCHEMA_VERSION = "1"
ANSWER_SCHEMA_NAME = f"tailored_bullets_v{ANSWER_SCHEMA_VERSION}"
MAX_TEXT = 1000  # the guard trims to 350; this only bounds what we parse
MAX_IDS = 10
MAX_KEYWORDS = 20

# Strict mode needs every property required and no additional properties.
ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "bullets": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "text": {"type": "string", "description": "the tailored bullet"},
                    "evidence_ids": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "ids of the evidence lines the bullet rests on",
                    },
                    "keywords": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "job keywords the bullet mentions",
                    },
                },
                "required": ["text", "evidence_ids", "keywords"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["bullets"],
    "additionalProperties": False,
}


class AnswerInvalid(ValueError):
    """The answer is not JSON matching ANSWER_SCHEMA. The message never quotes the answer."""


def _strings(value: object, field: str, limit: int) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AnswerInvalid(f"'{field}' must be an array of strings")
    if len(value) > limit:
        raise AnswerInvalid(f"'{field}' has more than {limit} items")
    return tuple(v.strip() for v in value if v.strip())


def parse_answer(content: str | None, max_bullets: int) -> tuple[ProposedBullet, ...]:
    """Validate an answer against ANSWER_SCHEMA and turn it into proposals.

    More than `max_bullets` bullets is not an error (the guard keeps the first ones), but
    more than twice that is treated as a runaway answer.
    """
    if not content or not content.strip():
        raise AnswerInvalid("the answer is empty")
    try:
        data = json.loads(content)
    except (json.JSONDecodeError, RecursionError):
        raise AnswerInvalid("the answer is not valid JSON") from None
    if not isinstance(data, dict) or set(data) != {"bullets"}:
        raise AnswerInvalid("the answer must be an object with exactly the key 'bullets'")
    items = data["bullets"]
    if not isinstance(items, list):
        raise AnswerInvalid("'bullets' must be an array")
    if len(items) > 2 * max_bullets:
        raise AnswerInvalid(f"'bullets' has more than {2 * max_bullets} items")
    out: list[ProposedBullet] = []
    for position, item in enumerate(items, 1):
        if not isinstance(item, dict) or set(item) != {"text", "evidence_ids", "keywords"}:
            raise AnswerInvalid(
                f"bullet {position} must have exactly 'text', 'evidence_ids' and 'keywords'"
            )
        text = item["text"]
        if not isinstance(text, str):
            raise AnswerInvalid(f"bullet {position}: 'text' must be a string")
        if len(text) > MAX_TEXT:
            raise AnswerInvalid(f"bullet {position}: 'text' is longer than {MAX_TEXT}")
        out.append(
            ProposedBullet(
                text=text,
                evidence_ids=_strings(item["evidence_ids"], "evidence_ids", MAX_IDS),
                keywords=_strings(item["keywords"], "keywords", MAX_KEYWORDS),
            )
        )
    return tuple(out)
