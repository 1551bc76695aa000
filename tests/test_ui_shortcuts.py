"""Ctrl+N in the main window adds what the current page lists, never both or neither."""

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ui.context import AppContext
from ui.institution_dialog import InstitutionDialog
from ui.main_window import MainWindow
from ui.procedure_window import NewProcedureDialog

INSTITUTIONS_PAGE = 2


@pytest.fixture
def opened(
    ui_context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, list[str]]:
    """A shown main window whose "new" dialogs only record that they were opened."""
    opened: list[str] = []

    def recorder(name: str) -> Callable[[QDialog], int]:
        def exec_(_dialog: QDialog) -> int:
            opened.append(name)
            return QDialog.DialogCode.Rejected.value

        return exec_

    monkeypatch.setattr(InstitutionDialog, "exec", recorder("instytucja"))
    monkeypatch.setattr(NewProcedureDialog, "exec", recorder("procedura"))
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, opened


def press_ctrl_n(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_n_on_institutions_page_adds_an_institution(
    opened: tuple[MainWindow, list[str]], qtbot: QtBot
) -> None:
    window, dialogs = opened
    window.show_page(INSTITUTIONS_PAGE)
    press_ctrl_n(qtbot, window)
    assert dialogs == ["instytucja"]
    assert window.new_action.text() == "&Nowa instytucja…"


def test_ctrl_n_on_procedures_page_registers_a_procedure(
    opened: tuple[MainWindow, list[str]], qtbot: QtBot
) -> None:
    window, dialogs = opened
    window.show_page(INSTITUTIONS_PAGE)
    window.show_page(0)
    press_ctrl_n(qtbot, window)
    assert dialogs == ["procedura"]
    assert window.new_action.text() == "&Nowa procedura…"


def test_add_button_opens_the_same_institution_dialog(
    opened: tuple[MainWindow, list[str]], qtbot: QtBot
) -> None:
    window, dialogs = opened
    window.show_page(INSTITUTIONS_PAGE)
    qtbot.mouseClick(window.institutions_view.add_button, Qt.MouseButton.LeftButton)
    assert dialogs == ["instytucja"]
