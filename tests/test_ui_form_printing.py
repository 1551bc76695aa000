"""Printing the forms from the windows, on a real encrypted register: what reaches the
printer is the service's printout, page for page; each print or saved file of a
procedure's document is noted in its chronology, a cancelled one is not; a saved file
follows the output-file rule; and nothing with case data is left in the temp folder.

The print dialogs are answered like a user: „Drukuj” aims the chosen printer at a PDF
file of the test (Qt's PDF printer), so the test can read what was printed. The printer
gets page images (ui.print_pdf), so the form's words are read from the PDF the service
rendered, and the printout is compared with it page count and look.
"""

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QMenu,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from app.domain import helplines
from app.domain.enums import InitiatorService, Role
from app.services.form_printing import FormPrintService
from app.services.records import FormData, NkaData, ParticipantData, PersonData
from tests.qt_questions import answer_questions
from tests.support.clock import TODAY
from ui.context import AppContext
from ui.form_print_actions import PRINTER_FAILED
from ui.form_record_dialog import FormRecordDialog
from ui.main_window import MainWindow
from ui.nka_dialog import NkaDialog
from ui.procedure_window import ProcedureWindow
from ui.saving_dialog import SavingDialog

FILLED_ON = TODAY - dt.timedelta(days=2)
NKA_LABEL = f"NK-A nr 1 z {FILLED_ON:%d.%m.%Y}"
CUPS_QUEUE = os.environ.get("NKDESK_CUPS_QUEUE", "")


@dataclass
class Case:
    procedure_id: int
    number: str


@pytest.fixture
def case(ui_context: AppContext) -> Case:
    """A procedure with Anna (victim) and Jan (perpetrator), an NK-A and an NK-B given
    to Anna."""
    register = ui_context.register
    procedure_id = register.procedures.create(TODAY - dt.timedelta(days=10)).record_id
    assert procedure_id is not None
    for first, role in (("Anna", Role.VICTIM), ("Jan", Role.PERPETRATOR)):
        register.participants.save(procedure_id, ParticipantData(PersonData(first, "Próbna"), role))
    people = {p.role: p.person.id for p in register.procedures.detail(procedure_id).participants}
    register.nka.save(
        procedure_id,
        NkaData(
            FILLED_ON,
            InitiatorService.POLICE,
            filled_by_name="sierż. Piotr Przykładowy",
            content={"description": "Krzyczał i groził — zażółć gęślą jaźń."},
            person_ids=list(people.values()),
        ),
    )
    register.forms.save(procedure_id, FormData("NK-B", FILLED_ON, people[Role.VICTIM], {}))
    return Case(procedure_id, register.procedures.detail(procedure_id).number)


@dataclass(frozen=True)
class Asked:
    """What a print dialog offered (the dialog itself goes once it is answered)."""

    to_file: bool
    page_range: bool
    pages: tuple[int, int]
    doc_name: str

    @classmethod
    def of(cls, dialog: QPrintDialog) -> "Asked":
        options = QAbstractPrintDialog.PrintDialogOption
        return cls(
            dialog.testOption(options.PrintToFile),
            dialog.testOption(options.PrintPageRange),
            (dialog.minPage(), dialog.maxPage()),
            dialog.printer().docName(),
        )


@dataclass
class Printing:
    """What the user answers in the print dialogs, and what came of it."""

    folder: Path
    answer: bool = True
    rendered: list[bytes] = field(default_factory=list)  # what the service drew
    printed: list[Path] = field(default_factory=list)  # what the "printer" made
    dialogs: list[Asked] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def aim(self, printer: QPrinter) -> None:
        """The printer she picks: a PDF file of the test."""
        out = self.folder / f"wydruk-{len(self.printed) + 1}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        self.printed.append(out)


@pytest.fixture
def printing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Printing:
    folder = tmp_path / "wydruki"
    folder.mkdir()
    state = Printing(folder)
    render = FormPrintService.pdf

    def pdf(self: FormPrintService, *args: Any, **kwargs: Any) -> bytes:
        data = render(self, *args, **kwargs)
        state.rendered.append(data)
        return data

    def exec_(dialog: QPrintDialog) -> int:
        state.dialogs.append(Asked.of(dialog))
        if not state.answer:
            return QDialog.DialogCode.Rejected.value
        state.aim(dialog.printer())
        return QDialog.DialogCode.Accepted.value

    def shown(_parent: object, exc: BaseException) -> None:
        state.errors.append(getattr(exc, "message", repr(exc)))

    monkeypatch.setattr(FormPrintService, "pdf", pdf)
    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    for module in ("ui.operations", "ui.form_print_actions"):
        monkeypatch.setattr(f"{module}.show_error", shown)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    return state


def text_of(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def first_page(data: bytes) -> QImage:
    """Page 1 on white paper, small and grey, to compare a printout with its source."""
    document = QPdfDocument()
    device = QBuffer()
    device.setData(QByteArray(data))
    device.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(device)
    page = document.render(0, QSize(496, 702))
    document.close()
    paper = QImage(page.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.end()
    small = paper.scaled(
        62, 88, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    return small.convertToFormat(QImage.Format.Format_Grayscale8)


def differ(a: QImage, b: QImage) -> float:
    """Mean difference of two grey images of one size, 0 (same) to 255."""
    pixels = [(x, y) for y in range(a.height()) for x in range(a.width())]
    total = sum(abs(a.pixelColor(x, y).value() - b.pixelColor(x, y).value()) for x, y in pixels)
    return total / len(pixels)


def chronology(context: AppContext, procedure_id: int) -> list[str]:
    return [e.title for e in context.register.procedures.detail(procedure_id).chronology]


def opened(qtbot: QtBot, context: AppContext, case: Case, tab: str = "nka_tab") -> ProcedureWindow:
    window = ProcedureWindow(context, case.procedure_id)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    window.tabs.setCurrentWidget(getattr(window, tab))
    qtbot.waitUntil(lambda: window.nka_tab.model.rowCount() == 1)
    return window


def test_printing_an_nka_from_its_tab_prints_the_form_page_for_page_and_notes_it(
    qtbot: QtBot, ui_context: AppContext, case: Case, printing: Printing
) -> None:
    window = opened(qtbot, ui_context, case)
    tab = window.nka_tab
    assert not tab.print_button.isEnabled(), "nothing selected, nothing to print"
    tab.table.selectRow(0)

    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)

    [asked] = printing.dialogs
    assert not asked.to_file, "a file goes through „Zapisz jako PDF…”"
    assert asked.page_range
    [rendered], [printed] = printing.rendered, printing.printed
    assert asked.pages == (1, page_count(rendered))
    assert asked.doc_name == f"{NKA_LABEL} — NK Desk", "no names in the print queue"
    text = text_of(rendered)
    assert "Niebieska Karta — A" in text and case.number in text
    assert page_count(printed.read_bytes()) == page_count(rendered)
    # The printer gets page images: page 1 looks as drawn (a blank sheet differs by ~9).
    assert differ(first_page(printed.read_bytes()), first_page(rendered)) < 3
    assert f"Wydrukowano: {NKA_LABEL}" in chronology(ui_context, case.procedure_id)
    shown = [row.entry.title for row in window.chronology_tab.model.rows()]
    assert f"Wydrukowano: {NKA_LABEL}" in shown, "the chronology tab follows the notice"
    assert printing.errors == []


def test_cancelling_the_print_dialog_prints_and_notes_nothing(
    qtbot: QtBot, ui_context: AppContext, case: Case, printing: Printing
) -> None:
    window = opened(qtbot, ui_context, case)
    window.nka_tab.table.selectRow(0)
    before = chronology(ui_context, case.procedure_id)
    printing.answer = False

    window.nka_tab.printing.print_action.trigger()

    assert len(printing.dialogs) == 1
    assert printing.printed == [] and list(printing.folder.iterdir()) == []
    assert chronology(ui_context, case.procedure_id) == before


def test_ctrl_p_prints_the_selected_record_of_the_tab_in_view(
    qtbot: QtBot, ui_context: AppContext, case: Case, printing: Printing
) -> None:
    window = opened(qtbot, ui_context, case)
    window.nka_tab.table.selectRow(0)
    window.nka_tab.table.setFocus()
    qtbot.keyClick(window.nka_tab.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(printing.printed) == 1
    assert "Niebieska Karta — A" in text_of(printing.rendered[0])

    window.tabs.setCurrentWidget(window.forms_tab)
    qtbot.waitUntil(lambda: window.forms_tab.selected_record() is not None)
    qtbot.keyClick(window.forms_tab.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(printing.printed) == 2
    assert "Niebieska Karta — B" in text_of(printing.rendered[1])
    nkb_line = f"Wydrukowano: NK-B nr 1 z {FILLED_ON:%d.%m.%Y} — dla: Anna Próbna"
    assert nkb_line in chronology(ui_context, case.procedure_id)

    window.tabs.setCurrentWidget(window.people_tab)
    qtbot.keyClick(window.people_tab, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(printing.printed) == 2, "a tab without forms prints nothing"


def test_the_nkb_to_hand_over_prints_from_the_forms_tab(
    qtbot: QtBot, ui_context: AppContext, case: Case, printing: Printing
) -> None:
    window = opened(qtbot, ui_context, case, "forms_tab")
    qtbot.mouseClick(window.forms_tab.sheet_button, Qt.MouseButton.LeftButton)
    [rendered] = printing.rendered
    text = text_of(rendered)
    assert "Niebieska Karta — B" in text and case.number in text
    assert all(line.number in text for line in helplines.valid_on(TODAY))
    assert len(printing.printed) == 1
    assert "Wydrukowano: NK-B do przekazania" in chronology(ui_context, case.procedure_id)


def test_the_right_click_menu_saves_a_pdf_and_notes_it(
    qtbot: QtBot,
    ui_context: AppContext,
    case: Case,
    printing: Printing,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = opened(qtbot, ui_context, case)
    window.nka_tab.table.selectRow(0)
    asked: list[str] = []
    target = tmp_path / "wybrany.pdf"

    def save_name(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    assert _texts(window.nka_tab.printing.menu) == [
        "&Drukuj…\tCtrl+P",
        "&Podgląd wydruku…",
        "&Zapisz jako PDF…",
    ]
    assert window.nka_tab.table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu

    window.nka_tab.printing.save_action.trigger()

    [suggested] = asked
    expected = f"NK-A_{case.number.replace('/', '-')}_1.pdf"
    assert Path(suggested).name == expected
    assert "Próbn" not in suggested and "Anna" not in suggested
    assert "Niebieska Karta — A" in text_of(target.read_bytes())
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert f"Zapisano jako PDF: {NKA_LABEL}" in chronology(ui_context, case.procedure_id)
    assert printing.errors == []


def test_saving_into_the_data_folder_is_refused_in_polish(
    qtbot: QtBot,
    ui_context: AppContext,
    case: Case,
    printing: Printing,
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
) -> None:
    window = opened(qtbot, ui_context, case)
    window.nka_tab.table.selectRow(0)
    before = chronology(ui_context, case.procedure_id)
    inside = data_dir / "wydruk.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_args: (str(inside), "Dokument PDF (*.pdf)")
    )

    window.nka_tab.printing.save_action.trigger()

    [error] = printing.errors
    assert error.startswith("Nie zapisuję pliku wydruk.pdf w folderze danych programu")
    assert not inside.exists()
    assert chronology(ui_context, case.procedure_id) == before


def test_printing_from_the_preview_is_noted_and_closing_it_is_not(
    qtbot: QtBot,
    ui_context: AppContext,
    case: Case,
    printing: Printing,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The preview accepts only after printing: its print button emits paintRequested
    with the printer chosen."""
    window = opened(qtbot, ui_context, case)
    window.nka_tab.table.selectRow(0)
    prints = {"answer": False}

    def exec_(dialog: QPrintPreviewDialog) -> int:
        if not prints["answer"]:
            return QDialog.DialogCode.Rejected.value
        printer = dialog.printer()
        printing.aim(printer)
        dialog.paintRequested.emit(printer)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    before = chronology(ui_context, case.procedure_id)

    window.nka_tab.printing.preview_action.trigger()
    assert chronology(ui_context, case.procedure_id) == before

    prints["answer"] = True
    window.nka_tab.printing.preview_action.trigger()
    [printed] = printing.printed
    assert page_count(printed.read_bytes()) == page_count(printing.rendered[-1])
    assert chronology(ui_context, case.procedure_id) == [*before, f"Wydrukowano: {NKA_LABEL}"]


def test_a_print_to_a_file_in_the_data_folder_is_refused(
    qtbot: QtBot,
    ui_context: AppContext,
    case: Case,
    printing: Printing,
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
) -> None:
    """The preview's own print dialog offers „Print to file”: the output-file rule holds."""
    window = opened(qtbot, ui_context, case)
    window.nka_tab.table.selectRow(0)

    def exec_(dialog: QPrintPreviewDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(data_dir / "nkdesk.pdf"))
        dialog.paintRequested.emit(printer)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    before = chronology(ui_context, case.procedure_id)
    window.nka_tab.printing.preview_action.trigger()

    assert not (data_dir / "nkdesk.pdf").exists()
    [error] = printing.errors
    assert "folderze danych programu" in error
    assert chronology(ui_context, case.procedure_id) == before


def test_a_printer_that_refuses_the_job_is_said_in_one_line(
    qtbot: QtBot,
    ui_context: AppContext,
    case: Case,
    printing: Printing,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = opened(qtbot, ui_context, case)
    window.nka_tab.table.selectRow(0)

    def refuse(_pages: object, _printer: object) -> int:
        raise OSError("the printer could not start a job")

    monkeypatch.setattr("ui.form_print_actions.print_pages", refuse)
    before = chronology(ui_context, case.procedure_id)
    window.nka_tab.print_selected()
    assert printing.errors == [PRINTER_FAILED]
    assert chronology(ui_context, case.procedure_id) == before


def test_a_blank_nkd_prints_from_the_file_menu_without_a_procedure(
    qtbot: QtBot, ui_context: AppContext, printing: Printing, monkeypatch: pytest.MonkeyPatch
) -> None:
    def noted(*_args: object) -> None:
        pytest.fail("a blank form is no procedure's document: nothing is noted")

    monkeypatch.setattr(FormPrintService, "record_output", noted)
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    [file_menu] = [m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Plik"]
    assert window.blank_forms_menu.menuAction() in file_menu.actions()
    forms = {a.text(): a.menu() for a in window.blank_forms_menu.actions()}
    assert list(forms) == ["NK-&A", "NK-&B", "NK-&C", "NK-&D"]
    nkd = forms["NK-&D"]
    assert isinstance(nkd, QMenu)
    [print_action] = [a for a in nkd.actions() if a.text() == "&Drukuj…"]

    print_action.trigger()

    [rendered], [printed] = printing.rendered, printing.printed
    assert "Niebieska Karta — D" in text_of(rendered)
    assert page_count(printed.read_bytes()) == page_count(rendered)
    assert printing.dialogs[0].doc_name == "NK-D (pusty) — NK Desk"
    assert printing.errors == []


def test_the_form_dialogs_print_the_saved_record(
    qtbot: QtBot,
    ui_context: AppContext,
    case: Case,
    printing: Printing,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    procedure = ui_context.register.procedures.detail(case.procedure_id)
    new = NkaDialog(ui_context, procedure)
    qtbot.addWidget(new)
    assert not _print_button(new).isEnabled(), "nothing saved to print yet"
    assert "Zapisz formularz" in _print_button(new).toolTip()

    [record] = procedure.nka_records
    dialog = NkaDialog(ui_context, procedure, record)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    qtbot.mouseClick(_print_button(dialog), Qt.MouseButton.LeftButton)
    assert len(printing.printed) == 1

    dialog.place_edit.setText("Łąka")  # typed, not saved
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.keyClick(dialog.place_edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(questions.asked) == 1 and "wersję zapisaną" in questions.asked[0].text
    assert len(printing.printed) == 1, "she chose not to print the saved version"
    dialog.forget_changes()

    offered: list[list[str]] = []

    def read_and_close() -> None:
        popup = QApplication.activePopupWidget()
        assert isinstance(popup, QMenu)
        offered.append(_texts(popup))
        popup.close()

    QTimer.singleShot(0, read_and_close)  # runs inside the menu's own event loop
    menu_key = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), QPoint(5, 5))
    QApplication.sendEvent(_print_button(dialog), menu_key)
    assert offered == [["&Drukuj…\tCtrl+P", "&Podgląd wydruku…", "&Zapisz jako PDF…"]]

    [nkb] = procedure.forms
    form_dialog = FormRecordDialog(ui_context, procedure, "NK-B", nkb)
    qtbot.addWidget(form_dialog)
    qtbot.mouseClick(_print_button(form_dialog), Qt.MouseButton.LeftButton)
    assert len(printing.printed) == 2
    assert "Niebieska Karta — B" in text_of(printing.rendered[-1])


def _texts(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions()]


def _print_button(dialog: SavingDialog) -> QAbstractButton:
    [button] = [b for b in dialog.buttons.buttons() if b.text() == "Dru&kuj…"]
    return button


@pytest.fixture
def private_temp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A temp folder of this test alone, for Python, Qt and CUPS alike."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def test_printing_previewing_and_saving_leave_no_case_data_on_disk(
    qtbot: QtBot,
    ui_context: AppContext,
    case: Case,
    printing: Printing,
    private_temp: Path,
    private_cache: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = opened(qtbot, ui_context, case)
    window.nka_tab.table.selectRow(0)
    data_before, cache_before = _files(data_dir), _files(private_cache)
    target = tmp_path / "wybrany.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    previews: list[QPrintPreviewDialog] = []

    def show_preview(dialog: QPrintPreviewDialog) -> int:
        """Shown for real, so the preview draws its pages, then printed from."""
        previews.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        printer = dialog.printer()
        printing.aim(printer)
        dialog.paintRequested.emit(printer)
        dialog.hide()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintPreviewDialog, "exec", show_preview)

    window.nka_tab.printing.print_action.trigger()
    window.nka_tab.printing.preview_action.trigger()
    window.nka_tab.printing.save_action.trigger()
    window.forms_tab.print_handover_sheet()

    assert len(printing.printed) == 3 and target.exists()
    assert _files(private_temp) == set(), "no temp file is left"
    new_in_data = {p.name for p in _files(data_dir) - data_before}
    assert all(name.startswith("nkdesk.db") for name in new_in_data), new_in_data
    assert _files(private_cache) == cache_before
    outputs = {p.name for p in _files(tmp_path) if p.suffix == ".pdf"}
    assert outputs == {p.name for p in printing.printed} | {target.name}


def _queue_ready() -> bool:
    lpstat = shutil.which("lpstat")
    if not CUPS_QUEUE or lpstat is None:
        return False
    return subprocess.run([lpstat, "-p", CUPS_QUEUE], capture_output=True).returncode == 0


@pytest.mark.skipif(not _queue_ready(), reason="no CUPS PDF queue (NKDESK_CUPS_QUEUE)")
def test_an_nka_printed_through_a_real_cups_queue_arrives_whole_and_leaves_no_spool_file(
    qtbot: QtBot,
    ui_context: AppContext,
    case: Case,
    printing: Printing,
    private_temp: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    output = Path.home() / "PDF"
    before = _files(output)

    def to_queue(dialog: QPrintDialog) -> int:
        dialog.printer().setPrinterName(CUPS_QUEUE)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", to_queue)
    window = opened(qtbot, ui_context, case)
    window.nka_tab.table.selectRow(0)
    window.nka_tab.print_selected()
    assert printing.errors == []
    assert f"Wydrukowano: {NKA_LABEL}" in chronology(ui_context, case.procedure_id)

    deadline, produced = time.monotonic() + 60, set[Path]()
    while time.monotonic() < deadline and not produced:
        time.sleep(0.5)
        jobs = subprocess.run(["lpstat", "-o", CUPS_QUEUE], capture_output=True, text=True)
        if not jobs.stdout.strip():
            produced = {p for p in _files(output) - before if p.suffix == ".pdf"}
    assert produced, "the CUPS PDF printer wrote no file within a minute"
    [made] = produced
    try:
        assert page_count(made.read_bytes()) == page_count(printing.rendered[0])
    finally:
        made.unlink()
    assert _files(private_temp) == set(), "Qt's spool file for CUPS is removed"
