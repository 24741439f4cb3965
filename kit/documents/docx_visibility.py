"""Whether a DOCX run's text shows on the page: text a reader cannot see is no evidence.

A run is hidden when its properties (direct, else its character style, else its paragraph
style, else the document defaults, each along `basedOn`) make it:
- vanished (`w:vanish`, Word's "Hidden" font effect);
- white (`w:color` FFFFFF or the background theme colour) where nothing behind it is
  shaded: white on a dark table cell, paragraph or run shading, or inside a text box (whose
  fill this reader does not know) is visible and kept;
- smaller than one point (`w:sz` is in half-points: 2 or less).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_VAL = _W + "val"
_OFF = frozenset({"0", "false", "off"})
_WHITE = frozenset({"ffffff"})
_WHITE_THEME = frozenset({"background1", "light1"})
TINY_HALF_POINTS = 2  # 1 pt


@dataclass(frozen=True)
class _Look:
    """The run properties that decide visibility; None where not set at this level."""

    vanish: bool | None = None
    white: bool | None = None
    half_points: int | None = None

    def over(self, base: _Look) -> _Look:
        return _Look(
            self.vanish if self.vanish is not None else base.vanish,
            self.white if self.white is not None else base.white,
            self.half_points if self.half_points is not None else base.half_points,
        )


def _look(rpr: Any) -> _Look:
    if rpr is None:
        return _Look()
    vanish = rpr.find(_W + "vanish")
    color = rpr.find(_W + "color")
    size = rpr.find(_W + "sz")
    white: bool | None = None
    if color is not None:
        value = (color.get(_W_VAL) or "").lower()
        theme = (color.get(_W + "themeColor") or "").lower()
        white = value in _WHITE or theme in _WHITE_THEME
    half_points: int | None = None
    if size is not None:
        try:
            half_points = int(size.get(_W_VAL) or "")
        except ValueError:
            half_points = None
    return _Look(
        None if vanish is None else (vanish.get(_W_VAL) or "1").lower() not in _OFF,
        white,
        half_points,
    )


def _shaded(element: Any) -> bool:
    """A `w:shd` with a fill other than none or white, or a highlight, on `element`'s
    properties."""
    if element is None:
        return False
    shd = element.find(_W + "shd")
    if shd is not None and (shd.get(_W + "fill") or "auto").lower() not in ("auto", "ffffff"):
        return True
    highlight = element.find(_W + "highlight")
    return highlight is not None and (highlight.get(_W_VAL) or "none") != "none"


class Visibility:
    """Resolves run visibility against the document's styles (read once per document)."""

    def __init__(self, styles: Any) -> None:
        self._styles: dict[str, tuple[_Look, str | None]] = {}  # id -> (own look, basedOn)
        self._defaults = _Look()
        self._default_paragraph = ""
        if styles is None:
            return
        defaults = styles.find(_W + "docDefaults/" + _W + "rPrDefault/" + _W + "rPr")
        self._defaults = _look(defaults)
        for style in styles.iterchildren(_W + "style"):
            style_id = style.get(_W + "styleId") or ""
            based = style.find(_W + "basedOn")
            self._styles[style_id] = (
                _look(style.find(_W + "rPr")),
                None if based is None else based.get(_W_VAL),
            )
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in (
                "1",
                "true",
            ):
                self._default_paragraph = style_id

    def _style(self, style_id: str | None) -> _Look:
        look, seen, current = _Look(), set(), style_id
        while current and current in self._styles and current not in seen:
            seen.add(current)
            own, based = self._styles[current]
            look = look.over(own)
            current = based
        return look

    def hidden(self, run: Any, paragraph: Any, backed: bool) -> bool:
        """`run` (a w:r) of `paragraph` (its w:p, or None); `backed` when something behind
        the paragraph is shaded or of unknown fill (a shaded cell, a text box)."""
        rpr = run.find(_W + "rPr")
        char_style = None if rpr is None else rpr.find(_W + "rStyle")
        ppr = None if paragraph is None else paragraph.find(_W + "pPr")
        para_style = None if ppr is None else ppr.find(_W + "pStyle")
        look = (
            _look(rpr)
            .over(self._style(None if char_style is None else char_style.get(_W_VAL)))
            .over(
                self._style(
                    self._default_paragraph if para_style is None else para_style.get(_W_VAL)
                )
            )
            .over(self._defaults)
        )
        if look.vanish:
            return True
        if look.half_points is not None and look.half_points <= TINY_HALF_POINTS:
            return True
        return bool(look.white) and not (backed or _shaded(rpr) or _shaded(ppr))


def backed(paragraph: Any) -> bool:
    """Something behind the paragraph may be dark: a shaded table cell, or a text box."""
    for ancestor in paragraph.iterancestors():
        tag = ancestor.tag
        if tag == _W + "txbxContent":
            return True
        if tag == _W + "tc" and _shaded(ancestor.find(_W + "tcPr")):
            return True
    return False
