"""Small generated PDF, PNG and text attachments that say plainly they are demo files."""

import functools
import io
import struct
import unicodedata
import zlib
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from app.services.demo.gmina import DEMO_NOTICE, DEMO_SETTINGS
from app.services.demo.plan import Entry, File
from resources import RESOURCES_DIR


def _png(width: int = 64, height: int = 40) -> bytes:
    """A small striped placeholder picture (pale blue with a darker band), nothing sensitive."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            band = (x + y) // 6 % 4 == 0
            rows += bytes((70, 110, 180) if band else (215, 228, 245))

    def chunk(tag: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + tag
            + body
            + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


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


def _pdf(title: str, number: str) -> bytes:
    """A one-page document that says plainly it is a demo; byte-identical on every run."""
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
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def file_bytes(file: File, number: str, entry: Entry) -> bytes:
    """The content of one planned attachment of procedure `number`, chosen by its extension."""
    if file.name.endswith(".pdf"):
        return _pdf(file.title, number)
    if file.name.endswith(".png"):
        return _png()
    text = (
        f"{DEMO_NOTICE}\n\nProcedura {number}, {entry.occurred_on:%d.%m.%Y}\n"
        f"{entry.title}\n{entry.body}\n"
    )
    return text.encode("utf-8")
