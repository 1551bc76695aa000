"""The bundled DejaVu Sans (resources/fonts; licence in resources/licenses/DejaVu.txt).

The PDF base fonts lack most Polish letters and the ☐/☒ boxes, and Windows has no
DejaVu, so the program ships its own and registers it once per process.
"""

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from resources import RESOURCES_DIR

FONTS_DIR = RESOURCES_DIR / "fonts"
REGULAR = "NkDejaVuSans"
BOLD = "NkDejaVuSans-Bold"


@cache
def register() -> str:
    """Register the family (regular and bold; <b> in a paragraph picks the bold one)."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return REGULAR
