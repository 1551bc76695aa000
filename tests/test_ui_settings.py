"""The settings dialog is generated from app.settings and validated by the core."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.services.changes import Changes, Entity
from app.settings import setting_fields
from tests.conftest import TEST_SETTINGS
from tests.qt_typing import type_text
from tests.support.clock import TODAY
from ui.context import AppContext
from ui.settings_dialog import SettingsDialog, setting_text


def click_save(qtbot: QtBot, dialog: SettingsDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_dialog_has_a_field_for_every_declared_setting(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(ui_context)
    qtbot.addWidget(dialog)

    fields = setting_fields()
    assert list(dialog.edits) == [f.name for f in fields]
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    for spec in fields:
        assert f"{spec.metadata['label']}:" in labels
        if spec.metadata["help"]:
            assert spec.metadata["help"] in labels
            assert dialog.edits[spec.name].toolTip() == spec.metadata["help"]
        assert setting_text(dialog.edits[spec.name]) == getattr(TEST_SETTINGS, spec.name)
        multiline = spec.metadata["multiline"]
        assert isinstance(dialog.edits[spec.name], QPlainTextEdit if multiline else QLineEdit)


def test_changed_gmina_name_is_saved(ui_context: AppContext, qtbot: QtBot) -> None:
    dialog = SettingsDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.edits["gmina_name"].clear()
    type_text(dialog.edits["gmina_name"], "Gmina Łąkowa Wola")

    with qtbot.waitSignal(ui_context.changed) as published:
        click_save(qtbot, dialog)

    assert published.args == [Changes.of(Entity.SETTINGS)]
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = ui_context.register.settings.load()
    assert saved.gmina_name == "Gmina Łąkowa Wola"
    assert saved.office_name == TEST_SETTINGS.office_name


def test_invalid_numbering_pattern_is_shown_and_not_saved(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    published: list[Changes] = []
    ui_context.changed.connect(published.append)
    dialog = SettingsDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edits["numbering_pattern"].clear()
    qtbot.keyClicks(dialog.edits["numbering_pattern"], "NK/{rok}")
    type_text(dialog.edits["gmina_name"], " Zmieniona")

    click_save(qtbot, dialog)

    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == ("Wzór musi zawierać {nr} (numer w roku) i {rok} (rok).")
    assert dialog.focusWidget() is dialog.edits["numbering_pattern"]
    assert dialog.edits["numbering_pattern"].text() == "NK/{rok}"
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert ui_context.register.settings.load() == TEST_SETTINGS
    assert published == []


def test_the_number_pattern_shows_an_example_as_she_types_and_names_an_unknown_field(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(ui_context)
    qtbot.addWidget(dialog)
    preview = dialog.previews["numbering_pattern"]
    year = TODAY.year

    assert dialog.edits["numbering_pattern"].text() == "NK/{nr}/{rok}"
    assert preview.text() == f"np. NK/12/{year}"

    dialog.edits["numbering_pattern"].clear()
    qtbot.keyClicks(dialog.edits["numbering_pattern"], "{rok}-{numer}")
    assert preview.text() == "Nieznane pole {numer}. Można użyć tylko {nr} i {rok}."
    click_save(qtbot, dialog)
    assert dialog.error_label.text() == preview.text()
    assert ui_context.register.settings.load() == TEST_SETTINGS

    dialog.edits["numbering_pattern"].clear()
    qtbot.keyClicks(dialog.edits["numbering_pattern"], "{rok}-{nr}")
    assert preview.text() == f"np. {year}-12"


def test_the_nkb_local_contacts_are_edited_as_several_lines_and_saved(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(ui_context)
    qtbot.addWidget(dialog)
    edit = dialog.edits["nkb_local_contacts"]
    assert isinstance(edit, QPlainTextEdit)
    first = "Zespół interdyscyplinarny, ul. Próbna 1, tel. 00 000 00 00"
    second = "Dzielnicowy — Łąka"
    type_text(edit, first)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    type_text(edit, second)
    lines = f"{first}\n{second}"

    click_save(qtbot, dialog)

    saved = ui_context.register.settings.load()
    assert saved.nkb_local_contacts == lines
    assert saved.local_contacts() == tuple(lines.split("\n"))
    assert saved.gmina_name == TEST_SETTINGS.gmina_name
