"""First run: office data, password with a strength check, the recovery code shown once."""

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import UserError
from app.security import password_policy
from app.services.output_files import write_output_file
from app.services.register import Register
from app.services.vault import RECOVERY_SHEET_HINT, Created, DataFolder
from app.settings import Settings
from ui.errors import show_error
from ui.password_field import PasswordField
from ui.tasks import TaskRunner
from ui.unsaved import ChangeTracker
from ui.widgets import ErrorLabel, confirm


class _OfficePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Dane ośrodka")
        self.setSubTitle("Te dane pojawią się na drukach i w raportach. Można je później zmienić.")
        form = QFormLayout(self)
        self.gmina_edit = QLineEdit()
        self.office_edit = QLineEdit()
        self.worker_edit = QLineEdit()
        form.addRow("&Gmina*:", self.gmina_edit)
        form.addRow("&Nazwa ośrodka (GOPS/OPS)*:", self.office_edit)
        form.addRow("&Imię i nazwisko pracownika*:", self.worker_edit)
        for edit in (self.gmina_edit, self.office_edit, self.worker_edit):
            edit.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802
        return all(e.text().strip() for e in (self.gmina_edit, self.office_edit, self.worker_edit))


class _PasswordPage(QWizardPage):
    def __init__(self, os_store_available: bool) -> None:
        super().__init__()
        self.setTitle("Hasło do bazy danych")
        self.setSubTitle(
            "Baza jest zaszyfrowana. Bez hasła (albo kodu odzyskiwania) nikt jej nie odczyta — "
            "także pomoc techniczna."
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.password_field, self.repeat_field = PasswordField(), PasswordField()
        self.password_edit, self.repeat_edit = self.password_field.edit, self.repeat_field.edit
        self.repeat_edit.setPlaceholderText("Powtórz hasło")
        self.repeat_edit.setAccessibleName("Powtórz hasło")
        for field in (self.password_field, self.repeat_field):  # Tab goes field to field
            field.show_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        form.addRow("&Hasło:", self.password_field)
        form.addRow("&Powtórz hasło:", self.repeat_field)
        layout.addLayout(form)
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumHeight(8)
        layout.addWidget(self.strength_bar)
        self.strength_label = QLabel(
            f"Co najmniej {password_policy.MIN_LENGTH} znaków; najlepiej kilka słów."
        )
        self.strength_label.setWordWrap(True)
        layout.addWidget(self.strength_label)
        self.match_label = QLabel()
        layout.addWidget(self.match_label)
        store_note = QLabel(
            "Hasło będzie dodatkowo powiązane z tym komputerem (klucz w schowku haseł systemu)."
            if os_store_available
            else "Uwaga: w tym systemie nie ma schowka haseł — baza będzie chroniona "
            "tylko hasłem. Wybierz szczególnie silne hasło."
        )
        store_note.setWordWrap(True)
        layout.addWidget(store_note)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        self.password_edit.textChanged.connect(self._update_strength)
        for edit in (self.password_edit, self.repeat_edit):
            edit.textChanged.connect(self._update_match)
            edit.textChanged.connect(self.completeChanged)

    def _update_strength(self, text: str) -> None:
        strength = password_policy.assess(text)
        self.strength_bar.setValue(strength.score)
        self.strength_label.setText(strength.message)

    def _update_match(self) -> None:
        """Strength says nothing about the repetition: this line does, for the current pair."""
        repeat = self.repeat_edit.text()
        if not repeat:
            self.match_label.setText("")
        elif repeat == self.password_edit.text():
            self.match_label.setText("Hasła są takie same.")
            self.match_label.setStyleSheet("color: #2e7d32;")
        else:
            self.match_label.setText("Hasła nie są takie same.")
            self.match_label.setStyleSheet("color: #b00020;")

    def isComplete(self) -> bool:  # noqa: N802
        password = self.password_edit.text()
        return password_policy.assess(password).acceptable and password == self.repeat_edit.text()


class _RecoveryPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Kod odzyskiwania")
        self.setSubTitle(
            "Ten kod otworzy bazę, gdy zapomnisz hasła albo przeniesiesz dane na nowy komputer. "
            "Zostanie pokazany tylko teraz."
        )
        layout = QVBoxLayout(self)
        self.code_label = QLabel()
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(15)
        self.code_label.setFont(font)
        self.code_label.setWordWrap(True)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setStyleSheet("padding: 12px; border: 1px solid #888; background: #fff;")
        layout.addWidget(self.code_label)
        buttons = QHBoxLayout()
        self.print_button = QPushButton("&Drukuj kod…")
        self.save_button = QPushButton("&Zapisz do pliku…")
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        advice = QLabel(
            "Wydrukuj kod i przechowuj go w zamkniętej szafie lub sejfie, oddzielnie od "
            "komputera. Nie zapisuj go w komputerze na stałe."
        )
        advice.setWordWrap(True)
        layout.addWidget(advice)
        self.confirm_check = QCheckBox(
            "Zapisałam/zapisałem kod odzyskiwania i przechowuję go w bezpiecznym miejscu."
        )
        layout.addWidget(self.confirm_check)
        layout.addStretch(1)
        self.confirm_check.toggled.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802
        return self.confirm_check.isChecked()


class FirstRunWizard(QWizard):
    """Creates the encrypted database; `register` is set when the wizard is accepted."""

    def __init__(
        self, folder: DataFolder, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._folder, self._tasks = folder, tasks
        self.register: Register | None = None
        self.created: Created | None = None
        self._creating = False
        self.setWindowTitle("NK Desk — pierwsze uruchomienie")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, "Dalej >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Wstecz")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Zakończ")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Anuluj")
        self.intro_page = QWizardPage()
        self.intro_page.setTitle("Witamy w NK Desk")
        intro = QLabel(
            "NK Desk prowadzi rejestr procedur „Niebieskie Karty” ośrodka pomocy społecznej: "
            "procedury, osoby, formularze NK-A, chronologię, załączniki i kontakty instytucji.\n\n"
            "Wszystkie dane są przechowywane wyłącznie na tym komputerze, w zaszyfrowanej "
            "bazie danych.\n\nKreator założy nową, pustą bazę w folderze:\n"
            f"{folder.path}"
        )
        intro.setWordWrap(True)
        QVBoxLayout(self.intro_page).addWidget(intro)
        self.office_page = _OfficePage()
        self.password_page = _PasswordPage(folder.os_store_available())
        self.recovery_page = _RecoveryPage()
        for page in (self.intro_page, self.office_page, self.password_page, self.recovery_page):
            self.addPage(page)
        self.recovery_page.print_button.clicked.connect(self._print_code)
        self.recovery_page.save_button.clicked.connect(self._save_code)
        self.resize(640, 480)
        self._typed = ChangeTracker(self)
        self._typed.mark_clean()

    def validateCurrentPage(self) -> bool:  # noqa: N802
        if self.currentPage() is not self.password_page or self.created is not None:
            return super().validateCurrentPage()
        self.button(QWizard.WizardButton.NextButton).setEnabled(False)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(False)
        self._creating = True
        settings = Settings(
            gmina_name=self.office_page.gmina_edit.text().strip(),
            office_name=self.office_page.office_edit.text().strip(),
            worker_name=self.office_page.worker_edit.text().strip(),
        )
        password = self.password_page.password_edit.text()
        self._tasks.run(
            lambda: self._folder.create(password, settings),
            self._created,
            self._create_failed,
            "Tworzenie zaszyfrowanej bazy…",
            self,
        )
        return False

    def _created(self, created: Created) -> None:
        self._creating = False
        self.created = created
        self.register = Register(created.database)
        self.recovery_page.code_label.setText(created.recovery_code)
        self.password_page.password_edit.clear()
        self.password_page.repeat_edit.clear()
        self.next()
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)

    def _create_failed(self, exc: BaseException) -> None:
        self._creating = False
        self.button(QWizard.WizardButton.NextButton).setEnabled(True)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        if isinstance(exc, UserError):
            self.password_page.error_label.show_message(exc.message)
        else:
            show_error(self, exc)

    def _code_text(self) -> str:
        assert self.created is not None
        office = self.office_page.office_edit.text()
        return (
            f"NK Desk — kod odzyskiwania bazy danych\n{office}\n\n{self.created.recovery_code}\n\n"
            f"{RECOVERY_SHEET_HINT}\n"
        )

    def _print_code(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.print_code(printer)

    def print_code(self, printer: QPrinter) -> None:
        """The recovery-code sheet on the chosen printer."""
        assert self.created is not None
        office = html.escape(self.office_page.office_edit.text())
        document = QTextDocument()
        document.setDefaultFont(QFont("DejaVu Sans", 12))
        document.setHtml(
            f"<h2>NK Desk — kod odzyskiwania bazy danych</h2><p>{office}</p>"
            '<p style="font-family: DejaVu Sans Mono; font-size: 17pt; font-weight: bold; '
            f'white-space: pre;">{self.created.recovery_code}</p>'
            f"<p>{html.escape(RECOVERY_SHEET_HINT)}</p>"
        )
        document.print_(printer)

    def _save_code(self) -> None:
        answer = QMessageBox.question(
            self,
            "Zapis kodu do pliku",
            "Kod w pliku może odczytać każdy, kto ma dostęp do tego pliku. Zapisz go na "
            "pendrivie przechowywanym w bezpiecznym miejscu, nie na tym komputerze.\n\n"
            "Kontynuować?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Zapisz kod odzyskiwania", "kod-odzyskiwania-nkdesk.txt", "Tekst (*.txt)"
        )
        if not path:
            return
        try:
            # The save dialog has already asked before replacing an existing file.
            write_output_file(
                Path(path), self._code_text().encode("utf-8"), self._folder.path, overwrite=True
            )
        except UserError as exc:
            show_error(self, exc)

    def reject(self) -> None:
        """Cancel only before the database exists (its recovery code must be seen once),
        and with something typed only after she confirms it may go."""
        if self.created is not None or self._creating:
            return
        if self._typed.changed() and not confirm(
            self,
            "Przerwać zakładanie rejestru?",
            "Wpisane dane nie zostaną zapisane, a rejestr nie zostanie założony. "
            "Czy zamknąć kreator?",
        ):
            return
        super().reject()
