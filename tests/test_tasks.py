"""TaskRunner on its real worker thread: callbacks, ordering, progress dialogs, dead callers.

Widget tests run work inline (`synchronous`), so the threaded path is only covered here.
"""

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

import ui.tasks
from ui.tasks import TaskRunner

DELAY_MS = 50  # a short progress delay keeps these tests fast
LABEL = "Zapisywanie…"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> Iterator[TaskRunner]:
    """A runner on the real worker thread, whatever other tests left in `synchronous`."""
    monkeypatch.setattr(TaskRunner, "synchronous", False)
    monkeypatch.setattr(ui.tasks, "PROGRESS_DELAY_MS", DELAY_MS)
    tasks = TaskRunner()
    yield tasks
    tasks.wait()


def unexpected(value: Any) -> None:
    pytest.fail(f"unexpected callback with {value!r}")


def gui_thread() -> QThread:
    app = QApplication.instance()
    assert app is not None
    return app.thread()


def progress_dialogs(parent: QWidget) -> list[QProgressDialog]:
    return parent.findChildren(QProgressDialog)


def waiting_work(release: threading.Event, fails: bool = False) -> Callable[[], str]:
    def work() -> str:
        assert release.wait(2)
        if fails:
            raise OSError("dysk odłączony")
        return "zapisano"

    return work


def test_success_callback_gets_result_on_gui_thread(runner: TaskRunner, qtbot: QtBot) -> None:
    seen: dict[str, Any] = {}

    def work() -> int:
        seen["work_on_gui_thread"] = QThread.currentThread() == gui_thread()
        return 42

    def succeeded(result: int) -> None:
        seen["result"] = result
        seen["callback_on_gui_thread"] = QThread.currentThread() == gui_thread()

    runner.run(work, succeeded, unexpected)
    qtbot.waitUntil(lambda: "result" in seen, timeout=2000)
    assert seen == {"work_on_gui_thread": False, "result": 42, "callback_on_gui_thread": True}


def test_failure_callback_gets_the_exception_on_gui_thread(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    error = ValueError("zła data")
    failures: list[tuple[BaseException, bool]] = []

    def work() -> None:
        raise error

    runner.run(
        work,
        unexpected,
        lambda exc: failures.append((exc, QThread.currentThread() == gui_thread())),
    )
    qtbot.waitUntil(lambda: bool(failures), timeout=2000)
    assert failures == [(error, True)]


def test_work_runs_one_at_a_time_in_submission_order(runner: TaskRunner, qtbot: QtBot) -> None:
    lock = threading.Lock()
    running = peak = 0
    worked: list[int] = []
    delivered: list[int] = []

    def job(number: int, seconds: float) -> Callable[[], int]:
        def work() -> int:
            nonlocal running, peak
            with lock:
                running += 1
                peak = max(peak, running)
            time.sleep(seconds)
            worked.append(number)
            with lock:
                running -= 1
            return number

        return work

    for number, seconds in enumerate((0.05, 0.0, 0.02, 0.0)):
        runner.run(job(number, seconds), delivered.append, unexpected)
    qtbot.waitUntil(lambda: len(delivered) == 4, timeout=2000)
    assert worked == delivered == [0, 1, 2, 3]
    assert peak == 1


def test_quick_work_shows_no_progress_dialog(runner: TaskRunner, qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[str] = []

    runner.run(lambda: "zapisano", results.append, unexpected, LABEL, parent)
    qtbot.waitUntil(lambda: bool(results), timeout=2000)
    qtbot.wait(DELAY_MS * 3)
    assert progress_dialogs(parent) == []


def test_slow_work_shows_progress_dialog_and_deletes_it_afterwards(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    results: list[str] = []

    runner.run(waiting_work(release), results.append, unexpected, LABEL, parent)
    qtbot.waitUntil(lambda: bool(progress_dialogs(parent)), timeout=2000)
    (dialog,) = progress_dialogs(parent)
    assert dialog.isVisible()
    assert dialog.labelText() == LABEL

    release.set()
    qtbot.waitUntil(lambda: bool(results), timeout=2000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=2000)
    assert results == ["zapisano"]
    assert progress_dialogs(parent) == []


@pytest.mark.parametrize("fails", [False, True], ids=["success", "failure"])
def test_destroyed_caller_skips_callbacks_but_still_reports_a_failure(
    runner: TaskRunner, qtbot: QtBot, fails: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[BaseException] = []
    monkeypatch.setattr(ui.tasks, "show_error", lambda _parent, exc: shown.append(exc))
    parent = QWidget()
    parent.show()
    release = threading.Event()
    calls: list[object] = []

    runner.run(waiting_work(release, fails), calls.append, calls.append, LABEL, parent)
    qtbot.waitUntil(lambda: bool(progress_dialogs(parent)), timeout=2000)
    (dialog,) = progress_dialogs(parent)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(parent), timeout=2000)
    assert not shiboken6.isValid(dialog)

    release.set()
    later: list[str] = []
    runner.run(lambda: "następne", later.append, unexpected)  # delivered after the first job
    qtbot.waitUntil(lambda: bool(later), timeout=2000)
    assert calls == []
    assert len(shown) == (1 if fails else 0), "a failure is never lost with its window"


def test_caller_destroyed_before_the_delay_gets_no_progress_dialog(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    parent = QWidget()
    release = threading.Event()
    calls: list[object] = []

    runner.run(waiting_work(release), calls.append, calls.append, LABEL, parent)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(parent), timeout=2000)
    qtbot.wait(DELAY_MS * 3)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]

    release.set()
    later: list[str] = []
    runner.run(lambda: "następne", later.append, unexpected)
    qtbot.waitUntil(lambda: bool(later), timeout=2000)
    assert calls == []


def recording_dialogs(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[QProgressDialog], list[tuple[int, int]]]:
    """Replace the progress dialog class to see what run_blocking reports."""
    made: list[QProgressDialog] = []
    values: list[tuple[int, int]] = []

    class RecordingDialog(QProgressDialog):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            made.append(self)

        def setValue(self, progress: int) -> None:  # noqa: N802 - Qt's name
            values.append((progress, self.maximum()))
            super().setValue(progress)

    monkeypatch.setattr(ui.tasks, "QProgressDialog", RecordingDialog)
    return made, values


def test_run_blocking_returns_result_and_reports_progress(
    runner: TaskRunner, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, values = recording_dialogs(monkeypatch)

    def work(progress: Callable[[int, int], None]) -> str:
        assert QThread.currentThread() != gui_thread()
        progress(1, 2)
        progress(2, 2)
        return "gotowe"

    assert runner.run_blocking(work, "Przywracanie kopii…") == "gotowe"
    assert values == [(1, 2), (2, 2)]
    (dialog,) = made
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=2000)


def test_run_blocking_reraises_the_work_error(
    runner: TaskRunner, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    made, _values = recording_dialogs(monkeypatch)

    def work(_progress: Callable[[int, int], None]) -> None:
        raise OSError("brak miejsca na dysku")

    with pytest.raises(OSError, match="brak miejsca na dysku"):
        runner.run_blocking(work, "Przywracanie kopii…")
    (dialog,) = made
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=2000)


def test_results_wait_while_locked_and_arrive_after_unlock(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    """Nothing a finished job shows may appear over the lock screen."""
    runner.hold_results(True)
    held: list[str] = []
    urgent: list[str] = []
    runner.run(lambda: "zapisano", held.append, unexpected)
    runner.run(lambda: "hasło sprawdzone", urgent.append, unexpected, while_locked=True)
    qtbot.waitUntil(lambda: bool(urgent), timeout=2000)
    assert held == []
    runner.hold_results(False)
    assert held == ["zapisano"]


def test_work_run_aside_does_not_hold_up_the_worker(runner: TaskRunner, qtbot: QtBot) -> None:
    """The page check of a large file runs beside the worker: a search need not wait."""
    release = threading.Event()
    done: list[str] = []
    runner.run(waiting_work(release), done.append, unexpected, aside=True)
    runner.run(lambda: "lista", done.append, unexpected)
    qtbot.waitUntil(lambda: done == ["lista"], timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: done == ["lista", "zapisano"], timeout=2000)
