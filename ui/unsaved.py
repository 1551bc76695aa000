"""Which open windows hold changes that are not saved yet.

A window says so itself through `has_unsaved_changes()`; windows without that method
never hold unsaved changes. Asked before the program closes, so nothing typed is lost
without a question.
"""

from PySide6.QtWidgets import QApplication


def unsaved_window_titles() -> list[str]:
    """Titles of the visible top-level windows that report unsaved changes."""
    titles = []
    for window in QApplication.topLevelWidgets():
        has_unsaved_changes = getattr(window, "has_unsaved_changes", None)
        if window.isVisible() and has_unsaved_changes is not None and has_unsaved_changes():
            titles.append(window.windowTitle())
    return titles
