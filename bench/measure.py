"""Each group of figures, measured over `runs` runs; every function returns the medians."""

import json
import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.security import crypto
from app.security.keyfile import KeyFile
from bench import plain_sqlite
from bench.children import BENCH_PASSWORD, Children
from bench.figures import median
from bench.protocol import PAINTED, RESULT, reported
from bench.registers import BenchRegister, init_register, unlocked


@dataclass(frozen=True)
class Start:
    unlock_window_ms: float
    bare_window_ms: float


def start(children: Children, data_dir: Path, runs: int) -> Start:
    """A fresh process until its first window is painted: the program and a bare widget.

    The two alternate within each run, so a busier moment of the machine hits both.
    """
    unlock, bare = [], []
    for _ in range(runs):
        bare.append(_first_paint_ms(children, "bare"))
        unlock.append(_first_paint_ms(children, "unlock", str(data_dir)))
    return Start(statistics.median(unlock), statistics.median(bare))


def _first_paint_ms(children: Children, *mode: str) -> float:
    finished = children.python("-m", "bench.start_probe", *mode)
    return (float(reported(finished.stdout, PAINTED)) - finished.started) * 1000


def key_derivation_ms(data_dir: Path, runs: int) -> float:
    """Argon2id with the cost and salt of the register's key file, as unlocking runs it."""
    wrapped = KeyFile.load(data_dir).password
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        crypto.derive_key(BENCH_PASSWORD, wrapped.salt, wrapped.kdf, None)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@dataclass(frozen=True)
class Session:
    """Medians of the GUI sessions; `search_ms` follows the order of the terms."""

    enter_to_main_window_ms: float
    worker_free_ms: float
    search_ms: list[float]
    procedures_view_ms: float
    procedure_window_ms: float
    peak_memory_mb: float | None


def sessions(children: Children, register: BenchRegister, terms: list[str], runs: int) -> Session:
    """`runs` sessions of the real program, each in a fresh process."""
    results = [_session(children, register, terms) for _ in range(runs)]

    def middle(key: str) -> float:
        return statistics.median(float(result[key]) for result in results)

    return Session(
        enter_to_main_window_ms=middle("enter_to_main_window"),
        worker_free_ms=middle("worker_free_after_main_window"),
        search_ms=[
            statistics.median(float(result["search"][index]) for result in results)
            for index in range(len(terms))
        ],
        procedures_view_ms=middle("procedures_view_open"),
        procedure_window_ms=middle("procedure_window_open"),
        peak_memory_mb=median([result["gui_peak_memory"] for result in results]),
    )


def _session(children: Children, register: BenchRegister, terms: list[str]) -> dict[str, Any]:
    finished = children.python(
        "-m",
        "bench.gui_session",
        str(register.data_dir),
        str(register.chronology_procedure_id),
        *terms,
        password=BENCH_PASSWORD,
    )
    result: dict[str, Any] = json.loads(reported(finished.stdout, RESULT))
    return result


@dataclass(frozen=True)
class Baseline:
    """The search terms and plain sqlite3's milliseconds for each."""

    terms: list[str]
    sqlite_ms: list[float]


def sqlite_baseline(data_dir: Path, scratch: Path, runs: int) -> Baseline:
    """Surname prefixes to search for, and the list's SQL for them on a plaintext copy."""
    with unlocked(data_dir) as register, plain_sqlite.plaintext_copy(register, scratch) as plain:
        terms = plain_sqlite.surname_prefixes(plain)
        first_page = plain_sqlite.page_statements(register, "")
        searches = [plain_sqlite.page_statements(register, term) for term in terms]
        timed = [plain_sqlite.replay_ms(plain, first_page, sql, runs) for sql in searches]
    return Baseline(terms, timed)


@dataclass(frozen=True)
class Exchange:
    export_s: float
    export_peak_mb: float | None
    import_s: float
    import_peak_mb: float | None


def exchange(children: Children, data_dir: Path, scratch: Path, runs: int) -> Exchange:
    """`export-json` of the register, then `import-json` of that file into empty registers.

    The empty register is created once and copied for each import, so only the import
    itself (with its unlock) is timed. The export is plaintext: it stays in `scratch`.
    """
    export_file = scratch / "export.json"
    exports = [
        children.cli_with_peak(data_dir, "export-json", str(export_file), "--force")
        for _ in range(runs)
    ]
    template = scratch / "empty-register"
    init_register(template / "data", children)
    imports = []
    for _ in range(runs):
        target = scratch / "import-target"
        shutil.copytree(template, target)
        try:
            imports.append(children.cli_with_peak(target / "data", "import-json", str(export_file)))
        finally:
            shutil.rmtree(target, ignore_errors=True)
    export_file.unlink()
    shutil.rmtree(template, ignore_errors=True)
    return Exchange(
        export_s=statistics.median(seconds for seconds, _ in exports),
        export_peak_mb=median([peak for _, peak in exports]),
        import_s=statistics.median(seconds for seconds, _ in imports),
        import_peak_mb=median([peak for _, peak in imports]),
    )
