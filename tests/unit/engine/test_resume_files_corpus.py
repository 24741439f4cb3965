"""Every resume file of the corpus (tests/resume_files/corpus: Word files with soft breaks,
layout tables, text boxes and header contacts; their LibreOffice PDF exports; reportlab
one- and two-column PDFs; flattened and plain text) is read with its roles, dates and
bullets.

The expectations come from corpus/expected.json, which tests/resume_files/make_corpus.py
writes with the files. A file the parser still misreads carries a "parser_gap" there and is
a strict xfail: it must fail until the parser reads it, then the gap is removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kit.documents import extract_text
from resumeai.v1 import common_pb2
from tailor_worker.engine.api import read_resume
from tests.resume_files import make_corpus, people

CORPUS = make_corpus.CORPUS
MANIFEST: dict[str, Any] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
FORMATS = {
    "TXT": common_pb2.DOCUMENT_FORMAT_TXT,
    "DOCX": common_pb2.DOCUMENT_FORMAT_DOCX,
    "PDF": common_pb2.DOCUMENT_FORMAT_PDF,
}
MAX_FILE_BYTES = 100_000
_PLACES = {(r.position, r.company): r.location for p in people.PEOPLE for r in p.roles}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _cases() -> list[Any]:
    cases = []
    for entry in MANIFEST["files"]:
        marks = []
        if entry.get("parser_gap"):
            marks.append(pytest.mark.xfail(strict=True, reason=entry["parser_gap"]))
        cases.append(pytest.param(entry, id=entry["file"], marks=marks))
    return cases


def test_corpus_has_every_shape_and_only_listed_small_files() -> None:
    entries = MANIFEST["files"]
    assert len(entries) >= 40
    listed = {entry["file"] for entry in entries}
    on_disk = {
        path.name
        for path in CORPUS.iterdir()
        if path.name != "expected.json" and not path.name.startswith(".")
    }
    assert listed == on_disk
    shapes = {entry["shape"] for entry in entries}
    expected_shapes = set(make_corpus.DOCX_SHAPES) | set(make_corpus.OTHER_SHAPES)
    expected_shapes |= {"pdf_lo_" + s.removeprefix("docx_") for s in make_corpus.DOCX_SHAPES}
    assert shapes == expected_shapes
    for entry in entries:
        assert entry["format"] in FORMATS
        assert (CORPUS / entry["file"]).stat().st_size < MAX_FILE_BYTES, entry["file"]
        assert entry["roles"], entry["file"]
    assert set(make_corpus.PARSER_GAPS) <= listed


def test_committed_corpus_is_what_the_generator_writes(tmp_path: Path) -> None:
    """The DOCX, reportlab PDF and TXT files rebuilt from the generator read as the committed
    ones do, and the manifest lists them the same way (the LibreOffice exports are not
    rebuilt here: CI has no LibreOffice)."""
    fresh = {
        entry["file"]: entry
        for entry in make_corpus.build(tmp_path, export=False, log=lambda _: None)
    }
    committed = {entry["file"]: entry for entry in MANIFEST["files"]}
    assert fresh, "the generator wrote nothing"
    for name, entry in fresh.items():
        assert committed.get(name) == entry, name
        fmt = FORMATS[entry["format"]]
        new_lines = extract_text((tmp_path / name).read_bytes(), fmt).lines
        old_lines = extract_text((CORPUS / name).read_bytes(), fmt).lines
        assert new_lines == old_lines, f"{name} is stale: rerun make_corpus"
    exports = set(committed) - set(fresh)
    assert exports == {
        f"{key}-{shape.removeprefix('docx_')}.pdf"
        for shape, keys in make_corpus.DOCX_SHAPES.items()
        for key in keys
    }


@pytest.mark.parametrize("entry", _cases())
def test_resume_file_is_read_with_its_roles_dates_and_bullets(entry: dict[str, Any]) -> None:
    content = (CORPUS / entry["file"]).read_bytes()
    resume = read_resume(content, FORMATS[entry["format"]])
    expected = entry["roles"]
    failures: list[str] = []
    if len(resume.work) != len(expected):
        failures.append(
            f"{len(resume.work)} roles read, {len(expected)} expected: "
            + "; ".join(f"{w.position!r} at {w.company!r}" for w in resume.work)
        )
    for i, (work, role) in enumerate(zip(resume.work, expected, strict=False), start=1):
        where = f"role {i} ({role['position']}, {role['company']})"
        if not work.start_date or not work.dates_text:
            failures.append(
                f"{where}: dates not read (dates_text {work.dates_text!r}, start "
                f"{work.start_date!r}, end {work.end_date!r}; written {role['dates']!r})"
            )
        highlights = [_norm(h.text) for h in work.highlights]
        if len(highlights) < role["bullets"]:
            failures.append(f"{where}: {len(highlights)} bullets, {role['bullets']} expected")
        for text in role["bullet_texts"]:
            if _norm(text) not in highlights:
                failures.append(f"{where}: bullet {text!r} not among {highlights}")
        if role["position"].lower() not in work.position.lower():
            failures.append(f"{where}: position read as {work.position!r}")
        if role["company"].lower() not in work.company.lower():
            failures.append(f"{where}: company read as {work.company!r}")
        # The place, or its town alone ("Denver" of "Denver, CO"); never other header text.
        place = _PLACES[(role["position"], role["company"])]
        if not work.location or work.location not in place:
            failures.append(f"{where}: location read as {work.location!r}, written {place!r}")
    # Every word of these files is visible: the hidden-text filter leaves none out.
    failures += [w for w in resume.warnings if "hidden text" in w]
    assert not failures, f"{entry['file']} ({entry['shape']}):\n" + "\n".join(failures)
