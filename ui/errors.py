"""The one error presenter: expected errors as a plain message, bugs as a report dialog.

The report shows exception types and code locations only — never exception messages
or values, which could carry personal data from the register.
"""

import platform
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.errors import UserError, ValidationError
from ui.widgets import ErrorLabel


def safe_details(exc: BaseException) -> str:
    """Version, platform, exception types and frames (file, line, function) — no messages."""
    lines = [
        f"NK Desk {__version__}",
        f"Python {platform.python_version()} / {platform.platform()}",
    ]
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for item in reversed(chain):
        lines.append(f"{type(item).__module__}.{type(item).__qualname__}")
        for frame in traceback.extract_tb(item.__traceback__):
            where = "/".join(Path(frame.filename).parts[-2:])
            lines.append(f"  {where}:{frame.lineno} w {frame.name}")
    return "\n".join(lines)


class BugReportDialog(QDialog):
    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Błąd programu")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Wystąpił nieoczekiwany błąd programu. Zapisane dane są bezpieczne.\n"
                "Skopiuj poniższe szczegóły i przekaż je pomocy technicznej — nie zawierają "
                "danych osobowych."
            )
        )
        self.details = QPlainTextEdit(safe_details(exc))
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Kopiuj szczegóły", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def _copy(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Present any exception the right way."""
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, "NK Desk", exc.message)
    else:
        BugReportDialog(exc, parent).exec()


def show_save_error(
    error_label: ErrorLabel,
    exc: BaseException,
    field_widgets: Mapping[str, QWidget],
    parent: QWidget,
    *,
    inline: type[UserError] = ValidationError,
) -> None:
    """A refused save keeps the form open: `inline` errors appear under it with the named
    field focused, so nothing typed is lost; anything else goes to the presenter."""
    if not isinstance(exc, inline):
        show_error(parent, exc)
        return
    error_label.show_message(exc.message)
    if isinstance(exc, ValidationError):
        widget = field_widgets.get(exc.field or "")
        if widget is not None:
            widget.setFocus()


def install_excepthook() -> None:
    """Route uncaught exceptions in slots to the presenter instead of killing the program."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        show_error(QApplication.activeWindow(), exc)

    sys.excepthook = hook
