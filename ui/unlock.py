"""Unlock window (also the lock screen) and the recovery-code dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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
from ui.tasks import TaskRunner
from ui.widgets import ErrorLabel, dialog_buttons

if TYPE_CHECKING:
    from app.services.register import Register


class UnlockDialog(QDialog):
    """Asks for the password. In `locked` mode it only verifies it (the data stays open)."""

    def __init__(
        self,
        folder: DataFolder,
        tasks: TaskRunner,
        locked: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder, self._tasks, self._locked = folder, tasks, locked
        self.register: Register | None = None
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.setWindowTitle("NK Desk — zablokowano" if self._locked else "NK Desk — otwieranie")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        layout = QVBoxLayout(self)
        title = QLabel("Program jest zablokowany." if self._locked else "Rejestr procedur NK")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        layout.addWidget(title)
        layout.addWidget(
            QLabel(
                "Wpisz hasło, aby "
                + ("odblokować." if self._locked else "otworzyć zaszyfrowaną bazę danych.")
            )
        )
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("Hasło")
        self.password_edit.setMinimumWidth(420)
        layout.addWidget(self.password_edit)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        self.recovery_button = QPushButton("Nie pamiętam hasła — użyj kodu odzyskiwania…")
        self.recovery_button.setFlat(True)
        self.recovery_button.setAutoDefault(False)
        self.recovery_button.setVisible(not self._locked)
        layout.addWidget(self.recovery_button)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            "Odblokuj" if self._locked else "Otwórz", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        if not self._locked:
            self.buttons.addButton("Zakończ", QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)
        self.ok_button.setDefault(True)
        self.password_edit.setFocus()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._try_unlock)
        self.buttons.rejected.connect(self.reject)
        self.recovery_button.clicked.connect(self._recover)

    def reject(self) -> None:
        if not self._locked:
            super().reject()

    def _try_unlock(self) -> None:
        password = self.password_edit.text()
        if not password:
            self.error_label.show_message("Wpisz hasło.")
            return
        self.ok_button.setEnabled(False)
        work: Callable[[], Any]
        if self._locked:
            work = lambda: self._folder.check_password(password)  # noqa: E731
        else:
            work = lambda: _unlock(self._folder, password)  # noqa: E731
        self._tasks.run(
            work, self._unlocked, self._failed, "Otwieranie bazy danych…", self, while_locked=True
        )

    def _unlocked(self, result: Register | None) -> None:
        self.ok_button.setEnabled(True)
        self.register = result
        self.password_edit.clear()
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
        dialog = RecoveryDialog(self._folder, self._tasks, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.register = dialog.register
            self.accept()


class RecoveryDialog(QDialog):
    """Opens the database with the recovery code and sets a new password on this computer."""

    def __init__(
        self, folder: DataFolder, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._folder, self._tasks = folder, tasks
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
        self.buttons, self.ok_button = dialog_buttons("Otwórz")
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
            lambda: _recover(self._folder, code, password),
            self._done,
            self._failed,
            "Otwieranie bazy danych…",
            self,
        )

    def _done(self, register: Register) -> None:
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
