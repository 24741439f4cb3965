"""`make pictures`: the first page of each resume template as a PNG for the README.

Renders the made-up sample result (export_worker.render.sample) to PDF and rasterises page 1
with poppler's pdftoppm, so the pictures show exactly what the renderer produces.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from export_worker.render import build_tailored_resume, render_pdf
from export_worker.render.sample import sample_result
from export_worker.render.templates import ACADEMIC_CV, FEDERAL, ONE_PAGE

OUT = Path(__file__).resolve().parent / "images"


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
            target = OUT / template.key  # pdftoppm adds ".png" with -singlefile
            subprocess.run(
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(target),
                ],
                check=True,
                timeout=60,
            )
            png = target.with_suffix(".png")
            print(f"{png.relative_to(OUT.parent.parent)}  {png.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
