"""F1 from any window of the program opens the guide, at the section of that window.

An application-wide event filter, like the lock's Ctrl+L: QAction shortcuts do not fire
while a modal dialog is open, and the first-run wizard and the unlock window come before
the main window. The topic is found by walking up from the focused widget to the first
window part listed in TOPICS, so a tab inside the procedure window names its own section.
Parts are named, not imported, so the filter can be installed before the heavy window
modules load.
"""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.help_window import HelpWindow, show_help

# Window part (class name) -> section of the guide (a heading id in podrecznik.html).
TOPICS = {
    "FirstRunWizard": "pierwsze-uruchomienie",
    "RecoveryDialog": "pierwsze-uruchomienie",
    "UnlockDialog": "blokowanie",
    "LockPanel": "blokowanie",
    "NewProcedureDialog": "nowa-procedura",
    "ClosureDialog": "nowa-procedura",
    "_DataTab": "nowa-procedura",
    "OverviewTab": "terminy",
    "CourseEventDialog": "terminy",
    "ReasonDialog": "terminy",
    "ProcedureWindow": "nowa-procedura",
    "PeopleTab": "osoby",
    "ParticipantDialog": "osoby",
    "PersonPickerDialog": "osoby",
    "AddressDialog": "osoby",
    "ContactDialog": "osoby",
    "NkaTab": "nka",
    "NkaDialog": "nka",
    "AttachmentsTab": "nka",
    "FormRecordsTab": "formularze",
    "FormRecordDialog": "formularze",
    "LettersTab": "pisma",
    "SentDialog": "pisma",
    "LetterTemplatesDialog": "pisma",
    "DescriptionDialog": "nka",
    "ChronologyTab": "chronologia",
    "ChronologyDialog": "chronologia",
    "InstitutionsView": "instytucje",
    "InstitutionDialog": "instytucje",
    "ContactPersonDialog": "instytucje",
    "ZiView": "zespol",
    "ZiMemberDialog": "zespol",
    "MeetingDialog": "zespol",
    "ProceduresView": "wyszukiwanie",
    "CalendarView": "kalendarz",
    "SettingsDialog": "ustawienia",
}


def topic_of(widget: QWidget | None) -> str | None:
    """The guide section of the nearest listed part around `widget`; None for the start."""
    while widget is not None:
        topic = TOPICS.get(type(widget).__name__)
        if topic is not None:
            return topic
        widget = widget.parentWidget()
    return None


class HelpKey(QObject):
    """Takes F1 before any shortcut or widget sees it and opens the guide."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() != Qt.Key.Key_F1 or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        event.accept()  # an accepted override stops the F1 menu shortcut; the press follows
        if event.type() == QEvent.Type.KeyPress:
            focused = watched if isinstance(watched, QWidget) else QApplication.focusWidget()
            if isinstance(focused, QWidget) and not isinstance(focused.window(), HelpWindow):
                show_help(topic_of(focused))
        return True


def install_help_key(app: QApplication) -> None:
    """Make F1 open the guide in every window of `app` (once, however often called)."""
    if app.findChild(HelpKey) is None:
        app.installEventFilter(HelpKey(app))
