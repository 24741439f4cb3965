"""`make pictures`: the README's pictures, each the first page of a real render as a PNG.

The three templates render the made-up sample result (export_worker.render.sample); the
examples (examples/resume.txt tailored to examples/job.txt by the offline engine) give the
original next to the tailored resume, a report page and the cover letter. Page 1 is
rasterised with poppler's pdftoppm (the original text file is first printed to PDF by
LibreOffice), so the pictures show exactly what the renderer produces.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from export_worker.render import build_document, build_tailored_resume, render_pdf
from export_worker.render.sample import sample_result
from export_worker.render.templates import ACADEMIC_CV, FEDERAL, ONE_PAGE
from resumeai.v1 import common_pb2, result_pb2
from tailor_worker.providers.offline import OfflineProvider
from tailor_worker.tailoring import tailor

OUT = Path(__file__).resolve().parent / "images"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TODAY = date(2026, 11, 1)  # the pictures do not change with the day they are made


def _png(pdftoppm: str, pdf: Path, name: str) -> None:
    target = OUT / name  # pdftoppm adds ".png" with -singlefile
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
        check=True,
        timeout=60,
    )
    png = target.with_suffix(".png")
    print(f"{png.relative_to(OUT.parent.parent)}  {png.stat().st_size // 1024} KiB")


def _examples_tailored() -> result_pb2.TailoringResult:
    lines = (EXAMPLES / "resume.txt").read_text().splitlines()
    job = (EXAMPLES / "job.txt").read_text()
    return asyncio.run(tailor(lines, job, provider=OfflineProvider(), today=TODAY))


def _examples(pdftoppm: str, tmp: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is not None:
        subprocess.run(
            [
                soffice,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp),
                str(EXAMPLES / "resume.txt"),
            ],
            check=True,
            timeout=120,
            capture_output=True,
        )
        _png(pdftoppm, tmp / "resume.pdf", "example-original")
    result = _examples_tailored()
    kinds = {
        "example-tailored": common_pb2.ARTIFACT_KIND_TAILORED_RESUME,
        "example-report": common_pb2.ARTIFACT_KIND_TAILORING_REPORT,
        "example-cover-letter": common_pb2.ARTIFACT_KIND_COVER_LETTER,
    }
    for name, kind in kinds.items():
        pdf = tmp / f"{name}.pdf"
        doc = build_document(result, kind, common_pb2.RESUME_TEMPLATE_ONE_PAGE)
        pdf.write_bytes(render_pdf(doc))
        _png(pdftoppm, pdf, name)


def main() -> int:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm not found: run scripts/install_system_deps.sh", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    result = sample_result()
    with tempfile.TemporaryDirectory(prefix="resumeai-pictures-") as tmp:
        for template in (ONE_PAGE, FEDERAL, ACADEMIC_CV):
            pdf = Path(tmp) / f"{template.key}.pdf"
            pdf.write_bytes(render_pdf(build_tailored_resume(result, template)))
            _png(pdftoppm, pdf, template.key)
        _examples(pdftoppm, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
