"""After unlock, every page of the register is read back once in the background.

Damage that the opening did not touch would otherwise show up only when some list
happens to read the broken page; the worker should learn it at once, while her backups
are still fresh.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.errors import show_error
from ui.tasks import TaskRunner

PAGE_CHECK_DELAY_MS = 3000


def check_pages_in_background(
    page_damage: Callable[[], list[str]],
    db_path: Path,
    tasks: TaskRunner,
    window: QWidget,
    delay_ms: int = PAGE_CHECK_DELAY_MS,
) -> None:
    """Run `page_damage` (the open register's page check) off the GUI thread; warn if found.

    It starts after `delay_ms`, once the first lists are on screen, and beside the worker:
    reading a large file takes a second or more, and the first search must not wait.
    """

    def start() -> None:
        tasks.run(
            page_damage,
            lambda findings: _warn(window, db_path, findings),
            lambda exc: show_error(window, exc),
            aside=True,  # it reads the file on a connection of its own
        )

    if delay_ms:
        QTimer.singleShot(delay_ms, window, start)
    else:
        start()


def _warn(window: QWidget, db_path: Path, findings: list[str]) -> None:
    if not findings:
        return
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Baza danych jest uszkodzona",
        f"Plik bazy danych {db_path} jest uszkodzony (liczba uszkodzonych stron: "
        f"{len(findings)}). Części danych może nie dać się odczytać, a zapis może się nie "
        "udać. Zamknij program i przywróć bazę z kopii zapasowej.",
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setDetailedText("\n".join(findings))
    box.exec()
