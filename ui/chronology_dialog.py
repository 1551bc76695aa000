"""Adding or editing one chronology entry; a new entry can bring its files along.

Files are read before anything is written, and the entry and its files are stored in
one service call, so a file that is unreadable or cannot be attached stops the save
with a message instead of leaving an entry without its attachments.
"""

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ChronologyKind
from app.domain.file_names import MAX_ATTACHMENT_BYTES
from app.domain.procedure_rules import check_past_date
from app.errors import UserError, ValidationError
from app.services.changes import Changes
from app.services.register import Register
from app.services.views import ChronologyView
from ui.attachments_tab import format_size
from ui.context import AppContext
from ui.errors import show_save_error
from ui.saving_dialog import SavingDialog
from ui.widgets import DateField, ErrorLabel, dialog_buttons

TITLE_MAX_LENGTH = 300


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


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic focuses a field that sits inside a row layout."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class ChronologyDialog(SavingDialog):
    """Form for one entry; errors appear inside the dialog and nothing typed is lost."""

    saved = Signal(int)

    def __init__(
        self,
        context: AppContext,
        procedure_id: int,
        entry: ChronologyView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._procedure_id = procedure_id
        self._entry_id = entry.id if entry is not None else None
        self.files: list[Path] = []
        self.setWindowTitle(
            "Nowy wpis chronologii" if entry is None else "Edycja wpisu chronologii"
        )
        self._build_ui()
        self._connect_signals()
        if entry is not None:
            self._fill(entry)

    @property
    def is_new(self) -> bool:
        return self._entry_id is None

    def _build_ui(self) -> None:
        today = self._context.today()
        self.date_edit = DateField(
            today, rule=lambda day: check_past_date(day, today, "occurred_on", "Data wpisu")
        )
        self.kind_combo = QComboBox()
        for kind in ChronologyKind:
            if kind != ChronologyKind.SYSTEM:
                self.kind_combo.addItem(kind.label, kind)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(TITLE_MAX_LENGTH)
        self.title_edit.setPlaceholderText("np. Wizyta w miejscu zamieszkania")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setPlaceholderText("Przebieg, ustalenia, uzgodnione dalsze kroki…")

        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addStretch(1)
        form = QFormLayout()
        form.addRow(_buddy_label("&Data *:", self.date_edit), date_row)
        form.addRow(_buddy_label("&Rodzaj *:", self.kind_combo), kind_row)
        form.addRow("&Tytuł *:", self.title_edit)
        form.addRow("Tr&eść:", self.body_edit)

        self.files_list = QListWidget()
        self.files_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.add_files_button = QPushButton("Dodaj &plik…")
        self.remove_file_button = QPushButton("&Usuń z listy")
        self.files_box = QGroupBox("Załączniki")
        files_buttons = QHBoxLayout()
        files_buttons.addWidget(self.add_files_button)
        files_buttons.addWidget(self.remove_file_button)
        files_buttons.addStretch(1)
        files_hint = QLabel("Pliki zostaną zapisane w zaszyfrowanej bazie razem z wpisem.")
        files_hint.setEnabled(False)
        files_layout = QVBoxLayout(self.files_box)
        files_layout.addWidget(files_hint)
        files_layout.addWidget(self.files_list)
        files_layout.addLayout(files_buttons)
        self.files_box.setVisible(self.is_new)

        required = QLabel("* pole wymagane")
        required.setEnabled(False)
        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("&Zapisz", standard=True)

        layout = QVBoxLayout(self)
        layout.addLayout(form, 3)
        layout.addWidget(self.files_box, 1)
        layout.addWidget(required)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(620, 560 if self.is_new else 440)
        self._field_widgets: dict[str, QWidget] = {
            "occurred_on": self.date_edit,
            "title": self.title_edit,
            "files": self.files_list,
        }
        self._update_file_buttons()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.add_files_button.clicked.connect(self._choose_files)
        self.remove_file_button.clicked.connect(self._remove_selected_file)
        self.files_list.itemSelectionChanged.connect(self._update_file_buttons)

    def _fill(self, entry: ChronologyView) -> None:
        self.date_edit.set_value(entry.occurred_on)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(entry.kind), 0))
        self.title_edit.setText(entry.title)
        self.body_edit.setPlainText(entry.body)

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Dodaj załączniki do wpisu")
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Put files on the list (nothing is stored until "Zapisz"); skips repeats."""
        for path in paths:
            if path in self.files:
                continue
            self.files.append(path)
            item = QListWidgetItem(self._file_label(path))
            item.setToolTip(str(path))
            self.files_list.addItem(item)
        self._update_file_buttons()

    @staticmethod
    def _file_label(path: Path) -> str:
        try:
            return f"{path.name}  ({format_size(path.stat().st_size)})"
        except OSError:
            return path.name

    def _remove_selected_file(self) -> None:
        row = self.files_list.currentRow()
        if row < 0:
            return
        del self.files[row]
        self.files_list.takeItem(row)
        self._update_file_buttons()

    def _update_file_buttons(self) -> None:
        self.remove_file_button.setEnabled(bool(self.files_list.selectedItems()))

    def _save(self) -> None:
        """Read the form here, on the GUI thread; the files are read with the write, off it."""
        if not self._dates_ready():
            return
        occurred_on = self.date_edit.value()
        assert occurred_on is not None  # a required DateField that is ready holds a date
        kind = ChronologyKind(self.kind_combo.currentData())
        title, body = self.title_edit.text(), self.body_edit.toPlainText()
        files = list(self.files)
        entry_id, procedure_id = self._entry_id, self._procedure_id

        def work(reg: Register) -> Changes:
            if entry_id is not None:
                return reg.chronology.update(entry_id, occurred_on, kind, title, body)
            if not files:
                return reg.chronology.add(procedure_id, occurred_on, kind, title, body)
            payload = [(path.name, read_attachment(path)) for path in files]
            return reg.attachments.add_entry_with_files(
                procedure_id, occurred_on, kind, title, body, payload
            )

        self._start_save(work, "Zapisywanie wpisu…", on_saved=self._entry_saved)

    def _entry_saved(self, changes: Changes) -> None:
        """Also tells the tab which entry to select once the window has reloaded."""
        self._set_saving(False)
        if changes.record_id is not None:
            self.saved.emit(changes.record_id)
        self.accept()

    def _refused(self, exc: UserError) -> None:
        """Nothing was written: the form stays open with what was typed and the files."""
        show_save_error(self.error_label, exc, self._field_widgets, self, inline=UserError)
