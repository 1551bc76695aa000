"""The password line of the unlock window and the lock screen, and their shared heading.

A long passphrase is easy to mistype where nobody can see it, so a "Pokaż" button next
to the field shows what was typed; it is an ordinary button, reached with Tab and
pressed with the space bar, and the field starts hidden every time.
"""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

HEADING_STYLE = "font-size: 16pt; font-weight: 600;"


def heading(text: str) -> QLabel:
    """The one heading of the unlock window and the lock screen, in the same style."""
    label = QLabel(text)
    label.setStyleSheet(HEADING_STYLE)
    return label


class PasswordField(QWidget):
    """`edit`, the hidden password line, and `show_button`, which shows what was typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText("Hasło")
        self.edit.setAccessibleName("Hasło")
        self.show_button = QToolButton()
        self.show_button.setCheckable(True)
        self.show_button.setText("Pokaż")
        self.show_button.setToolTip("Pokaż wpisane hasło")
        self.show_button.setAccessibleName("Pokaż hasło")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.show_button)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(self.edit.focusPolicy())  # its label's Alt+letter focuses it
        self.show_button.toggled.connect(self._reveal)

    def _reveal(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_button.setText("Ukryj" if shown else "Pokaż")
        self.show_button.setToolTip("Ukryj hasło" if shown else "Pokaż wpisane hasło")

    def reset(self) -> None:
        """Empty and hidden again, as the next person at the desk should find it."""
        self.show_button.setChecked(False)
        self.edit.clear()
