"""Export and import from the File menu: plaintext warning first, a bad import changes nothing."""

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.procedures import ProcedureQuery
from ui.context import AppContext
from ui.main_window import MainWindow


def test_export_warns_then_writes_the_register(
    qtbot: object, ui_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui_context.register.procedures.create(dt.date(2026, 5, 5))
    window = MainWindow(ui_context)
    target = tmp_path / "eksport.json"
    warnings: list[str] = []

    def refuse(_parent: object, _title: str, text: str, *_a: object) -> object:
        warnings.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", refuse)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window.export_action.trigger()
    assert "NIE jest zaszyfrowany" in warnings[0]
    assert not target.exists()

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.export_action.trigger()
    document = json.loads(target.read_text("utf-8"))
    assert [p["number"] for p in document["procedures"]] == ["NK/1/2026"]


def test_import_into_a_non_empty_register_is_refused_and_changes_nothing(
    qtbot: object, ui_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui_context.register.procedures.create(dt.date(2026, 5, 5))
    source = tmp_path / "plik.json"
    source.write_text("{}", "utf-8")
    window = MainWindow(ui_context)
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    window.import_action.trigger()
    assert shown and "pustego rejestru" in shown[0]
    assert len(ui_context.register.procedures.list(ProcedureQuery())) == 1
