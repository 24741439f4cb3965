"""Document -> PDF bytes with reportlab platypus: one column, wrapped, paginated, fonts embedded."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, HRFlowable, SimpleDocTemplate
from reportlab.platypus import Paragraph as PdfParagraph

from export_worker.render.blocks import (
    CONTACT_SEPARATOR,
    DETAIL_SEPARATOR,
    Block,
    BulletList,
    ContactLine,
    Document,
    Entry,
    Paragraph,
)
from export_worker.render.pdf_fonts import BOLD, REGULAR, register_fonts
from export_worker.render.templates import Layout
from kit.checkpoints import spend

_LINK_COLOR = "#0563C1"
_DETAIL_HEX = "#404040"
_DETAIL_COLOR = HexColor(_DETAIL_HEX)
_RULE_COLOR = HexColor("#808080")
_BULLET = "•"


class _Styles:
    """Paragraph styles derived from one layout."""

    def __init__(self, layout: Layout) -> None:
        body = layout.body_pt
        self.inline_details = layout.inline_details
        self.body = ParagraphStyle(
            "Body",
            fontName=REGULAR,
            fontSize=body,
            leading=body * 1.25,
            spaceAfter=layout.paragraph_gap_pt,
        )
        self.title = ParagraphStyle(
            "Title",
            parent=self.body,
            fontName=BOLD,
            fontSize=layout.title_pt,
            leading=layout.title_pt * 1.25,
            spaceAfter=4,
        )
        self.heading = ParagraphStyle(
            "Heading1",
            parent=self.body,
            fontName=BOLD,
            fontSize=layout.heading_pt,
            leading=layout.heading_pt * 1.25,
            spaceBefore=layout.section_gap_pt,
            spaceAfter=1,
            keepWithNext=1,
        )
        self.headline = ParagraphStyle(
            "Subtitle",
            parent=self.body,
            fontSize=body + 1,
            leading=(body + 1) * 1.25,
            textColor=_DETAIL_COLOR,
        )
        self.entry_title = ParagraphStyle(
            "EntryTitle", parent=self.body, fontName=BOLD, spaceBefore=3, keepWithNext=1
        )
        self.detail = ParagraphStyle(
            "EntryDetail", parent=self.body, textColor=_DETAIL_COLOR, keepWithNext=1
        )
        self.bullet = ParagraphStyle(
            "Bullet",
            parent=self.body,
            spaceAfter=1,
            leftIndent=body * 1.4,
            bulletIndent=body * 0.3,
            bulletFontName=REGULAR,
            bulletFontSize=body,
        )


def render_pdf(doc: Document) -> bytes:
    """Render `doc` as a PDF file and return its bytes."""
    register_fonts()
    layout = doc.meta.layout
    styles = _Styles(layout)
    story: list[Flowable] = [PdfParagraph(escape(doc.heading), styles.title)]
    if doc.headline:
        story.append(PdfParagraph(escape(doc.headline), styles.headline))
    if doc.contact is not None:
        story.append(_contact(doc.contact, styles))
    for section in doc.sections:
        story.append(PdfParagraph(escape(section.heading), styles.heading))
        story.append(_rule())
        for block in section.blocks:
            story.extend(_block(block, styles))

    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=layout.margin_pt,
        rightMargin=layout.margin_pt,
        topMargin=layout.margin_pt,
        bottomMargin=layout.margin_pt,
        # Generic title, blank people fields, fixed dates: nothing personal in /Info, and the
        # same document always renders to the same bytes.
        title=doc.meta.title,
        author="",
        subject="",
        creator="",
        keywords=[],
        invariant=1,
        pageCompression=1,
        # Otherwise every page also references an unembedded Helvetica.
        initialFontName=REGULAR,
        initialFontSize=layout.body_pt,
    )
    # The layout is reportlab's one call: the budget is checked as each page is laid out.
    template.build(story, onFirstPage=_page_done, onLaterPages=_page_done)
    return buffer.getvalue()


def _page_done(_canvas: object, _template: object) -> None:
    spend()


def _rule() -> Flowable:
    """A thin line under a section heading: drawing only, so text extraction never sees it."""
    rule = HRFlowable(width="100%", thickness=0.5, color=_RULE_COLOR, spaceBefore=0, spaceAfter=3)
    rule.keepWithNext = 1  # heading, rule and the first entry stay on one page
    return rule


def _block(block: Block, styles: _Styles) -> list[Flowable]:
    match block:
        case Paragraph(text=text):
            return [PdfParagraph(escape(text), styles.body)]
        case BulletList(items=items):
            return _bullets(items, styles)
        case Entry():
            title = escape(block.title)
            if block.detail_line and styles.inline_details:
                # Same separator as detail_line itself; the detail in the detail colour.
                detail = escape(DETAIL_SEPARATOR + block.detail_line)
                title += f'<font name="{REGULAR}" color="{_DETAIL_HEX}">{detail}</font>'
            flowables: list[Flowable] = [PdfParagraph(title, styles.entry_title)]
            if block.detail_line and not styles.inline_details:
                flowables.append(PdfParagraph(escape(block.detail_line), styles.detail))
            return flowables + _bullets(block.bullets, styles)
        case ContactLine():
            return [_contact(block, styles)]
    return []


def _bullets(items: tuple[str, ...], styles: _Styles) -> list[Flowable]:
    # One Paragraph per bullet rather than a ListFlowable: reportlab never keeps a container
    # with the flowable before it, so a heading or role title could end a page alone.
    return [PdfParagraph(escape(item), styles.bullet, bulletText=_BULLET) for item in items]


def _link(text: str, url: str) -> str:
    href = escape(url, {'"': "&quot;"})
    return f'<a href="{href}" color="{_LINK_COLOR}"><u>{escape(text)}</u></a>'


def _contact(contact: ContactLine, styles: _Styles) -> PdfParagraph:
    parts = [
        _link(item.text, item.url) if item.url else escape(item.text) for item in contact.items
    ]
    return PdfParagraph(escape(CONTACT_SEPARATOR).join(parts), styles.body)
