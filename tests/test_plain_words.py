"""The words she reads are her own: no technical jargon in windows, menus or messages.

Two nets. The windows she sees are built and every visible text is read (menus, buttons,
labels, titles, hints). And every Polish string literal in app/ and ui/ — the messages
that reach her only when something happens — is scanned. Docstrings, comments, file
names (keys.json, *.json) and text that is not Polish (SQL, class names) are not her
words and are left alone.
"""

import ast
import re
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from app.services.vault import DataFolder
from tests.support.clock import TODAY
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.procedure_window import ProcedureWindow
from ui.settings_dialog import SettingsDialog
from ui.unlock import UnlockDialog
from ui.wizard import FirstRunWizard

ROOT = Path(__file__).resolve().parent.parent
JARGON = [
    re.compile(r"poświadcze", re.IGNORECASE),  # the OS credential store: "schowek haseł"
    re.compile(r"\bkeyring|\bbackend|sqlcipher|\bhash|\bstack\b", re.IGNORECASE),
    re.compile(r"\beksport|\b(za)?import", re.IGNORECASE),  # "zapisz kopię" / "wczytaj dane"
    re.compile(r"\bJSON\b|\bWAL\b|\bKDF\b"),  # as words; the file name keys.json is fine
]
POLISH = re.compile(r"[ąćęłńóśźż]|\b(nie|jest|się|albo|lub|oraz|plik\w*|baz\w*|danych)\b", re.I)


def jargon_in(text: str) -> list[str]:
    return [found[0] for pattern in JARGON if (found := pattern.search(text))]


def _docstrings(tree: ast.AST) -> set[int]:
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, owners)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def polish_literals() -> list[tuple[str, str]]:
    """(place, text) of every Polish string literal in app/ and ui/ outside docstrings."""
    found = []
    for package in ("app", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text("utf-8"))
            docstrings = _docstrings(tree)
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and id(node) not in docstrings
                    and POLISH.search(node.value)
                ):
                    place = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.append((place, node.value))
    return found


def test_messages_in_the_code_use_plain_words() -> None:
    literals = polish_literals()
    texts = [text for _place, text in literals]
    assert "Zapisz kopię &danych do pliku wymiany…" in texts, "the scan must see menu texts"
    assert any("schowka haseł" in text for text in texts)

    offenders = [f"{place}: {text!r}" for place, text in literals if jargon_in(text)]

    assert offenders == []


def test_the_scan_would_catch_the_old_words() -> None:
    for old in (
        "Ochrona: tylko hasło (brak magazynu poświadczeń systemu)",
        "&Eksport rejestru do pliku JSON…",
        "Import jest możliwy tylko do pustego rejestru",
        "to nie jest poprawny JSON",
    ):
        assert POLISH.search(old) and jargon_in(old), old
    assert not jargon_in("plik kluczy (keys.json)")


def visible_texts(root: QWidget) -> list[str]:
    """What the window shows: titles, menus, buttons, labels, hints and tool tips."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
    for action in root.findChildren(QAction):
        texts += [action.text(), action.toolTip()]
    if isinstance(root, QWizard):
        for page_id in root.pageIds():
            page = root.page(page_id)
            texts += [page.title(), page.subTitle(), *visible_texts(page)]
    return [text.replace("&", "") for text in texts if text]


def test_the_windows_she_works_in_show_no_jargon(
    ui_context: AppContext, qtbot: QtBot, folder: DataFolder
) -> None:
    main = MainWindow(ui_context)
    created = ui_context.register.procedures.create(TODAY).record_id
    assert created is not None
    windows: list[QWidget] = [
        main,
        ProcedureWindow(ui_context, created),
        SettingsDialog(ui_context, main),
        FirstRunWizard(folder, ui_context.tasks),
        UnlockDialog(folder, ui_context.tasks),
    ]
    for window in windows:
        qtbot.addWidget(window)
    texts = [text for window in windows for text in visible_texts(window)]
    assert "Zapisz kopię danych do pliku wymiany…" in texts
    assert "Wczytaj dane z pliku wymiany…" in texts

    assert [text for text in texts if jargon_in(text)] == []
