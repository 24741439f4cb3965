"""Recognises text that addresses a reader, reviewer, model or assistant, or instructs one.

Such lines in a resume or job description are data, never instructions: the engine drops
them from evidence and requirements so they can neither steer a provider nor be quoted, and
the guard refuses a bullet that reads like one. Matching runs on folded text (NFKC,
look-alike letters mapped to Latin, case folded, invisible characters removed), so "ignоre"
with a Cyrillic "о", full-width letters and zero-width spaces change nothing. A resume speaks
about its owner; it has no reason to speak *to* whoever reads it.
"""

from __future__ import annotations

import re

from tailor_worker.engine.folding import fold

_READER = (
    r"(?:ai|a\.i\.|artificial intelligence|assistant|chat ?bot|bot|model|llm|gpt|chatgpt|claude"
    r"|gemini|copilot|language model|system|reviewers?|recruiters?|readers?|summari[sz]ers?"
    r"|screeners?|screening (?:tool|software|system)|evaluators?|graders?|hiring (?:manager|team)s?"
    r"|ats|applicant tracking system|parser|algorithm|agent)"
)
_CANDIDATE = r"(?:this|the|said) (?:candidate|applicant|resume|cv|person|profile|individual)"
_MODEL = r"(?:ai|a\.i\.|assistant|chat ?bot|bot|model|llm|gpt|chatgpt|claude|language model)"
# Instructions to a model: never normal text in a resume or a job post.
_TO_A_MODEL = (
    r"\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}"
    r"\b(?:instructions?|prompts?|rules|context|guidelines|above|previous|prior|earlier)\b",
    r"\b(?:system|developer|hidden)\s+(?:prompt|message|instructions?)\b",
    rf"\byou\s+are\s+(?:now\s+)?(?:an?\s+)?{_MODEL}\b",
    rf"\b(?:as|if\s+you\s+are)\s+an?\s+{_MODEL}\b",
    rf"\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+|any\s+)?{_MODEL}s?\b",
    r"\b(?:as\s+an?\s+)?(?:ai|llm|language\s+model)\s*[,:]?\s*(?:must|should|will)\b",
    r"\bnew\s+instructions?\s*:",
    r"<\|?(?:im_start|im_end|system|endoftext)\|?>|\[/?(?:inst|system)\]|###\s*instruction",
)
# Speaking to whoever reads a resume, or telling them what to conclude: a resume speaks about
# its owner and has no reason to. (A job post addresses "you" all the time, so these are for
# resumes only.)
_TO_A_READER = (
    r"\byou\s+(?:are|must|should|will|shall|need to|have to|may)\b",
    r"\bif\s+you\s+are\b",
    rf"\b(?:note|message|instructions?|memo|reminder|attention|attn|dear|hello|hi|hey)"
    rf"\b\W*(?:to|for)?\W*(?:all\W+|any\W+|the\W+)?{_READER}\b",
    # "Recruiter: ...", "Recruiters, please ...": not a job title before its employer
    # ("Recruiter, Petra Books Publishing | 2021 – 2022", "Assistant, Acme Corp").
    rf"^\W*{_READER}\s*(?::|,(?!\s*[A-Z0-9])|and\s+\w+\s*[:,])",
    rf"\b(?:to|for)\s+(?:all\s+|any\s+|the\s+)?{_READER}\s*(?:and\s+\w+\s*)?[:,]",
    r"\bwhen\s+(?:summari[sz]ing|reviewing|evaluating|screening|ranking|scoring|reading)\b",
    # "System note:", "Reviewer instruction": a note to whoever processes the document.
    r"\b(?:system|admin|administrator|internal|hidden|reviewer|recruiter|screener|ai|model)"
    r"\s+(?:note|notice|message|instruction|directive|override)s?\b",
    # A resume speaks of its owner as "I" or not at all, never as "this candidate".
    r"\b(?:this|said)\s+(?:candidate|applicant)\b",
    r"\bthe\s+(?:candidate|applicant)\s+(?:is|was|has|holds|had|should|must|will|can|deserves)\b",
    r"\b(?:describe|rate|rank|score|present|portray|summari[sz]e|mark|treat|consider"
    r"|recommend|classify|label|flag|list|call|refer to)\b.{0,30}" + _CANDIDATE,
    _CANDIDATE + r"\s+(?:is|was|should|must|has|will)\s+(?:be\s+)?(?:the\s+|a\s+|an\s+)?"
    r"(?:best|perfect|ideal|strongest|top|excellent|most qualified|highly qualified)",
    r"\b(?:output|respond|reply|answer|print|say|state)\s+(?:only|with|that|the following)\b",
)
_INSTRUCTION = re.compile("|".join(_TO_A_MODEL), re.IGNORECASE)
_ADDRESSED = re.compile("|".join((*_TO_A_MODEL, *_TO_A_READER)), re.IGNORECASE)


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def looks_like_instruction(text: str) -> bool:
    """Text instructing an AI model (any document)."""
    return _INSTRUCTION.search(_folded(text)) is not None


def addresses_reader(text: str) -> bool:
    """A resume line that instructs a model or speaks to its reader (reviewer, recruiter,
    summarizer, screening tool) instead of about its owner."""
    return _ADDRESSED.search(_folded(text)) is not None
