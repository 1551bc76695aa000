"""Where data lives: the per-user folder by default, beside the program with portable.txt."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app import paths
from app.services.vault import DataFolder


def test_default_is_the_per_user_data_folder(tmp_path: Path) -> None:
    folder = paths.default_data_dir(tmp_path)
    assert folder != tmp_path / paths.PORTABLE_DATA_DIR
    assert paths.APP_NAME in folder.parts


def test_portable_marker_switches_to_a_folder_beside_the_program(tmp_path: Path) -> None:
    (tmp_path / paths.PORTABLE_MARKER).write_text("", "utf-8")
    assert paths.default_data_dir(tmp_path) == tmp_path / paths.PORTABLE_DATA_DIR


def test_explicit_data_dir_wins(tmp_path: Path) -> None:
    assert paths.resolve_data_dir(tmp_path / "x") == (tmp_path / "x").resolve()


def test_second_program_start_on_the_same_folder_is_refused(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import main as gui

    holder = DataFolder(tmp_path / "dane")
    holder.acquire()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert gui.main(["--data-dir", str(tmp_path / "dane")]) == 1
    assert shown and "już otwarta" in shown[0]
    holder.release()
