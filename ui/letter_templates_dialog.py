"""„Wzory pism”: the worker edits a letter's title and text, inserts placeholders from
the list beside it, and can go back to the program's default wording.

The text is checked as it is typed, with the rule the register saves by
(app.domain.letters): an unknown placeholder or an unbalanced brace is named under the
editor, and a refused save keeps everything typed.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain import letters
from app.errors import UserError
from app.services.changes import Changes
from app.services.letters import TemplateView
from ui.context import AppContext
from ui.widgets import ErrorLabel, confirm

NAME_ROLE = Qt.ItemDataRole.UserRole


class LetterTemplatesDialog(QDialog):
    def __init__(
        self, context: AppContext, name: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._views: dict[str, TemplateView] = {}
        self._shown: TemplateView | None = None
        self.setWindowTitle("Wzory pism")
        self.letter_list = QListWidget()
        for kind in letters.catalogue():
            item = QListWidgetItem(kind.title)
            item.setData(NAME_ROLE, kind.name)
            item.setToolTip(kind.description)
            self.letter_list.addItem(item)
        self.title_edit = QLineEdit()
        self.text_edit = QPlainTextEdit()
        self.placeholder_list = QListWidget()
        self.placeholder_list.setToolTip("Enter albo podwójne kliknięcie: wstaw pole do treści.")
        self.insert_button = QPushButton("&Wstaw pole")
        self.reset_button = QPushButton("&Przywróć domyślny")
        self.save_button = QPushButton("&Zapisz wzór")
        self.error_label = ErrorLabel()
        self.state_label = QLabel()
        self.state_label.setStyleSheet("color: #555;")
        self._build_layout()
        self.letter_list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.title_edit.textChanged.connect(self._check)
        self.text_edit.textChanged.connect(self._check)
        self.placeholder_list.itemActivated.connect(lambda _item: self.insert_placeholder())
        self.insert_button.clicked.connect(self.insert_placeholder)
        self.reset_button.clicked.connect(self.reset)
        self.save_button.clicked.connect(self.save)
        self.resize(980, 620)
        self._load(name)

    def _build_layout(self) -> None:
        title_label = QLabel("&Tytuł:")
        title_label.setBuddy(self.title_edit)
        text_label = QLabel("T&reść (pola w nawiasach {…}; sam nawias: {{ albo }}):")
        text_label.setBuddy(self.text_edit)
        fields_label = QLabel("Po&la tego pisma:")
        fields_label.setBuddy(self.placeholder_list)
        editor = QWidget()
        column = QVBoxLayout(editor)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (title_label, self.title_edit, text_label, self.text_edit):
            column.addWidget(widget, 1 if widget is self.text_edit else 0)
        column.addWidget(self.error_label)
        column.addWidget(self.state_label)
        fields = QWidget()
        side = QVBoxLayout(fields)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(fields_label)
        side.addWidget(self.placeholder_list, 1)
        side.addWidget(self.insert_button)
        splitter = QSplitter()
        for part in (self.letter_list, editor, fields):
            splitter.addWidget(part)
        splitter.setSizes([220, 520, 240])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Zamknij")
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _load(self, select: str | None = None) -> None:
        self._context.ops.query(
            self, lambda reg: reg.letters.templates(), lambda views: self._loaded(views, select)
        )

    def _loaded(self, views: tuple[TemplateView, ...], select: str | None) -> None:
        self._views = {view.name: view for view in views}
        wanted = select or (self._shown.name if self._shown is not None else None)
        for row in range(self.letter_list.count()):
            if self.letter_list.item(row).data(NAME_ROLE) == wanted:
                self.letter_list.setCurrentRow(row)
                break
        else:
            self.letter_list.setCurrentRow(0)
        self._show_selected(force=True)

    def selected_name(self) -> str:
        item = self.letter_list.currentItem()
        return str(item.data(NAME_ROLE)) if item is not None else ""

    def _show_selected(self, force: bool = False) -> None:
        view, shown = self._views.get(self.selected_name()), self._shown
        if view is None or (not force and shown is not None and view.name == shown.name):
            return
        switching = shown is not None and shown.name != view.name
        if switching and shown is not None and not self._may_leave(shown):
            self._select(shown.name)
            return
        self._shown = view
        self.title_edit.setText(view.title)
        self.text_edit.setPlainText(view.text)
        self.placeholder_list.clear()
        for placeholder in view.placeholders:
            guarded = " (dane „nie ujawniać” pomijane)" if placeholder.personal else ""
            item = QListWidgetItem(f"{{{placeholder.name}}} — {placeholder.description}{guarded}")
            item.setData(NAME_ROLE, placeholder.name)
            self.placeholder_list.addItem(item)
        self.state_label.setText(
            "Wzór zmieniony przez pracownika." if view.edited else "Wzór domyślny programu."
        )
        self.reset_button.setEnabled(view.edited)
        self._check()

    def _may_leave(self, shown: TemplateView) -> bool:
        """Typed changes are not dropped unasked when another letter is picked."""
        return not self.has_unsaved_changes() or confirm(
            self, "Wzory pism", f"Zmiany we wzorze „{shown.title}” nie są zapisane. Porzucić je?"
        )

    def _select(self, name: str) -> None:
        self.letter_list.blockSignals(True)
        for row in range(self.letter_list.count()):
            if self.letter_list.item(row).data(NAME_ROLE) == name:
                self.letter_list.setCurrentRow(row)
        self.letter_list.blockSignals(False)

    def has_unsaved_changes(self) -> bool:
        shown = self._shown
        return shown is not None and (
            self.title_edit.text().strip() != shown.title
            or self.text_edit.toPlainText().strip() != shown.text
        )

    def _check(self) -> None:
        """The rule the save applies, said as she types."""
        if self._shown is None:
            return
        kind = letters.letter(self._shown.name)
        problem = letters.problem(self.title_edit.text(), kind, "Tytuł") or letters.problem(
            self.text_edit.toPlainText(), kind
        )
        self.error_label.show_message(problem or "")

    def insert_placeholder(self) -> None:
        item = self.placeholder_list.currentItem()
        if item is None:
            return
        self.text_edit.insertPlainText(f"{{{item.data(NAME_ROLE)}}}")
        self.text_edit.setFocus()

    def save(self) -> None:
        if self._shown is None:
            return
        name, title, text = self._shown.name, self.title_edit.text(), self.text_edit.toPlainText()
        self._context.ops.write(
            self,
            lambda reg: reg.letters.save_template(name, title, text),
            self._saved,
            on_user_error=self._refused,
        )

    def reset(self) -> None:
        if self._shown is None or not confirm(
            self,
            "Wzory pism",
            f"Przywrócić domyślną treść pisma „{self._shown.title}”? "
            "Zmiany wprowadzone we wzorze zostaną utracone.",
        ):
            return
        name = self._shown.name
        self._context.ops.write(self, lambda reg: reg.letters.reset_template(name), self._saved)

    def _saved(self, _changes: Changes) -> None:
        self._shown = None
        self._load(self.selected_name())

    def _refused(self, exc: UserError) -> None:
        """The message under the editor; the text stays as typed."""
        self.error_label.show_message(exc.message)
