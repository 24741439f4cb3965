"""Render benchmark: DOCX and PDF time per document for each template and the report, next to
a minimal python-docx / reportlab document rendered in the same run (so the ratio says what
our layout costs over the libraries' floor on this machine).

    .venv/bin/python bench/bench_render.py [--repeat 30]   (or: make bench-render)

Prints a table and writes JSON to bench/results/render-<UTC time>.json (git-ignored).
Also times the worker's round-trip read-back (kit.documents.extract_text), which runs after
every render.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import docx
import reportlab
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from export_worker.render import build_report, build_tailored_resume, render_docx, render_pdf
from export_worker.render.blocks import Document
from export_worker.render.pdf_fonts import REGULAR, register_fonts
from export_worker.render.sample import sample_result
from export_worker.render.templates import ACADEMIC_CV, FEDERAL, ONE_PAGE
from kit.documents import extract_text
from resumeai.v1 import common_pb2

RESULTS = Path(__file__).resolve().parent / "results"


def minimal_docx() -> bytes:
    """The floor: python-docx's default template, one heading, one paragraph."""
    out = docx.Document()
    out.add_heading("Resume", level=1)
    out.add_paragraph("Hello.")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def minimal_pdf() -> bytes:
    """The floor: reportlab platypus, one paragraph in the built-in Helvetica."""
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=LETTER).build(
        [Paragraph("Hello.", getSampleStyleSheet()["Normal"])]
    )
    return buffer.getvalue()


def minimal_pdf_embedded() -> bytes:
    """The floor with our embedded DejaVu subset: what font embedding alone costs."""
    register_fonts()
    buffer = io.BytesIO()
    style = ParagraphStyle("Body", fontName=REGULAR)
    SimpleDocTemplate(buffer, pagesize=LETTER, initialFontName=REGULAR).build(
        [Paragraph("Hello.", style)]
    )
    return buffer.getvalue()


def median_ms(func: Callable[[], object], repeat: int) -> float:
    func()  # warm-up: font registration, imports, template parsing
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def documents() -> dict[str, Document]:
    result = sample_result()
    docs: dict[str, Document] = {
        t.key: build_tailored_resume(result, t) for t in (ONE_PAGE, FEDERAL, ACADEMIC_CV)
    }
    docs["report"] = build_report(result)
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per measurement")
    args = parser.parse_args()

    floor_docx = median_ms(minimal_docx, args.repeat)
    floor_pdf = median_ms(minimal_pdf, args.repeat)
    floor_pdf_font = median_ms(minimal_pdf_embedded, args.repeat)
    rows: list[dict[str, Any]] = []
    for name, doc in documents().items():
        docx_bytes, pdf_bytes = render_docx(doc), render_pdf(doc)
        docx_ms = median_ms(partial(render_docx, doc), args.repeat)
        pdf_ms = median_ms(partial(render_pdf, doc), args.repeat)
        read_docx = median_ms(
            partial(extract_text, docx_bytes, common_pb2.DOCUMENT_FORMAT_DOCX), args.repeat
        )
        read_pdf = median_ms(
            partial(extract_text, pdf_bytes, common_pb2.DOCUMENT_FORMAT_PDF), args.repeat
        )
        rows.append(
            {
                "document": name,
                "docx_ms": round(docx_ms, 2),
                "docx_ratio": round(docx_ms / floor_docx, 2),
                "docx_bytes": len(docx_bytes),
                "pdf_ms": round(pdf_ms, 2),
                "pdf_ratio": round(pdf_ms / floor_pdf, 2),
                "pdf_ratio_embedded_floor": round(pdf_ms / floor_pdf_font, 2),
                "pdf_bytes": len(pdf_bytes),
                "readback_docx_ms": round(read_docx, 2),
                "readback_pdf_ms": round(read_pdf, 2),
            }
        )

    header = (
        f"{'document':<12} {'DOCX ms':>8} {'x min':>6} {'PDF ms':>8} {'x min':>6} {'x font':>6} "
        f"{'DOCX KiB':>9} {'PDF KiB':>8} {'read DOCX':>10} {'read PDF':>9}"
    )
    print(f"median of {args.repeat} runs; 'x min' = time / minimal document of the same library;")
    print("'read' = the worker's round-trip read-back of the file (kit.documents.extract_text)")
    print(
        f"minimal python-docx: {floor_docx:.2f} ms   minimal reportlab: {floor_pdf:.2f} ms   "
        f"minimal reportlab + embedded DejaVu ('x font'): {floor_pdf_font:.2f} ms"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['document']:<12} {r['docx_ms']:>8.2f} {r['docx_ratio']:>6.2f} "
            f"{r['pdf_ms']:>8.2f} {r['pdf_ratio']:>6.2f} {r['pdf_ratio_embedded_floor']:>6.2f} "
            f"{r['docx_bytes'] / 1024:>9.1f} "
            f"{r['pdf_bytes'] / 1024:>8.1f} {r['readback_docx_ms']:>10.2f} "
            f"{r['readback_pdf_ms']:>9.2f}"
        )

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"render-{stamp}.json"
    report = {
        "benchmark": "render",
        "created_utc": stamp,
        "repeat": args.repeat,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "python_docx": getattr(docx, "__version__", "unknown"),
        "reportlab": reportlab.Version,
        "minimal_docx_ms": round(floor_docx, 2),
        "minimal_pdf_ms": round(floor_pdf, 2),
        "minimal_pdf_embedded_font_ms": round(floor_pdf_font, 2),
        "documents": rows,
    }
    target.write_text(json.dumps(report, indent=2) + "\n")
    print(
        f"wrote {target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
