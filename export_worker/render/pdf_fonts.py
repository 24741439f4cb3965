"""The PDF font: DejaVu Sans, shipped beside this module, registered once per process.

reportlab's own Vera lacks Latin Extended-A (Ł, ő, ř, ...) and the standard 14 PDF fonts are
neither embedded nor Unicode, so the package carries DejaVu Sans (Bitstream Vera licence,
fonts/LICENSE-DejaVu.txt). Debian's fonts-dejavu-core is the fallback if the files are absent.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Final

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR: Final = "ResumeSans"
BOLD: Final = "ResumeSans-Bold"

_FILES: Final = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_SEARCH: Final = (
    Path(__file__).with_name("fonts"),
    Path("/usr/share/fonts/truetype/dejavu"),
)
_lock = threading.Lock()
_registered = False


class FontNotFoundError(RuntimeError):
    """No usable TTF file for the PDF font."""


def font_path(filename: str) -> Path:
    """The first existing copy of `filename` in the search directories."""
    for directory in _SEARCH:
        candidate = directory / filename
        if candidate.is_file():
            return candidate
    searched = ", ".join(str(d) for d in _SEARCH)
    raise FontNotFoundError(f"{filename} not found in {searched}")


def register_fonts() -> None:
    """Register the TTFs with reportlab (embedded as subsets in every PDF); idempotent."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(font_path(filename))))
        # <b> and <i> in Paragraph markup resolve through the family mapping; no italic face.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True
