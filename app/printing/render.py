"""The layout of a form on A4: title, sections in definition order, footer on every page.

Built with platypus flowables, so long texts wrap and flow on to the next page without
cutting words, and tables repeat their header row after a page break. Every text that
comes from a person (content, register values, notes) is escaped before it reaches a
Paragraph, whose markup would otherwise eat `<b>` or `&`.
"""

import datetime as dt
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from app.domain.forms import FormField, FormSection, RegisterBlock
from app.printing import fonts
from app.printing.model import Entry, FormPrint

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BOTTOM = 20 * mm
FRAME_PADDING = 6  # points, platypus' default inside the page frame
WIDTH = PAGE_WIDTH - 2 * MARGIN - 2 * FRAME_PADDING  # what a flowable may fill
LABEL_WIDTH = 62 * mm
NUMBER_WIDTH = 7 * mm

TICKED, EMPTY = "☒", "☐"
INK = colors.black
GREY_HEX = "#555555"
GREY = colors.HexColor(GREY_HEX)
RULE = colors.HexColor("#8a8a8a")
SHADE = colors.HexColor("#e6e9ef")
WRITE_BLANK = 22  # points to write one line by hand on a blank form
WRITE_EMPTY = 15  # points under an empty field of a filled form
SIGNATURE_SPACE = 34  # points above a signature line
LONG_LINES_BLANK = 5
LONG_LINES_EMPTY = 2
ROWS_BLANK = 5
SHORT_TABLE = 8  # rows of a table its label is kept with on one page
SIGNATURE_WIDTH = 75 * mm
UNVERIFIED = (
    "Układ i brzmienie formularza według definicji programu NK Desk; części formularza nie "
    "zostały sprawdzone z urzędowym wzorem."
)

Flowable = Any  # platypus flowables (ReportLab ships no type hints)


def render_form(doc: FormPrint) -> bytes:
    """The printout as PDF bytes, built in memory."""
    _check_blocks(doc)
    font = fonts.register()
    styles = _Styles(font)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=15 * mm,
        bottomMargin=BOTTOM,
        title=form_name(doc),
        author="",
        creator="NK Desk",
        invariant=1,
    )
    story = list(_story(doc, styles))
    template.build(
        story,
        canvasmaker=page_counting_canvas(
            lambda canvas, page, pages: _footer(canvas, doc, font, page, pages)
        ),
    )
    return buffer.getvalue()


def form_name(doc: FormPrint) -> str:
    """How the footer and the file's title name the form: „NK-A, wzór z 2023 r.”."""
    return f"{doc.form}, wzór z {doc.version} r."


def date_text(value: Any) -> str:
    """A date as printed: DD.MM.RRRR, from a date or its ISO text."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if not isinstance(value, dt.date):
        raise ValueError(f"not a date: {value!r}")
    return f"{value:%d.%m.%Y}"


class _Styles:
    def __init__(self, font: str) -> None:
        def style(name: str, size: float, **extra: Any) -> ParagraphStyle:
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.28, **extra)

        self.title = style("title", 15, alignment=TA_CENTER, spaceAfter=3)
        self.basis = style("basis", 8, alignment=TA_CENTER, textColor=GREY, spaceAfter=2)
        self.info = style("info", 8.5, alignment=TA_CENTER, spaceAfter=2)
        self.heading = style(
            "heading",
            10.5,
            backColor=SHADE,
            borderPadding=(3, 4, 3, 4),
            spaceBefore=14,
            spaceAfter=6,
            keepWithNext=1,
        )
        self.label = style("label", 8.5, textColor=GREY, spaceBefore=3)
        self.label_keep = style("label_keep", 8.5, textColor=GREY, spaceBefore=3, keepWithNext=1)
        self.value_first = style("value_first", 9.5, spaceBefore=3)
        self.cell_label = style("cell_label", 8.5, textColor=GREY)
        self.strong = style("strong", 9, spaceBefore=4, spaceAfter=2, keepWithNext=1)
        self.value = style("value", 9.5)
        self.text = style("text", 9.5, alignment=TA_JUSTIFY, spaceAfter=4)
        self.text_keep = style("text_keep", 9.5, alignment=TA_JUSTIFY, spaceAfter=4, keepWithNext=1)
        self.caption = style("caption", 7.5, alignment=TA_CENTER, textColor=GREY)
        self.cell = style("cell", 8.5)
        self.head_cell = style("head_cell", 8)


def _esc(text: str) -> str:
    return escape(text)


def _room(doc: FormPrint) -> float:
    """How much room an empty field leaves to write in."""
    return WRITE_BLANK if doc.blank else WRITE_EMPTY


def _check_blocks(doc: FormPrint) -> None:
    """Entries must match their section's lines: a builder bug, refused before printing."""
    sections = {s.register: s for s in doc.definition.sections if s.register is not None}
    for name, entries in doc.blocks.items():
        section = sections.get(name)
        if section is None:
            raise ValueError(f"{doc.form} {doc.version} prints no register block {name!r}")
        for entry in entries:
            if len(entry) != len(section.lines):
                raise ValueError(f"an entry of {name!r} has {len(entry)} values")


def _story(doc: FormPrint, styles: _Styles) -> Iterator[Flowable]:
    definition = doc.definition
    yield Paragraph(f"<b>{_esc(definition.title)}</b>", styles.title)
    yield Paragraph(_esc(definition.legal_basis), styles.basis)
    yield Paragraph(_info_line(doc), styles.info)
    if any(section.confidence != "high" for section in definition.sections):
        yield Paragraph(UNVERIFIED, styles.caption)
    if doc.notes:
        yield Spacer(0, 4)
        yield _notes(doc.notes, styles)
    for section in definition.sections:
        parts = list(_section(doc, section, styles))
        if section.signatures:  # a signature never starts a page alone
            yield KeepTogether(parts)
        else:
            yield from parts


def _info_line(doc: FormPrint) -> str:
    if doc.blank:
        number = "Nr procedury: ...................................."
        return f"{number} &nbsp; · &nbsp; formularz do wypełnienia odręcznego"
    parts = [f"Procedura nr {_esc(doc.procedure_number)}"] if doc.procedure_number else []
    parts.append(f"wydruk z dnia {date_text(doc.printed_on)}")
    if doc.printed_by.strip():
        parts.append(_esc(doc.printed_by.strip()))
    return " &nbsp; · &nbsp; ".join(parts)


def _notes(notes: Sequence[str], styles: _Styles) -> Flowable:
    rows = [[Paragraph("<b>Uwagi do wydruku</b>", styles.cell)]]
    rows += [[Paragraph(_esc(note), styles.cell)] for note in notes]
    table = Table(rows, colWidths=[WIDTH])
    table.setStyle(
        [
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4f4f4")),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
    )
    return table


def _section(doc: FormPrint, section: FormSection, styles: _Styles) -> Iterator[Flowable]:
    title = f"{section.number}. {section.title}" if section.number else section.title
    yield Paragraph(f"<b>{_esc(title)}</b>", styles.heading)
    more = bool(section.register or section.fields)
    for k, paragraph in enumerate(section.text, start=1):
        # An introduction stays on the page of what it introduces.
        keep = more and k == len(section.text)
        yield Paragraph(_esc(paragraph), styles.text_keep if keep else styles.text)
    block = section.block
    if block is not None:
        yield from _block(doc, section, block, styles)
    yield from _fields(doc, section, styles)
    if section.signatures:
        yield Spacer(0, 4)
        yield _signatures(section.signatures, styles)


# ---- fields -------------------------------------------------------------------------

_SIMPLE = frozenset({"text", "date", "choice", "bool"})


def _fields(doc: FormPrint, section: FormSection, styles: _Styles) -> Iterator[Flowable]:
    """Simple fields side by side with their labels in one table; the rest on their own."""
    group: list[FormField] = []
    for item in section.fields:
        if item.type in _SIMPLE:
            group.append(item)
            continue
        if group:
            yield _simple_table(doc, group, styles)
            group = []
        # A longtext whose only label repeats the section's title says it once.
        repeats = item.label == section.title and len(section.fields) == 1
        yield from _wide_field(doc, item, styles, show_label=not repeats)
    if group:
        yield _simple_table(doc, group, styles)


def _value(doc: FormPrint, item: FormField) -> Any:
    return None if doc.blank else doc.content.get(item.id)


def _simple_table(doc: FormPrint, items: Sequence[FormField], styles: _Styles) -> Flowable:
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = []
    for row, item in enumerate(items):
        value = _value(doc, item)
        if item.type == "bool":
            box = TICKED if value is True else EMPTY
            rows.append([Paragraph(f"{box}&nbsp;{_esc(item.label)}", styles.value), ""])
            commands.append(("SPAN", (0, row), (1, row)))
            continue
        label = Paragraph(_esc(item.label), styles.cell_label)
        if item.type == "choice":
            rows.append([label, Paragraph(_choice(item, value), styles.value)])
            continue
        shown = date_text(value) if item.type == "date" and value else str(value or "")
        if not shown and item.type == "date" and doc.blank:
            cell = Paragraph('<font color="#b0b0b0">dd.mm.rrrr</font>', styles.value)
        else:
            cell = Paragraph(_esc(shown), styles.value)
        rows.append([label, cell])
        commands.append(("LINEBELOW", (1, row), (1, row), 0.4, RULE))
        if not shown:
            commands.append(("TOPPADDING", (1, row), (1, row), _room(doc)))
    table = Table(rows, colWidths=[LABEL_WIDTH, WIDTH - LABEL_WIDTH], splitInRow=1)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("LEFTPADDING", (1, 0), (1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            *commands,
        ]
    )
    return table


def _choice(item: FormField, value: Any) -> str:
    marks = [
        f"{TICKED if option == value else EMPTY}&nbsp;{_esc(option)}" for option in item.options
    ]
    return " &nbsp;&nbsp;&nbsp; ".join(marks)


def _wide_field(
    doc: FormPrint, item: FormField, styles: _Styles, show_label: bool
) -> Iterator[Flowable]:
    """A field below its label; the label never ends a page alone (kept with what is
    short, or printed as the first line of a long text's first paragraph)."""
    value = _value(doc, item)
    label = _esc(item.label) if show_label else ""
    if item.type == "longtext":
        yield from _long_text(doc, value, label, styles)
        yield Spacer(0, 4)
        return
    if label and item.type == "checklist":
        yield Paragraph(f"<b>{label}</b>", styles.strong)
    elif label:
        short = len(value or ()) <= SHORT_TABLE if isinstance(value, list) else True
        yield Paragraph(label, styles.label_keep if short else styles.label)
    if item.type == "checklist":
        yield _checklist(doc, item, value, styles)
    elif item.type == "rows":
        yield _rows(doc, item, value, styles)
    else:  # a type added to the definition format must get its layout here
        raise ValueError(f"no layout for a {item.type} field")
    yield Spacer(0, 4)


def _long_text(doc: FormPrint, value: Any, label: str, styles: _Styles) -> Iterator[Flowable]:
    text = str(value or "").strip()
    if not text:
        if label:
            yield Paragraph(label, styles.label_keep)
        yield _write_lines(LONG_LINES_BLANK if doc.blank else LONG_LINES_EMPTY, _room(doc))
        return
    lead = f'<font size="8.5" color="{GREY_HEX}">{label}</font><br/>'
    first = True
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            yield Spacer(0, 5)
            continue
        if first and label:
            yield Paragraph(lead + _esc(paragraph.strip()), styles.value_first)
        else:
            yield Paragraph(_esc(paragraph.strip()), styles.value)
        first = False


def _write_lines(count: int, height: float) -> Flowable:
    """Ruled lines to write on by hand."""
    table = Table([[""]] * count, colWidths=[WIDTH], rowHeights=[height] * count)
    table.setStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)])
    return table


def _checklist(doc: FormPrint, item: FormField, value: Any, styles: _Styles) -> Flowable:
    chosen = value if isinstance(value, Mapping) else {}
    selected = {item.current(option) for option in chosen.get("selected", [])}
    cells = [
        Paragraph(f"{TICKED if o in selected else EMPTY}&nbsp;{_esc(o)}", styles.value)
        for o in item.options
    ]
    commands: list[tuple[Any, ...]] = []
    rows = [cells[k : k + 2] + [""] * (2 - len(cells[k : k + 2])) for k in range(0, len(cells), 2)]
    if item.allow_other:
        other = str(chosen.get("other", "") or "")
        box = TICKED if other else EMPTY
        rows.append([Paragraph(f"{box}&nbsp;inne: {_esc(other)}", styles.value), ""])
        last = len(rows) - 1
        commands.append(("SPAN", (0, last), (1, last)))
        if not other:
            commands.append(("LINEBELOW", (0, last), (1, last), 0.4, RULE))
            commands.append(("TOPPADDING", (0, last), (1, last), _room(doc) - 8))
    table = Table(rows, colWidths=[WIDTH / 2] * 2, splitInRow=1)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            *commands,
        ]
    )
    return table


def _rows(doc: FormPrint, item: FormField, value: Any, styles: _Styles) -> Flowable:
    stored = value if isinstance(value, Sequence) and not isinstance(value, str) else []
    body = [_row_cells(item.columns, row) for row in stored]
    if not body:
        body = [[""] * len(item.columns)] * (ROWS_BLANK if doc.blank else LONG_LINES_EMPTY)
    # The first column names the action or obligation: it gets twice the room.
    shares = [2.0] + [1.0] * (len(item.columns) - 1)
    widths = [WIDTH * share / sum(shares) for share in shares]
    return _grid(item.columns, body, styles, _room(doc), widths)


def _row_cells(columns: Sequence[str], row: Any) -> list[str]:
    if isinstance(row, Mapping):
        return [str(row.get(column, "") or "") for column in columns]
    cells = [str(cell or "") for cell in row]
    return (cells + [""] * len(columns))[: len(columns)]


def _grid(
    header: Sequence[str],
    body: Sequence[Sequence[str]],
    styles: _Styles,
    room: float,
    widths: Sequence[float],
    bold: Sequence[bool] = (),
) -> Flowable:
    """A table with a header row repeated on every page it runs to; an empty cell leaves
    `room` to write in."""
    rows: list[list[Any]] = [[Paragraph(f"<b>{_esc(h)}</b>", styles.head_cell) for h in header]]
    commands: list[tuple[Any, ...]] = []
    strong = list(bold) + [False] * len(header)
    for number, cells in enumerate(body, start=1):
        rows.append(
            [
                Paragraph(f"<b>{_esc(cell)}</b>" if strong[k] else _esc(cell), styles.cell)
                for k, cell in enumerate(cells)
            ]
        )
        commands += [
            ("TOPPADDING", (k, number), (k, number), room)
            for k, cell in enumerate(cells)
            if not cell
        ]
    table = Table(rows, colWidths=list(widths), repeatRows=1, splitInRow=1)
    table.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *commands,
        ]
    )
    return table


# ---- register blocks ------------------------------------------------------------------


def _block(
    doc: FormPrint, section: FormSection, block: RegisterBlock, styles: _Styles
) -> Iterator[Flowable]:
    assert section.register is not None
    entries = doc.blocks.get(section.register)
    empty: Entry = ("",) * len(section.lines)
    if entries is None:
        entries = (empty,) * block.blank_entries
    elif not entries:
        entries = (empty,)
    labels = [line.label for line in section.lines]
    if block.table:
        bold = [line.item in _BOLD_ITEMS for line in section.lines]
        yield _grid(labels, entries, styles, _room(doc), _block_widths(section), bold)
        yield Spacer(0, 4)
        return
    numbered = block.repeatable
    for number, entry in enumerate(entries, start=1):
        yield _entry(labels, entry, number if numbered else None, styles, _room(doc))
        yield Spacer(0, 5)


_BOLD_ITEMS = frozenset({"number"})  # a helpline's number is what the reader looks for


def _block_widths(section: FormSection) -> list[float]:
    """Wider columns for names and descriptions, narrow ones for numbers and dates."""
    weight = {"number": 0.7, "birth": 0.8, "signature": 1.1, "notes": 1.6, "name": 1.5}
    raw = [weight.get(line.item, 1.2) for line in section.lines]
    return [WIDTH * share / sum(raw) for share in raw]


def _entry(
    labels: Sequence[str], entry: Entry, number: int | None, styles: _Styles, room: float
) -> Flowable:
    offset = 1 if number is not None else 0
    label_width = LABEL_WIDTH - offset * NUMBER_WIDTH
    widths = [NUMBER_WIDTH] * offset + [label_width, WIDTH - LABEL_WIDTH]
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = []
    for row, (label, value) in enumerate(zip(labels, entry, strict=True)):
        lead = [Paragraph(f"<b>{number}.</b>", styles.value) if row == 0 else ""] * offset
        rows.append(
            [*lead, Paragraph(_esc(label), styles.cell_label), Paragraph(_esc(value), styles.value)]
        )
        commands.append(("LINEBELOW", (offset + 1, row), (offset + 1, row), 0.4, RULE))
        if not value:
            commands.append(("TOPPADDING", (offset + 1, row), (offset + 1, row), room))
    if offset:
        commands.append(("SPAN", (0, 0), (0, len(rows) - 1)))
        commands.append(("VALIGN", (0, 0), (0, -1), "TOP"))
    table = Table(rows, colWidths=widths, splitInRow=1)
    table.setStyle(
        [
            ("VALIGN", (offset, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (offset + 1, 0), (offset + 1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            *commands,
        ]
    )
    return table


# ---- signatures and pages -----------------------------------------------------------


def _signatures(captions: Sequence[str], styles: _Styles) -> Flowable:
    """Lines to sign on, right-aligned, two to a row, each with its caption beneath."""
    cells = [Paragraph(_esc(caption), styles.caption) for caption in captions]
    if len(cells) % 2:
        cells.insert(len(cells) - 1, "")  # a lone signature sits on the right
    pairs = [cells[k : k + 2] for k in range(0, len(cells), 2)]
    gap = WIDTH - 2 * SIGNATURE_WIDTH
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = []
    for left, right in pairs:
        rows.append(["", "", ""])  # the room to sign in
        rows.append([left, "", right])
        commands.append(("LINEABOVE", (2, len(rows) - 1), (2, len(rows) - 1), 0.6, INK))
        if left != "":
            commands.append(("LINEABOVE", (0, len(rows) - 1), (0, len(rows) - 1), 0.6, INK))
    heights = [SIGNATURE_SPACE if k % 2 == 0 else None for k in range(len(rows))]
    table = Table(rows, colWidths=[SIGNATURE_WIDTH, gap, SIGNATURE_WIDTH], rowHeights=heights)
    table.setStyle(commands)
    return table


def _footer(canvas: Any, doc: FormPrint, font: str, page: int, pages: int) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    y = BOTTOM - 8 * mm
    canvas.line(MARGIN, y + 9, PAGE_WIDTH - MARGIN, y + 9)
    canvas.setFont(font, 7.5)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN, y, form_name(doc))
    if doc.procedure_number and not doc.blank:
        middle = f"Procedura nr {doc.procedure_number}"
    else:
        middle = "Nr procedury: ..............................."
    canvas.drawCentredString(PAGE_WIDTH / 2, y, middle)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, y, f"strona {page} z {pages}")
    canvas.restoreState()


def page_counting_canvas(footer: Callable[[Any, int, int], None]) -> Callable[..., Canvas]:
    """A canvas that holds each finished page back until the last, so that every footer
    can say how many pages there are („strona 2 z 3”) in one pass over the story;
    `footer(canvas, page, pages)` draws one page's footer."""

    class PageCountingCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no types
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802  (ReportLab's name)
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for page, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                footer(self, page, len(self._held))
                super().showPage()
            super().save()

    return PageCountingCanvas
