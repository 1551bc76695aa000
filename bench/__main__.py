"""`python -m bench [--procedures N] [--runs K] [--seed S]`: print the performance table.

Progress goes to stderr; stdout carries only the table, one figure a line:
`name<TAB>median<TAB>unit<TAB>ratio-or-note`.
"""

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from app.sample_data.generator import DEFAULT_SEED, MAX_PROCEDURES
from bench import measure, registers
from bench.children import Children
from bench.course import course_figures
from bench.figures import Figure, ratio, table
from bench.frozen import frozen_self_test
from bench.meetings import meeting_figures
from bench.printing import printing_figures
from bench.protocol import BenchError
from bench.upgrade import schema_upgrade

DEFAULT_PROCEDURES = 50_000
DEFAULT_RUNS = 5


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--procedures", type=int, default=DEFAULT_PROCEDURES)
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="runs per figure")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator's seed")
    args = parser.parse_args(argv)
    if not 1 <= args.procedures <= MAX_PROCEDURES:
        parser.error(f"--procedures must be 1…{MAX_PROCEDURES}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


_STARTED = time.perf_counter()


def progress(text: str) -> None:
    elapsed = time.perf_counter() - _STARTED
    print(f"bench [{elapsed:6.1f} s]: {text}", file=sys.stderr, flush=True)


def enter_note(enter_ms: float, kdf_ms: float) -> str:
    """What Enter → main window costs beyond the key derivation (the goal: ≤ 150 ms)."""
    return f"kdf+{enter_ms - kdf_ms:.0f}ms"


def measure_all(args: argparse.Namespace, scratch: Path) -> list[Figure]:
    """Every figure, in the order of the table."""
    children = Children(scratch / "home")
    if registers.is_built(args.procedures, args.seed):
        progress(f"reusing {registers.cached_folder(args.procedures, args.seed)}")
    else:
        progress(f"generating {args.procedures} procedures (once; kept in {registers.CACHE})…")
    register = registers.prepare(args.procedures, args.seed, children)
    progress("start until the unlock window…")
    start = measure.start(children, register.data_dir, args.runs)
    kdf = measure.key_derivation_ms(register.data_dir, args.runs)
    progress("plain sqlite3 on a plaintext copy…")
    baseline = measure.sqlite_baseline(register.data_dir, scratch, args.runs)
    progress(f"GUI sessions, searching for {', '.join(baseline.terms)}…")
    session = measure.sessions(children, register, baseline.terms, args.runs)
    progress("export-json and import-json…")
    exchanged = measure.exchange(children, register.data_dir, scratch, args.runs)
    progress("schema upgrade on a copy stepped back one revision…")
    upgrade = schema_upgrade(register.data_dir, scratch)
    progress("deadlines: recompute all, „Dziś i zaległe”, overdue list…")
    course = course_figures(register.data_dir, args.runs)
    progress("teams: saving a GDP meeting, a procedure's meetings, the ZI, the contacts…")
    teams = meeting_figures(register.data_dir, args.runs)
    progress("printouts: NK-A and NK-B of a procedure, blank NK-C and NK-D…")
    printouts = printing_figures(register.data_dir, args.runs)
    progress("the frozen program's self-test against the unfrozen one…")
    frozen = frozen_self_test(children, args.runs)
    figures = [
        Figure(
            "start_to_unlock_window",
            start.unlock_window_ms,
            "ms",
            ratio(start.unlock_window_ms, start.bare_window_ms),
        ),
        Figure("bare_window", start.bare_window_ms, "ms"),
        Figure(
            "enter_to_main_window",
            session.enter_to_main_window_ms,
            "ms",
            enter_note(session.enter_to_main_window_ms, kdf),
        ),
        Figure("key_derivation", kdf, "ms"),
        Figure("worker_free_after_main_window", session.worker_free_ms, "ms"),
    ]
    for term, gui_ms, sqlite_ms in zip(
        baseline.terms, session.search_ms, baseline.sqlite_ms, strict=True
    ):
        figures.append(Figure(f"search_{len(term)}", gui_ms, "ms", ratio(gui_ms, sqlite_ms)))
        figures.append(Figure(f"sqlite_search_{len(term)}", sqlite_ms, "ms"))
    return [
        *figures,
        Figure("procedures_view_open", session.procedures_view_ms, "ms"),
        Figure("procedure_window_open", session.procedure_window_ms, "ms"),
        Figure("gui_peak_memory", session.peak_memory_mb, "MB"),
        Figure("export_json", exchanged.export_s, "s"),
        Figure("export_json_peak_memory", exchanged.export_peak_mb, "MB"),
        Figure("import_json", exchanged.import_s, "s"),
        Figure("import_json_peak_memory", exchanged.import_peak_mb, "MB"),
        Figure("generate", register.generate_seconds, "s"),
        Figure(
            "schema_upgrade_first_unlock",
            upgrade.first_unlock_s,
            "s",
            f"{upgrade.from_revision}→{upgrade.to_revision}; next unlock "
            f"{upgrade.next_unlock_s:.1f} s",
        ),
        *course,
        *teams,
        *printouts,
        frozen,
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        # Plaintext copies, the export file and the children's homes all live here.
        with tempfile.TemporaryDirectory(prefix="nkdesk-bench-") as scratch:
            figures = measure_all(args, Path(scratch))
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    print(table(figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
