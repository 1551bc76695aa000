"""Faults found by trying the hardened program as an attacker and as an unlucky user would."""

import datetime as dt
import errno
import os
import subprocess
from pathlib import Path

import pytest

from app.errors import StorageError
from app.sample_data import demo
from app.services.exchange import export_register, import_register
from app.services.procedures import ProcedureService
from app.services.vault import DataFolder
from app.storage import migrate
from app.storage.db import Database
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.cli import one_polish_error, run_cli
from tests.support.clock import ctx
from tests.support.registers import build_demo_register, copy_register


@pytest.fixture(scope="module")
def template(demo_register: Path) -> Path:
    """The session's demo register: tests copy it, never change it."""
    return demo_register


def test_a_folder_with_a_stray_key_file_and_other_files_is_foreign(tmp_path: Path) -> None:
    folder = tmp_path / "Dokumenty"
    folder.mkdir(mode=0o755)
    (folder / "keys.json").write_text("{}", "utf-8")
    (folder / "notatki.txt").write_text("fikcyjne", "utf-8")
    before = sorted(p.name for p in folder.iterdir())

    result = run_cli(folder, "init", password=PASSWORD)

    assert "nie jest folderem danych NK Desk" in one_polish_error(result)
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_creation_that_fails_half_way_leaves_the_folder_ready_for_another_try(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = DataFolder(tmp_path / "dane", kdf=FAST_KDF)
    folder.acquire()

    def disk_full(_engine: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(migrate, "upgrade", disk_full)
        with pytest.raises(StorageError, match="Nic nie zostało utworzone"):
            folder.create(PASSWORD, TEST_SETTINGS)
    assert not folder.is_initialized() and not folder.is_incomplete()

    created = folder.create(PASSWORD, TEST_SETTINGS)
    created.database.close()
    folder.release()
    assert folder.is_initialized()


def test_check_names_only_the_table_on_the_damaged_page(template: Path, tmp_path: Path) -> None:
    folder = copy_register(template, tmp_path / "dane")
    db_file = folder / "nkdesk.db"
    with db_file.open("r+b") as handle:  # the last page: attachment contents in the demo
        handle.seek(db_file.stat().st_size - 96)
        handle.write(b"\xde\xad\xbe\xef")

    result = run_cli(folder, "check", password=demo.DEMO_PASSWORD)

    one_polish_error(result)
    unreadable = [line for line in result.stdout.splitlines() if "nie można odczytać" in line]
    assert 1 <= len(unreadable) <= 2, result.stdout
    assert len(result.stdout.splitlines()) < 10, "findings are condensed, not SQLite's dump"


def test_another_registers_key_file_is_one_finding(template: Path, tmp_path: Path) -> None:
    folder = copy_register(template, tmp_path / "dane")
    other = build_demo_register(tmp_path / "inny")
    (folder / "keys.json").write_bytes((other / "keys.json").read_bytes())

    result = run_cli(folder, "check", password=demo.DEMO_PASSWORD)

    one_polish_error(result)
    assert "pochodzi z innej bazy" in result.stdout
    assert len(result.stdout.splitlines()) <= 3


@pytest.mark.parametrize("thing", ["nkdesk.db", "nkdesk.lock", "unlock-attempts.json"])
def test_a_folder_where_a_file_should_be_gives_a_message(
    thing: str, template: Path, tmp_path: Path
) -> None:
    folder = copy_register(template, tmp_path / "dane")
    (folder / thing).unlink(missing_ok=True)
    (folder / thing).mkdir()

    result = run_cli(folder, "check", password=demo.DEMO_PASSWORD)

    if thing == "unlock-attempts.json":  # the attempt counter is advisory: the check runs
        assert result.returncode == 0, result.stderr
    else:
        one_polish_error(result)


@pytest.mark.parametrize("kind", ["link-loop", "name-too-long", "unknown-user"])
def test_impossible_export_paths_give_a_message(kind: str, template: Path, tmp_path: Path) -> None:
    folder = copy_register(template, tmp_path / "dane")
    if kind == "link-loop":
        (tmp_path / "a").symlink_to(tmp_path / "b")
        (tmp_path / "b").symlink_to(tmp_path / "a")
        target = str(tmp_path / "a" / "x.json")
    elif kind == "name-too-long":
        target = str(tmp_path / ("x" * 300 + ".json"))
    else:
        target = "~nie-ma-takiego-uzytkownika/x.json"

    result = run_cli(folder, "export-json", target, password=demo.DEMO_PASSWORD)

    one_polish_error(result)


def test_export_through_a_bind_mount_of_the_data_folder_is_refused(
    template: Path, tmp_path: Path
) -> None:
    folder = copy_register(template, tmp_path / "dane")
    mirror = tmp_path / "lustro"
    mirror.mkdir()
    if (
        os.name != "posix"
        or subprocess.run(
            ["mount", "--bind", str(folder), str(mirror)], capture_output=True
        ).returncode
    ):
        pytest.skip("bind mounts need root on Linux")
    try:
        keys = (folder / "keys.json").read_bytes()
        result = run_cli(
            folder, "export-json", str(mirror / "keys.json"), "--force", password=demo.DEMO_PASSWORD
        )
        assert "w folderze danych programu" in one_polish_error(result)
        assert (folder / "keys.json").read_bytes() == keys
    finally:
        subprocess.run(["umount", str(mirror)], check=False)


def test_an_import_that_numbered_differently_does_not_block_new_procedures(
    db: Database, tmp_path: Path
) -> None:
    started = dt.date(2025, 3, 3)
    ProcedureService(ctx(db)).create(started)
    document = export_register(ctx(db))
    document["procedures"][0]["number"] = "NK/2/2025"  # seq 1, but the number of seq 2
    target_folder = DataFolder(tmp_path / "cel", kdf=FAST_KDF)
    target_folder.acquire()
    target = target_folder.create(PASSWORD, TEST_SETTINGS).database
    try:
        import_register(ctx(target), document)
        fresh = ProcedureService(ctx(target))
        added = fresh.detail(fresh.create(started).record_id)
    finally:
        target.close()
        target_folder.release()

    assert added.number == "NK/3/2025" and added.seq == 3
