"""„O programie”: the version, the data folder, and the licence of every bundled part."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, qVersion
from pytestqt.qtbot import QtBot

from app import __version__
from app.paths import PORTABLE_MARKER
from app.services.about import components, licence_text
from ui import about_dialog
from ui.about_dialog import AboutDialog
from ui.context import AppContext

pytestmark = pytest.mark.usefixtures("no_error_shown")


def _rows(dialog: AboutDialog) -> dict[str, tuple[str, str, str]]:
    table = dialog.table
    return {
        table.item(row, 0).text(): tuple(table.item(row, col).text() for col in (1, 2, 3))
        for row in range(table.rowCount())
    }


def test_the_dialog_names_the_version_the_data_folder_and_the_licences(
    ui_context: AppContext, qtbot: QtBot
) -> None:
    dialog = AboutDialog(ui_context)
    qtbot.addWidget(dialog)

    assert f"NK Desk {__version__}</b>" in dialog.title.text()
    assert dialog.data_folder.text() == str(ui_context.folder.path)
    rows = _rows(dialog)
    assert rows["Qt"] == (
        qVersion(),
        "LGPL-3.0",
        "https://download.qt.io/official_releases/qt/6.9/",
    )
    assert rows["Python"][1] == "PSF-2.0"
    sqlcipher = rows["SQLCipher (szyfrowana baza, na SQLite)"]
    assert sqlcipher[0].startswith("4.") and sqlcipher[1] == "BSD-3-Clause"
    assert "OpenSSL" in rows["OpenSSL (szyfrowanie w SQLCipher)"][0]
    assert dialog.table.currentRow() == 0
    text = dialog.licence.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "GNU GENERAL PUBLIC LICENSE" in text

    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in dialog.licence.toPlainText()


def test_a_portable_program_says_its_data_is_beside_it(
    ui_context: AppContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(about_dialog, "program_dir", lambda: tmp_path)
    dialog = AboutDialog(ui_context)
    qtbot.addWidget(dialog)
    assert dialog.where.text() == "Wersja przenośna: dane są obok programu (plik portable.txt)."


def test_every_listed_licence_text_is_shipped_and_every_package_is_covered() -> None:
    listed = components({"qt": "6.9.3"})
    for component in listed:
        assert len(licence_text(component)) > 1000, component.name
    packages = licence_text(listed[-1])
    lock = (Path(__file__).parent.parent / "packaging" / "requirements.lock").read_text()
    for name in ("SQLAlchemy", "alembic", "reportlab", "keyring", "holidays", "python-stdnum"):
        assert name.lower() in lock.lower() and f"\n{name} " in packages, name
