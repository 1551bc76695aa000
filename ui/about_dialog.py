"""„O programie”: the version, where the data lives, and the licences of what is bundled.

Qt and PySide6 come under the LGPL: the dialog says where their source is and that their
libraries are separate files she (or her IT helper) may replace.
"""

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.paths import PORTABLE_MARKER, program_dir
from app.services.about import Component, components, licence_text
from ui.context import AppContext
from ui.widgets import item_table

COLUMNS = ("Składnik", "Wersja", "Licencja", "Kod źródłowy")
WIDEST = {0: 270, 2: 170}  # long names and licence lists are cut; the tooltip has all
QT_NOTE = (
    "Biblioteki Qt i PySide6 (licencja GNU LGPL 3) są w programie osobnymi plikami "
    "(folder _internal\\PySide6) i można je zastąpić własną wersją. Ich kod źródłowy: "
    "download.qt.io (adresy w tabeli)."
)


class AboutDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("O programie NK Desk")
        self.resize(960, 640)
        self._context = context
        self._components: tuple[Component, ...] = ()

        self.title = QLabel(f"<b>NK Desk {__version__}</b> — rejestr procedur „Niebieskie Karty”")
        self.data_folder = QLineEdit(str(context.folder.path))
        self.data_folder.setReadOnly(True)
        self.data_folder.setAccessibleName("Folder danych")
        open_folder = QPushButton("Otwórz folder")
        open_folder.clicked.connect(self._open_data_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(open_folder)
        where = (
            "Wersja przenośna: dane są obok programu (plik portable.txt)."
            if (program_dir() / PORTABLE_MARKER).exists()
            else "Tu są zaszyfrowana baza i załączniki. Aby przenieść dane na nowy komputer, "
            "zamknij program i skopiuj cały ten folder; na nowym komputerze otwórz go kodem "
            "odzyskiwania."
        )

        self.table = item_table(COLUMNS)
        self.table.setWordWrap(False)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_licence(row))
        self.licence = QPlainTextEdit()
        self.licence.setReadOnly(True)
        self.licence.setAccessibleName("Tekst licencji")
        self.licence.setPlaceholderText("Wybierz składnik, aby zobaczyć tekst jego licencji.")
        note = QLabel(QT_NOTE)
        note.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Zamknij")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(QLabel("Folder danych:"))
        layout.addLayout(folder_row)
        self.where = QLabel(where)
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        layout.addWidget(QLabel("Składniki programu i ich licencje:"))
        layout.addWidget(self.table, 2)
        layout.addWidget(self.licence, 3)
        layout.addWidget(note)
        layout.addWidget(buttons)

        qt = {"qt": qVersion(), "PySide6-Essentials": pyside_version}
        context.ops.query(self, lambda _register: components(qt), self._show_components)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows walk the list at once

    def _show_components(self, rows: tuple[Component, ...]) -> None:
        self._components = rows
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, text in enumerate((row.name, row.version, row.licence, row.source)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(number, column, item)
        self.table.resizeColumnsToContents()
        for column, widest in WIDEST.items():
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self.table.setCurrentCell(0, 0)

    def _show_licence(self, row: int) -> None:
        if not 0 <= row < len(self._components):
            return
        component = self._components[row]
        self._context.ops.query(
            self, lambda _register: licence_text(component), self.licence.setPlainText
        )

    def _open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.data_folder.text()))
