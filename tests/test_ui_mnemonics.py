"""Every Alt+letter on a page of the main window (menu bar included) and on each tab of
the procedure window does one thing: an ambiguous one does nothing on the first press."""

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.support.meeting_cases import build_team
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.procedure_window import ProcedureWindow

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def letters(root: QWidget) -> list[str]:
    """The Alt letters of the visible buttons, labels with buddies and tabs under root."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        found += [m.lower() for m in MNEMONIC.findall(_text(widget))]
    return found


def _text(widget: QWidget) -> str:
    """What may carry an Alt letter: a button, a label naming its field, the tabs."""
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QLabel):
        return widget.text() if widget.buddy() is not None else ""
    if isinstance(widget, QTabWidget):
        return " ".join(widget.tabText(i) for i in range(widget.count()))
    return ""


def twice(found: list[str]) -> list[str]:
    return sorted(letter for letter, count in Counter(found).items() if count > 1)


@pytest.mark.parametrize("page", range(4))
def test_each_page_of_the_main_window_has_each_alt_letter_once(
    qtbot: QtBot, ui_context: AppContext, page: int
) -> None:
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show()
    window.show_page(page)
    menus = " ".join(action.text() for action in window.menuBar().actions())
    found = letters(window) + [m.lower() for m in MNEMONIC.findall(menus)]
    assert {"p", "w", "c"} <= set(found), "the menu bar's letters are counted"
    assert twice(found) == []


def test_the_procedure_window_has_each_tab_letter_once(
    qtbot: QtBot, ui_context: AppContext
) -> None:
    team = build_team(ui_context.register)
    window = ProcedureWindow(ui_context, team.procedure_id)
    qtbot.addWidget(window)
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        assert twice(letters(window)) == [], window.tabs.tabText(index)
