"""Typing Polish text in widget tests.

qtbot.keyClicks aborts on non-ASCII characters, and QTest.sendKeyEvent with a
one-character str binds to its `char` overload and mangles "ł" into "Å"; plain
QKeyEvents carrying the text work for every character.
"""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)
