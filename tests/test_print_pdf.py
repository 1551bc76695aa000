"""Pages drawn once as PDF go to a printer whole: every page, A4, in order, and a page
range chosen in the print dialog prints only those pages. One test prints for real
through a CUPS queue with a PDF printer (set up by .ci/run) and reads what came out."""

import datetime as dt
import os
import shutil
import subprocess
import time
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.printing.render import render_form
from app.services.form_printing import blank_print
from ui.print_pdf import PdfPages, prepare, print_pages

CUPS_QUEUE = os.environ.get("NKDESK_CUPS_QUEUE", "")


def _numbered_pages(count: int) -> bytes:
    """A fictional document whose pages say their number in large type."""
    out = BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for number in range(1, count + 1):
        page.setFont("Helvetica-Bold", 120)
        page.drawString(200, 400, str(number))
        page.showPage()
    page.save()
    return out.getvalue()


def _print_to_pdf(
    qtbot: object, data: bytes, path: Path, pages: tuple[int, int] | None = None
) -> int:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare(printer, "NK-A NK/1/2026")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    if pages is not None:
        printer.setFromTo(*pages)
    return print_pages(PdfPages(data), printer)


def test_every_page_reaches_the_printer_on_a4(qtbot: object, tmp_path: Path) -> None:
    out = tmp_path / "wydruk.pdf"
    assert _print_to_pdf(qtbot, _numbered_pages(3), out) == 3
    printed = PdfReader(out)
    assert len(printed.pages) == 3
    for page in printed.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2


def test_a_page_range_prints_only_those_pages(qtbot: object, tmp_path: Path) -> None:
    out = tmp_path / "wydruk.pdf"
    assert _print_to_pdf(qtbot, _numbered_pages(4), out, pages=(2, 3)) == 2
    assert len(PdfReader(out).pages) == 2


def test_bytes_that_are_no_pdf_are_refused(qtbot: object) -> None:
    with pytest.raises(ValueError, match="PDF unreadable"):
        PdfPages(b"%PDF-1.4 to nie jest dokument")


def _queue_ready() -> bool:
    lpstat = shutil.which("lpstat")
    if not CUPS_QUEUE or lpstat is None:
        return False
    return subprocess.run([lpstat, "-p", CUPS_QUEUE], capture_output=True).returncode == 0


@pytest.mark.skipif(
    not _queue_ready() and os.environ.get("CI") != "true",
    reason="no CUPS PDF queue here (.ci/run sets one up)",
)
def test_a_blank_nka_printed_through_a_real_cups_queue_comes_out_whole(qtbot: object) -> None:
    assert _queue_ready(), "CI must have the CUPS PDF queue NKDESK_CUPS_QUEUE"
    output = Path.home() / "PDF"
    before = set(output.glob("*.pdf")) if output.exists() else set()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(CUPS_QUEUE)
    assert printer.isValid() and printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
    prepare(printer, "NK-A (pusty)")
    form = render_form(blank_print("NK-A", dt.date(2026, 11, 30)))
    pages = len(PdfReader(BytesIO(form)).pages)
    assert print_pages(PdfPages(form), printer) == pages

    deadline = time.monotonic() + 60
    produced: set[Path] = set()
    while time.monotonic() < deadline and not produced:
        time.sleep(0.5)
        jobs = subprocess.run(["lpstat", "-o", CUPS_QUEUE], capture_output=True, text=True)
        if not jobs.stdout.strip() and output.exists():
            produced = set(output.glob("*.pdf")) - before
    assert produced, "the CUPS PDF printer wrote no file within a minute"
    [made] = produced
    try:
        printed = PdfReader(made)
        assert len(printed.pages) == pages
        width, height = (
            float(printed.pages[0].mediabox.width),
            float(printed.pages[0].mediabox.height),
        )
        assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2
    finally:
        made.unlink()
