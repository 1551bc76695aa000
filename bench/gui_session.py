"""Child process: one session of the real program, timed from the inside.

    NKDESK_PASSWORD=… python -m bench.gui_session DATA_DIR PROCEDURE_ID TERM…

Runs what `nkdesk --data-dir DATA_DIR` runs (`ui.main.main`). When the unlock window is
painted it types the password and, once the worker has loaded what the program loads
while a password is typed, presses Enter; once the main window has painted the
procedures list's first page it measures, inside the running program and on its
threaded task runner: the worker finishing its start-up work, a search for each TERM
(from `view.reload()` after setting the text: the 200 ms debounce is not included), a
new procedures view, the window of PROCEDURE_ID, and the process's peak memory. Prints
`RESULT {json}` and closes the main window, so the program ends as the user ends it.
"""

import gc
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from bench.memory import peak_rss_mb
from bench.protocol import PASSWORD_VARIABLE, RESULT
from ui import main as program
from ui.tasks import TaskRunner
from ui.unlock import UnlockDialog

# The program loads the database layer and the main window's modules on its worker
# while the unlock window waits; importing them here first would hide that work.
if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.procedures_view import ProceduresView

T = TypeVar("T")

WAIT_LIMIT_S = 600.0
SESSION_LIMIT_MS = 30 * 60 * 1000


class StuckError(Exception):
    """Something the session waits for never happened."""


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def wait_until(done: Callable[[], bool], limit_s: float = WAIT_LIMIT_S) -> None:
    """Run the event loop until `done()`; results from the worker thread wake it up."""
    deadline = time.perf_counter() + limit_s
    heartbeat = QTimer()
    heartbeat.start(20)  # wakes the loop now and then, so the deadline is noticed
    try:
        while not done():
            if time.perf_counter() > deadline:
                raise StuckError(f"waited {limit_s:.0f} s in vain")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        heartbeat.stop()


def drain(tasks: TaskRunner) -> None:
    """Wait until the single worker has done everything queued before now."""
    finished: list[bool] = []

    def done(_outcome: object) -> None:
        finished.append(True)

    tasks.run(lambda: None, done, done)
    wait_until(lambda: bool(finished))


def guarded(action: Callable[[], None]) -> Callable[[], None]:
    """A failure of the bench ends the child at once: the program's error dialog would wait."""

    def run() -> None:
        try:
            action()
        except Exception:  # noqa: BLE001 - reported to the parent, then the child ends
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(1)

    return run


def the_only(kind: type[T]) -> T:
    """The program's one object of `kind` (main() keeps it in a local variable)."""
    found = [thing for thing in gc.get_objects() if isinstance(thing, kind)]
    if len(found) != 1:
        raise StuckError(f"expected one {kind.__name__}, found {len(found)}")
    return found[0]


def is_main_window(window: QWidget) -> TypeGuard["MainWindow"]:
    """Without importing ui.main_window: before the program loads it, none can exist."""
    module = sys.modules.get("ui.main_window")
    return module is not None and isinstance(window, module.MainWindow)


def chronology_rows(window: QWidget) -> int:
    """Rows the procedure window's chronology shows (else its longest list's rows)."""
    model = getattr(getattr(window, "chronology_tab", None), "model", None)
    if model is not None:
        return int(model.rowCount())
    views = window.findChildren(QAbstractItemView)
    return max((view.model().rowCount() for view in views if view.model() is not None), default=0)


class Session(QObject):
    """Drives the program through its windows as they appear."""

    def __init__(self, password: str, procedure_id: int, terms: list[str]) -> None:
        super().__init__()
        self._password, self._procedure_id, self._terms = password, procedure_id, terms
        self._unlock_seen = False
        self._main_seen = False
        self._enter_pressed = 0.0
        self.results: dict[str, Any] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self._painted(watched)
        return False

    def _painted(self, widget: QWidget) -> None:
        window = widget.window()
        if not self._unlock_seen and isinstance(window, UnlockDialog):
            self._unlock_seen = True
            QTimer.singleShot(0, guarded(lambda: self._press_enter(window)))
        elif not self._main_seen and is_main_window(window):
            view = window.procedures_view
            if widget is view.table.viewport() and view.model.rowCount() > 0:
                self._main_seen = True
                QTimer.singleShot(0, guarded(lambda: self._main_window_shown(window)))

    def _press_enter(self, dialog: UnlockDialog) -> None:
        """Type the password, then press Enter as a user who took a moment to type it."""
        dialog.password_edit.setText(self._password)
        drain(the_only(TaskRunner))
        self._enter_pressed = time.perf_counter()
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    def _main_window_shown(self, window: "MainWindow") -> None:
        """Runs once the first page has been painted (after the whole paint)."""
        self.results["enter_to_main_window"] = ms_since(self._enter_pressed)
        from ui.context import AppContext

        context = the_only(AppContext)
        started = time.perf_counter()
        drain(context.tasks)
        self.results["worker_free_after_main_window"] = ms_since(started)
        self.results["search"] = [self._search(window.procedures_view, t) for t in self._terms]
        self._search(window.procedures_view, "")
        self.results["procedures_view_open"] = self._open_procedures_view(window, context)
        self.results["procedure_window_open"] = self._open_procedure(window, context.tasks)
        self.results["gui_peak_memory"] = peak_rss_mb()
        print(RESULT, json.dumps(self.results), flush=True)
        window.close()

    def _search(self, view: "ProceduresView", text: str) -> float:
        """The list answering `text`, from reload() to the repainted table."""
        resets: list[bool] = []

        def reset() -> None:
            resets.append(True)

        view.model.modelReset.connect(reset)
        view.search_edit.blockSignals(True)  # no debounce timer: reload() is called here
        view.search_edit.setText(text)
        view.search_edit.blockSignals(False)
        started = time.perf_counter()
        view.reload()
        wait_until(lambda: bool(resets))
        view.table.viewport().repaint()
        elapsed = ms_since(started)
        view.model.modelReset.disconnect(reset)
        return elapsed

    def _open_procedures_view(self, window: "MainWindow", context: "AppContext") -> float:
        """A new procedures view in the main window, until its first page is painted."""
        from ui.procedures_view import ProceduresView

        started = time.perf_counter()
        view = ProceduresView(context)
        window.stack.addWidget(view)
        window.stack.setCurrentWidget(view)
        wait_until(lambda: view.model.rowCount() > 0)
        view.repaint()
        elapsed = ms_since(started)
        window.stack.setCurrentWidget(window.procedures_view)
        window.stack.removeWidget(view)
        view.deleteLater()
        return elapsed

    def _open_procedure(self, window: "MainWindow", tasks: TaskRunner) -> float:
        """The procedure's window as a double click opens it, until its tabs are filled."""
        started = time.perf_counter()
        opened = window.open_procedure(self._procedure_id)
        wait_until(lambda: chronology_rows(opened) > 0)
        drain(tasks)  # tabs that load on their own have answered too
        QCoreApplication.processEvents()
        opened.repaint()
        elapsed = ms_since(started)
        opened.close()
        return elapsed


def give_up() -> None:
    print(f"session not finished within {SESSION_LIMIT_MS // 60000} min", file=sys.stderr)
    sys.stderr.flush()
    os._exit(3)


def main(argv: list[str]) -> int:
    data_dir, procedure_id, terms = argv[0], int(argv[1]), argv[2:]
    app = QApplication(sys.argv[:1])  # main() takes over this application object
    session = Session(os.environ[PASSWORD_VARIABLE], procedure_id, terms)
    app.installEventFilter(session)
    QTimer.singleShot(SESSION_LIMIT_MS, give_up)
    code = program.main(["--data-dir", data_dir])
    if "enter_to_main_window" not in session.results:
        print("the session ended before the main window was measured", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
