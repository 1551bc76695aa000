"""The "Załączniki" tab of a procedure: files kept encrypted inside the register.

Files leave the database only on an explicit action: "Otwórz" writes a temporary copy
that is removed when the program locks or closes (at once, when the system has no program
for it); "Zapisz jako…" writes a plain copy after a warning that it will not be encrypted.
Each file shows the NK-A or chronology entry it belongs to, and its description can be
changed here.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services.changes import Changes
from app.services.register import Register
from app.services.viewer_copies import discard_view_copy
from app.services.views import AttachmentView, ProcedureDetail
from ui.context import AppContext
from ui.description_dialog import DescriptionDialog
from ui.table_model import Column, RecordTableModel, selected_row
from ui.widgets import add_shortcut, confirm, documents_folder, record_table

OPEN_HINT = (
    "Otwiera tymczasową kopię pliku w programie systemowym. Kopia jest usuwana, "
    "gdy program zostanie zablokowany lub zamknięty."
)
SAVE_HINT = "Zapisuje niezaszyfrowaną kopię pliku we wskazanym miejscu."
EMPTY_HINT = "Brak załączników. Dodaj plik przyciskiem „Dodaj plik…” albo przeciągnij go tutaj."
NO_LINK = "—"


def format_size(size: int) -> str:
    """Bytes as a Polish reader expects them: "512 B", "12,3 kB", "1,2 MB"."""
    if size < 1024:
        return f"{size} B"
    kilobytes = size / 1024
    if round(kilobytes, 1) < 1024:
        return f"{kilobytes:.1f} kB".replace(".", ",")
    return f"{kilobytes / 1024:.1f} MB".replace(".", ",")


class FileSize(int):
    """A byte count that displays in Polish units but still sorts as a number."""

    def __str__(self) -> str:
        return format_size(int(self))  # a plain int: formatting `self` would recurse


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    file_name: str
    description: str
    size: FileSize
    added_on: dt.date
    link: str


def attachment_rows(procedure: ProcedureDetail) -> list[AttachmentRow]:
    """Plain rows for the table, each with the NK-A or chronology entry it belongs to."""
    return [
        AttachmentRow(
            id=attachment.id,
            file_name=attachment.file_name,
            description=attachment.description,
            size=FileSize(attachment.size),
            added_on=_local_date(attachment),
            link=attachment.link or NO_LINK,
        )
        for attachment in procedure.attachments
    ]


def _local_date(attachment: AttachmentView) -> dt.date:
    """`created_at` is stored in UTC; the user thinks in local days."""
    return attachment.created_at.replace(tzinfo=dt.UTC).astimezone().date()


COLUMNS: list[Column[AttachmentRow]] = [
    Column("Nazwa pliku", lambda r: r.file_name),
    Column("Opis", lambda r: r.description),
    Column("Rozmiar", lambda r: r.size),
    Column("Dodano", lambda r: r.added_on),
    Column("Dotyczy", lambda r: r.link),
]


class AttachmentsTab(QWidget):
    """Lists a procedure's attachments; adds, opens, exports and deletes them."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure_id: int | None = None
        # Opens a viewer copy; False when the system has no program for that kind of file.
        self.open_file: Callable[[Path], bool] = self._open_with_system
        self._build_ui()
        self._connect_signals()
        self._update_buttons()

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.model: RecordTableModel[AttachmentRow] = RecordTableModel(COLUMNS)
        self.table = record_table(self.model, stretch_last=False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(2, 90)
        self.table.setColumnWidth(3, 95)
        header.setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.table, 1)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setEnabled(False)
        self.status_label.hide()
        layout.addWidget(self.status_label)

        buttons = QHBoxLayout()
        self.add_files_button = QPushButton("&Dodaj plik…")
        self.add_files_button.setToolTip(
            "Plik zostanie zapisany w zaszyfrowanej bazie; oryginał możesz potem usunąć."
        )
        self.open_button = QPushButton("&Otwórz")
        self.open_button.setToolTip(OPEN_HINT)
        self.save_as_button = QPushButton("&Zapisz jako…")
        self.save_as_button.setToolTip(SAVE_HINT)
        self.describe_button = QPushButton("Zmień op&is…")
        self.describe_button.setToolTip("Zmienia opis wybranego pliku (klawisz F2).")
        self.delete_button = QPushButton("&Usuń…")
        for button in (
            self.add_files_button,
            self.open_button,
            self.save_as_button,
            self.describe_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.count_label = QLabel()
        buttons.addWidget(self.count_label)
        layout.addLayout(buttons)
        self.setAcceptDrops(True)

    def _connect_signals(self) -> None:
        self.add_files_button.clicked.connect(self._choose_files)
        self.open_button.clicked.connect(self._open_selected)
        self.save_as_button.clicked.connect(self._save_selected_as)
        self.describe_button.clicked.connect(self._describe_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.table.activated.connect(lambda _index: self._open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        add_shortcut(self.table, QKeySequence.StandardKey.Delete, self._delete_selected)
        add_shortcut(self.table, QKeySequence(Qt.Key.Key_F2), self._describe_selected)

    def set_procedure(self, procedure: ProcedureDetail) -> None:
        """Show the (re)loaded procedure, keeping the selected file selected."""
        selected = self.selected_row()
        self._procedure_id = procedure.id
        self.model.set_rows(attachment_rows(procedure))
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        rows = self.model.rows()
        self.count_label.setText(f"Załączniki: {len(rows)}")
        if not rows:
            self._set_status(EMPTY_HINT)
        elif self.status_label.text() == EMPTY_HINT:
            self._set_status("")
        for index, row in enumerate(rows):
            if selected is not None and row.id == selected.id:
                self.table.selectRow(index)
                break
        self._update_buttons()

    def selected_row(self) -> AttachmentRow | None:
        return selected_row(self.table, self.model)

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def _update_buttons(self) -> None:
        selected = self.selected_row() is not None
        self.add_files_button.setEnabled(self._procedure_id is not None)
        for button in (
            self.open_button,
            self.save_as_button,
            self.describe_button,
            self.delete_button,
        ):
            button.setEnabled(selected)

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Dodaj załączniki", documents_folder())
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Store each file; one that cannot be added does not stop the others."""
        procedure_id = self._procedure_id
        if procedure_id is None or not paths:
            return
        refused: list[str] = []  # filled while the files are added, read once they are

        def work(reg: Register) -> Changes:
            changes = Changes.of()
            for path in paths:
                try:
                    changes = reg.attachments.add_file(procedure_id, path)
                except UserError as exc:
                    refused.append(f"• {path.name} — {exc.message}")
            return changes

        self._context.ops.write(
            self,
            work,
            on_done=lambda _changes: self._report_refused(refused),
            progress="Dodawanie plików…",
        )

    def _report_refused(self, refused: list[str]) -> None:
        if refused:
            QMessageBox.warning(
                self,
                "Nie dodano wszystkich plików",
                "Tych plików nie dodano:\n" + "\n".join(refused),
            )

    def _open_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self._context.ops.query(
            self,
            lambda reg: reg.attachments.view_copy(row.id),
            lambda path: self._opened(row, path),
            progress="Przygotowywanie pliku…",
        )

    def _opened(self, row: AttachmentRow, path: Path) -> None:
        """Open the copy, unless a lock meanwhile removed it (results wait for the unlock)."""
        if not path.exists():
            self._set_status(
                f"Tymczasowa kopia pliku „{row.file_name}” została usunięta przy blokadzie "
                "programu. Otwórz plik ponownie."
            )
            return
        if not self.open_file(path):
            discard_view_copy(path)
            self._set_status("")
            QMessageBox.warning(self, "Nie można otworzyć pliku", no_program_message(row.file_name))
            return
        self._set_status(
            f"Otwarto tymczasową kopię pliku „{row.file_name}”. Zostanie usunięta, "
            "gdy program zostanie zablokowany lub zamknięty — zmiany wprowadzone w kopii "
            "nie trafią do rejestru."
        )

    @staticmethod
    def _open_with_system(path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _describe_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = DescriptionDialog(self._context, row, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._set_status(f"Zmieniono opis pliku „{row.file_name}”.")

    def _save_selected_as(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Zapisz załącznik jako", str(Path.home() / row.file_name)
        )
        if not chosen:
            return
        target = Path(chosen)
        if not confirm(
            self,
            "Zapis bez szyfrowania",
            f"Plik „{row.file_name}” zostanie zapisany jako:\n{target}\n\n"
            "Ta kopia NIE będzie zaszyfrowana — każdy, kto ma dostęp do tego miejsca, "
            "będzie mógł ją odczytać. Usuń ją, gdy przestanie być potrzebna.\n\n"
            "Czy zapisać kopię?",
        ):
            return
        self._context.ops.query(
            self,
            lambda reg: reg.attachments.save_as(row.id, target, overwrite=True),
            lambda _saved: self._set_status(
                f"Zapisano niezaszyfrowaną kopię pliku „{row.file_name}”."
            ),
            progress="Zapisywanie pliku…",
        )

    def _delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if not confirm(
            self,
            "Usunięcie załącznika",
            f"Czy na pewno usunąć załącznik „{row.file_name}”?\n\n"
            "Plik zostanie trwale usunięty z rejestru; zdarzenie zostanie zapisane "
            "w chronologii procedury.",
        ):
            return
        self._context.ops.write(
            self,
            lambda reg: reg.attachments.delete(row.id),
            progress="Usuwanie załącznika…",
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._procedure_id is not None and _local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = _local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)


def no_program_message(file_name: str) -> str:
    """What to do when the system has no program for a file: one line, with the way out."""
    suffix = Path(file_name).suffix
    kind = f"plików {suffix}" if suffix else "tego pliku"
    return (
        f"Nie ma programu do otwarcia {kind}. Zapisz plik na dysku („Zapisz jako…”) "
        "i otwórz go innym programem."
    )


def _local_paths(event: QDropEvent) -> list[Path]:
    """Dropped local files only; folders and web links are not attachments."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.is_file()]
