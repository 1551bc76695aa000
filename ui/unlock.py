"""The start-up unlock window and the recovery-code dialog.

The unlock window opens the register before the main window exists; once it is open,
the lock screen is a panel inside the main window (ui.lock_panel), which shares the
password field and the recovery-code dialog with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import MissingInstallationSecretError, UserError, ValidationError
from app.security import password_policy
from app.services.vault import DataFolder
from ui.errors import show_error
from ui.password_field import PasswordField, heading
from ui.tasks import TaskRunner
from ui.widgets import ErrorLabel, dialog_buttons

if TYPE_CHECKING:
    from app.services.register import Register

RECOVERY_LINK_TEXT = "Nie pamiętam hasła — kod odzyskiwania…"


class UnlockDialog(QDialog):
    """Asks for the password and opens the register with it, off the GUI thread."""

    def __init__(
        self, folder: DataFolder, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._folder, self._tasks = folder, tasks
        self.register: Register | None = None
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.setWindowTitle("NK Desk — otwieranie")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("NK Desk"))
        layout.addWidget(QLabel("Rejestr procedur „Niebieskie Karty”"))
        layout.addSpacing(8)
        layout.addWidget(QLabel("Wpisz hasło, aby otworzyć zaszyfrowaną bazę danych."))
        self.password_field = PasswordField()
        self.password_field.setMinimumWidth(420)
        self.password_edit = self.password_field.edit
        layout.addWidget(self.password_field)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        self.recovery_button = QPushButton(RECOVERY_LINK_TEXT)
        self.recovery_button.setFlat(True)
        self.recovery_button.setAutoDefault(False)
        layout.addWidget(self.recovery_button)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("Otwórz", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Zakończ", QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)
        self.ok_button.setDefault(True)
        self.password_edit.setFocus()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._try_unlock)
        self.buttons.rejected.connect(self.reject)
        self.recovery_button.clicked.connect(self._recover)

    def _try_unlock(self) -> None:
        password = self.password_edit.text()
        if not password:
            self.error_label.show_message("Wpisz hasło.")
            return
        self.ok_button.setEnabled(False)
        self._tasks.run(
            lambda: _unlock(self._folder, password),
            self._unlocked,
            self._failed,
            "Otwieranie bazy danych…",
            self,
            while_locked=True,
        )

    def _unlocked(self, result: Register) -> None:
        self.ok_button.setEnabled(True)
        self.register = result
        self.password_field.reset()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        if isinstance(exc, MissingInstallationSecretError):
            self.recovery_button.setStyleSheet("font-weight: 600;")
        if isinstance(exc, UserError):
            self.error_label.show_message(exc.message)
        else:
            show_error(self, exc)

    def _recover(self) -> None:
        dialog = RecoveryDialog(self._folder, self._tasks, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.register = dialog.register
            self.accept()


class RecoveryDialog(QDialog):
    """Checks the recovery code and sets a new password on this computer.

    At start-up it opens the register as well (`register` is then set). On the lock
    screen the register is already open (`register_open`): only the code is checked and
    the new password saved, and nothing is shown until both are done.
    """

    def __init__(
        self,
        folder: DataFolder,
        tasks: TaskRunner,
        register_open: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder, self._tasks, self._register_open = folder, tasks, register_open
        self.register: Register | None = None
        self.setWindowTitle("Odzyskiwanie dostępu")
        layout = QVBoxLayout(self)
        info = QLabel(
            "Wpisz kod odzyskiwania otrzymany przy zakładaniu bazy (8 grup po 4 znaki) "
            "i ustal nowe hasło. Nowe hasło będzie działać na tym komputerze."
        )
        info.setWordWrap(True)
        layout.addWidget(info)
        form = QFormLayout()
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_label = QLabel()
        form.addRow("&Kod odzyskiwania:", self.code_edit)
        form.addRow("&Nowe hasło:", self.password_edit)
        form.addRow("&Powtórz hasło:", self.repeat_edit)
        form.addRow("", self.strength_label)
        layout.addLayout(form)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        self.buttons, self.ok_button = dialog_buttons("Odblokuj" if register_open else "Otwórz")
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.password_edit.textChanged.connect(self._show_strength)

    def _show_strength(self, text: str) -> None:
        self.strength_label.setText(password_policy.assess(text).message if text else "")

    def _submit(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.error_label.show_message("Hasła się różnią.")
            return
        code, password = self.code_edit.text(), self.password_edit.text()
        self.ok_button.setEnabled(False)
        self._tasks.run(
            (lambda: self._folder.set_password_with_recovery(code, password))
            if self._register_open
            else (lambda: _recover(self._folder, code, password)),
            self._done,
            self._failed,
            "Otwieranie bazy danych…",
            self,
            while_locked=True,
        )

    def _done(self, register: Register | None) -> None:
        self.register = register
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.error_label.show_message(exc.message)
            if isinstance(exc, ValidationError):
                self.password_edit.setFocus()
        else:
            show_error(self, exc)


def _unlock(folder: DataFolder, password: str) -> Register:
    """Open the register; its services load here, on the worker, off the GUI thread."""
    from app.services.register import Register

    return Register.unlock(folder, password)


def _recover(folder: DataFolder, code: str, new_password: str) -> Register:
    from app.services.register import Register

    return Register.recover(folder, code, new_password)
