"""Small generated PDF and text attachments that say plainly they are demo files."""

import functools
import io
import unicodedata
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from app.sample_data.gmina import DEMO_NOTICE, DEMO_SETTINGS
from app.sample_data.plan import Entry, File
from resources import RESOURCES_DIR


@functools.cache
def _pdf_font() -> str:
    """DejaVu Sans when available (Polish letters), else the built-in Helvetica."""
    candidates = (
        RESOURCES_DIR / "fonts" / "DejaVuSans.ttf",
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    )
    for path in candidates:
        if path.is_file():
            if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(path)))
            return "DejaVuSans"
    return "Helvetica"


_ASCII_FOLDS: dict[str, str | int | None] = {"ł": "l", "Ł": "L", "—": "-", "„": '"', "”": '"'}


def _ascii(text: str) -> str:
    """Plain-ASCII version of a line, for the built-in PDF font that lacks Polish letters."""
    text = text.translate(str.maketrans(_ASCII_FOLDS))
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _pdf(title: str, number: str, scan: bool) -> bytes:
    """A one-page document that says plainly it is a demo; byte-identical on every run.

    A scan shows grey bars where a scanned letter would have its text, so it looks like
    a picture of a page without holding anything that could be read as real.
    """
    font = _pdf_font()
    lines = [
        DEMO_NOTICE,
        "",
        f"{title} — procedura {number}",
        DEMO_SETTINGS.office_name,
        "",
        "Ten plik wygenerował program NK Desk jako przykład załącznika.",
        "Nie zawiera danych żadnej prawdziwej osoby.",
    ]
    if font == "Helvetica":
        lines = [_ascii(line) for line in lines]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(_ascii(DEMO_NOTICE) if font == "Helvetica" else DEMO_NOTICE)
    y = A4[1] - 90
    for index, line in enumerate(lines):
        pdf.setFont(font, 16 if index == 0 else 11)
        pdf.drawString(72, y, line)
        y -= 26 if index == 0 else 18
    if scan:
        _scanned_text_bars(pdf, y - 20)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _scanned_text_bars(pdf: canvas.Canvas, top: float) -> None:
    """Pale page with grey lines of "text": the look of a scanned letter, nothing legible."""
    pdf.setFillColorRGB(0.96, 0.95, 0.92)
    pdf.rect(60, 80, A4[0] - 120, top - 80, stroke=0, fill=1)
    pdf.setFillColorRGB(0.62, 0.62, 0.62)
    for row in range(int((top - 120) // 16)):
        width = (A4[0] - 160) * (0.55 if row % 7 == 6 else 0.9 - (row % 3) * 0.08)
        pdf.rect(80, top - 30 - row * 16, width, 6, stroke=0, fill=1)


def file_bytes(file: File, number: str, entry: Entry) -> bytes:
    """The content of one planned attachment of procedure `number`, chosen by its extension."""
    if file.name.endswith(".pdf"):
        return _pdf(file.title, number, file.scan)
    text = (
        f"{DEMO_NOTICE}\n\nProcedura {number}, {entry.occurred_on:%d.%m.%Y}\n"
        f"{entry.title}\n{entry.body}\n"
    )
    return text.encode("utf-8")
