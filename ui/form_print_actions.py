"""Printing the official forms from any window: „Drukuj…”, „Podgląd wydruku…” and
„Zapisz jako PDF…” for a record of a procedure, the NK-B sheet to hand over, or a
blank form.

The register's print service renders the PDF off the GUI thread; the pages stay in
memory (ui.print_pdf), so printing leaves no copy of case data on disk. A print or a
saved file of a procedure's document is noted in its chronology through the operation
helper, whose change notice reloads the chronology tab. Cancelling prints, writes and
notes nothing.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from app.domain import printables
from app.errors import UserError
from app.services.form_printing import (
    HANDOVER_SHEET,
    PRINTED,
    SavedPdf,
    blank_label,
    record_label,
)
from app.services.output_files import check_output_target
from app.services.register import Register
from app.services.views import FormRecordView, NkaView, ProcedureDetail
from ui.context import AppContext
from ui.errors import show_error
from ui.print_pdf import PdfPages, prepare, print_pages
from ui.widgets import add_shortcut, confirm, documents_folder

PRINT_KEY = QKeySequence.StandardKey.Print  # Ctrl+P
PDF_FILTER = "Dokument PDF (*.pdf)"
SAVED_VERSION_ONLY = "Wydruk powstaje z wersji zapisanej w rejestrze."
PRINTER_FAILED = (
    "Drukarka nie przyjęła wydruku — sprawdź, czy jest włączona i podłączona, i spróbuj ponownie."
)


@dataclass(frozen=True)
class Printout:
    """One document to print: what the service renders and how it is named.

    `document` names it in the chronology and in the print queue, `file_name` is the
    suggested PDF file; neither carries a person's name. A printout without a
    procedure is the blank form.
    """

    form: str
    document: str
    file_name: str
    procedure_id: int | None = None
    record_id: int | None = None
    for_whom: str = ""

    @property
    def blank(self) -> bool:
        return self.procedure_id is None


def _file_name(*parts: str) -> str:
    """„NK-A_NK-12-2026_1.pdf”: a procedure number's slashes and spaces become dashes."""
    return "_".join(re.sub(r"[^\w-]+", "-", part).strip("-") for part in parts) + ".pdf"


def nka_printout(procedure: ProcedureDetail, record: NkaView) -> Printout:
    return Printout(
        "NK-A",
        record_label("NK-A", record.ordinal, record.filled_on),
        _file_name("NK-A", procedure.number, str(record.ordinal)),
        procedure.id,
        record.id,
    )


def form_record_printout(procedure: ProcedureDetail, record: FormRecordView) -> Printout:
    """An NK-B hand-over, NK-C or NK-D; numbered among the procedure's records of its
    form, as the command line numbers them. NK-B names the person it was given to."""
    same_form = [r.id for r in procedure.forms if r.form == record.form]
    ordinal = same_form.index(record.id) + 1 if record.id in same_form else 1
    for_whom = ""
    if record.form == "NK-B" and record.person_id is not None:
        for_whom = next(
            (
                f"{p.person.first_name} {p.person.last_name}".strip()
                for p in procedure.participants
                if p.person.id == record.person_id
            ),
            "",
        )
    return Printout(
        record.form,
        record_label(record.form, ordinal, record.filled_on),
        _file_name(record.form, procedure.number, str(ordinal)),
        procedure.id,
        record.id,
        for_whom,
    )


def handover_sheet(procedure: ProcedureDetail) -> Printout:
    """NK-B as it is handed over today: the helplines and the gmina's contacts."""
    return Printout(
        "NK-B", HANDOVER_SHEET, _file_name("NK-B", procedure.number, "do-przekazania"), procedure.id
    )


def blank_printout(form: str) -> Printout:
    return Printout(form, blank_label(form), _file_name(form, "pusty"))


def print_form(context: AppContext, parent: QWidget, printout: Printout) -> None:
    """Render, ask the system print dialog (a page range allowed), print, note it."""
    _render(context, parent, printout, lambda pages: _print(context, parent, printout, pages))


def preview_form(context: AppContext, parent: QWidget, printout: Printout) -> None:
    """The pages as they will print; printing from the preview is noted too."""
    _render(context, parent, printout, lambda pages: _preview(context, parent, printout, pages))


def save_form_pdf(context: AppContext, parent: QWidget, printout: Printout) -> None:
    """Ask for a file, then write the printout by the one rule for output files."""
    title = f"Zapisz jako PDF — {printout.document}"
    suggested = str(Path(documents_folder()) / printout.file_name)
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, PDF_FILTER)
    if not name:
        return
    target, overwrite = Path(name), True  # the save dialog asked before replacing it
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
        overwrite = not target.exists() or confirm(
            parent, title, f"Plik {target.name} już istnieje. Zastąpić go?"
        )
        if not overwrite:
            return

    def work(register: Register) -> SavedPdf:
        return register.printing.write_pdf(
            printout.procedure_id,
            printout.form,
            printout.record_id,
            blank=printout.blank,
            target=target,
            overwrite=overwrite,
            document=printout.document,
            for_whom=printout.for_whom,
        )

    def done(saved: SavedPdf) -> None:
        QMessageBox.information(parent, title, f"Zapisano: {saved.path}")

    context.ops.write(
        parent,
        work,
        done,
        progress="Zapisywanie wydruku w pliku PDF…",
    )


def _render(
    context: AppContext,
    parent: QWidget,
    printout: Printout,
    then: Callable[[PdfPages], None],
) -> None:
    context.ops.query(
        parent,
        lambda register: register.printing.pdf(
            printout.procedure_id, printout.form, printout.record_id, printout.blank
        ),
        lambda data: then(PdfPages(data)),
        progress=f"Przygotowanie wydruku {printout.form}…",
    )


def _printer(printout: Printout) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare(printer, f"{printout.document} — NK Desk")
    return printer


def _print(context: AppContext, parent: QWidget, printout: Printout, pages: PdfPages) -> None:
    printer = _printer(printout)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Drukuj — {printout.document}")
    # A file goes through „Zapisz jako PDF…”: the output-file rule, and text, not images.
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, pages.count)
    if _answered(dialog) and _draw(context, parent, pages, printer):
        _note_printed(context, parent, printout)


def _preview(context: AppContext, parent: QWidget, printout: Printout, pages: PdfPages) -> None:
    printer = _printer(printout)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Podgląd wydruku — {printout.document}")
    _fit_on_screen(dialog)
    drawn: list[bool] = []
    dialog.paintRequested.connect(
        lambda target: drawn.append(_draw(context, dialog, pages, target))
    )
    # The preview accepts only once it has printed; its own page images draw earlier.
    if _answered(dialog) and drawn and drawn[-1]:
        _note_printed(context, parent, printout)


def _answered(dialog: QDialog) -> bool:
    """Run a print dialog, then delete it: left among the window's children, it would
    point at a printer already gone, and a form's change tracker would read its fields."""
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        shiboken6.delete(dialog)


def _fit_on_screen(dialog: QDialog) -> None:
    """Tall enough to read a whole A4 page, never taller than the screen."""
    screen = dialog.screen().availableGeometry()
    dialog.resize(min(900, screen.width()), min(1000, screen.height()))


def _draw(context: AppContext, parent: QWidget, pages: PdfPages, printer: QPrinter) -> bool:
    """Draw the pages on `printer`; a failed job is said in one line, nothing is noted.

    A file chosen in a print dialog („Print to file” of the preview's) is held to the
    rule for output files: never into the data folder.
    """
    name = printer.outputFileName()
    try:
        if name:
            check_output_target(Path(name), context.folder.path, overwrite=True)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            drawn = print_pages(pages, printer)
        finally:
            QApplication.restoreOverrideCursor()
    except UserError as exc:
        show_error(parent, exc)
        return False
    except OSError:
        show_error(parent, UserError(PRINTER_FAILED))
        return False
    if printer.printerState() == QPrinter.PrinterState.Error:
        show_error(parent, UserError(PRINTER_FAILED))
        return False
    return drawn > 0


def _note_printed(context: AppContext, parent: QWidget, printout: Printout) -> None:
    procedure_id = printout.procedure_id
    if procedure_id is None:  # a blank form belongs to no procedure
        return
    context.ops.write(
        parent,
        lambda register: register.printing.record_output(
            procedure_id, printout.document, PRINTED, printout.for_whom
        ),
    )


class PrintActions(QObject):
    """„Drukuj…”, „Podgląd wydruku…” and „Zapisz jako PDF…” for what `current()` names
    when they are triggered (a list's selected record, a dialog's saved record)."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget,
        current: Callable[[], Printout | None],
    ) -> None:
        super().__init__(parent)
        self._context, self._parent, self._current = context, parent, current
        # The key is shown in the menu, not bound here: the window binds Ctrl+P once.
        self.print_action = QAction("&Drukuj…\tCtrl+P", parent)
        self.preview_action = QAction("&Podgląd wydruku…", parent)
        self.save_action = QAction("&Zapisz jako PDF…", parent)
        self.print_action.triggered.connect(self.print_current)
        self.preview_action.triggered.connect(lambda: self._run(preview_form))
        self.save_action.triggered.connect(lambda: self._run(save_form_pdf))
        self.menu = QMenu(parent)
        self.menu.addActions([self.print_action, self.preview_action, self.save_action])

    def print_current(self) -> None:
        self._run(print_form)

    def _run(self, action: Callable[[AppContext, QWidget, Printout], None]) -> None:
        printout = self._current()
        if printout is not None:
            action(self._context, self._parent, printout)

    def set_enabled(self, enabled: bool) -> None:
        for action in (self.print_action, self.preview_action, self.save_action):
            action.setEnabled(enabled)

    def button(self, text: str) -> QToolButton:
        """A button that prints when pressed; its arrow offers the preview and the file."""
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.setMenu(self.menu)
        # As tall as the push buttons beside it, which a tool button is not by itself.
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        button.clicked.connect(self.print_current)
        self.offer_on_right_click(button)  # the Menu key opens it from the keyboard
        return button

    def offer_on_right_click(self, widget: QWidget) -> None:
        """The menu on a right click, or the Menu key, over `widget`."""
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(
            lambda pos: self._offer_menu(widget.mapToGlobal(pos))
        )

    def _offer_menu(self, where: QPoint) -> None:
        if self.print_action.isEnabled():  # off while there is nothing to print
            self.menu.exec(where)


def add_print_button(
    context: AppContext,
    dialog: QWidget,
    buttons: QDialogButtonBox,
    printout: Printout | None,
    unsaved: Callable[[], bool],
) -> QToolButton:
    """„Drukuj…” (and Ctrl+P) in a form's dialog: it prints the saved record.

    A new form has nothing saved yet, so the button waits for the save. With changes
    typed since, she is told that they will not be on the printout before it is made.
    """

    def saved_version() -> Printout | None:
        if printout is None:
            return None
        if unsaved() and not confirm(
            dialog,
            f"Wydruk — {printout.document}",
            "Formularz ma niezapisane zmiany. Wydruk pokaże wersję zapisaną — bez nich.\n\n"
            "Drukować wersję zapisaną?",
        ):
            return None
        return printout

    actions = PrintActions(context, dialog, saved_version)
    button = actions.button("Dru&kuj…")
    button.setEnabled(printout is not None)
    actions.set_enabled(printout is not None)
    button.setToolTip(
        f"{SAVED_VERSION_ONLY} Ctrl+P drukuje; strzałka: podgląd wydruku, zapis jako PDF."
        if printout is not None
        else f"{SAVED_VERSION_ONLY} Zapisz formularz, aby go wydrukować."
    )
    # The reset role is the one every platform's layout puts at the left, apart from
    # „Zapisz” and „Anuluj”; it only reports the click.
    buttons.addButton(button, QDialogButtonBox.ButtonRole.ResetRole)
    if printout is not None:
        bind_print_key(dialog, actions.print_current)
    return button


def bind_print_key(window: QWidget, print_current: Callable[[], None]) -> None:
    """Ctrl+P anywhere in `window` prints what it shows."""
    add_shortcut(window, PRINT_KEY, print_current, Qt.ShortcutContext.WindowShortcut)


def blank_forms_menu(context: AppContext, parent: QWidget) -> QMenu:
    """„Pusty formularz do druku”: each form, printed, previewed or saved — no procedure."""
    menu = QMenu("&Pusty formularz do druku", parent)
    menu.setToolTipsVisible(True)  # which form is which, for the mouse
    for printable in printables.FORMS:
        form = printable.form
        sub = menu.addMenu(f"{form[:-1]}&{form[-1]}")
        sub.menuAction().setToolTip(printable.description)
        sub.menuAction().setStatusTip(printable.description)
        for text, action in (
            ("&Drukuj…", print_form),
            ("&Podgląd wydruku…", preview_form),
            ("&Zapisz jako PDF…", save_form_pdf),
        ):
            item = sub.addAction(text)
            item.triggered.connect(
                lambda _c=False, a=action, f=form: a(context, parent, blank_printout(f))
            )
    return menu
