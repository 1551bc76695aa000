"""The layout of a letter on A4: letterhead, place and date, recipient, title, body,
signature, notes, and a footer with the procedure number and „strona X z Y”.

Every text comes from the worker or the register and is escaped before it reaches a
Paragraph. A long body flows on to further pages; the signature never starts a page alone.
"""

import io
from collections.abc import Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from app.domain.letters import LetterDraft
from app.printing import fonts
from app.printing.render import (
    BOTTOM,
    FRAME_PADDING,
    GREY,
    MARGIN,
    PAGE_WIDTH,
    RULE,
    page_counting_canvas,
)

SIDE = MARGIN + 4 * mm  # a letter's margins, a little wider than a form's
WIDTH = PAGE_WIDTH - 2 * SIDE - 2 * FRAME_PADDING
RECIPIENT_WIDTH = 78 * mm  # the address block sits right, where a window envelope shows it
SIGNATURE_WIDTH = 70 * mm

Flowable = Any  # platypus flowables (ReportLab ships no type hints)


def render_letter(draft: LetterDraft) -> bytes:
    """The letter as PDF bytes, built in memory."""
    font = fonts.register()
    styles = _Styles(font)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=SIDE,
        rightMargin=SIDE,
        topMargin=15 * mm,
        bottomMargin=BOTTOM + 2 * mm,
        title=draft.title,
        author="",
        creator="NK Desk",
        invariant=1,
    )
    template.build(
        list(_story(draft, styles)),
        canvasmaker=page_counting_canvas(
            lambda canvas, page, pages: _footer(canvas, draft, font, page, pages)
        ),
    )
    return buffer.getvalue()


class _Styles:
    def __init__(self, font: str) -> None:
        def style(name: str, size: float, **extra: Any) -> ParagraphStyle:
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.35, **extra)

        self.office = style("office", 11)
        self.head = style("head", 8.5, textColor=GREY)
        self.date = style("date", 10, alignment=TA_RIGHT)
        self.sign = style("sign", 8.5, textColor=GREY)
        self.recipient = style("recipient", 10.5)
        self.title = style("title", 12, spaceBefore=6, spaceAfter=10)
        self.body = style("body", 10.5, alignment=TA_JUSTIFY, spaceAfter=7)
        self.signature = style("signature", 10, alignment=1)
        self.caption = style("caption", 7.5, alignment=1, textColor=GREY)
        self.note = style("note", 8, textColor=GREY)


def _esc(text: str) -> str:
    return escape(text)


def _story(draft: LetterDraft, styles: _Styles) -> Iterator[Flowable]:
    yield _head(draft, styles)
    yield Spacer(0, 4 * mm)
    yield Paragraph(f"Znak sprawy: {_esc(draft.procedure_number)}", styles.sign)
    yield Spacer(0, 10 * mm)
    yield _recipient(draft.recipient, styles)
    yield Spacer(0, 12 * mm)
    yield Paragraph(f"<b>{_esc(draft.title)}</b>", styles.title)
    yield from _body(draft.body, styles)
    yield KeepTogether([Spacer(0, 6 * mm), _signature(draft.signature, styles)])
    if draft.notes:
        yield Spacer(0, 8 * mm)
        yield _notes(draft.notes, styles)


def _head(draft: LetterDraft, styles: _Styles) -> Flowable:
    """The letterhead on the left, place and date on the right, a rule beneath."""
    lines = list(draft.letterhead)
    head: list[Flowable] = []
    if lines:
        head.append(Paragraph(f"<b>{_esc(lines[0])}</b>", styles.office))
        head += [Paragraph(_esc(line), styles.head) for line in lines[1:]]
    table = Table(
        [[head or "", Paragraph(_esc(draft.place_and_date), styles.date)]],
        colWidths=[WIDTH * 0.6, WIDTH * 0.4],
    )
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ]
    )
    return table


def _recipient(lines: Sequence[str], styles: _Styles) -> Flowable:
    cells = [Paragraph(f"<b>{_esc(lines[0])}</b>", styles.recipient)] if lines else []
    cells += [Paragraph(_esc(line), styles.recipient) for line in lines[1:]]
    table = Table(
        [["", cells]], colWidths=[WIDTH - RECIPIENT_WIDTH, RECIPIENT_WIDTH], hAlign="LEFT"
    )
    table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return table


def _body(text: str, styles: _Styles) -> Iterator[Flowable]:
    """Paragraphs part at blank lines; a single line break is kept (Termin / Miejsce)."""
    for paragraph in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        if lines:
            yield Paragraph("<br/>".join(_esc(line) for line in lines), styles.body)


def _signature(lines: Sequence[str], styles: _Styles) -> Flowable:
    """Room to sign, a line, the worker's name beneath — on the right."""
    cells: list[Any] = [[""], [Paragraph("(podpis)", styles.caption)]]
    cells += [[Paragraph(_esc(line), styles.signature)] for line in lines]
    sign = Table(cells, colWidths=[SIGNATURE_WIDTH], rowHeights=[34] + [None] * (len(cells) - 1))
    sign.setStyle(
        [
            ("LINEABOVE", (0, 1), (0, 1), 0.6, RULE),
            ("TOPPADDING", (0, 1), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 1),
        ]
    )
    outer = Table([["", sign]], colWidths=[WIDTH - SIGNATURE_WIDTH, SIGNATURE_WIDTH])
    outer.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    return outer


def _notes(notes: Sequence[str], styles: _Styles) -> Flowable:
    rows = [[Paragraph("<b>Uwagi do pisma</b>", styles.note)]]
    rows += [[Paragraph(_esc(note), styles.note)] for note in notes]
    table = Table(rows, colWidths=[WIDTH])
    table.setStyle(
        [
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
    )
    return table


def _footer(canvas: Any, draft: LetterDraft, font: str, page: int, pages: int) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    y = BOTTOM - 8 * mm
    left, right = SIDE, PAGE_WIDTH - SIDE
    canvas.line(left, y + 9, right, y + 9)
    canvas.setFont(font, 7.5)
    canvas.setFillColor(GREY)
    canvas.drawString(left, y, f"Procedura nr {draft.procedure_number}")
    canvas.drawRightString(right, y, f"strona {page} z {pages}")
    canvas.restoreState()
