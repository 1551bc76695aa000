"""A sentence over an empty list, saying why it is empty.

An empty table alone does not tell "nothing matches what you typed" from "nothing here
yet" (or from "still loading"); the list's owner sets the sentence for its current
query, and the notice shows it whenever the table has no rows.
"""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyNotice(QLabel):
    """Covers the table's rows area while the model has no rows and a text is set."""

    def __init__(self, table: QAbstractItemView) -> None:
        super().__init__(table.viewport())
        self._table = table
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._update)
        table.viewport().installEventFilter(self)
        self._update()

    def set_text(self, text: str) -> None:
        """The sentence for the query now shown ("" while there is nothing to explain)."""
        self.setText(text)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self._update()
        return False

    def _update(self) -> None:
        self.setGeometry(self._table.viewport().rect().adjusted(12, 12, -12, -12))
        self.setVisible(bool(self.text()) and self._table.model().rowCount() == 0)


def quoted(text: str) -> str:
    """Searched text as the sentence quotes it, without the spaces around it."""
    return f"„{' '.join(text.split())}”"
