"""Nothing the worker types or attaches reaches the disk in clear, open or closed."""

import datetime as dt
import os
import stat
import uuid
from pathlib import Path

import pytest

from app.domain.enums import ChronologyKind, Role
from app.domain.text import fold
from app.services.attachments import AttachmentService
from app.services.chronology import ChronologyService
from app.services.participants import ParticipantService
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.records import ParticipantData, PersonData
from app.services.viewer_copies import purge_view_copies, view_dir
from app.storage.db import DB_FILE_NAME, Database
from tests.support.clock import ctx

PLACES = ("nazwisko", "notatka", "chronologia", "zalacznik", "nazwa-pliku")
SQLITE_HEADER = b"SQLite format 3"
STARTED_ON = dt.date(2025, 4, 7)


def _markers() -> dict[str, str]:
    """One unique, unmistakable text per place data is written to (letters only: a name
    with digits would be refused)."""
    return {place: f"ŻÓŁW-{place.upper()}-{_random_letters()}" for place in PLACES}


def _random_letters() -> str:
    return uuid.uuid4().hex.upper().translate(str.maketrans("0123456789", "GHIJKLMNOP"))


def _needles(marker: str) -> list[bytes]:
    """The marker as it might sit on disk: as typed, folded, lower case, its random core."""
    core = marker.rsplit("-", 1)[1]
    forms = {marker, marker.lower(), fold(marker), core, core.lower()}
    return [form.encode(encoding) for form in forms for encoding in ("utf-8", "utf-16-le")]


def _leaks(data_dir: Path, markers: dict[str, str]) -> list[str]:
    """`file: place` for every marker form found in any byte of any file in the folder."""
    found = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for place, marker in markers.items():
            if any(needle in data for needle in _needles(marker)):
                found.append(f"{path.relative_to(data_dir)}: {place}")
    return found


def _write_case(db: Database, markers: dict[str, str]) -> int:
    """A procedure whose every free-text field and attachment carries a marker."""
    procedure_id = ProcedureService(ctx(db)).create(STARTED_ON, notes=markers["notatka"]).record_id
    assert procedure_id is not None
    victim = PersonData(first_name="Anna", last_name=markers["nazwisko"])
    ParticipantService(ctx(db)).save(procedure_id, ParticipantData(victim, Role.VICTIM))
    ChronologyService(ctx(db)).add(
        procedure_id, STARTED_ON, ChronologyKind.VISIT, "Wizyta", body=markers["chronologia"]
    )
    AttachmentService(ctx(db)).add(
        procedure_id,
        f"{markers['nazwa-pliku']}.txt",
        markers["zalacznik"].encode("utf-8") * 20,
    )
    return procedure_id


def test_case_data_is_encrypted_in_every_file_while_open_and_after_close(
    db: Database, data_dir: Path
) -> None:
    markers = _markers()
    procedure_id = _write_case(db, markers)

    # The data really went in: search finds the name, the attachment reads back.
    found = ProcedureService(ctx(db)).list(ProcedureQuery(text=markers["nazwisko"]))
    assert [row.id for row in found] == [procedure_id]
    attachment = ProcedureService(ctx(db)).detail(procedure_id).attachments[0]
    assert attachment.file_name == f"{markers['nazwa-pliku']}.txt"

    wal = data_dir / f"{DB_FILE_NAME}-wal"
    assert wal.stat().st_size > 0, "the open database keeps recent pages in its WAL"
    assert _leaks(data_dir, markers) == []
    assert SQLITE_HEADER not in (data_dir / DB_FILE_NAME).read_bytes()

    db.close()

    assert not wal.exists()
    assert _leaks(data_dir, markers) == []
    assert SQLITE_HEADER not in (data_dir / DB_FILE_NAME).read_bytes()


def test_viewer_copy_is_written_outside_the_data_folder_and_purged(
    db: Database, data_dir: Path, private_cache: Path
) -> None:
    markers = _markers()
    procedure_id = _write_case(db, markers)
    service = AttachmentService(ctx(db))
    attachment = ProcedureService(ctx(db)).detail(procedure_id).attachments[0]

    copy = service.view_copy(attachment.id)

    assert copy.read_bytes() == markers["zalacznik"].encode("utf-8") * 20
    assert copy.name == attachment.file_name
    assert copy.is_relative_to(view_dir())
    assert not copy.is_relative_to(data_dir)
    # The copy is plaintext on purpose; this also shows the leak scan does find plaintext.
    assert _leaks(private_cache, markers) == [
        f"{copy.relative_to(private_cache)}: zalacznik",
    ]
    assert _leaks(data_dir, markers) == []
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700

    purge_view_copies()

    assert not copy.exists()
    assert not view_dir().exists()
    assert _leaks(private_cache, markers) == []


def test_viewer_copies_live_outside_the_default_data_folder_on_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import platformdirs
    import platformdirs.windows

    from app.paths import default_data_dir

    local = "C:\\Users\\ewa\\AppData\\Local"
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda _csidl: local)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)

    # Joined with "/" off Windows: compare with one kind of separator.
    data, viewer = (
        str(path).replace("/", "\\") for path in (default_data_dir(Path("/brak")), view_dir())
    )

    assert data == local + "\\NKDesk"
    assert not viewer.startswith(data + "\\"), viewer
