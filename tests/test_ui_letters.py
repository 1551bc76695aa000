"""The letters in the procedure window: compose, preview with the guard's notes, save as
PDF, record the sending (a chronology line); the template editor refuses an unknown
placeholder and keeps the text."""

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.domain.letters import Delivery
from tests.support.letter_cases import SECRETS, build_case, text_of
from ui.context import AppContext
from ui.letter_templates_dialog import LetterTemplatesDialog
from ui.letters_tab import SentDialog
from ui.procedure_window import ProcedureWindow


def _window(qtbot: QtBot, ui_context: AppContext) -> tuple[ProcedureWindow, int]:
    case = build_case(ui_context.register)
    window = ProcedureWindow(ui_context, case.procedure_id)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.letters_tab)
    return window, case.procedure_id


def test_a_letter_is_composed_saved_as_pdf_and_its_sending_recorded(
    qtbot: QtBot, ui_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, procedure_id = _window(qtbot, ui_context)
    tab = window.letters_tab
    tab.letter_combo.setCurrentIndex(tab.letter_combo.findData("zaproszenie-nkc"))
    assert tab.recipient_combo.currentText().startswith("Anna Próbna")
    assert tab.address_combo.currentText() == "adres zamieszkania: ul. Jawna 5, 00-001 Przykładowo"
    assert "adres pobytu: adres chroniony" in [
        tab.address_combo.itemText(i) for i in range(tab.address_combo.count())
    ]
    assert tab.meeting_combo.isVisible() and tab.meeting_combo.count() == 1
    preview = tab.preview.toPlainText()
    assert "Zaproszenie na spotkanie z grupą diagnostyczno-pomocową" in preview
    assert "Szanowna Pani," in preview and all(s not in preview for s in SECRETS)
    assert tab.pdf_button.isEnabled() and tab.sent_button.isEnabled()

    target = tmp_path / "zaproszenie.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "Dokument PDF (*.pdf)")
    )
    tab.save_pdf()
    assert "Anna Próbna" in text_of(target.read_bytes())
    assert str(target) in tab.saved_label.text()

    sent_dialogs: list[SentDialog] = []

    def fill_and_save(dialog: SentDialog) -> int:
        sent_dialogs.append(dialog)
        dialog.how_combo.setCurrentIndex(dialog.how_combo.findData(Delivery.REGISTERED.value))
        dialog.buttons.accepted.emit()
        return 1

    monkeypatch.setattr(SentDialog, "exec", fill_and_save)
    tab.record_sent()
    assert sent_dialogs
    assert tab.sent_table.rowCount() == 1
    assert tab.sent_table.item(0, 3).text() == Delivery.REGISTERED.label
    titles = [e.title for e in ui_context.register.procedures.detail(procedure_id).chronology]
    assert any(t.startswith("Wysłano pismo: Zaproszenie na spotkanie") for t in titles)
    assert any(t.startswith("Zapisano jako PDF: Zaproszenie na spotkanie") for t in titles)


def test_the_preview_says_what_the_guard_left_out_for_the_perpetrator(
    qtbot: QtBot, ui_context: AppContext
) -> None:
    ui_context.register.letters.save_template(
        "wezwanie-nkd", "Wezwanie", "Adres pokrzywdzonej: {adres_osoby_doznajacej}."
    )
    window, _ = _window(qtbot, ui_context)
    tab = window.letters_tab
    tab.letter_combo.setCurrentIndex(tab.letter_combo.findData("wezwanie-nkd"))
    assert "[pominięto: dane chronione]" not in tab.preview.toPlainText(), "first is not protected"
    ui_context.register.letters.save_template(
        "wezwanie-nkd", "Wezwanie", "Tel. pokrzywdzonej: {telefon_osoby_doznajacej}."
    )
    tab.set_procedure(ui_context.register.procedures.detail(tab.request().procedure_id))
    assert "Tel. pokrzywdzonej: [pominięto: dane chronione]." in tab.preview.toPlainText()
    assert tab.notes_label.isVisible()
    assert "kierowany do osoby stosującej przemoc" in tab.notes_label.text()


def test_the_closure_notice_says_why_it_cannot_be_composed_yet(
    qtbot: QtBot, ui_context: AppContext
) -> None:
    window, _ = _window(qtbot, ui_context)
    tab = window.letters_tab
    tab.letter_combo.setCurrentIndex(tab.letter_combo.findData("zakonczenie"))
    assert "nie jest zakończona" in tab.problem_label.text() and tab.problem_label.isVisible()
    assert not tab.meeting_combo.isVisible()
    assert not tab.pdf_button.isEnabled() and tab.preview.toPlainText() == ""


def test_the_template_editor_refuses_an_unknown_placeholder_and_keeps_the_text(
    qtbot: QtBot, ui_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = LetterTemplatesDialog(ui_context, "wezwanie-nkd")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.selected_name() == "wezwanie-nkd"
    assert dialog.state_label.text() == "Wzór domyślny programu."
    assert not dialog.reset_button.isEnabled()

    typed = "Proszę przyjść, {imie}."
    dialog.text_edit.setPlainText(typed)
    assert "nieznane pole {imie}" in dialog.error_label.text()
    dialog.save()
    assert dialog.text_edit.toPlainText() == typed
    assert "nieznane pole {imie}" in dialog.error_label.text()
    assert not ui_context.register.letters.template("wezwanie-nkd").edited

    dialog.text_edit.setPlainText("Proszę przyjść ")
    dialog.text_edit.moveCursor(QTextCursor.MoveOperation.End)
    dialog.placeholder_list.setCurrentRow(0)
    dialog.insert_placeholder()
    assert dialog.text_edit.toPlainText() == "Proszę przyjść {numer_procedury}"
    assert dialog.error_label.text() == ""
    dialog.save()
    assert ui_context.register.letters.template("wezwanie-nkd").text == (
        "Proszę przyjść {numer_procedury}"
    )
    assert dialog.state_label.text() == "Wzór zmieniony przez pracownika."

    monkeypatch.setattr("ui.letter_templates_dialog.confirm", lambda *_a: True)
    dialog.reset()
    assert not ui_context.register.letters.template("wezwanie-nkd").edited
    assert dialog.text_edit.toPlainText().startswith("Na podstawie ustawy")
