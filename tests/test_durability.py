"""A record the program reported as saved survives the program being killed mid-work.

This covers a crash or a forced end of the process (Task Manager, a frozen PC reset by
the user after the OS flushed its cache); a power cut relies on `synchronous = FULL`
making each commit reach the disk, which a test cannot simulate.
"""

import os
import subprocess
import sys
import threading
from pathlib import Path

import keyring
from keyring.backends import fail

from app.services.procedures import ProcedureService
from app.services.vault import DataFolder
from tests.conftest import PASSWORD, TEST_SETTINGS
from tests.support.clock import ctx

REPO_ROOT = Path(__file__).resolve().parents[1]
RECORDS_BEFORE_KILL = 30
TIMEOUT_S = 60.0

WRITER = """
import datetime as dt
import os
import sys
from pathlib import Path

from app.domain.enums import ChronologyKind
from app.services.chronology import ChronologyService
from app.services.procedures import ProcedureService
from app.services.vault import DataFolder
from tests.conftest import FAST_KDF
from tests.support.clock import TODAY, ctx

folder = DataFolder(Path(sys.argv[1]), kdf=FAST_KDF)
folder.acquire()
db = folder.unlock(os.environ["NKDESK_TEST_PASSWORD"])
procedures, chronology = ProcedureService(ctx(db)), ChronologyService(ctx(db))
today = TODAY
for i in range(1_000_000):
    procedure_id = procedures.create(today, notes=f"notatka {i}").record_id
    entry_id = chronology.add(
        procedure_id, today, ChronologyKind.NOTE, f"wpis {i}", body=f"treść {i}"
    ).record_id
    print(i, procedure_id, entry_id, flush=True)
"""


def _start_writer(data_dir: Path, stderr_path: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONIOENCODING": "utf-8",
        "NKDESK_TEST_PASSWORD": PASSWORD,
    }
    with stderr_path.open("wb") as stderr:
        return subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir)],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
        )


def test_every_reported_commit_survives_a_killed_process(
    folder: DataFolder, data_dir: Path, tmp_path: Path
) -> None:
    keyring.set_keyring(fail.Keyring())  # password-only, so the child needs no OS store
    folder.create(PASSWORD, TEST_SETTINGS).database.close()
    folder.release()
    stderr_path = tmp_path / "writer-stderr.txt"

    writer = _start_writer(data_dir, stderr_path)
    watchdog = threading.Timer(TIMEOUT_S, writer.kill)
    watchdog.start()
    committed: list[tuple[int, int, int]] = []
    try:
        assert writer.stdout is not None
        while len(committed) < RECORDS_BEFORE_KILL:
            line = writer.stdout.readline()
            if not line:
                break
            i, procedure_id, entry_id = map(int, line.split())
            committed.append((i, procedure_id, entry_id))
        writer.kill()  # SIGKILL: no cleanup, no checkpoint, the writer is mid-loop
        writer.wait(timeout=TIMEOUT_S)
    finally:
        watchdog.cancel()
        writer.kill()
        if writer.stdout is not None:
            writer.stdout.close()
    errors = stderr_path.read_text("utf-8", errors="replace")
    assert len(committed) == RECORDS_BEFORE_KILL, errors
    assert writer.returncode != 0
    assert (data_dir / "nkdesk.db-wal").stat().st_size > 0, "recent commits wait in the WAL"

    folder.acquire()  # the dead writer's OS lock is gone
    db = folder.unlock(PASSWORD)
    try:
        assert db.integrity_problems() == []
        service = ProcedureService(ctx(db))
        for i, procedure_id, entry_id in committed:
            procedure = service.detail(procedure_id)
            assert procedure.notes == f"notatka {i}"
            bodies = {entry.id: entry.body for entry in procedure.chronology}
            assert bodies[entry_id] == f"treść {i}"
    finally:
        db.close()
