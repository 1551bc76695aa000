"""Print a PDF held in memory on a Qt printer: the forms are drawn once, as PDF, and the
same pages go to paper, to the preview and to a saved file.

The PDF is read from a buffer (QtPdf), never from a file, so printing leaves no copy of
case data on disk. Each page is rendered at up to 300 dpi and placed on the whole sheet, so the
form's own margins stay where its layout put them.
"""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72
MAX_RENDER_DPI = 300  # sharp on paper; a 1200-dpi page image would take half a gigabyte


class PdfPages(QObject):
    """A PDF's pages, loaded from bytes; keeps the buffer alive as long as the document."""

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise ValueError(f"PDF unreadable: {self.document.error()}")

    @property
    def count(self) -> int:
        return self.document.pageCount()


def prepare(printer: QPrinter, title: str) -> None:
    """A4 portrait, the document named (the print queue shows the name, not the data)."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(title)


def print_pages(pages: PdfPages, printer: QPrinter) -> int:
    """Draw every page (or the range the print dialog chose) on `printer`; returns how
    many pages were drawn."""
    first, last = printer.fromPage(), printer.toPage()
    wanted = range(first - 1, last) if first > 0 and last >= first else range(pages.count)
    wanted = range(max(wanted.start, 0), min(wanted.stop, pages.count))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not start a job")
    drawn = 0
    try:
        for index in wanted:
            if drawn:
                printer.newPage()
            _draw_page(pages, index, printer, painter)
            drawn += 1
    finally:
        painter.end()
    return drawn


def _draw_page(pages: PdfPages, index: int, printer: QPrinter, painter: QPainter) -> None:
    sheet = printer.pageLayout().fullRectPixels(printer.resolution())
    size = pages.document.pagePointSize(index)
    scale = min(sheet.width() / size.width(), sheet.height() / size.height())
    target = QRectF(0, 0, size.width() * scale, size.height() * scale)
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    pixels = QSize(
        round(size.width() * dpi / POINTS_PER_INCH), round(size.height() * dpi / POINTS_PER_INCH)
    )
    painter.drawImage(target, pages.document.render(index, pixels))
