"""The „Załączniki” section of a form: files already linked to the record, and new ones.

New files are only listed (each with a description the user may type) until the form
is saved; then they are read off the GUI thread and stored in the same service call as
the record, so a file that cannot be read or attached stops the whole save with a
message. Files already stored are shown for reference; they are managed in the
procedure's „Załączniki” tab.
"""

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.file_names import MAX_ATTACHMENT_BYTES, MAX_DESCRIPTION_CHARS
from app.errors import ValidationError
from app.services.records import NewFile
from app.services.views import AttachmentView
from ui.attachments_tab import format_size
from ui.widgets import documents_folder

STORED_HINT = "Zapisany w rejestrze. Opis zmienisz, a plik usuniesz na karcie „Załączniki”."
NAME, SIZE, DESCRIPTION = range(3)


def read_attachment(path: Path) -> bytes:
    """The file's bytes, or a Polish message naming the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"Nie można odczytać pliku „{path.name}”. Sprawdź, czy nadal istnieje "
            "i czy nie jest otwarty w innym programie.",
            field="files",
        ) from exc
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"Plik „{path.name}” jest większy niż {format_size(MAX_ATTACHMENT_BYTES)}.",
            field="files",
        )
    return data


def read_files(files: Sequence[tuple[Path, str]]) -> list[NewFile]:
    """The listed files (path, description) read for the save; runs off the GUI thread."""
    return [NewFile(path.name, read_attachment(path), text) for path, text in files]


class _DescriptionDelegate(QStyledItemDelegate):
    """A description is typed in place, no longer than the register keeps."""

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        _option: QStyleOptionViewItem,
        _index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(MAX_DESCRIPTION_CHARS)
        return editor


class AttachmentFilesBox(QGroupBox):
    """Stored files first (read-only), then the new ones, whose description can be typed."""

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__("Załączniki", parent)
        self.files: list[Path] = []  # the new files, in the order of their rows after stored
        self._stored = 0
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Plik", "Rozmiar", "Opis"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setItemDelegateForColumn(DESCRIPTION, _DescriptionDelegate(self.table))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SIZE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.add_files_button = QPushButton("Dodaj &plik…")
        self.remove_file_button = QPushButton("&Usuń z listy")
        self.remove_file_button.setToolTip("Usuwa z listy plik, który nie został jeszcze zapisany.")

        hint_label = QLabel(f"{hint} Opis pliku wpisz w kolumnie „Opis” (dwuklik lub F2).")
        hint_label.setWordWrap(True)
        hint_label.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_files_button)
        buttons.addWidget(self.remove_file_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self.add_files_button.clicked.connect(self._choose_files)
        self.remove_file_button.clicked.connect(self._remove_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_stored(self, attachments: Sequence[AttachmentView]) -> None:
        """List the files already linked to the record (before any new one is added)."""
        assert not self.files, "stored files are listed first"
        self.table.setRowCount(0)
        for attachment in attachments:
            row = self._append(attachment.file_name, attachment.size, attachment.description)
            for column in range(3):
                item = self.table.item(row, column)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setForeground(self.palette().placeholderText())
                item.setToolTip(STORED_HINT)
        self._stored = len(attachments)

    def add_files(self, paths: Sequence[Path]) -> None:
        """Put files on the list (nothing is stored until "Zapisz"); skips repeats."""
        for path in paths:
            if path in self.files:
                continue
            self.files.append(path)
            row = self._append(path.name, _size(path), "")
            self.table.item(row, NAME).setToolTip(str(path))
        self._update_buttons()

    def new_files(self) -> list[tuple[Path, str]]:
        """The new files with the descriptions typed for them, as listed."""
        return [
            (path, self.table.item(self._stored + i, DESCRIPTION).text())
            for i, path in enumerate(self.files)
        ]

    def _append(self, name: str, size: int | None, description: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        size_text = format_size(size) if size is not None else ""
        for column, text in enumerate((name, size_text, description)):
            item = QTableWidgetItem(text)
            if column != DESCRIPTION:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)
        return row

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Dodaj załączniki", documents_folder())
        if paths:
            self.add_files([Path(p) for p in paths])

    def _selected_new(self) -> int | None:
        """The position in `files` of the selected new file."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        new = [row - self._stored for row in rows if row >= self._stored]
        return new[0] if new else None

    def _remove_selected(self) -> None:
        position = self._selected_new()
        if position is None:
            return
        del self.files[position]
        self.table.removeRow(self._stored + position)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_file_button.setEnabled(self._selected_new() is not None)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None
