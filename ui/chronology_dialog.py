"""Adding or editing one chronology entry, with files added to it along the way.

Files are read before anything is written, and the entry and its files are stored in
one service call, so a file that is unreadable or cannot be attached stops the save
with a message instead of leaving an entry without its attachments.
"""

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ChronologyKind
from app.domain.procedure_rules import check_past_date
from app.errors import UserError
from app.services.changes import Changes
from app.services.register import Register
from app.services.views import AttachmentView, ChronologyView
from ui.attachment_files import AttachmentFilesBox, read_files
from ui.context import AppContext
from ui.saving_dialog import SavingDialog
from ui.widgets import DateField, ErrorLabel, dialog_buttons

TITLE_MAX_LENGTH = 300


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic focuses a field that sits inside a row layout."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class ChronologyDialog(SavingDialog):
    """Form for one entry; errors appear inside the dialog and nothing typed is lost."""

    _inline_errors = UserError  # nothing was written: the form keeps what was typed

    saved = Signal(int)

    def __init__(
        self,
        context: AppContext,
        procedure_id: int,
        entry: ChronologyView | None = None,
        parent: QWidget | None = None,
        linked: Sequence[AttachmentView] = (),
    ) -> None:
        """`linked` are the files already stored with the entry being edited."""
        super().__init__(context, parent)
        self._procedure_id = procedure_id
        self._entry_id = entry.id if entry is not None else None
        self.setWindowTitle(
            "Nowy wpis chronologii" if entry is None else "Edycja wpisu chronologii"
        )
        self._build_ui()
        self._connect_signals()
        if entry is not None:
            self._fill(entry)
        self.files_box.show_stored(linked)

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

        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addStretch(1)
        form = QFormLayout()
        form.addRow("&Data *:", self.date_edit)
        form.addRow(_buddy_label("&Rodzaj *:", self.kind_combo), kind_row)
        form.addRow("&Tytuł *:", self.title_edit)
        form.addRow("Tr&eść:", self.body_edit)

        self.files_box = AttachmentFilesBox(
            "Pliki zostaną zapisane w zaszyfrowanej bazie razem z wpisem."
        )

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
        self.resize(620, 600)
        self._field_widgets: dict[str, QWidget] = {
            "occurred_on": self.date_edit,
            "title": self.title_edit,
            "files": self.files_box.table,
        }

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    def _fill(self, entry: ChronologyView) -> None:
        self.date_edit.set_value(entry.occurred_on)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(entry.kind), 0))
        self.title_edit.setText(entry.title)
        self.body_edit.setPlainText(entry.body)

    def _extra_state(self) -> object:
        """The files added (with their descriptions) belong to the form."""
        return tuple(self.files_box.new_files())

    def _save(self) -> None:
        """Read the form here, on the GUI thread; the files are read with the write, off it."""
        if not self._dates_ready():
            return
        occurred_on = self.date_edit.value()
        assert occurred_on is not None  # a required DateField that is ready holds a date
        kind = ChronologyKind(self.kind_combo.currentData())
        title, body = self.title_edit.text(), self.body_edit.toPlainText()
        files = self.files_box.new_files()
        entry_id, procedure_id = self._entry_id, self._procedure_id

        def work(reg: Register) -> Changes:
            if not files:
                if entry_id is not None:
                    return reg.chronology.update(entry_id, occurred_on, kind, title, body)
                return reg.chronology.add(procedure_id, occurred_on, kind, title, body)
            payload = read_files(files)
            if entry_id is not None:
                return reg.attachments.update_entry_with_files(
                    entry_id, occurred_on, kind, title, body, payload
                )
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
