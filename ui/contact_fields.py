"""The postal-code and e-mail fields of every form, each saying what is wrong with it.

The verdict is app.domain.contact_rules' own sentence, the one the services refuse a save
with, recomputed on every edit: the message under a field always describes the text now
in it. While a field is first being typed into, its message waits until the field is
left, so a half-typed address is not scolded; from then on it follows every keystroke.
"""

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from app.domain import contact_rules
from ui.widgets import ErrorLabel

# The text of a field → why it is refused, or None when it is acceptable.
Rule = Callable[[str], str | None]


def no_rule(_text: str) -> str | None:
    """Anything goes (a phone number, a free-form contact)."""
    return None


class CheckedLineEdit(QLineEdit):
    """A line edit with a `status_label` the form places under it."""

    acceptable_changed = Signal(bool)

    def __init__(self, rule: Rule = no_rule, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rule = rule
        self._judged = False
        self._acceptable = True
        self.status_label = ErrorLabel()
        self.textChanged.connect(self._refresh)
        self.editingFinished.connect(self._judge)

    def set_rule(self, rule: Rule) -> None:
        """Check by another rule from now on (a contact switched from phone to e-mail)."""
        self._rule = rule
        self._refresh()

    def problem(self) -> str | None:
        return self._rule(self.text())

    def is_acceptable(self) -> bool:
        return self.problem() is None

    def _judge(self) -> None:
        self._judged = True
        self._refresh()

    def _refresh(self) -> None:
        """Text set by the program (a stored record) is judged at once, typed text once left."""
        if not self.hasFocus():
            self._judged = True
        problem = self.problem()
        self.status_label.show_message(problem if problem and self._judged else "")
        if (problem is None) != self._acceptable:
            self._acceptable = problem is None
            self.acceptable_changed.emit(self._acceptable)


class PostalCodeField(CheckedLineEdit):
    """NN-NNN: "99100" or "99 100" becomes "99-100" as soon as it is typed."""

    def __init__(self, label: str = "Kod pocztowy", parent: QWidget | None = None) -> None:
        super().__init__(lambda text: contact_rules.postal_code_message(text, label), parent)
        self.setPlaceholderText("00-000")
        self.setMaxLength(10)
        self.textEdited.connect(self._write_normally)

    def _write_normally(self, text: str) -> None:
        code = contact_rules.postal_code(text)
        if code and code != text:
            self.setText(code)

    def value(self) -> str:
        """The code as the services store it; text that is no code goes as typed, to be refused."""
        return contact_rules.postal_code(self.text()) or self.text().strip()


class EmailField(CheckedLineEdit):
    """An e-mail address: one „@”, a name before it, a domain with a dot after it."""

    def __init__(self, label: str = "Adres e-mail", parent: QWidget | None = None) -> None:
        super().__init__(email_rule(label), parent)
        self.setPlaceholderText("nazwa@domena.pl")


def email_rule(label: str = "Adres e-mail") -> Rule:
    """The e-mail check, also for a field that holds an address only sometimes."""
    return lambda text: contact_rules.email_message(text, label)


def add_checked_row(form: QFormLayout, label: str, field: CheckedLineEdit) -> None:
    """The field's row, and under it the row of its message."""
    form.addRow(label, field)
    form.addRow("", field.status_label)
