"""The engine's public API: what the worker, `make eval`, the benches and the tests call.

- `read_resume(content, fmt)`: an uploaded file's bytes (TXT, DOCX, PDF) into the parsed
  resume with evidence ids, through `kit.documents.extract_text` (hostile files refused with a
  `DocumentError`), plus the extraction's warnings in `resume.warnings`;
- `read_resume_lines(lines)`: the same from text lines already extracted;
- `analyze_job(text)`: requirements, keywords with categories and levels, alternatives;
- `tailor(lines, job_text, today=...)`: the whole run with the engine's own offline
  proposals, guard included;
- `prepare`, `proposal_request`, `finish`: the same run in three steps, so a model can
  propose between them (`tailor_worker.tailoring` does that with a provider).

All of it is pure: no I/O (but reading the shipped models once), no clock (`today` is
given), no threads. Everything else in `tailor_worker.engine` is internal and may change.
"""

from __future__ import annotations

from kit.documents import DocumentFormat, extract_text
from resumeai.v1 import result_pb2
from tailor_worker.engine.entities.model import Tagger
from tailor_worker.engine.job_analyzer import AnalyzedJob, analyze_job
from tailor_worker.engine.pipeline import Prepared, finish, prepare, proposal_request, tailor
from tailor_worker.engine.proposals import ProposalRequest, ProposalResponse, ProposedBullet
from tailor_worker.engine.resume_parser import parse_resume

__all__ = [
    "AnalyzedJob", "Prepared", "ProposalRequest", "ProposalResponse", "ProposedBullet", "Tagger",
    "analyze_job", "finish", "prepare", "proposal_request", "read_resume", "read_resume_lines",
    "tailor",
]


def read_resume_lines(
    lines: list[str], *, tagger: Tagger | None = None
) -> result_pb2.ParsedResume:
    """Raises ResumeParseError when nothing in the lines reads as a resume. `tagger` is the
    entity model (the shipped one by default)."""
    return parse_resume(lines, tagger)


def read_resume(
    content: bytes, fmt: DocumentFormat, *, tagger: Tagger | None = None
) -> result_pb2.ParsedResume:
    """Raises kit.documents.DocumentError for unreadable or hostile files, ResumeParseError
    when nothing in the file reads as a resume. `tagger` is the entity model (the shipped one
    by default; cross-validation passes one per fold)."""
    document = extract_text(content, fmt)
    resume = parse_resume(document.lines, tagger)
    resume.warnings[:0] = list(document.warnings)
    return resume
