"""The user guide (resources/help), read offline in a window of its own.

The guide is one HTML page whose h2/h3 headings carry ids: the table of contents is read
from those headings, so a section added to the page appears in the contents by itself,
and a topic (F1 in a known window) is simply a heading's id.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.deadline_guide import guide_with_deadlines
from resources import RESOURCES_DIR

GUIDE = RESOURCES_DIR / "help" / "podrecznik.html"
CONTENTS_LEVELS = ("h2", "h3")
ANCHOR_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Heading:
    level: int  # 2 for a section, 3 for a subsection
    anchor: str
    title: str


class _Headings(HTMLParser):
    """Collects the h2/h3 headings that have an id, with their plain text."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[Heading] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        anchor = dict(attrs).get("id")
        if tag in CONTENTS_LEVELS and anchor:
            self._open, self._text = (int(tag[1]), anchor), []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag in CONTENTS_LEVELS:
            level, anchor = self._open
            self.found.append(Heading(level, anchor, " ".join("".join(self._text).split())))
            self._open = None


def guide_text(guide: Path = GUIDE) -> str:
    """The guide's page, with the deadlines section written from the rule data."""
    return guide_with_deadlines(guide.read_text("utf-8"))


def contents(guide: Path = GUIDE) -> list[Heading]:
    """The guide's sections and subsections, in reading order."""
    parser = _Headings()
    parser.feed(guide_text(guide))
    return parser.found


class _GuideBrowser(QTextBrowser):
    """Reads the guide's page through `guide_text`, so links and history work as usual."""

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802
        if kind == QTextDocument.ResourceType.HtmlResource and url.toLocalFile() == str(GUIDE):
            return guide_text()
        return super().loadResource(kind, url)


class HelpWindow(QWidget):
    """Contents on the left, the guide on the right; back, forward and find in the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("NK Desk — podręcznik użytkownika")
        self.browser = _GuideBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.contents_tree = QTreeWidget()
        self.contents_tree.setHeaderLabel("Spis treści")
        self._fill_contents()
        self.back_button = QPushButton("◀ &Wstecz")
        self.forward_button = QPushButton("&Dalej ▶")
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("Szukaj w podręczniku (Ctrl+F), Enter — następne")
        self.find_edit.setClearButtonEnabled(True)
        self.find_status = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.forward_button)
        bar.addStretch(1)
        bar.addWidget(self.find_edit, 2)
        bar.addWidget(self.find_status)
        splitter = QSplitter()
        splitter.addWidget(self.contents_tree)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 640])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.resize(960, 700)

        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        self.contents_tree.itemActivated.connect(self._go_to_item)
        self.contents_tree.itemClicked.connect(self._go_to_item)
        self.browser.sourceChanged.connect(self._mark_in_contents)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(lambda _t: self.find_status.clear())
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_find)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.show_topic(None)

    def _fill_contents(self) -> None:
        section: QTreeWidgetItem | None = None
        for heading in contents():
            item = QTreeWidgetItem([heading.title])
            item.setData(0, ANCHOR_ROLE, heading.anchor)
            if heading.level == 3 and section is not None:
                section.addChild(item)
            else:
                self.contents_tree.addTopLevelItem(item)
                section = item
        self.contents_tree.expandAll()

    def show_topic(self, topic: str | None) -> None:
        """Open the guide at the section `topic` (a heading id), or at its beginning."""
        url = QUrl.fromLocalFile(str(GUIDE))
        if topic:
            url.setFragment(topic)
        self.browser.setSource(url)
        if topic:
            self.browser.scrollToAnchor(topic)

    def current_topic(self) -> str:
        """The section shown: the fragment of the page's address, '' at the beginning."""
        return self.browser.source().fragment()

    def _go_to_item(self, item: QTreeWidgetItem) -> None:
        self.show_topic(str(item.data(0, ANCHOR_ROLE)))

    def _mark_in_contents(self, url: QUrl) -> None:
        """Keep the contents' selection on the section being read, also after Back."""
        anchor = url.fragment()
        self.contents_tree.clearSelection()
        for item in self._items():
            if item.data(0, ANCHOR_ROLE) == anchor:
                self.contents_tree.setCurrentItem(item)

    def _items(self) -> list[QTreeWidgetItem]:
        top = [
            self.contents_tree.topLevelItem(i)
            for i in range(self.contents_tree.topLevelItemCount())
        ]
        return [child for item in top for child in (item, *_children(item))]

    def _focus_find(self) -> None:
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_next(self) -> bool:
        """Select the next place of the searched text, from the top again after the last one."""
        text = self.find_edit.text().strip()
        if not text:
            return False
        found = self.browser.find(text) or self._find_from_top(text)
        self.find_status.setText("" if found else "Nie znaleziono")
        self.find_status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return found

    def _find_from_top(self, text: str) -> bool:
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        return self.browser.find(text, QTextDocument.FindFlag(0))


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [item.child(i) for i in range(item.childCount())]


_window: HelpWindow | None = None


def show_help(topic: str | None = None) -> HelpWindow:
    """Show the one guide window at `topic`, usable beside whatever window is open.

    A modal dialog blocks every window that is not its own, so while one is open the
    guide becomes that dialog's window; closing the dialog may take the guide with it,
    and the next F1 opens a new one.
    """
    global _window
    owner = QApplication.activeModalWidget()
    if _window is None or not shiboken6.isValid(_window):
        _window = HelpWindow(owner)
    elif _window.parentWidget() is not owner:
        _window.setParent(owner, Qt.WindowType.Window)
    _window.show_topic(topic)
    _window.show()
    _window.raise_()
    _window.activateWindow()
    return _window
