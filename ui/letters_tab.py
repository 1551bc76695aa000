"""The procedure window's tab of letters: compose one (letter, recipient, address,
meeting), preview it, save it as PDF, record its sending; the letters sent below.

The preview is the service's composition with the „nie ujawniać” guard applied; what it
left out and why is said under the preview. A protected address is offered masked and
used only when chosen on purpose. Printing through the system dialog belongs to the
print actions: they take `reg.letters.pdf(request)` and note it with
`reg.letters.record_output`.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import letters
from app.domain.letters import Delivery, LetterDraft
from app.errors import UserError
from app.services.changes import Changes, Entity
from app.services.letters import (
    LetterChoices,
    LetterRequest,
    RecipientOption,
    SavedLetter,
    SentLetterView,
)
from app.services.views import ProcedureDetail
from ui.context import AppContext
from ui.i18n import format_date
from ui.letter_templates_dialog import LetterTemplatesDialog
from ui.operations import LatestOnly
from ui.saving_dialog import SavingDialog
from ui.widgets import DateField, ErrorLabel, dialog_buttons, documents_folder, item_table

SENT_COLUMNS = ("Data", "Pismo", "Adresat", "Sposób", "Adres")
NOTE_STYLE = "color: #8a4b00;"


class LettersTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._procedure: ProcedureDetail | None = None
        self._choices: LetterChoices | None = None
        self._draft: LetterDraft | None = None
        self._latest_choices, self._latest_draft = LatestOnly(), LatestOnly()
        self._build_ui()
        self._connect_signals()
        self._update_buttons()

    def _build_ui(self) -> None:
        self.letter_combo = QComboBox()
        for kind in letters.catalogue():
            self.letter_combo.addItem(kind.title, kind.name)
            self.letter_combo.setItemData(
                self.letter_combo.count() - 1, kind.description, Qt.ItemDataRole.ToolTipRole
            )
        self.recipient_combo = QComboBox()
        self.address_combo = QComboBox()
        self.meeting_combo = QComboBox()
        form = QFormLayout()
        for text, combo in (
            ("&Pismo:", self.letter_combo),
            ("&Adresat:", self.recipient_combo),
            ("Adre&s:", self.address_combo),
            ("Posiedze&nie:", self.meeting_combo),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            form.addRow(label, combo)
        self.meeting_label = form.labelForField(self.meeting_combo)
        self.problem_label = ErrorLabel()
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Podgląd pisma")
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet(NOTE_STYLE)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.pdf_button = QPushButton("Zapisz jako P&DF…")
        self.sent_button = QPushButton("Zapisz &wysłanie…")
        self.templates_button = QPushButton("&Edytuj wzory pism…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.templates_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.sent_button)
        self.sent_table = item_table(SENT_COLUMNS)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.notes_label)
        layout.addLayout(buttons)
        layout.addWidget(self.saved_label)
        layout.addWidget(QLabel("Pisma wysłane:"))
        layout.addWidget(self.sent_table, 1)

    def _connect_signals(self) -> None:
        self.letter_combo.currentIndexChanged.connect(lambda _i: self._load_choices())
        self.recipient_combo.currentIndexChanged.connect(lambda _i: self._recipient_changed())
        self.address_combo.currentIndexChanged.connect(lambda _i: self._compose())
        self.meeting_combo.currentIndexChanged.connect(lambda _i: self._compose())
        self.pdf_button.clicked.connect(self.save_pdf)
        self.sent_button.clicked.connect(self.record_sent)
        self.templates_button.clicked.connect(
            lambda: LetterTemplatesDialog(self._context, self.letter_name(), self).exec()
        )
        self._context.changed.connect(self._on_changed)

    # ---- loading ------------------------------------------------------------------

    def set_procedure(self, procedure: ProcedureDetail) -> None:
        self._procedure = procedure
        self._load_choices()

    def _on_changed(self, changes: Changes) -> None:
        """An edited template or letterhead changes the preview of any open procedure."""
        if changes.touches(Entity.SETTINGS):
            self._compose()

    def letter_name(self) -> str:
        return str(self.letter_combo.currentData())

    def _load_choices(self) -> None:
        if self._procedure is None:
            return
        procedure_id, name = self._procedure.id, self.letter_name()
        self._context.ops.query(
            self,
            lambda reg: (reg.letters.choices(procedure_id, name), reg.letters.sent(procedure_id)),
            self._latest_choices.wrap(lambda loaded: self._show_choices(*loaded)),
        )

    def _show_choices(self, choices: LetterChoices, sent: tuple[SentLetterView, ...]) -> None:
        """Refill the pickers, keeping what was chosen where it is still offered."""
        kept_recipient = self.recipient_combo.currentData()
        kept_meeting = self.meeting_combo.currentData()
        self._choices = choices
        for combo in (self.recipient_combo, self.meeting_combo):
            combo.blockSignals(True)
            combo.clear()
        for option in choices.recipients:
            self.recipient_combo.addItem(option.label, option.key)
        for meeting in choices.meetings:
            self.meeting_combo.addItem(meeting.label, meeting.id)
        _select(self.recipient_combo, kept_recipient)
        if not _select(self.meeting_combo, kept_meeting):
            _select(self.meeting_combo, choices.default_meeting)
        for combo in (self.recipient_combo, self.meeting_combo):
            combo.blockSignals(False)
        self.meeting_combo.setVisible(choices.needs_meeting)
        if self.meeting_label is not None:
            self.meeting_label.setVisible(choices.needs_meeting)
        self.problem_label.show_message(choices.problem or "")
        self._show_sent(sent)
        self._recipient_changed()

    def _recipient_changed(self) -> None:
        """Offer the recipient's addresses: a protected one masked, one barred for a
        perpetrator greyed with the reason."""
        self.address_combo.blockSignals(True)
        self.address_combo.clear()
        recipient = self._recipient()
        if recipient is not None:
            for option in recipient.addresses:
                self.address_combo.addItem(option.label, option.key)
                index = self.address_combo.count() - 1
                if not option.usable:
                    item = self.address_combo.model().item(index)  # type: ignore[attr-defined]
                    item.setEnabled(False)
                    item.setToolTip(option.reason)
            _select(self.address_combo, recipient.default_address)
        self.address_combo.blockSignals(False)
        self._compose()

    def _recipient(self) -> RecipientOption | None:
        if self._choices is None:
            return None
        key = self.recipient_combo.currentData()
        return next((r for r in self._choices.recipients if r.key == key), None)

    def request(self) -> LetterRequest | None:
        """What the pickers ask for, or None while the letter cannot be composed."""
        if self._procedure is None or self._choices is None or self._choices.problem:
            return None
        recipient = self.recipient_combo.currentData()
        if recipient is None:
            return None
        meeting = self.meeting_combo.currentData() if self._choices.needs_meeting else None
        return LetterRequest(
            self._procedure.id,
            self._choices.letter,
            str(recipient),
            str(self.address_combo.currentData() or ""),
            meeting,
        )

    def _compose(self) -> None:
        request = self.request()
        if request is None:
            self._show_draft(None)
            return
        self._context.ops.query(
            self,
            lambda reg: reg.letters.compose(request),
            self._latest_draft.wrap(self._show_draft),
            on_user_error=self._not_composed,
        )

    def _not_composed(self, exc: UserError) -> None:
        self._show_draft(None)
        self.problem_label.show_message(exc.message)

    def _show_draft(self, draft: LetterDraft | None) -> None:
        self._draft = draft
        self.preview.setPlainText(draft.text if draft is not None else "")
        notes = draft.notes if draft is not None else ()
        self.notes_label.setText(
            "Pominięto dane chronione:\n" + "\n".join(f"– {n}" for n in notes) if notes else ""
        )
        self.notes_label.setVisible(bool(notes))
        if draft is not None and self._choices is not None and not self._choices.problem:
            self.problem_label.show_message("")
        self._update_buttons()

    def _show_sent(self, sent: tuple[SentLetterView, ...]) -> None:
        self.sent_table.setRowCount(len(sent))
        for row, letter in enumerate(sent):
            cells = (
                format_date(letter.sent_on),
                letter.title,
                letter.recipient,
                letter.how.label,
                letter.address or "—",
            )
            for column, text in enumerate(cells):
                self.sent_table.setItem(row, column, QTableWidgetItem(text))
        self.sent_table.resizeColumnsToContents()

    def _update_buttons(self) -> None:
        ready = self._draft is not None
        self.pdf_button.setEnabled(ready)
        self.sent_button.setEnabled(ready)

    # ---- actions ------------------------------------------------------------------

    def save_pdf(self) -> None:
        """Ask where (the dialog asks before replacing a file), then write in the background."""
        request, draft = self.request(), self._draft
        if request is None or draft is None:
            return
        suggested = Path(documents_folder()) / f"{request.letter}.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self, "Zapisz pismo jako PDF", str(suggested), "Dokument PDF (*.pdf)"
        )
        if not name:
            return
        target = Path(name)
        self._context.ops.write(
            self,
            lambda reg: reg.letters.save_pdf(request, target, overwrite=True),
            lambda saved: self.saved_label.setText(_saved_text(saved, draft)),
            progress="Zapisywanie pisma…",
        )

    def record_sent(self) -> None:
        request = self.request()
        if request is not None:
            SentDialog(self._context, request, self).exec()


def _saved_text(saved: SavedLetter, draft: LetterDraft) -> str:
    return f"Zapisano „{draft.title}” dla: {draft.recipient_name} — {saved.path}"


def _select(combo: QComboBox, data: object) -> bool:
    index = combo.findData(data) if data is not None else -1
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0


class SentDialog(SavingDialog):
    """When and how the letter went out; saving records it and its chronology line."""

    def __init__(self, context: AppContext, request: LetterRequest, parent: QWidget) -> None:
        super().__init__(context, parent)
        self._request = request
        self.setWindowTitle("Zapisz wysłanie pisma")
        today = context.today()
        self.date_edit = DateField(today)
        self.how_combo = QComboBox()
        for delivery in Delivery:
            self.how_combo.addItem(delivery.label, delivery.value)
        form = QFormLayout()
        form.addRow("&Data wysłania*:", self.date_edit)
        form.addRow("&Sposób:", self.how_combo)
        self._field_widgets = {"sent_on": self.date_edit}
        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("Zapisz")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    def _save(self) -> None:
        if not self._dates_ready():
            return
        sent_on = self.date_edit.value()
        assert sent_on is not None
        how = Delivery(self.how_combo.currentData())
        request = self._request
        self._start_save(
            lambda reg: reg.letters.record_sent(request, sent_on, how), "Zapisywanie wysłania…"
        )
