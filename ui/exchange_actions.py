"""File menu actions that write or read files (exchange copy, calendar), off the GUI thread."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.services.register import Imported
from ui.context import AppContext
from ui.widgets import documents_folder

JSON_FILTER = "Plik wymiany NK Desk (*.json)"
SAVE_TITLE = "Kopia danych do pliku wymiany"
LOAD_TITLE = "Wczytanie danych z pliku wymiany"


def export_register(context: AppContext, parent: QWidget) -> None:
    """Ask where, warn that the file is not encrypted, then write it in the background."""
    answer = QMessageBox.warning(
        parent,
        SAVE_TITLE,
        "Plik wymiany NIE jest zaszyfrowany i zawiera dane osobowe, także szczególnych "
        "kategorii. Zapisz go tylko na zaszyfrowanym nośniku i usuń, gdy nie będzie potrzebny."
        "\n\nKontynuować?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    name, _ = QFileDialog.getSaveFileName(
        parent, SAVE_TITLE, "nkdesk-kopia-danych.json", JSON_FILTER
    )
    if not name:
        return
    target = Path(name)
    context.ops.query(
        parent,
        # The save dialog has already asked before replacing an existing file.
        lambda register: register.export_to_file(target, overwrite=True),
        lambda _r: QMessageBox.information(parent, SAVE_TITLE, f"Zapisano: {target}"),
        progress="Zapisywanie kopii danych…",
    )


def import_register(context: AppContext, parent: QWidget) -> None:
    """Load an exchange file into this (empty) register; a bad file changes nothing."""
    name, _ = QFileDialog.getOpenFileName(parent, LOAD_TITLE, documents_folder(), JSON_FILTER)
    if not name:
        return
    source = Path(name)

    def done(imported: Imported) -> None:
        summary = imported.summary
        QMessageBox.information(
            parent,
            LOAD_TITLE,
            f"Wczytano {summary.procedures} procedur, {summary.persons} osób "
            f"i {summary.institutions} instytucji.",
        )

    context.ops.write(
        parent,
        lambda register: register.import_from_file(source),
        done,
        progress="Wczytywanie danych z pliku wymiany…",
    )


CALENDAR_TITLE = "Terminy do kalendarza"


def export_calendar(context: AppContext, parent: QWidget) -> None:
    """The deadlines still to meet, as an .ics file with numbers and kinds of steps only."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        CALENDAR_TITLE,
        str(Path(documents_folder()) / "nkdesk-terminy.ics"),
        "Kalendarz iCalendar (*.ics)",
    )
    if not name:
        return
    target = Path(name)

    def written(count: int) -> None:
        QMessageBox.information(
            parent,
            CALENDAR_TITLE,
            f"Zapisano {count} terminów w pliku {target}.\nPlik zawiera tylko numery procedur "
            "i rodzaje kroków — bez nazwisk i adresów.",
        )

    context.ops.query(
        parent,
        lambda register: register.export_calendar(target, overwrite=True),
        written,
        progress="Zapisywanie terminów…",
    )
