"""The content part of a form editor, generated from the form's definition (app.domain.forms).

One widget per field, read and written in the shapes the register stores, and one box
per section: the NK-A editor and the NK-B/NK-C/NK-D editor build their content here, so
a field type looks and behaves the same on every form, and aligning a form with its
official annex is an edit of its definition file, never of an editor.
"""

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain import forms
from app.domain.forms import Content, FormField, FormSection
from ui.date_field import DateField
from ui.rows_field import RowsField
from ui.widgets import ErrorLabel, dialog_buttons

LONGTEXT_LINES = 4
_EMPTY: tuple[Any, ...] = (None, "", False, {}, [])


def literal(text: str) -> str:
    """Definition texts are shown as written: a "&" must not become a keyboard accelerator."""
    return text.replace("&", "&&")


def caption(label: str) -> str:
    """A form label ends with a colon, unless it is a question."""
    return label if label.endswith(("?", ":")) else f"{label}:"


def unverified_text(form: str) -> str:
    return (
        f"Pola tego formularza nie zostały jeszcze porównane z urzędowym wzorem {form} — "
        "w razie różnic obowiązuje wzór urzędowy."
    )


def unverified_note(text: str) -> QLabel:
    """Said once per form, in grey: the fields are not yet checked against the official annex."""
    note = QLabel(text)
    note.setWordWrap(True)
    note.setEnabled(False)
    return note


def form_layout() -> QFormLayout:
    """Line edits take the width; dates and choices keep their natural size."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


def _checklist_columns(options: tuple[str, ...]) -> int:
    """Short options fit three to a row, long ones need the full width."""
    longest = max((len(option) for option in options), default=0)
    if longest <= 22:
        return 3
    return 2 if longest <= 55 else 1


class ChecklistWidget(QWidget):
    """The tick boxes of one checklist and its free "inne" line, read and written as one value."""

    def __init__(self, item: FormField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks: dict[str, QCheckBox] = {}
        self.other_edit: QLineEdit | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 0, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        columns = _checklist_columns(item.options)
        for index, option in enumerate(item.options):
            check = QCheckBox(literal(option))
            self.checks[option] = check
            grid.addWidget(check, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        if item.allow_other:
            other = QHBoxLayout()
            self.other_edit = QLineEdit()
            label = QLabel("inne:" if item.options else "opis:")
            label.setBuddy(self.other_edit)
            other.addWidget(label)
            other.addWidget(self.other_edit, 1)
            layout.addLayout(other)
        first = next(iter(self.checks.values()), None) or self.other_edit
        if first is not None:
            self.setFocusProxy(first)

    def value(self) -> Content:
        result: Content = {}
        selected = [option for option, check in self.checks.items() if check.isChecked()]
        if selected:
            result["selected"] = selected
        other = self.other_edit.text().strip() if self.other_edit is not None else ""
        if other:
            result["other"] = other
        return result

    def set_value(self, value: Content) -> None:
        selected = set(value.get("selected", ()))
        for option, check in self.checks.items():
            check.setChecked(option in selected)
        if self.other_edit is not None:
            self.other_edit.setText(value.get("other", ""))


def field_widget(item: FormField, today: dt.date) -> QWidget:
    if item.type == "longtext":
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * LONGTEXT_LINES + 12)
        return edit
    if item.type == "date":
        return DateField(
            today, optional=True, rule=lambda day: forms.check_content_date(item, day, today)
        )
    if item.type == "choice":
        combo = QComboBox()
        combo.addItem("—", None)
        for option in item.options:
            combo.addItem(option, option)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo
    if item.type == "bool":
        return QCheckBox(literal(item.label))
    if item.type == "checklist":
        return ChecklistWidget(item)
    if item.type == "rows":
        return RowsField(item.columns)
    return QLineEdit()


def read_field(widget: QWidget) -> Any:
    """The stored form of a widget's value; None, "", False, {} or [] mean "not filled"."""
    if isinstance(widget, ChecklistWidget | RowsField):
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, DateField):
        value = widget.value()
        return value.isoformat() if value is not None else None
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    assert isinstance(widget, QLineEdit)
    return widget.text().strip()


def write_field(widget: QWidget, value: Any) -> None:
    if isinstance(widget, ChecklistWidget):
        widget.set_value(value or {})
    elif isinstance(widget, RowsField):
        widget.set_value(value or [])
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, DateField):
        widget.set_value(dt.date.fromisoformat(value) if value else None)
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(widget.findData(value), 0) if value else 0)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(value or "")


def read_content(widgets: dict[str, QWidget]) -> Content:
    """The content part as stored: only filled fields, in definition order."""
    result: Content = {}
    for field_id, widget in widgets.items():
        value = read_field(widget)
        if value not in _EMPTY:
            result[field_id] = value
    return result


def section_box(section: FormSection, today: dt.date, widgets: dict[str, QWidget]) -> QGroupBox:
    """The box of one section; each field's widget is added to `widgets` under its id."""
    title = f"{section.number}. {section.title}" if section.number else section.title
    box = QGroupBox(literal(title))
    layout = QVBoxLayout(box)
    form = form_layout()
    for item in section.fields:
        widget = field_widget(item, today)
        widgets[item.id] = widget
        if item.type == "bool":
            form.addRow(widget)
            continue
        label = QLabel(literal(caption(item.label)))
        label.setBuddy(widget)
        if item.type in ("checklist", "rows"):
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            form.addRow(label)
            form.addRow(widget)
        else:
            form.addRow(label, widget)
    layout.addLayout(form)
    return box


class _WheelGuard(QObject):
    """Scrolling the long form must not change a combo or date the pointer passes over."""

    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self._scroll = scroll

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        wheel = event.type() == QEvent.Type.Wheel
        if wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            QApplication.sendEvent(self._scroll.viewport(), event)
            return True
        return False


def form_scroll_area(body: QWidget) -> QScrollArea:
    """The long form scrolls as a whole; the wheel over a combo or date scrolls it too."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    guard = _WheelGuard(scroll)
    for widget in body.findChildren(QWidget):
        if isinstance(widget, QComboBox | QAbstractSpinBox):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(guard)
    return scroll


def lay_out_form_dialog(
    dialog: QDialog, body: QWidget
) -> tuple[QScrollArea, ErrorLabel, QDialogButtonBox, QPushButton]:
    """A long form dialog: the scrolling body, the „* pole wymagane” hint, the error line
    and Zapisz/Anuluj. Returns the scroll area, error label, buttons and save button."""
    scroll_area = form_scroll_area(body)
    required = QLabel("* pole wymagane")
    required.setEnabled(False)
    error_label = ErrorLabel()
    buttons, save_button = dialog_buttons("&Zapisz")
    layout = QVBoxLayout(dialog)
    layout.addWidget(scroll_area, 1)
    layout.addWidget(required)
    layout.addWidget(error_label)
    layout.addWidget(buttons)
    return scroll_area, error_label, buttons, save_button
