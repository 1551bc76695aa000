"""`nkdesk --self-test`: what support staff see on a PC, and that it leaves nothing behind."""

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from app.paths import default_data_dir
from tests.support.keyrings import MemoryKeyring
from ui import self_test
from ui.self_test import run_self_test


@pytest.fixture
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The self-test's temporary folders land here, so the test sees what is left."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_every_check_passes_and_nothing_is_left_behind(
    qtbot: object, own_temp: Path, mem_keyring: MemoryKeyring
) -> None:
    out = io.StringIO()
    assert run_self_test(out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("NK Desk ") and lines[-1] == "Wynik: wszystko działa."
    assert lines[1] == f"Folder danych: {default_data_dir()}", "support sees where the data is"
    assert any(line.startswith("[OK] Zaszyfrowana baza: zapis i odczyt") for line in lines)
    assert any(line.startswith("[OK] Spójność bazy i migracje") for line in lines)
    assert any(line.startswith("[OK] Pliki programu — formularz NK-A (") for line in lines)
    assert "[OK] Polskie tłumaczenia Qt — qtbase, qt" in lines
    assert "[OK] Schowek haseł systemu — MemoryKeyring" in lines
    assert any(line.startswith("[OK] Wydruk do PDF") for line in lines)
    assert any(
        line.startswith("[OK] Wydruk formularza (QtPdf) — NK-A pusty, stron: ") for line in lines
    )
    assert any(line.startswith("[OK] Okno główne — 1000×700 px") for line in lines)
    assert list(own_temp.iterdir()) == [], "the throw-away register is gone"
    assert mem_keyring.entries == {}, "no secret is left in the credential store"


def test_a_failing_check_is_named_and_fails_the_run(
    qtbot: object, own_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_pdf() -> str:
        raise RuntimeError("brak sterownika PDF")

    monkeypatch.setattr(self_test, "_pdf_sheet", broken_pdf)
    out = io.StringIO()
    assert run_self_test(out) == 1
    lines = out.getvalue().splitlines()
    assert "[BŁĄD] Wydruk do PDF — RuntimeError: brak sterownika PDF" in lines
    assert lines[-1] == "Wynik: są błędy (patrz wyżej)."
    assert any(line.startswith("[OK] Okno główne") for line in lines), "the rest still ran"


def test_the_command_runs_offscreen_without_a_credential_store(tmp_path: Path) -> None:
    """As support would run it: a process of its own, no window, no OS credential store."""
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "TMPDIR": str(tmp_path),
    }
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-c", "from ui.main import main; raise SystemExit(main(['--self-test']))"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[UWAGA] Schowek haseł systemu — niedostępny" in done.stdout
    assert done.stdout.rstrip().endswith("Wynik: wszystko działa.")
    assert list(tmp_path.iterdir()) == []


def test_the_report_is_also_written_to_the_file_support_names(
    qtbot: object, own_temp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Windows program has no console: `--report FILE` is how a script reads it."""
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    report = tmp_path / "raport.txt"
    assert self_test.self_test_command(str(report)) == 0
    assert report.read_text(encoding="utf-8") == out.getvalue()
    assert out.getvalue().rstrip().endswith("Wynik: wszystko działa.")


def test_a_report_that_cannot_be_written_fails_the_run_with_a_reason(
    qtbot: object, own_temp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    missing = tmp_path / "nie-ma-takiego-folderu" / "raport.txt"
    assert self_test.self_test_command(str(missing)) == 1
    assert f"Nie można zapisać raportu {missing}: No such file or directory" in out.getvalue()


def test_a_portable_program_reports_its_data_beside_it(
    qtbot: object, own_temp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(self_test, "program_dir", lambda: tmp_path)
    monkeypatch.setattr("app.paths.program_dir", lambda: tmp_path)
    out = io.StringIO()
    assert run_self_test(out) == 0
    expected = f"Folder danych: {tmp_path / 'NKDesk-dane'} (wersja przenośna: obok programu)"
    assert out.getvalue().splitlines()[1] == expected


def test_a_bundle_missing_qt_translations_or_holiday_names_fails(
    qtbot: object, own_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a frozen program that forgot a data file would report."""
    import holidays

    monkeypatch.setattr(self_test, "install_polish", lambda _app: [])
    monkeypatch.setattr(holidays, "country_holidays", lambda *_a, **_k: {})
    out = io.StringIO()
    assert run_self_test(out) == 1
    lines = out.getvalue().splitlines()
    assert (
        "[BŁĄD] Polskie tłumaczenia Qt — RuntimeError: brak pliku qtbase_pl.qm "
        "(przyciski okien Qt byłyby po angielsku)"
    ) in lines
    assert (
        "[BŁĄD] Pliki programu — RuntimeError: brak polskich nazw świąt (dane pakietu holidays)"
    ) in lines
