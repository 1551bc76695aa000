"""No database query runs on the GUI thread while the worker opens, searches, edits and saves.

The real threaded task runner is used; an engine hook records the thread of every SQL
statement the register executes, so a window that calls a service directly is caught.
"""

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from app.domain.enums import ChronologyKind, Role
from app.services.records import ParticipantData, PersonData
from app.services.register import Register
from app.services.vault import DataFolder
from app.storage.db import Database
from tests.support.clock import CLOCK, TODAY
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

WAIT_MS = 5000


@pytest.fixture
def statements_on_gui_thread(db: Database) -> Iterator[list[str]]:
    """SQL run by the GUI thread (should stay empty) — from the moment the window opens."""
    found: list[str] = []
    gui = threading.main_thread()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.current_thread() is gui:
            found.append(statement.split("\n", 1)[0][:80])

    event.listen(db.engine, "before_cursor_execute", record)
    yield found
    event.remove(db.engine, "before_cursor_execute", record)


def _procedure_with_a_victim(db: Database) -> int:
    register = Register(db, CLOCK)
    procedure_id = register.procedures.create(TODAY).record_id
    assert procedure_id is not None
    person = PersonData("Żaneta", "Próbna")
    register.participants.save(procedure_id, ParticipantData(person, Role.VICTIM))
    register.chronology.add(procedure_id, TODAY, ChronologyKind.NOTE, "Rozmowa telefoniczna")
    return procedure_id


def test_opening_searching_editing_and_saving_never_query_on_the_gui_thread(
    qtbot: QtBot,
    folder: DataFolder,
    db: Database,
    statements_on_gui_thread: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(TaskRunner, "synchronous", False)
    statements_on_gui_thread.clear()
    procedure_id = _procedure_with_a_victim(db)
    statements_on_gui_thread.clear()  # the setup above ran on this thread on purpose
    tasks = TaskRunner()
    context = AppContext(folder, Register(db, CLOCK), tasks)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    view = window.procedures_view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)

    view.search_edit.setText("zaneta")
    view.reload()
    qtbot.waitUntil(lambda: view.count_label.text() == "Procedury: 1", timeout=WAIT_MS)
    view.search_edit.setText("nikogo-takiego")
    view.reload()
    qtbot.waitUntil(lambda: view.count_label.text() == "Procedury: 0", timeout=WAIT_MS)

    procedure_window = window.open_procedure(procedure_id)
    chronology = procedure_window.chronology_tab
    qtbot.waitUntil(lambda: chronology.model.rowCount() >= 1, timeout=WAIT_MS)
    data_tab = procedure_window.data_tab
    data_tab.notes_edit.setPlainText("Notatka po wizycie")
    with qtbot.waitSignal(context.changed, timeout=WAIT_MS):
        qtbot.mouseClick(data_tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait(300)  # the notice reloads the open views, off the GUI thread too
    tasks.wait()
    window.close()

    assert statements_on_gui_thread == []
    assert Register(db, CLOCK).procedures.detail(procedure_id).notes == "Notatka po wizycie"
