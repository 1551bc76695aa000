"""Institutions page and dialog, driven by keyboard and mouse against a real encrypted DB."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.enums import InstitutionType
from app.domain.text import polish_sort_key
from app.services.changes import Changes, Entity
from app.services.records import ContactPersonData, InstitutionData
from tests.qt_questions import answer_questions
from tests.qt_typing import type_text
from ui.context import AppContext
from ui.institution_dialog import ContactPersonDialog, InstitutionDialog
from ui.institutions_view import InstitutionsView, count_text


def save_button(dialog: InstitutionDialog) -> QWidget:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def names(view: InstitutionsView) -> list[str]:
    return [row.name for row in view.model.rows()]


def add(context: AppContext, name: str, type_: InstitutionType, city: str = "") -> int:
    changes = context.register.institutions.save(InstitutionData(name=name, type=type_, city=city))
    assert changes.record_id is not None
    return changes.record_id


def test_add_institution_by_typing_shows_it_in_the_view(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 0
    assert view.status_label.text() == "0 instytucji"

    def fill_contact(contact: ContactPersonDialog) -> int:
        assert not contact.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
        type_text(contact.first_name_edit, "Paweł")
        type_text(contact.last_name_edit, "Żak")
        qtbot.keyClicks(contact.function_combo.lineEdit(), "dzielnicowy")
        qtbot.mouseClick(
            contact.buttons.button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )
        return contact.result()

    def fill_institution(dialog: InstitutionDialog) -> int:
        assert dialog.windowTitle() == "Nowa instytucja"
        type_text(dialog.name_edit, "Komisariat Policji w Łące")
        dialog.type_combo.setFocus()
        qtbot.keyClicks(dialog.type_combo, "P")
        assert dialog.type_combo.currentData() == InstitutionType.POLICE
        type_text(dialog.city_edit, "Łąka")
        qtbot.keyClicks(dialog.phone_edit, "48 123 45 67")
        qtbot.mouseClick(dialog.add_contact_button, Qt.MouseButton.LeftButton)
        assert dialog.contacts_model.rows() == [
            ContactPersonData(first_name="Paweł", last_name="Żak", function="dzielnicowy")
        ]
        with qtbot.waitSignal(ui_context.changed) as published:
            qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        assert published.args[0].touches(Entity.INSTITUTION)
        return dialog.result()

    monkeypatch.setattr(ContactPersonDialog, "exec", fill_contact)
    monkeypatch.setattr(InstitutionDialog, "exec", fill_institution)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)

    [row] = ui_context.register.institutions.list()
    assert (row.name, row.type, row.city, row.phone) == (
        "Komisariat Policji w Łące",
        InstitutionType.POLICE,
        "Łąka",
        "48 123 45 67",
    )
    stored = ui_context.register.institutions.get(row.id)
    assert [(c.first_name, c.last_name, c.function) for c in stored.contacts] == [
        ("Paweł", "Żak", "dzielnicowy")
    ]
    assert names(view) == ["Komisariat Policji w Łące"]
    assert view.model.data(view.model.index(0, 1)) == "Policja (komisariat, posterunek)"
    assert view.model.data(view.model.index(0, 5)) == "Paweł Żak (dzielnicowy)"
    assert view.status_label.text() == "1 instytucja"
    assert view.table.selectionModel().selectedRows()[0].row() == 0
    assert view.edit_button.isEnabled()


def test_search_as_you_type_is_diacritics_insensitive(ui_context: AppContext, qtbot: QtBot) -> None:
    add(ui_context, "Komisariat Policji w Łące", InstitutionType.POLICE, "Łąka")
    add(ui_context, "Szkoła Podstawowa nr 1", InstitutionType.SCHOOL, "Przykładowo")
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 2

    qtbot.keyClicks(view.search_edit, "laka")
    qtbot.waitUntil(lambda: names(view) == ["Komisariat Policji w Łące"])

    view.search_edit.clear()
    qtbot.keyClicks(view.search_edit, "sad rejonowy")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert view.status_label.text() == "0 instytucji"


def test_type_filter(ui_context: AppContext, qtbot: QtBot) -> None:
    add(ui_context, "Komisariat Policji w Łące", InstitutionType.POLICE)
    add(ui_context, "Szkoła Podstawowa nr 1", InstitutionType.SCHOOL)
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)

    view.type_combo.setCurrentIndex(view.type_combo.findText(InstitutionType.SCHOOL.label))
    assert names(view) == ["Szkoła Podstawowa nr 1"]
    view.type_combo.setCurrentIndex(view.type_combo.findText(InstitutionType.COURT.label))
    assert names(view) == []
    view.type_combo.setCurrentIndex(0)
    assert view.type_combo.currentText() == "Wszystkie rodzaje"
    assert view.model.rowCount() == 2


def test_saving_without_name_shows_error_and_writes_nothing(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    published: list[Changes] = []
    ui_context.changed.connect(published.append)
    dialog = InstitutionDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(InstitutionType.POLICE))
    type_text(dialog.city_edit, "Łąka")

    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Podaj nazwę instytucji."
    assert dialog.focusWidget() is dialog.name_edit
    assert dialog.city_edit.text() == "Łąka"
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert ui_context.register.institutions.list() == []
    assert published == []


def test_saving_without_type_asks_for_it(ui_context: AppContext, qtbot: QtBot) -> None:
    dialog = InstitutionDialog(ui_context)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name_edit, "Sąd Rejonowy")

    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.error_label.text() == "Wybierz rodzaj instytucji."
    assert dialog.focusWidget() is dialog.type_combo
    assert ui_context.register.institutions.list() == []


def test_edit_prefills_dialog_and_saves_changes(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    changes = ui_context.register.institutions.save(
        InstitutionData(
            name="Szkoła Podstawowa nr 1",
            type=InstitutionType.SCHOOL,
            city="Łąka",
            contacts=[ContactPersonData("Ewa", "Śliwa", function="pedagog")],
        )
    )
    institution_id = changes.record_id
    assert institution_id is not None
    [contact] = ui_context.register.institutions.get(institution_id).contacts
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)
    view.table.selectRow(0)

    def edit(dialog: InstitutionDialog) -> int:
        assert dialog.windowTitle() == "Instytucja: Szkoła Podstawowa nr 1"
        assert dialog.type_combo.currentData() == InstitutionType.SCHOOL
        assert dialog.city_edit.text() == "Łąka"
        assert dialog.contacts_model.rows() == [
            ContactPersonData("Ewa", "Śliwa", function="pedagog", id=contact.id)
        ]
        dialog.name_edit.clear()
        type_text(dialog.name_edit, "Szkoła Podstawowa nr 2 w Łące")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(InstitutionDialog, "exec", edit)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)

    stored = ui_context.register.institutions.get(institution_id)
    assert stored.name == "Szkoła Podstawowa nr 2 w Łące"
    assert [(c.id, c.first_name, c.last_name, c.function) for c in stored.contacts] == [
        (contact.id, "Ewa", "Śliwa", "pedagog")
    ], "the same contact, edited in place"
    assert names(view) == ["Szkoła Podstawowa nr 2 w Łące"]
    assert view.table.selectionModel().selectedRows()[0].row() == 0


def test_delete_asks_for_confirmation(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(ui_context, "Komisariat Policji w Łące", InstitutionType.POLICE)
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)
    view.table.selectRow(0)
    questions = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert "„Komisariat Policji w Łące”" in questions.asked[0].text
    assert len(ui_context.register.institutions.list()) == 1
    assert view.model.rowCount() == 1

    questions.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 2
    assert ui_context.register.institutions.list() == []
    assert view.model.rowCount() == 0
    assert not view.delete_button.isEnabled()


def test_count_text_uses_polish_plural_forms() -> None:
    assert [count_text(n) for n in (0, 1, 2, 4, 5, 12, 22, 25)] == [
        "0 instytucji",
        "1 instytucja",
        "2 instytucje",
        "4 instytucje",
        "5 instytucji",
        "12 instytucji",
        "22 instytucje",
        "25 instytucji",
    ]


def test_enter_on_a_row_opens_the_editor(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(ui_context, "Szkoła Podstawowa nr 1", InstitutionType.SCHOOL)
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
    opened: list[str] = []
    monkeypatch.setattr(
        InstitutionDialog, "exec", lambda dialog: opened.append(dialog.windowTitle()) or 0
    )
    view.table.setFocus()
    view.table.selectRow(0)

    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    assert opened == ["Instytucja: Szkoła Podstawowa nr 1"]


def selected_name(view: InstitutionsView) -> str | None:
    rows = view.table.selectionModel().selectedRows()
    return view.model.row_at(rows[0].row()).name if rows else None


def test_a_just_added_institution_is_selected_in_its_place(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("Lecznica", "Świetlica", "Żłobek"):
        add(ui_context, name, InstitutionType.OTHER)
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)
    view.table.selectRow(0)
    assert selected_name(view) == "Lecznica"

    def fill(dialog: InstitutionDialog) -> int:
        type_text(dialog.name_edit, "Łaźnia Miejska")
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(InstitutionType.OTHER))
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(InstitutionDialog, "exec", fill)
    view.add_institution()

    assert names(view) == ["Lecznica", "Łaźnia Miejska", "Świetlica", "Żłobek"]
    assert selected_name(view) == "Łaźnia Miejska"
    assert view.status_label.text() == "4 instytucje"
    assert view.edit_button.isEnabled()


def test_another_change_keeps_the_selection(ui_context: AppContext, qtbot: QtBot) -> None:
    add(ui_context, "Lecznica", InstitutionType.HEALTH_CARE)
    add(ui_context, "Żłobek", InstitutionType.OTHER)
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)
    view.table.selectRow(1)

    ui_context.publish(Changes.of(Entity.INSTITUTION))

    assert selected_name(view) == "Żłobek"


def test_every_column_sorts_in_polish_order_both_ways(ui_context: AppContext, qtbot: QtBot) -> None:
    add(ui_context, "Sąd Rejonowy", InstitutionType.COURT, "Śrem")
    add(ui_context, "Lecznica", InstitutionType.HEALTH_CARE, "Łódź")
    add(ui_context, "Żłobek", InstitutionType.KINDERGARTEN, "Lublin")
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)
    header = view.table.horizontalHeader()
    assert names(view) == ["Lecznica", "Sąd Rejonowy", "Żłobek"]

    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    assert [row.city for row in view.model.rows()] == ["Lublin", "Łódź", "Śrem"]
    header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)
    assert [row.city for row in view.model.rows()] == ["Śrem", "Łódź", "Lublin"]
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert names(view) == ["Żłobek", "Sąd Rejonowy", "Lecznica"]
    header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    labels = [view.model.data(view.model.index(row, 1)) for row in range(3)]
    assert labels == sorted(labels, key=polish_sort_key)
    for column in range(3, view.model.columnCount()):
        header.setSortIndicator(column, Qt.SortOrder.AscendingOrder)
        assert view.model.rowCount() == 3
        assert view.status_label.text() == "3 instytucje"


def test_editing_an_institution_deleted_meanwhile_says_so(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    institution_id = add(ui_context, "Sąd Rejonowy", InstitutionType.COURT)
    view = InstitutionsView(ui_context)
    qtbot.addWidget(view)
    view.table.selectRow(0)
    ui_context.register.institutions.delete(institution_id)  # e.g. by an import meanwhile
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    opened: list[str] = []
    monkeypatch.setattr(
        InstitutionDialog, "exec", lambda dialog: opened.append(dialog.windowTitle()) or 0
    )

    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)

    assert warnings == ["Instytucja nie istnieje."]
    assert opened == []
