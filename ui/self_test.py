"""`nkdesk --self-test`: one command that tells support whether the program works on a PC.

It runs offscreen (no window appears), touches no real register and no real secret:
a throw-away encrypted register, the credential store under an entry of its own, the
recovery sheet rendered to PDF in memory, the main window drawn to a PNG in memory. It
prints one line per check and exits 0 only when every check passed.
"""

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.paths import PORTABLE_MARKER, default_data_dir, program_dir
from app.services.register import Register
from app.services.self_test import (
    Check,
    checked,
    credential_store_check,
    program_files_check,
    register_checks,
    temporary_register,
)
from app.services.vault import RECOVERY_SHEET_HINT
from ui.i18n import install_polish


def _pdf_sheet() -> str:
    """The recovery sheet as the wizard prints it, into a PDF held in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.setHtml(f"<h2>NK Desk — kod odzyskiwania</h2><p>{RECOVERY_SHEET_HINT}</p>")
    document.print_(writer)
    del writer  # finishes the PDF
    data = bytes(buffer.data().data())
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-64:]:
        raise RuntimeError("niepełny plik PDF")
    return f"{len(data)} B"


def _form_pages(register: Register) -> str:
    """A blank NK-A read back by QtPdf and its first page drawn, as printing and the preview
    do: a bundle without QtPdf or its plugins fails here, not at her first printout."""
    from PySide6.QtCore import QSize

    from ui.print_pdf import PdfPages

    pages = PdfPages(register.printing.pdf(None, "NK-A", blank=True))
    image = pages.document.render(0, QSize(210, 297))
    if image.isNull():
        raise RuntimeError("QtPdf nie narysował strony")
    return f"NK-A pusty, stron: {pages.count}"


def _polish_translations() -> str:
    """Qt's own dialogs (file picker, print dialog) speak Polish only if these are bundled."""
    loaded = install_polish(QApplication.instance())
    if "qtbase" not in loaded:
        raise RuntimeError("brak pliku qtbase_pl.qm (przyciski okien Qt byłyby po angielsku)")
    return ", ".join(loaded)


def _main_window_png(make_window: Callable[[], object]) -> str:
    from PySide6.QtWidgets import QWidget

    window = make_window()
    assert isinstance(window, QWidget)
    window.resize(1000, 700)
    window.show()
    QApplication.processEvents()
    image = window.grab().toImage()
    window.close()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if image.isNull() or not image.save(buffer, "PNG"):
        raise RuntimeError("nie udało się narysować okna")
    return f"{image.width()}×{image.height()} px"


def run_self_test(out: TextIO = sys.stdout) -> int:
    """Every check, its report on `out`; 0 when all passed (warnings allowed), else 1."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    print(f"NK Desk {__version__} — autotest", file=out)
    portable = (program_dir() / PORTABLE_MARKER).exists()
    kind = " (wersja przenośna: obok programu)" if portable else ""
    print(f"Folder danych: {default_data_dir()}{kind}", file=out)
    results: list[Check] = []
    try:
        with temporary_register() as (folder, register, password):
            results += register_checks(folder, register, password)
            results.append(program_files_check(register.context.today().year))
            results.append(checked("Polskie tłumaczenia Qt", _polish_translations))
            results.append(credential_store_check())
            results.append(checked("Wydruk do PDF", _pdf_sheet))
            results.append(checked("Wydruk formularza (QtPdf)", lambda: _form_pages(register)))

            from ui.context import AppContext
            from ui.main_window import MainWindow
            from ui.tasks import TaskRunner

            tasks = TaskRunner()
            context = AppContext(folder, register, tasks)
            results.append(
                checked("Okno główne", lambda: _main_window_png(lambda: MainWindow(context)))
            )
            tasks.wait()  # the window's first queries end before the register closes
    except Exception as exc:  # noqa: BLE001 - the report names what could not even start
        results.append(Check("Tymczasowa baza danych", False, f"{type(exc).__name__}: {exc}"))
    for result in results:
        print(result.line(), file=out)
    passed = all(result.ok for result in results)
    print("Wynik: wszystko działa." if passed else "Wynik: są błędy (patrz wyżej).", file=out)
    return 0 if passed else 1


def _parent_console() -> TextIO | None:
    """The console the Windows program was started from (it has none of its own)."""
    if sys.platform != "win32":
        return None
    import ctypes

    kernel32 = ctypes.windll.kernel32
    if not kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS: no console, started by a click
        return None
    kernel32.SetConsoleOutputCP(65001)  # Polish letters as UTF-8, not the OEM code page
    try:
        return open("CONOUT$", "w", encoding="utf-8", errors="replace")
    except OSError:
        return None


def self_test_command(report: str | None) -> int:
    """`nkdesk --self-test [--report FILE]`: the report goes where support can read it.

    The windowed Windows program has no standard output: it writes into the console it
    was started from and to the --report file; started by a click, with neither, it shows
    the report in a window at the end (and so runs on the real screen).
    """
    stream = sys.stdout or _parent_console()
    in_window = stream is None and report is None
    if not in_window:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    buffer = io.StringIO()
    code = run_self_test(buffer)
    text = buffer.getvalue()
    if stream is not None:
        if isinstance(stream, io.TextIOWrapper) and not stream.isatty():
            stream.reconfigure(encoding="utf-8")  # a pipe or file on Windows: not cp1252
        stream.write(text)
        stream.flush()
    if report is not None:
        try:
            Path(report).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"Nie można zapisać raportu {report}: {exc.strerror}", file=stream)
            code = 1
    if in_window:
        QMessageBox.information(None, "NK Desk — autotest", text)
    return code
