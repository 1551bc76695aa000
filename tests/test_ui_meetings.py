"""The meeting dialog on a real register: who is invited, the victim/perpetrator guard
shown inline with nothing lost, attendance only after the meeting, the confidentiality
question, a stored meeting reopened and deleted. All people are fictional."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.enums import Attendance, MeetingKind, MeetingStatus
from app.services.records import ContactPersonData, InstitutionData
from tests.qt_questions import Questions, answer_questions
from tests.qt_typing import type_text
from tests.support.meeting_cases import SIGNED, Team, build_team, contact_ids, gdp_meeting
from ui.context import AppContext
from ui.meeting_dialog import MeetingDialog, new_meeting, open_meeting

pytestmark = pytest.mark.usefixtures("no_error_shown")
DAY = dt.date(2026, 11, 23)  # Monday, after the GDP was created on 18.11
UNSIGNED = "Testowy Piotr nie złożył(a) oświadczenia o zachowaniu poufności. Zaprosić mimo to?"

Steps = Callable[[MeetingDialog], None]


@pytest.fixture
def team(ui_context: AppContext) -> Team:
    return build_team(ui_context.register)


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> Questions:
    """Every question answered „Tak” (the confidentiality one among them)."""
    return answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)


@dataclass
class Opener:
    """Opens the dialog as the program does (through the two entry points), shown, and
    does `steps` in it instead of waiting for her."""

    qtbot: QtBot
    monkeypatch: pytest.MonkeyPatch
    context: AppContext
    host: QWidget

    def _run(self, steps: Steps, open_it: Callable[[], None]) -> MeetingDialog:
        seen: list[MeetingDialog] = []

        def exec_(dialog: MeetingDialog) -> int:
            self.qtbot.addWidget(dialog)
            dialog.show()
            seen.append(dialog)
            steps(dialog)
            return dialog.result()

        self.monkeypatch.setattr(MeetingDialog, "exec", exec_)
        open_it()
        [dialog] = seen
        return dialog

    def new_gdp(self, team: Team, steps: Steps) -> MeetingDialog:
        return self._run(
            steps,
            lambda: new_meeting(self.context, self.host, MeetingKind.GDP, team.procedure_id, DAY),
        )

    def stored(self, meeting_id: int, steps: Steps) -> MeetingDialog:
        return self._run(steps, lambda: open_meeting(self.context, self.host, meeting_id))


@pytest.fixture
def opener(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ui_context: AppContext) -> Opener:
    host = QWidget()
    qtbot.addWidget(host)
    return Opener(qtbot, monkeypatch, ui_context, host)


def rows(dialog: MeetingDialog) -> list[tuple[str, bool, str]]:
    table = dialog.participants
    return [
        (c.name, table.is_ticked(row), table.item(row, 2).text())
        for row, c in enumerate(table.candidates())
    ]


def row_of(dialog: MeetingDialog, name: str) -> int:
    return [c.name for c in dialog.participants.candidates()].index(name)


def tick_with_space(qtbot: QtBot, dialog: MeetingDialog, name: str) -> None:
    table = dialog.participants
    table.setFocus()
    table.setCurrentCell(row_of(dialog, name), 1)
    qtbot.keyClick(table, Qt.Key.Key_Space)


def save(qtbot: QtBot, dialog: MeetingDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def stored_names(context: AppContext, team: Team) -> list[list[str]]:
    register = context.register
    return [
        [p.name for p in register.meetings.get(row.id).participants]
        for row in register.meetings.for_procedure(team.procedure_id)
    ]


def store_meeting(context: AppContext, team: Team, *people: int, **changes: object) -> int:
    data = gdp_meeting(team, DAY, *people, **changes)
    created = context.register.meetings.save(data).record_id
    assert created is not None
    return created


def test_a_gdp_meeting_is_saved_with_the_people_ticked(
    qtbot: QtBot,
    ui_context: AppContext,
    team: Team,
    opener: Opener,
    yes: Questions,
) -> None:
    number = ui_context.register.procedures.detail(team.procedure_id).number

    def steps(dialog: MeetingDialog) -> None:
        assert dialog.windowTitle() == f"Nowe posiedzenie GDP, {number}, 23.11.2026"
        assert rows(dialog) == [
            ("Próbna Ewa", True, "12.01.2026"),
            ("Testowy Piotr", True, "brak oświadczenia"),
            ("Zmyślona Anna", False, "nie dotyczy"),
            ("Zmyślona Jan", False, "nie dotyczy"),
        ]
        assert not dialog.delete_button.isVisible()
        tick_with_space(qtbot, dialog, "Zmyślona Anna")
        type_text(dialog.place_edit, "GOPS, pokój 4")
        type_text(dialog.agenda_edit, "Plan pomocy dla rodziny")
        save(qtbot, dialog)

    dialog = opener.new_gdp(team, steps)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [asked.text for asked in yes.asked] == [UNSIGNED + _where_to_sign()]
    assert stored_names(ui_context, team) == [["Próbna Ewa", "Testowy Piotr", "Zmyślona Anna"]]
    [row] = ui_context.register.meetings.for_procedure(team.procedure_id)
    stored = ui_context.register.meetings.get(row.id)
    assert (stored.held_on, stored.starts_at, stored.place, stored.agenda) == (
        DAY,
        dt.time(10),
        "GOPS, pokój 4",
        "Plan pomocy dla rodziny",
    )


def _where_to_sign() -> str:
    return "\n\nDatę oświadczenia wpiszesz przy osobie kontaktowej na stronie Instytucje."


def test_the_victim_with_the_perpetrator_is_refused_inline_and_nothing_is_lost(
    qtbot: QtBot,
    ui_context: AppContext,
    team: Team,
    opener: Opener,
    yes: Questions,
) -> None:
    def steps(dialog: MeetingDialog) -> None:
        tick_with_space(qtbot, dialog, "Zmyślona Anna")
        tick_with_space(qtbot, dialog, "Zmyślona Jan")
        type_text(dialog.place_edit, "GOPS, pokój 4")
        type_text(dialog.minutes_edit, "Notatka robocza")
        save(qtbot, dialog)

        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.error_label.isVisible()
        assert dialog.error_label.text().startswith(
            "Nie można zaprosić na jedno posiedzenie osoby doznającej przemocy (Zmyślona Anna) "
            "i osoby stosującej przemoc (Zmyślona Jan)"
        )
        assert dialog.focusWidget() is dialog.participants
        assert dialog.place_edit.text() == "GOPS, pokój 4"
        assert dialog.minutes_edit.toPlainText() == "Notatka robocza"
        assert [name for name, ticked, _ in rows(dialog) if ticked][-2:] == [
            "Zmyślona Anna",
            "Zmyślona Jan",
        ]
        assert ui_context.register.meetings.for_procedure(team.procedure_id) == ()

        tick_with_space(qtbot, dialog, "Zmyślona Jan")
        assert not dialog.error_label.isVisible(), "the refused list has changed"
        save(qtbot, dialog)

    dialog = opener.new_gdp(team, steps)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert stored_names(ui_context, team) == [["Próbna Ewa", "Testowy Piotr", "Zmyślona Anna"]]


def test_an_overlapping_hour_is_refused_at_the_hour(
    qtbot: QtBot,
    ui_context: AppContext,
    team: Team,
    opener: Opener,
    yes: Questions,
) -> None:
    store_meeting(ui_context, team, team.perpetrator_id)

    def steps(dialog: MeetingDialog) -> None:
        tick_with_space(qtbot, dialog, "Zmyślona Anna")
        dialog.starts_edit.setTime(dialog.starts_edit.time().addSecs(1800))
        type_text(dialog.place_edit, "Szkoła, pokój pedagoga")
        save(qtbot, dialog)
        assert "w tym samym czasie" in dialog.error_label.text()
        assert "10:00–11:00" in dialog.error_label.text()
        assert dialog.focusWidget() is dialog.starts_edit
        assert dialog.place_edit.text() == "Szkoła, pokój pedagoga"

    dialog = opener.new_gdp(team, steps)

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(ui_context.register.meetings.for_procedure(team.procedure_id)) == 1


def test_attendance_is_recorded_only_for_a_held_meeting(
    qtbot: QtBot, ui_context: AppContext, team: Team, opener: Opener
) -> None:
    meeting_id = store_meeting(ui_context, team, team.perpetrator_id)

    def steps(dialog: MeetingDialog) -> None:
        assert dialog.windowTitle().startswith("Posiedzenie GDP, ")
        assert rows(dialog)[:2] == [
            ("Próbna Ewa", True, "12.01.2026"),
            ("Zmyślona Jan", True, "nie dotyczy"),
        ]
        assert not any(combo.isEnabled() for combo in dialog.participants.attendance_combos())
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(MeetingStatus.HELD))
        table = dialog.participants
        enabled = [table.attendance_combo(row).isEnabled() for row in range(table.rowCount())]
        assert enabled == [True, True, False, False], "only the invited"
        perpetrator = table.attendance_combo(row_of(dialog, "Zmyślona Jan"))
        perpetrator.setCurrentIndex(perpetrator.findData(Attendance.ABSENT))
        worker = table.attendance_combo(row_of(dialog, "Próbna Ewa"))
        worker.setCurrentIndex(worker.findData(Attendance.PRESENT))
        save(qtbot, dialog)

    opener.stored(meeting_id, steps)

    stored = ui_context.register.meetings.get(meeting_id)
    assert stored.status is MeetingStatus.HELD
    assert [(p.name, p.attendance) for p in stored.participants] == [
        ("Próbna Ewa", Attendance.PRESENT),
        ("Zmyślona Jan", Attendance.ABSENT),
    ]

    def back_to_planned(dialog: MeetingDialog) -> None:
        worker = dialog.participants.attendance_combo(0)
        assert worker.isEnabled() and worker.currentData() == Attendance.PRESENT
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(MeetingStatus.PLANNED))
        assert not worker.isEnabled()
        save(qtbot, dialog)

    opener.stored(meeting_id, back_to_planned)
    attendance = {p.attendance for p in ui_context.register.meetings.get(meeting_id).participants}
    assert attendance == {Attendance.UNKNOWN}, "a planned meeting keeps no attendance"


def test_a_contact_without_a_statement_is_invited_only_when_she_says_so(
    qtbot: QtBot, ui_context: AppContext, team: Team, opener: Opener
) -> None:
    questions = answer_questions(opener.monkeypatch, QMessageBox.StandardButton.No)

    def steps(dialog: MeetingDialog) -> None:
        type_text(dialog.place_edit, "GOPS, pokój 4")
        save(qtbot, dialog)
        assert [asked.text for asked in questions.asked] == [UNSIGNED + _where_to_sign()]
        assert questions.asked[0].default == QMessageBox.StandardButton.No
        assert dialog.isVisible() and dialog.focusWidget() is dialog.participants
        assert ui_context.register.meetings.for_procedure(team.procedure_id) == ()
        questions.answer = QMessageBox.StandardButton.Yes
        save(qtbot, dialog)

    opener.new_gdp(team, steps)

    assert stored_names(ui_context, team) == [["Próbna Ewa", "Testowy Piotr"]]
    [row] = ui_context.register.meetings.for_procedure(team.procedure_id)

    def save_again(dialog: MeetingDialog) -> None:
        type_text(dialog.decisions_edit, "Kolejne posiedzenie za dwa tygodnie")
        save(qtbot, dialog)

    opener.stored(row.id, save_again)
    assert len(questions.asked) == 2, "asked once per invitation, not at every save"
    assert ui_context.register.meetings.get(row.id).decisions.startswith("Kolejne")


def test_a_guest_from_the_directory_keeps_the_name_after_leaving_it(
    qtbot: QtBot,
    ui_context: AppContext,
    team: Team,
    opener: Opener,
    yes: Questions,
) -> None:
    register = ui_context.register
    school = register.institutions.save(
        InstitutionData(
            "Szkoła Podstawowa w Zmyślinie",
            "school",
            contacts=[
                ContactPersonData("Olga", "Fikcyjna", "pedagog", confidentiality_signed_on=SIGNED)
            ],
        )
    ).record_id
    assert school is not None

    def invite_guest(dialog: MeetingDialog) -> None:
        assert "Próbna Ewa" not in [dialog.picker.itemText(i) for i in range(dialog.picker.count())]
        dialog.picker.setFocus()
        type_text(
            dialog.picker.lineEdit(), "Fikcyjna Olga — pedagog, Szkoła Podstawowa w Zmyślinie"
        )
        qtbot.mouseClick(dialog.add_guest_button, Qt.MouseButton.LeftButton)
        assert rows(dialog)[-1] == ("Fikcyjna Olga", True, "12.01.2026")
        assert dialog.picker.findText("Fikcyjna Olga", Qt.MatchFlag.MatchStartsWith) < 0
        type_text(dialog.place_edit, "GOPS, pokój 4")
        save(qtbot, dialog)

    opener.new_gdp(team, invite_guest)
    [row] = register.meetings.for_procedure(team.procedure_id)
    register.institutions.save(InstitutionData("Szkoła Podstawowa w Zmyślinie", "school"), school)
    assert "Fikcyjna Olga" not in contact_ids(register)

    def reopen(dialog: MeetingDialog) -> None:
        assert ("Fikcyjna Olga", True, "osoby nie ma już w katalogu") in rows(dialog)
        type_text(dialog.minutes_edit, "Pedagog przedstawiła opinię")
        save(qtbot, dialog)

    opener.stored(row.id, reopen)
    assert "Fikcyjna Olga" in [p.name for p in register.meetings.get(row.id).participants]


def test_a_stored_meeting_is_deleted_after_confirmation(
    qtbot: QtBot, ui_context: AppContext, team: Team, opener: Opener
) -> None:
    meeting_id = store_meeting(ui_context, team)
    questions = answer_questions(opener.monkeypatch, QMessageBox.StandardButton.No)

    def steps(dialog: MeetingDialog) -> None:
        assert dialog.delete_button.isVisible()
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        assert "Czy na pewno usunąć: Posiedzenie GDP" in questions.asked[0].text
        assert dialog.isVisible()
        questions.answer = QMessageBox.StandardButton.Yes
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)

    dialog = opener.stored(meeting_id, steps)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ui_context.register.meetings.for_procedure(team.procedure_id) == ()
