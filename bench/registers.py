"""The bench's registers: generated once per size and seed, kept under `.bench/registers/`.

The folder `<N>-<seed>-<code>/` is named also by a hash of the code that shapes the file
(the migrations and the generator), so a changed schema or generator builds a new
register instead of measuring a stale one; the stale ones of that size and seed are
removed. A register is built in `….partial/` and renamed when complete, so an interrupted
build is started over, never reused. `bench.json` beside the data folder remembers the
procedure with 200 chronology entries that the procedure-window figure opens.
"""

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.domain.enums import ChronologyKind, Role
from app.services.records import ParticipantData, PersonData
from app.services.register import Register
from app.services.vault import DataFolder
from bench.children import BENCH_PASSWORD, ROOT, Children

CACHE = ROOT / ".bench" / "registers"
# What decides the content of a generated register besides its size and seed.
_SHAPING_CODE = (ROOT / "app" / "storage" / "migrations", ROOT / "app" / "sample_data")
METADATA = "bench.json"
CHRONOLOGY_ENTRIES = 200
_ENTRY_KINDS = [kind for kind in ChronologyKind if kind != ChronologyKind.SYSTEM]
_ENTRY_BODY = (
    "Rozmowa z osobą doznającą przemocy w miejscu zamieszkania. Omówiono bieżącą sytuację "
    "rodziny, plan pomocy i kolejne spotkanie grupy diagnostyczno-pomocowej. (Dane fikcyjne.)"
)


@dataclass(frozen=True)
class BenchRegister:
    """A ready register: its data folder, the 200-entry procedure, the generator's time."""

    data_dir: Path
    chronology_procedure_id: int
    generate_seconds: float | None  # None when an earlier run built it


def code_fingerprint() -> str:
    """A short hash of the migrations' and the generator's source files."""
    digest = hashlib.sha256()
    for folder in _SHAPING_CODE:
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cached_folder(procedures: int, seed: int) -> Path:
    """Where the register of this size and seed, made by today's code, is kept."""
    return CACHE / f"{procedures}-{seed}-{code_fingerprint()}"


def is_built(procedures: int, seed: int) -> bool:
    return (cached_folder(procedures, seed) / "data").is_dir()


def prepare(procedures: int, seed: int, children: Children) -> BenchRegister:
    """The cached register of `procedures` procedures, building what is missing."""
    folder = cached_folder(procedures, seed)
    generate_seconds = None
    if not is_built(procedures, seed):
        generate_seconds = _build(folder, procedures, seed, children)
    metadata = _read_metadata(folder)
    if "chronology_procedure_id" not in metadata:
        metadata["chronology_procedure_id"] = add_chronology_procedure(folder / "data")
        (folder / METADATA).write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    return BenchRegister(folder / "data", metadata["chronology_procedure_id"], generate_seconds)


def _build(folder: Path, procedures: int, seed: int, children: Children) -> float:
    """Create and fill the register beside `folder`, then move it in; the generator's time."""
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    init_register(partial / "data", children)
    generated = children.cli(
        partial / "data", "generate", "--procedures", str(procedures), "--seed", str(seed)
    )
    partial.rename(folder)
    for stale in CACHE.glob(f"{procedures}-{seed}-*"):
        if stale != folder:
            shutil.rmtree(stale, ignore_errors=True)
    return generated.seconds


def init_register(data_dir: Path, children: Children) -> None:
    """An empty register with fictional settings, the bench password and the real cost."""
    children.cli(
        data_dir,
        "init",
        "--gmina",
        "Gmina Pomiarowa (fikcyjna)",
        "--office",
        "Ośrodek Pomocy Społecznej (fikcyjny)",
        "--worker",
        "Anna Pomiarowa",
    )


def _read_metadata(folder: Path) -> dict[str, int]:
    path = folder / METADATA
    if not path.exists():
        return {}
    loaded = json.loads(path.read_text(encoding="utf-8"))
    return {key: value for key, value in loaded.items() if isinstance(value, int)}


@contextmanager
def unlocked(data_dir: Path) -> Iterator[Register]:
    """The register open in this process (the folder claimed meanwhile)."""
    folder = DataFolder(data_dir)
    folder.acquire(create=False)
    try:
        register = Register(folder.unlock(BENCH_PASSWORD))
        try:
            yield register
        finally:
            register.close()
    finally:
        folder.release()


def add_chronology_procedure(data_dir: Path) -> int:
    """A procedure with two people and exactly CHRONOLOGY_ENTRIES chronology entries."""
    with unlocked(data_dir) as register:
        started = dt.date.today() - dt.timedelta(days=CHRONOLOGY_ENTRIES * 2)
        created = register.procedures.create(started, "Procedura do pomiarów (fikcyjna).")
        assert created.record_id is not None
        pid = created.record_id
        for first, last, role in (
            ("Ewa", "Pomiarowa", Role.VICTIM),
            ("Jan", "Pomiarowy", Role.PERPETRATOR),
        ):
            register.participants.save(pid, ParticipantData(PersonData(first, last), role))
        written = len(register.procedures.detail(pid).chronology)
        for index in range(written, CHRONOLOGY_ENTRIES):
            register.chronology.add(
                pid,
                started + dt.timedelta(days=index * 2),
                _ENTRY_KINDS[index % len(_ENTRY_KINDS)],
                f"Wpis nr {index + 1}",
                _ENTRY_BODY,
            )
        return pid
