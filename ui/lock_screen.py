"""What the locked program shows: the lock panel in the main window, a cover on the others.

The password is asked for in one place only, the main window, so it can never end up
behind another window. Every other window gets an opaque cover without a password box;
what was typed in it stays. The panel checks the password (or the recovery code) off the
GUI thread through the task runner; `LockController` (ui.lock) decides when to lock.
"""

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import MissingInstallationSecretError, UserError
from app.services.vault import DataFolder
from ui.errors import show_error
from ui.password_field import PasswordField, heading
from ui.tasks import TaskRunner
from ui.unlock import RECOVERY_LINK_TEXT, RecoveryDialog
from ui.unsaved import forget_unsaved_changes, unsaved_window_titles
from ui.widgets import ErrorLabel

LOCKED_HEADING = "NK Desk jest zablokowany"
_BACKGROUND = "#2b3a55"


class _Overlay(QWidget):
    """An opaque child spanning its whole window, menus and toolbars included."""

    def __init__(self, window: QWidget, name: str) -> None:
        super().__init__(window)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setGeometry(window.rect())
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class Cover(_Overlay):
    """Hides one window other than the main window; the password is typed in the main one."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, "lockCover")
        self.setStyleSheet(
            f"#lockCover {{ background: {_BACKGROUND}; }} QLabel {{ color: white; }}"
        )
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for text, size in ((LOCKED_HEADING, 16), ("Odblokuj program w oknie głównym.", 11)):
            label = QLabel(text)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setStyleSheet(f"font-size: {size}pt;")
            layout.addWidget(label)
        layout.addStretch(1)
        self.show()
        self.raise_()


class LockPanel(_Overlay):
    """The lock screen over the whole main window: password, recovery code, or quit.

    `unlocked` is emitted once the password or the recovery code has been verified;
    `close_requested` when the program should end (unsaved changes already asked about).
    """

    unlocked = Signal()
    close_requested = Signal()

    def __init__(self, window: QWidget, folder: DataFolder, tasks: TaskRunner, office: str) -> None:
        super().__init__(window, "lockPanel")
        self._folder, self._tasks = folder, tasks
        self.setStyleSheet(
            f"#lockPanel {{ background: {_BACKGROUND}; }} "
            "#lockCard { background: palette(window); border-radius: 8px; }"
        )
        self._build_ui(office)
        self.password_edit.returnPressed.connect(self._try_unlock)
        self.unlock_button.clicked.connect(self._try_unlock)
        self.close_button.clicked.connect(self._close_program)
        self.recovery_button.clicked.connect(self._recover)

    def _build_ui(self, office: str) -> None:
        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(480)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(28, 24, 28, 20)
        self.heading = heading(LOCKED_HEADING)
        layout.addWidget(self.heading)
        self.office_label = QLabel(office)
        self.office_label.setWordWrap(True)
        self.office_label.setVisible(bool(office))
        layout.addWidget(self.office_label)
        layout.addSpacing(8)
        layout.addWidget(QLabel("Wpisz hasło, aby odblokować."))
        self.password_field = PasswordField()
        self.password_edit = self.password_field.edit
        self.password_edit.textEdited.connect(lambda _text: self.error_label.show_message(""))
        layout.addWidget(self.password_field)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.unlock_button = QPushButton("&Odblokuj")
        self.unlock_button.setDefault(True)
        self.close_button = QPushButton("&Zamknij program")
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.recovery_button = QPushButton(RECOVERY_LINK_TEXT)
        self.recovery_button.setFlat(True)
        layout.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        centred = QGridLayout(self)
        centred.addWidget(card, 0, 0, Qt.AlignmentFlag.AlignCenter)

    def take_focus(self) -> None:
        """The keyboard goes to the password, also after a question over the panel closed."""
        self.window().activateWindow()
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.password_edit.selectAll()

    def _try_unlock(self) -> None:
        password = self.password_edit.text()
        if not password:
            self.error_label.show_message("Wpisz hasło.")
            self.take_focus()
            return
        self.unlock_button.setEnabled(False)
        self._tasks.run(
            lambda: self._folder.check_password(password),
            self._verified,
            self._failed,
            "Sprawdzanie hasła…",
            self,
            while_locked=True,
        )

    def _verified(self, _result: None) -> None:
        self.unlock_button.setEnabled(True)
        self.password_field.reset()
        self.unlocked.emit()

    def _failed(self, exc: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.take_focus()
        if isinstance(exc, MissingInstallationSecretError):
            self.recovery_button.setStyleSheet("font-weight: 600;")
        if isinstance(exc, UserError):
            self.error_label.show_message(exc.message)
        else:
            show_error(self, exc)

    def _recover(self) -> None:
        dialog = RecoveryDialog(self._folder, self._tasks, register_open=True, parent=self)
        if dialog.exec() == RecoveryDialog.DialogCode.Accepted:
            self.password_field.reset()
            self.unlocked.emit()
        else:
            self.take_focus()

    def _close_program(self) -> None:
        """Nothing unsaved: just close. Otherwise say that saving needs the password first."""
        titles = unsaved_window_titles()
        if not titles:
            self.close_requested.emit()
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Zamknij program")
        box.setText("Niezapisane zmiany w oknach:\n" + "\n".join(f"• {t}" for t in titles))
        box.setInformativeText(
            "Program jest zablokowany, więc tych zmian nie można zapisać bez odblokowania."
        )
        unlock = box.addButton("Odblokuj, aby zapisać", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Zamknij bez zapisywania", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("Anuluj", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(unlock)
        box.setEscapeButton(cancel)
        box.exec()
        if box.clickedButton() is discard:
            forget_unsaved_changes()
            self.close_requested.emit()
        else:
            self.take_focus()
