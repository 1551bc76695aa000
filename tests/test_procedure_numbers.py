"""Procedure numbers come from a counter row per year: never reused, never raced for."""

import datetime as dt
import threading
from pathlib import Path

from sqlalchemy import text

from app.services.exchange import export_register, import_register
from app.services.procedures import ProcedureService
from app.storage.db import Database
from tests.support.clock import ctx

START = dt.date(2025, 3, 3)


def test_two_writers_get_distinct_numbers_in_order(db: Database) -> None:
    procedures = ProcedureService(ctx(db))
    taken: list[int] = []
    lock = threading.Lock()

    def register(count: int) -> None:
        for _ in range(count):
            procedure_id = procedures.create(START).record_id
            with lock:
                taken.append(procedures.detail(procedure_id).seq)

    workers = [threading.Thread(target=register, args=(15,)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert sorted(taken) == list(range(1, 31))
    assert procedures.next_number(2025)[0] == 31


def test_a_number_is_never_given_twice_even_after_the_record_is_gone(db: Database) -> None:
    procedures = ProcedureService(ctx(db))
    first = procedures.create(START).record_id
    second = procedures.create(START).record_id
    with db.session() as session:  # as the retention purge will remove a record for good
        session.execute(
            text("DELETE FROM chronology_entry WHERE procedure_id = :id"), {"id": second}
        )
        session.execute(text("DELETE FROM procedure WHERE id = :id"), {"id": second})

    third = procedures.detail(procedures.create(START).record_id)

    assert procedures.detail(first).seq == 1
    assert third.seq == 3 and third.number == "NK/3/2025"


def test_each_year_counts_from_one(db: Database) -> None:
    procedures = ProcedureService(ctx(db))
    procedures.create(START)
    procedures.create(START)

    other_year = procedures.detail(procedures.create(dt.date(2026, 1, 5)).record_id)

    assert other_year.seq == 1
    assert procedures.next_number(2025)[0] == 3


def test_an_imported_register_numbers_on_after_its_highest_number(
    db: Database, tmp_path: Path
) -> None:
    from app.services.vault import DataFolder
    from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS

    procedures = ProcedureService(ctx(db))
    for _ in range(3):
        procedures.create(START)
    document = export_register(ctx(db))
    document["procedures"] = [p for p in document["procedures"] if p["seq"] != 2]
    target_folder = DataFolder(tmp_path / "cel", kdf=FAST_KDF)
    target_folder.acquire()
    target = target_folder.create(PASSWORD, TEST_SETTINGS).database
    try:
        import_register(ctx(target), document)
        added = ProcedureService(ctx(target)).detail(
            ProcedureService(ctx(target)).create(START).record_id
        )
    finally:
        target.close()
        target_folder.release()

    assert added.seq == 4
