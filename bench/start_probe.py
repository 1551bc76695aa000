"""Child process: how soon after start is the first window painted?

    python -m bench.start_probe bare            # a bare QWidget: the floor for any Qt program
    python -m bench.start_probe unlock DATA_DIR # what `nkdesk --data-dir DATA_DIR` runs

Prints `PAINTED <time.perf_counter()>` once the window's first paint has finished, then
closes it (the unlock window is cancelled, so the program ends as after "Zakończ").
The parent compares that moment with the moment it started this process. Heavy imports
happen inside the modes, so the bare probe pays only for Qt.
"""

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from bench.protocol import PAINTED


class FirstPaint(QObject):
    """Reports the end of the first paint of a window `matches` accepts, then `closes` it."""

    def __init__(
        self, matches: Callable[[QWidget], bool], close: Callable[[QWidget], object]
    ) -> None:
        super().__init__()
        self._matches, self._close = matches, close
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            not self._seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and self._matches(watched.window())
        ):
            self._seen = True
            window = watched.window()
            QTimer.singleShot(0, lambda: self._report(window))  # after the whole paint
        return False

    def _report(self, window: QWidget) -> None:
        print(PAINTED, f"{time.perf_counter():.6f}", flush=True)
        self._close(window)


def bare() -> int:
    app = QApplication(sys.argv[:1])
    widget = QWidget()
    probe = FirstPaint(lambda window: window is widget, lambda _window: app.quit())
    app.installEventFilter(probe)
    widget.resize(480, 240)
    widget.show()
    return app.exec()


def unlock(data_dir: str) -> int:
    from ui import main as program
    from ui.unlock import UnlockDialog

    # The program's main() takes over this application object instead of making its own.
    app = QApplication(sys.argv[:1])
    probe = FirstPaint(
        lambda window: isinstance(window, UnlockDialog),
        lambda window: window.close(),
    )
    app.installEventFilter(probe)
    return program.main(["--data-dir", data_dir])


def main(argv: list[str]) -> int:
    if argv == ["bare"]:
        return bare()
    if len(argv) == 2 and argv[0] == "unlock":
        return unlock(argv[1])
    print("usage: python -m bench.start_probe bare | unlock DATA_DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
