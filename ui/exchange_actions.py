"""File menu actions for the exchange file (a copy of all data), run off the GUI thread."""

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
