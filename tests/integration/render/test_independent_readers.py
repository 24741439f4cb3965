"""Independent readers accept our files: LibreOffice (headless) converts every DOCX to PDF,
and poppler's pdftotext reads every PDF with each heading and bullet in order.

Both tools come from scripts/install_system_deps.sh (run by `make test` and CI); the tests
skip, saying why, only on a machine where that script has not run.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from export_worker.render import (
    build_report,
    build_tailored_resume,
    expected_lines,
    render_docx,
    render_pdf,
    verify_roundtrip,
)
from export_worker.render.blocks import Document
from export_worker.render.roundtrip import normalise
from tests.unit.render.resumes import ACCENTED_NAME, RESUMES, TEMPLATES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) not installed: run scripts/install_system_deps.sh",
)
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext not installed: run scripts/install_system_deps.sh"
)

# A resume that wraps onto two pages and one with Latin Extended-A text, through every
# template, plus the report: nine documents.
RESUME_NAMES = ("sample", "accented")


def _documents() -> dict[str, Document]:
    docs: dict[str, Document] = {}
    for name in RESUME_NAMES:
        result = RESUMES[name]()
        for key, template in TEMPLATES.items():
            docs[f"{name}-{key}"] = build_tailored_resume(result, template)
    docs["report"] = build_report(RESUMES["sample"]())
    return docs


DOCUMENTS = _documents()


def _pdftotext(path: Path) -> str:
    assert PDFTOTEXT is not None
    done = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout.decode("utf-8")


def _write_all(directory: Path, suffix: str, render: Callable[[Document], bytes]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for label, doc in DOCUMENTS.items():
        (directory / f"{label}{suffix}").write_bytes(render(doc))


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every DOCX converted by ONE soffice run (start-up dominates) with a fresh profile."""
    assert SOFFICE is not None
    root = tmp_path_factory.mktemp("libreoffice")
    source, out, profile = root / "docx", root / "pdf", root / "profile"
    _write_all(source, ".docx", render_docx)
    out.mkdir()
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *sorted(str(p) for p in source.iterdir()),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
    stderr = done.stderr.decode(errors="replace")
    assert done.returncode == 0, stderr
    assert "Error" not in stderr, stderr
    return out


@needs_soffice
@needs_pdftotext
@pytest.mark.parametrize("label", list(DOCUMENTS))
def test_libreoffice_converts_docx_with_all_text(libreoffice_pdfs: Path, label: str) -> None:
    converted = libreoffice_pdfs / f"{label}.pdf"
    assert converted.is_file(), "LibreOffice produced no PDF"
    assert converted.read_bytes().startswith(b"%PDF-")
    # LibreOffice's own layout of our DOCX, read by poppler: nothing lost, nothing reordered.
    verify_roundtrip(DOCUMENTS[label], _pdftotext(converted))


@needs_pdftotext
@pytest.mark.parametrize("label", list(DOCUMENTS))
def test_pdftotext_reads_every_heading_and_bullet_in_order(tmp_path: Path, label: str) -> None:
    doc = DOCUMENTS[label]
    path = tmp_path / f"{label}.pdf"
    path.write_bytes(render_pdf(doc))
    text = _pdftotext(path)
    verify_roundtrip(doc, text)
    # Independently of roundtrip.py: line by line, whitespace and wrap hyphens folded.
    haystack, cursor = normalise(text), 0
    for index, line in enumerate(expected_lines(doc)):
        found = haystack.find(normalise(line), cursor)
        assert found >= 0, f"expected line {index + 1} missing or out of order"
        cursor = found + 1
    if label.startswith("accented"):
        # Exact characters, one line: the embedded font maps Latin Extended-A back to text.
        assert ACCENTED_NAME in [line.strip() for line in text.splitlines()]
