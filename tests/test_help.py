"""The user guide: F1 anywhere opens it at that window's section; its contents hold together."""

import importlib
import inspect
import pkgutil
import re
import tomllib
from collections.abc import Iterator
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

import ui
from resources import RESOURCES_DIR
from tests.support.clock import TODAY
from ui import help_window
from ui.context import AppContext
from ui.help_key import TOPICS, install_help_key
from ui.help_window import GUIDE, HelpWindow, contents
from ui.main_window import MainWindow
from ui.procedure_window import ProcedureWindow
from ui.settings_dialog import SettingsDialog

ROOT = Path(__file__).resolve().parent.parent
# Sections the guide promises; each is a heading id in podrecznik.html.
REQUIRED_SECTIONS = {
    "pierwsze-uruchomienie",
    "codzienna-praca",
    "nowa-procedura",
    "osoby",
    "nka",
    "chronologia",
    "instytucje",
    "wyszukiwanie",
    "kalendarz",
    "gdp",
    "blokowanie",
    "klawisze",
    "daty",
    "dane",
    "kopie",
}
# Qt's portable key names -> the names on her keyboard and in the guide.
KEY_NAMES = {"Del": "Delete", "Return": "Enter", "Esc": "Escape", "PgDown": "PgDn"}


class _Page(HTMLParser):
    """Ids, internal links and, per h2 section, the texts of its <kbd> keys."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.keys: dict[str, list[str]] = {}
        self._section = ""
        self._in_kbd = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
            if tag == "h2":
                self._section = str(found["id"])
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        self._in_kbd = tag == "kbd"

    def handle_endtag(self, tag: str) -> None:
        if tag == "kbd":
            self._in_kbd = False

    def handle_data(self, data: str) -> None:
        if self._in_kbd:
            self.keys.setdefault(self._section, []).append(data.strip())


@pytest.fixture(scope="module")
def page() -> _Page:
    parsed = _Page()
    parsed.feed(GUIDE.read_text("utf-8"))
    return parsed


@pytest.fixture
def f1(qtbot: QtBot) -> Iterator[None]:
    """F1 installed as the program installs it; the guide window closed after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_help_key(app)
    yield
    window = help_window._window
    if window is not None:
        window.close()
        window.deleteLater()
    help_window._window = None


def shown_guide() -> HelpWindow:
    window = help_window._window
    assert window is not None and window.isVisible(), "F1 opened no guide"
    return window


def test_f1_in_the_main_window_opens_the_guide_at_the_page_in_use(
    ui_context: AppContext, qtbot: QtBot, f1: None
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page(2)

    qtbot.keyClick(window.institutions_view.search_edit, Qt.Key.Key_F1)

    guide = shown_guide()
    assert guide.current_topic() == "instytucje"
    assert "Instytucje i kontakty" in guide.browser.toPlainText()


def test_f1_in_a_modal_dialog_opens_the_guide_beside_it_at_its_section(
    ui_context: AppContext, qtbot: QtBot, f1: None
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show()
    dialog = SettingsDialog(ui_context, window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.edits["numbering_pattern"].isEnabled())

    qtbot.keyClick(dialog.edits["numbering_pattern"], Qt.Key.Key_F1)

    guide = shown_guide()
    assert guide.current_topic() == "ustawienia"
    assert guide.parentWidget() is dialog, "a modal dialog would block a guide of its own"
    assert dialog.isVisible(), "F1 must not reach the dialog as a key"


def test_f1_in_a_tab_of_the_procedure_window_opens_that_tab_s_section(
    ui_context: AppContext, qtbot: QtBot, f1: None
) -> None:
    created = ui_context.register.procedures.create(TODAY).record_id
    assert created is not None
    window = ProcedureWindow(ui_context, created)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.people_tab)

    qtbot.keyClick(window.people_tab.table, Qt.Key.Key_F1)

    assert shown_guide().current_topic() == "osoby"


def test_the_help_menu_offers_the_guide_with_f1_and_about(
    ui_context: AppContext, qtbot: QtBot, f1: None
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    [help_menu] = [m for m in window.menuBar().findChildren(QMenu) if m.title() == "Pomo&c"]
    texts = [a.text() for a in help_menu.actions()]
    assert texts == ["&Podręcznik użytkownika", "&O programie"]
    assert window.help_action.shortcut() == QKeySequence("F1")

    window.help_action.trigger()

    guide = shown_guide()
    assert guide.current_topic() == ""
    assert guide.browser.toPlainText().startswith("NK Desk — podręcznik użytkownika")


def test_contents_back_forward_and_find_work_in_the_guide(qtbot: QtBot, f1: None) -> None:
    guide = help_window.show_help("daty")
    tree = guide.contents_tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    [keys_item] = [item for item in items if item.text(0) == "Klawisze"]

    tree.itemClicked.emit(keys_item, 0)
    assert guide.current_topic() == "klawisze"
    assert tree.currentItem() is keys_item
    qtbot.mouseClick(guide.back_button, Qt.MouseButton.LeftButton)
    assert guide.current_topic() == "daty"
    qtbot.mouseClick(guide.forward_button, Qt.MouseButton.LeftButton)
    assert guide.current_topic() == "klawisze"

    qtbot.keyClick(guide, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(guide.find_edit, "kod odzyskiwania")
    qtbot.keyClick(guide.find_edit, Qt.Key.Key_Return)
    assert guide.browser.textCursor().selectedText().lower() == "kod odzyskiwania"
    guide.find_edit.setText("nie ma takiego słowa")
    assert not guide.find_next()
    assert guide.find_status.text() == "Nie znaleziono"


def test_every_section_is_in_the_contents_and_every_link_and_topic_resolves(page: _Page) -> None:
    anchors = [heading.anchor for heading in contents()]
    assert len(anchors) == len(set(anchors)), "two sections with one id"
    assert set(anchors) >= REQUIRED_SECTIONS
    assert all(heading.title for heading in contents())
    for link in page.links:
        assert link.startswith("#") and link[1:] in page.ids, f"broken link {link}"
    assert set(TOPICS.values()) <= set(anchors)


def test_every_window_part_named_for_f1_exists_in_the_program() -> None:
    """TOPICS names classes as text (so F1 works before they load): a rename must show here."""
    classes = set()
    for module_info in pkgutil.iter_modules(ui.__path__):
        module = importlib.import_module(f"ui.{module_info.name}")
        classes |= {
            name
            for name, member in inspect.getmembers(module, inspect.isclass)
            if issubclass(member, QWidget) and member.__module__ == module.__name__
        }
    assert set(TOPICS) <= classes


def _written(sequence: QKeySequence) -> str:
    """A shortcut as the guide writes it: Ctrl+Enter, Delete, F1."""
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    return "+".join(KEY_NAMES.get(part, part) for part in text.split("+"))


def _shortcuts(*windows: QWidget) -> set[str]:
    found = set()
    for window in windows:
        for action in window.findChildren(QAction):
            found |= {_written(key) for key in action.shortcuts() if not key.isEmpty()}
        for shortcut in window.findChildren(QShortcut):
            keys = shortcut.keys()  # a QShortcut, not a dict: its key sequences
            found |= {_written(key) for key in keys if not key.isEmpty()}
    return found


def test_the_keys_section_names_every_shortcut_of_the_program(
    ui_context: AppContext, qtbot: QtBot, page: _Page
) -> None:
    main = MainWindow(ui_context)
    qtbot.addWidget(main)
    created = ui_context.register.procedures.create(TODAY).record_id
    assert created is not None
    procedure = ProcedureWindow(ui_context, created)
    qtbot.addWidget(procedure)

    shortcuts = _shortcuts(main, procedure)

    assert {"Ctrl+N", "Ctrl+L", "F1", "Ctrl+1", "Delete"} <= shortcuts, "collection works"
    documented = set(page.keys["klawisze"])
    assert shortcuts - documented == set()


def test_the_guide_is_installed_with_the_program() -> None:
    """The guide files match the package data of pyproject.toml, so an install carries them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["resources"]
    files = [p.relative_to(RESOURCES_DIR).as_posix() for p in (RESOURCES_DIR / "help").iterdir()]
    assert files
    for name in files:
        assert any(fnmatch(name, pattern) for pattern in patterns), name
    stylesheet = re.search(r'href="([^"#]+\.css)"', GUIDE.read_text("utf-8"))
    assert stylesheet is not None and (GUIDE.parent / stylesheet[1]).is_file()
