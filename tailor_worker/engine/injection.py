"""Recognises text addressed to an AI model ("ignore previous instructions ...").

Such lines in a resume or job description are data, never instructions: the engine drops
them from evidence and requirements so they can neither steer a provider nor be quoted.
"""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules|context)\b"
    r"|\b(?:system|developer)\s+(?:prompt|message)\b"
    r"|\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|chatgpt|gpt|language\s+model|llm)\b"
    r"|\b(?:as\s+an?\s+)?(?:ai|llm|language\s+model)\s*[,:]?\s*(?:must|should|will)\b"
    r"|\bnew\s+instructions?\s*:"
    r"|<\|?(?:im_start|system|endoftext)\|?>",
    re.IGNORECASE,
)


def looks_like_instruction(text: str) -> bool:
    return _INSTRUCTION.search(text) is not None
