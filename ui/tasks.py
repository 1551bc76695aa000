"""The one helper for slow work: a single worker thread, callbacks on the GUI thread.

Database work is serialised on one worker, widgets are never touched off the GUI
thread, and a progress dialog appears only if the work lasts longer than a moment.
Tests switch `synchronous` on so work runs inline.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

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
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        progress_label: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
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
        dialog = _delayed_progress(progress_label, parent) if progress_label else None

        @Slot(object, object)
        def done(result: Any, error: BaseException | None) -> None:
            self._relays.discard(relay)
            if dialog is not None:
                dialog.cancel_pending()
            if error is None:
                on_success(result)
            else:
                on_failure(error)

        relay.finished.connect(done)
        self._pool.start(_Job(work, relay))

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
        dialog = QProgressDialog(label, "", 0, 0, parent)
        dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowTitle("NK Desk")
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        relay = _ProgressRelay()
        relay.progressed.connect(
            lambda done, total: (dialog.setMaximum(total), dialog.setValue(done))
        )
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
        dialog.close()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]

    def wait(self) -> None:
        """Block until queued work is done (used at shutdown)."""
        self._pool.waitForDone()


class _DelayedProgress(QObject):
    def __init__(self, label: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._dialog: QProgressDialog | None = None
        self._label, self._parent = label, parent
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        self._timer.start(PROGRESS_DELAY_MS)

    def _show(self) -> None:
        self._dialog = QProgressDialog(self._label, "", 0, 0, self._parent)
        self._dialog.setCancelButton(None)  # type: ignore[arg-type]
        self._dialog.setWindowTitle("Proszę czekać")
        self._dialog.setMinimumDuration(0)
        self._dialog.show()

    def cancel_pending(self) -> None:
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
        self.deleteLater()


def _delayed_progress(label: str, parent: QWidget | None) -> _DelayedProgress:
    return _DelayedProgress(label, parent)
