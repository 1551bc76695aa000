"""A refused save's message lasts only while the field it names is unchanged.

Once the worker edits that field, the message no longer describes what the form holds
(the PESEL refused a moment ago may now be correct), so it goes; a message naming no
field, or another field, stays until the next save.
"""

from collections.abc import Callable, Mapping

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.errors import UserError, ValidationError
from ui.date_field import DateField
from ui.errors import show_save_error
from ui.widgets import ErrorLabel


class SaveErrors:
    """Shows a refused save under the form and takes the message back when its field changes.

    `field_widgets` maps the services' field names to the form's widgets, as for
    show_save_error.
    """

    def __init__(
        self, error_label: ErrorLabel, field_widgets: Mapping[str, QWidget], parent: QWidget
    ) -> None:
        self._label, self._widgets, self._parent = error_label, field_widgets, parent
        self._field: str | None = None
        for name, widget in field_widgets.items():
            _on_change(widget, self._slot(name))

    def show(self, exc: BaseException, *, inline: type[UserError] = ValidationError) -> None:
        show_save_error(self._label, exc, self._widgets, self._parent, inline=inline)
        self._field = exc.field if isinstance(exc, ValidationError) else None

    def _slot(self, name: str) -> Callable[..., None]:
        """A slot for any change signal of the field `name`, whatever it carries."""
        return lambda *_values: self._edited(name)

    def _edited(self, name: str) -> None:
        if name == self._field:
            self._field = None
            self._label.show_message("")


def _on_change(widget: QWidget, edited: Callable[..., None]) -> None:
    """Call `edited` whenever the value the widget shows changes, whoever changed it."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.textChanged.connect(edited)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(edited)
        widget.editTextChanged.connect(edited)
    elif isinstance(widget, DateField):
        widget.line.textChanged.connect(edited)
    elif isinstance(widget, QDateTimeEdit):
        widget.dateTimeChanged.connect(edited)
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(edited)
    elif isinstance(widget, QAbstractItemView):
        _on_model_change(widget.model(), edited)


def _on_model_change(model: QAbstractItemModel, edited: Callable[..., None]) -> None:
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
        signal.connect(edited)
