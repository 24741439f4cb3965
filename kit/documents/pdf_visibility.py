"""Which of a PDF page's characters a reader can see: text nobody sees is no evidence.

A character is hidden when it is
- drawn in an invisible text render mode (`3 Tr`, or `7 Tr`: clip only), which a text layer
  over a scan uses and which a planted line uses too;
- white (fill colour white in any colour space) where no filled shape behind it is darker:
  white on a dark sidebar is visible and kept;
- smaller than one point.

Render modes are not in pdfplumber's characters, so pages whose content sets one of those
modes are walked once more with pdfminer (a device subclass marks what it draws in them);
every other page costs nothing more. Pure: bytes in, positions out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

MIN_SIZE_PT = 1.0
_INVISIBLE_MODES = frozenset({3, 7})
_SETS_INVISIBLE = re.compile(rb"(?<![\d.])[37]\s+Tr\b")
_WHITE = 0.98  # a colour component at least this light counts as white

# A character's place: page number, then its text matrix's origin (rounded) and its text.
CharKey = tuple[int, float, float, str]


def _key(page: int, matrix: Sequence[float], text: str) -> CharKey:
    return (page, round(float(matrix[4]), 1), round(float(matrix[5]), 1), text)


def pages_setting_invisible(page_contents: Iterable[bytes]) -> list[int]:
    """The 1-based numbers of the pages whose content streams set an invisible mode."""
    return [n for n, data in enumerate(page_contents, start=1) if _SETS_INVISIBLE.search(data)]


def invisible_chars(content: bytes, pages: Sequence[int]) -> set[CharKey]:
    """The characters drawn in an invisible render mode on `pages` (1-based)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class Marking(PDFPageAggregator):
        """Records the characters of each string drawn in an invisible mode."""

        def __init__(self, rsrcmgr: Any, page: int) -> None:
            super().__init__(rsrcmgr, pageno=page, laparams=LAParams())
            self.page = page
            self.invisible = False
            self.found: set[CharKey] = set()

        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            self.invisible = textstate.render in _INVISIBLE_MODES
            try:
                super().render_string(textstate, seq, ncs, graphicstate)
            finally:
                self.invisible = False

        def render_char(
            self,
            matrix: Any,
            font: Any,
            fontsize: float,
            scaling: float,
            rise: float,
            cid: int,
            ncs: Any,
            graphicstate: Any,
        ) -> float:
            advance: float = super().render_char(
                matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
            )
            if self.invisible:
                try:
                    text = font.to_unichr(cid)
                except Exception:  # an unmapped glyph: pdfplumber shows "(cid:N)"
                    text = f"(cid:{cid})"
                self.found.add(_key(self.page, matrix, text))
            return advance

    wanted = set(pages)
    found: set[CharKey] = set()
    manager = PDFResourceManager()
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(content)), start=1):
        if number not in wanted:
            continue
        device = Marking(manager, number)
        PDFPageInterpreter(manager, device).process_page(page)
        found |= device.found
    return found


def _white(color: Any) -> bool:
    if not isinstance(color, (tuple, list)) or not color:
        return False
    values = [float(c) for c in color if isinstance(c, (int, float))]
    if len(values) == 4:  # CMYK: white is no ink
        return all(v <= 1 - _WHITE for v in values)
    return bool(values) and all(v >= _WHITE for v in values)


def _behind(char: dict[str, Any], rects: Sequence[dict[str, Any]]) -> bool:
    """A filled, not-white shape under the character's middle."""
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    return any(
        rect.get("fill")
        and not _white(rect.get("non_stroking_color"))
        and float(rect["x0"]) <= x <= float(rect["x1"])
        and float(rect["top"]) <= y <= float(rect["bottom"])
        for rect in rects
    )


def visible(
    chars: Sequence[dict[str, Any]],
    rects: Sequence[dict[str, Any]],
    page: int,
    invisible: set[CharKey],
) -> tuple[list[dict[str, Any]], int]:
    """The characters a reader can see, and how many were not (spaces not counted)."""
    kept: list[dict[str, Any]] = []
    hidden = 0
    for char in chars:
        text = str(char.get("text", ""))
        gone = (
            float(char.get("size") or 0) < MIN_SIZE_PT
            or (invisible and _key(page, char["matrix"], text) in invisible)
            or (_white(char.get("non_stroking_color")) and not _behind(char, rects))
        )
        if gone:
            hidden += bool(text.strip())
        else:
            kept.append(char)
    return kept, hidden
