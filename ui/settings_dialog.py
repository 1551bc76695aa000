"""The settings dialog, generated from the declarations in app.settings.

A setting added there appears here without touching this file; the dialog knows
nothing about individual settings.
"""

import datetime as dt
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError, ValidationError
from app.settings import Preview, Settings, setting_fields
from ui.context import AppContext
from ui.errors import show_error
from ui.saving_dialog import SavingDialog
from ui.widgets import ErrorLabel, dialog_buttons

WRONG_STYLE = "color: #b00020;"  # the red of ErrorLabel
MULTILINE_ROWS = 5

SettingEdit = QLineEdit | QPlainTextEdit


class SettingsDialog(SavingDialog):
    """One edit per declared setting (a box of lines for a `multiline` one); the core
    validates, errors appear inline."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setWindowTitle("Ustawienia")

        self.edits: dict[str, SettingEdit] = {}
        self.previews: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for spec in setting_fields():
            edit = _multiline_edit() if spec.metadata.get("multiline") else QLineEdit()
            edit.setEnabled(False)
            label = QLabel(f"{spec.metadata['label']}:")
            label.setBuddy(edit)
            help_text = spec.metadata.get("help", "")
            preview = spec.metadata.get("preview")
            if help_text or preview:
                edit.setToolTip(help_text)
                field = QWidget()
                column = QVBoxLayout(field)
                column.setContentsMargins(0, 0, 0, 0)
                column.setSpacing(2)
                column.addWidget(edit)
                if help_text:
                    column.addWidget(_help_label(help_text))
                if preview and isinstance(edit, QLineEdit):
                    self.previews[spec.name] = _preview_label(edit, preview, context.today())
                    column.addWidget(self.previews[spec.name])
                form.addRow(label, field)
            else:
                form.addRow(label, edit)
            self.edits[spec.name] = edit

        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("&Zapisz", standard=True)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

        self._layout = QVBoxLayout(self)
        self._layout.addLayout(form)
        self._layout.addStretch(1)
        self._layout.addWidget(self.error_label)
        self._layout.addWidget(self.buttons)
        self.resize(700, 0)

        # Without the stored values, saving would overwrite them with empty text.
        self._context.ops.query(
            self,
            lambda register: register.settings.load(),
            self._fill,
            on_failed=lambda: QTimer.singleShot(0, self.reject),
        )

    def _fill(self, settings: Settings) -> None:
        for name, edit in self.edits.items():
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(str(getattr(settings, name)))
            else:
                edit.setText(str(getattr(settings, name)))
            edit.setEnabled(True)
        self.save_button.setEnabled(True)
        self.tracker.mark_clean()  # the stored settings, loaded after the dialog opened
        self._grow_to_fit()
        next(iter(self.edits.values())).setFocus()

    def values(self) -> dict[str, Any]:
        return {name: setting_text(edit) for name, edit in self.edits.items()}

    def _save(self) -> None:
        values = self.values()
        self._start_save(
            lambda register: register.settings.save(Settings(**values)), "Zapisywanie ustawień…"
        )

    def _refused(self, exc: UserError) -> None:
        """The message may need more room, and the refused text is selected for retyping."""
        if isinstance(exc, ValidationError):
            self.error_label.show_message(exc.message)
            self._grow_to_fit()
            edit = self.edits.get(exc.field or "")
            if edit is not None:
                edit.setFocus()
                edit.selectAll()
        else:
            show_error(self, exc)

    def _grow_to_fit(self) -> None:
        """Wrapped help texts do not raise a window's minimum height, so grow by hand."""
        needed = self._layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)


def setting_text(edit: SettingEdit) -> str:
    return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()


def _multiline_edit() -> QPlainTextEdit:
    """A box of a few lines; Tab moves on to the next field instead of typing a tab."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    line = edit.fontMetrics().lineSpacing()
    edit.setFixedHeight(line * MULTILINE_ROWS + 2 * edit.frameWidth() + 8)
    return edit


def _help_label(text: str) -> QLabel:
    """Help under a field, smaller and dimmer than the label so the form stays readable."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


def _preview_label(edit: QLineEdit, preview: Preview, today: dt.date) -> QLabel:
    """A live line under the field: what the typed text gives, or in red what is wrong."""
    label = _help_label("")

    def show(text: str) -> None:
        line, valid = preview(text, today)
        label.setText(line)
        label.setStyleSheet("" if valid else WRONG_STYLE)

    edit.textChanged.connect(show)
    return label
