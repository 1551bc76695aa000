"""The one helper for slow work: a single worker thread, callbacks on the GUI thread.

Database work is serialised on one worker, widgets are never touched off the GUI
thread, and a progress dialog appears only if the work lasts longer than a moment.
Tests switch `synchronous` on so work runs inline.
"""

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.errors import show_error

PROGRESS_DELAY_MS = 400


class _ProgressRelay(QObject):
    progressed = Signal(int, int)


class _Relay(QObject):
    finished = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class TaskRunner(QObject):
    """Runs callables off the GUI thread, one at a time."""

    synchronous = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Long reads on a connection of their own (the page check of the whole file) run
        # here, so they never hold up the windows' queries on the one worker.
        self._aside = QThreadPool(self)
        self._aside.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()
        self._holding = False
        self._held: list[Callable[[], None]] = []

    @property
    def holding(self) -> bool:
        return self._holding

    def hold_results(self, hold: bool) -> None:
        """While the program is locked, finished work waits: nothing may appear over the lock.

        Releasing delivers the held results in the order the work finished.
        """
        self._holding = hold
        if not hold:
            pending, self._held = self._held, []
            for deliver in pending:
                deliver()

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        progress_label: str | None = None,
        parent: QWidget | None = None,
        while_locked: bool = False,
        aside: bool = False,
    ) -> None:
        """Run `work()` on the worker, then `on_success(result)` or `on_failure(exc)` here.

        `parent` is the widget that asked for the work: the progress dialog is shown
        over it, and if it has been destroyed by the time the work ends (a procedure
        window closed meanwhile) the callbacks are skipped, since they would touch dead
        widgets — a failure is then shown on its own, so it is never lost. The work itself
        is never cancelled. Results are held while the program is locked unless
        `while_locked` (the lock screen's own password check). `aside` work runs on a
        second thread, beside the worker: only for work that opens its own connection.
        """
        if self.synchronous:
            try:
                result = work()
            except Exception as exc:  # noqa: BLE001 - same contract as the threaded path
                on_failure(exc)
            else:
                on_success(result)
            return
        relay = _Relay()
        self._relays.add(relay)
        progress = _DelayedProgress(progress_label, parent, self) if progress_label else None

        def deliver(result: Any, error: BaseException | None) -> None:
            if parent is not None and not shiboken6.isValid(parent):
                if error is not None:
                    show_error(None, error)
                return
            if error is None:
                on_success(result)
            else:
                on_failure(error)

        @Slot(object, object)
        def done(result: Any, error: BaseException | None) -> None:
            self._relays.discard(relay)
            if progress is not None:
                progress.finish()
            if self._holding and not while_locked:
                self._held.append(lambda: deliver(result, error))
            else:
                deliver(result, error)

        relay.finished.connect(done)
        (self._aside if aside else self._pool).start(_Job(work, relay))

    def run_blocking(
        self,
        work: Callable[[Callable[[int, int], None]], Any],
        label: str,
        parent: QWidget | None = None,
    ) -> Any:
        """Run `work(progress)` off the GUI thread behind a progress bar; return or raise.

        Used where nothing else can happen until the work is done (start-up, restore).
        """
        if self.synchronous:
            return work(lambda _done, _total: None)
        dialog = _busy_dialog(label, "NK Desk", parent)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)

        def report(done: int, total: int) -> None:
            if shiboken6.isValid(dialog):
                dialog.setMaximum(total)
                dialog.setValue(done)

        relay = _ProgressRelay()
        relay.progressed.connect(report)
        loop = QEventLoop()
        outcome: dict[str, Any] = {}

        def finished(result: Any) -> None:
            outcome["result"] = result
            loop.quit()

        def failed(exc: BaseException) -> None:
            outcome["error"] = exc
            loop.quit()

        self.run(lambda: work(relay.progressed.emit), finished, failed)
        loop.exec()
        _discard(dialog)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]

    def wait(self) -> None:
        """Block until queued work is done (used at shutdown)."""
        self._pool.waitForDone()
        self._aside.waitForDone()


class _DelayedProgress(QObject):
    """Shows a busy dialog over the caller's widget once the work outlasts PROGRESS_DELAY_MS.

    Owned by the TaskRunner rather than the caller, so finishing the work never
    touches an object that went away with a window closed meanwhile.
    """

    def __init__(self, label: str, caller: QWidget | None, owner: QObject) -> None:
        super().__init__(owner)
        self._label, self._caller = label, caller
        self._dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        self._timer.start(PROGRESS_DELAY_MS)

    def _show(self) -> None:
        if self._caller is not None and not shiboken6.isValid(self._caller):
            return  # the window waiting for this work is gone
        self._dialog = _busy_dialog(self._label, "Proszę czekać", self._caller)
        self._dialog.setMinimumDuration(0)
        self._dialog.show()

    def finish(self) -> None:
        self._timer.stop()
        _discard(self._dialog)
        self._dialog = None
        self.deleteLater()


def _busy_dialog(label: str, title: str, parent: QWidget | None) -> QProgressDialog:
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    return dialog


def _discard(dialog: QProgressDialog | None) -> None:
    """Close and delete a finished dialog, so its own show timer cannot bring it back.

    A dialog whose parent window was destroyed is already gone with it.
    """
    if dialog is not None and shiboken6.isValid(dialog):
        dialog.close()
        dialog.deleteLater()
