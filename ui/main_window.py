"""Main window: navigation between Sprawy / Kalendarz / Instytucje / Zespół, menus and the lock."""

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolBar,
)

from app.services.changes import Changes, Entity
from app.services.course import DueList
from app.settings import Settings
from ui import exchange_actions
from ui.calendar_view import CalendarView
from ui.context import AppContext
from ui.form_print_actions import blank_forms_menu
from ui.help_window import show_help
from ui.institutions_view import InstitutionsView
from ui.letter_templates_dialog import LetterTemplatesDialog
from ui.procedure_window import NewProcedureDialog, ProcedureWindow
from ui.procedures_view import ProceduresView
from ui.settings_dialog import SettingsDialog
from ui.zi_view import ZiView


class MainWindow(QMainWindow):
    lock_requested = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self._context = context
        self.office_name = ""  # named in the title and on the lock screen
        self.procedure_windows: dict[int, ProcedureWindow] = {}
        self.procedures_view = ProceduresView(context)
        self.calendar_view = CalendarView(context)
        self.institutions_view = InstitutionsView(context)
        self.zi_view = ZiView(context)
        self.stack = QStackedWidget()
        for view in (
            self.procedures_view,
            self.calendar_view,
            self.institutions_view,
            self.zi_view,
        ):
            self.stack.addWidget(view)
        self.setCentralWidget(self.stack)
        self._build_actions()
        self._connect_signals()
        self._update_title()
        self.protection_label = QLabel()
        self.statusBar().addPermanentWidget(self.protection_label)
        self._show_protection()
        self.resize(1200, 760)

    def _build_actions(self) -> None:
        toolbar = QToolBar("Nawigacja")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        group = QActionGroup(self)
        self.nav_actions: list[QAction] = []
        for index, (text, shortcut) in enumerate(
            (
                ("&Sprawy", "Ctrl+1"),
                ("&Kalendarz", "Ctrl+2"),
                ("&Instytucje", "Ctrl+3"),
                ("&Zespół (ZI)", "Ctrl+4"),
            )
        ):
            action = QAction(text, self, checkable=True)
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text.replace('&', '')} ({shortcut})")
            action.triggered.connect(lambda _c=False, i=index: self.show_page(i))
            group.addAction(action)
            toolbar.addAction(action)
            self.nav_actions.append(action)
        self.nav_actions[0].setChecked(True)
        toolbar.addSeparator()
        self.new_action = QAction("&Nowa procedura…", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.lock_action = QAction("&Zablokuj", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip("Ukryj wszystkie dane do czasu wpisania hasła (Ctrl+L)")
        self.settings_action = QAction("&Ustawienia…", self)
        self.templates_action = QAction("Wzory &pism…", self)
        self.quit_action = QAction("Za&kończ", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.help_action = QAction("&Podręcznik użytkownika", self)
        self.help_action.setShortcut(QKeySequence("F1"))
        self.about_action = QAction("&O programie", self)
        self.export_action = QAction("Zapisz kopię &danych do pliku wymiany…", self)
        self.import_action = QAction("&Wczytaj dane z pliku wymiany…", self)
        self.calendar_action = QAction("Zapisz &terminy do kalendarza (.ics)…", self)
        toolbar.addAction(self.new_action)
        toolbar.addAction(self.lock_action)
        file_menu = self.menuBar().addMenu("&Plik")
        file_menu.addAction(self.new_action)
        self.blank_forms_menu = blank_forms_menu(self._context, self)
        file_menu.addMenu(self.blank_forms_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.calendar_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.templates_action)
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu("&Widok")
        for action in self.nav_actions:
            view_menu.addAction(action)
        help_menu = self.menuBar().addMenu("Pomo&c")
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)

    def _connect_signals(self) -> None:
        self.new_action.triggered.connect(self._new_on_page)
        self.stack.currentChanged.connect(self._name_new_action)
        self.procedures_view.new_requested.connect(self.new_procedure)
        self.procedures_view.open_requested.connect(self.open_procedure)
        self.calendar_view.today_view.open_requested.connect(self.open_procedure)
        self.calendar_view.open_requested.connect(self.open_procedure)
        self.lock_action.triggered.connect(self.lock_requested)
        self.settings_action.triggered.connect(self._settings)
        self.templates_action.triggered.connect(
            lambda: LetterTemplatesDialog(self._context, parent=self).exec()
        )
        self.quit_action.triggered.connect(self.close)
        self.help_action.triggered.connect(lambda: show_help())
        self.about_action.triggered.connect(self._about)
        self.export_action.triggered.connect(
            lambda: exchange_actions.export_register(self._context, self)
        )
        self.import_action.triggered.connect(
            lambda: exchange_actions.import_register(self._context, self)
        )
        self.calendar_action.triggered.connect(
            lambda: exchange_actions.export_calendar(self._context, self)
        )
        self._context.changed.connect(self._on_changed)

    def show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.nav_actions[index].setChecked(True)
        if index == 0:
            self.procedures_view.search_edit.setFocus()
        elif index == 1:
            self.calendar_view.today_view.table.setFocus()
        elif index == 2:
            self.institutions_view.search_edit.setFocus()
        elif index == 3:
            self.zi_view.members_table.setFocus()

    def show_due_if_any(self) -> None:
        """Right after unlocking: „Dziś i zaległe” comes first when anything is due."""
        today = self.calendar_view.today_view

        def first_look(due: DueList) -> None:
            today.loaded.disconnect(first_look)
            if due.total:
                self.show_page(1)

        today.loaded.connect(first_look)
        today.reload()

    def new_procedure(self) -> None:
        dialog = NewProcedureDialog(self._context, self)
        if dialog.exec() and dialog.procedure_id is not None:
            self.open_procedure(dialog.procedure_id)

    def _new_on_page(self) -> None:
        """Ctrl+N adds what the page lists, so the Instytucje and Zespół pages need no
        shortcut of their own."""
        page = self.stack.currentWidget()
        if page is self.institutions_view:
            self.institutions_view.add_institution()
        elif page is self.zi_view:
            self.zi_view.new_meeting()
        else:
            self.new_procedure()

    def _name_new_action(self) -> None:
        """Keep the menu and toolbar text true to what the action will open."""
        page = self.stack.currentWidget()
        if page is self.institutions_view:
            self.new_action.setText("&Nowa instytucja…")
        elif page is self.zi_view:
            self.new_action.setText("&Nowe posiedzenie ZI…")
        else:
            self.new_action.setText("&Nowa procedura…")

    def open_procedure(self, procedure_id: int) -> ProcedureWindow:
        window = self.procedure_windows.get(procedure_id)
        if window is None:
            window = ProcedureWindow(self._context, procedure_id)
            window.closed.connect(self._procedure_closed)
            self.procedure_windows[procedure_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _procedure_closed(self, procedure_id: int) -> None:
        window = self.procedure_windows.pop(procedure_id, None)
        if window is not None:
            window.deleteLater()

    def _settings(self) -> None:
        SettingsDialog(self._context, self).exec()

    def _about(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(self._context, self).exec()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.SETTINGS):
            self._update_title()

    def _update_title(self) -> None:
        self._context.ops.query(self, lambda register: register.settings.load(), self._show_title)

    def _show_title(self, settings: Settings) -> None:
        office = settings.office_name or settings.gmina_name
        self.office_name = office
        self.setWindowTitle(f"NK Desk — {office}" if office else "NK Desk")

    def _show_protection(self) -> None:
        if self._context.folder.uses_os_secret():
            self.protection_label.setText("Ochrona: hasło + klucz tego komputera")
        else:
            self.protection_label.setText("Ochrona: tylko hasło (brak schowka haseł systemu)")

    def close_procedure_windows(self) -> None:
        for window in list(self.procedure_windows.values()):
            window.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Quitting closes the procedure windows first; one kept open („Anuluj” to
        „Zapisać zmiany?”) keeps the program running."""
        self.close_procedure_windows()
        if any(window.isVisible() for window in self.procedure_windows.values()):
            event.ignore()
            return
        super().closeEvent(event)
