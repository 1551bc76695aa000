"""Picking one contact of the institutions' directory by typing a part of the label.

A team member or a guest of a meeting is someone already in the directory (the
directory keeps their institution and function once), so the picker offers only those
and never takes a typed name as a new person.
"""

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.domain.text import fold
from app.services.zi import ContactOption


class _FoldedMatch(QSortFilterProxyModel):
    """The labels holding the typed text, with or without Polish letters and capitals
    („probna” finds „Próbna”), as the directory's own search does."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._wanted = ""

    def set_text(self, text: str) -> None:
        self._wanted = fold(text.strip())
        self.invalidateFilter()

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        label = self.sourceModel().index(source_row, 0, source_parent).data() or ""
        return self._wanted in fold(str(label))


class ContactPicker(QComboBox):
    """Any part of „Nazwisko Imię — funkcja, instytucja” typed narrows the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(36)
        self.matches = _FoldedMatch(self)
        self.matches.setSourceModel(self.model())
        completer = QCompleter(self.matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None  # an editable combo has one
        line.setPlaceholderText("wpisz część nazwiska, funkcji lub instytucji")
        line.textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        self.matches.set_text(text)
        completer = self.completer()
        if text.strip() and completer is not None:
            completer.complete()

    def set_options(self, options: Iterable[ContactOption], chosen: int | None = None) -> None:
        """Offer `options`; `chosen` (a contact id) is shown picked, otherwise none is."""
        self.clear()
        for option in options:
            self.addItem(option.label, option.id)
        index = self.findData(chosen) if chosen is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")

    def contact_id(self) -> int | None:
        """The contact whose label is shown in full; None for a text naming nobody listed."""
        index = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchExactly)
        return self.itemData(index) if index >= 0 else None
