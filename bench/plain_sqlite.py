"""The baseline for search: the list's own SQL on an unencrypted copy, with plain sqlite3.

The statements are caught as the procedures service sends them for a search, then run
again, unchanged and with the same parameters, on a plaintext copy made by SQLCipher's
`sqlcipher_export`. The copy lives only in the bench's temp folder.
"""

import sqlite3
import statistics
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event

from app.domain.text import fold
from app.services.procedures import ProcedureQuery
from app.services.register import Register

PAGE_SIZE = 200  # ui.paged_model.PAGE_SIZE: the first page the list asks for
PREFIX_LENGTHS = (1, 3, 6)
# The settings of the program's connections that change how a read runs (see
# app.storage.db.open_raw_connection): the same page cache and in-memory sorting.
READ_PRAGMAS = ("PRAGMA cache_size = -65536", "PRAGMA temp_store = MEMORY")

Statement = tuple[str, Sequence[Any]]


def page_statements(register: Register, text: str) -> list[Statement]:
    """The SELECTs (with parameters) that the list's first page for `text` runs."""
    caught: list[Statement] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            caught.append((statement, tuple(parameters or ())))

    engine = register.context.db.engine
    event.listen(engine, "before_cursor_execute", catch)
    try:
        register.procedures.page(ProcedureQuery(text=text), 0, PAGE_SIZE)
    finally:
        event.remove(engine, "before_cursor_execute", catch)
    return caught


def export_plaintext(register: Register, target: Path) -> None:
    """An unencrypted copy of the register at `target` (SQLCipher's own export)."""
    raw = register.context.db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("ATTACH DATABASE ? AS plaintext KEY ''", (str(target),))
        cursor.execute("SELECT sqlcipher_export('plaintext')")
        cursor.execute("DETACH DATABASE plaintext")
    finally:
        raw.close()


@contextmanager
def plaintext_copy(register: Register, folder: Path) -> Iterator[Path]:
    """The copy for the duration of the block; removed afterwards, whatever happens."""
    target = folder / "plaintext.db"
    try:
        export_plaintext(register, target)
        yield target
    finally:
        target.unlink(missing_ok=True)


def surname_prefixes(plain: Path) -> list[str]:
    """1-, 3- and 6-letter prefixes of the most common generated surname, folded.

    Double-barrelled names are passed over, so every prefix is made of letters only.
    """
    with closing(sqlite3.connect(plain)) as con:
        names = Counter(fold(name) for (name,) in con.execute("SELECT last_name FROM person"))
    longest = max(PREFIX_LENGTHS)
    common = next(
        (name for name, _ in names.most_common() if len(name) >= longest and name.isalpha()),
        None,
    )
    if common is None:
        common = "kowalski"  # a register without generated people (too small to matter)
    return [common[:length] for length in PREFIX_LENGTHS]


def _connect(plain: Path) -> sqlite3.Connection:
    con = sqlite3.connect(plain)
    for pragma in READ_PRAGMAS:
        con.execute(pragma)
    return con


def _run(con: sqlite3.Connection, statements: list[Statement]) -> None:
    for sql, parameters in statements:
        con.execute(sql, parameters).fetchall()


def replay_ms(plain: Path, warm_up: list[Statement], timed: list[Statement], runs: int) -> float:
    """Median milliseconds of `timed` on a fresh connection that first ran `warm_up`.

    The warm-up is the unfiltered first page, as the program has shown it before anyone
    types: both sides then search with what that page already read in memory. The
    connection reads as the program's do (READ_PRAGMAS): what the baseline lacks is only
    the encryption, the ORM, the worker thread and the table.
    """
    times = []
    for _ in range(runs):
        with closing(_connect(plain)) as con:
            _run(con, warm_up)
            started = time.perf_counter()
            _run(con, timed)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
