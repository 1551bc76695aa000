"""Procedure rules a worker relies on: numbering, dates that stay consistent, deletions."""

import datetime as dt
import threading

import pytest

from app.domain.enums import ChronologyKind, ClosureGround, InitiatorService, ProcedureStatus
from app.errors import NotFoundError, ValidationError
from app.services.chronology import ChronologyService
from app.services.nka import NkaService
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.records import NkaData
from app.storage.db import Database
from tests.support.clock import ctx
from tests.support.nka_people import nka_people


def _create(db: Database, day: dt.date) -> int:
    record_id = ProcedureService(ctx(db)).create(day).record_id
    assert record_id is not None
    return record_id


def test_numbers_follow_the_pattern_per_year_and_are_never_reused(db: Database) -> None:
    service = ProcedureService(ctx(db))
    first = _create(db, dt.date(2025, 12, 30))
    second = _create(db, dt.date(2026, 1, 2))
    service.delete(second)
    third = _create(db, dt.date(2026, 1, 5))
    numbers = {service.detail(i).number for i in (first, third)}
    assert numbers == {"NK/1/2025", "NK/2/2026"}


def test_start_date_cannot_move_after_closure_first_nka_or_into_another_year(
    db: Database,
) -> None:
    service = ProcedureService(ctx(db))
    procedure_id = _create(db, dt.date(2025, 3, 1))
    people = nka_people(ctx(db), procedure_id)
    NkaService(ctx(db)).save(
        procedure_id, NkaData(dt.date(2025, 3, 4), InitiatorService.POLICE, person_ids=people)
    )
    with pytest.raises(ValidationError, match="pierwszy formularz NK-A"):
        service.update(procedure_id, dt.date(2025, 3, 10), "")
    with pytest.raises(ValidationError, match="rokiem 2025"):
        service.update(procedure_id, dt.date(2024, 12, 30), "")
    service.close(procedure_id, dt.date(2025, 3, 20), ClosureGround.NO_GROUNDS, "")
    service.update(procedure_id, dt.date(2025, 3, 2), "poprawiona data")
    assert service.detail(procedure_id).started_on == dt.date(2025, 3, 2)


def test_closure_is_recorded_on_its_date_and_reopen_needs_a_closed_procedure(
    db: Database,
) -> None:
    service = ProcedureService(ctx(db))
    procedure_id = _create(db, dt.date(2025, 3, 1))
    with pytest.raises(ValidationError, match="nie jest zakończona"):
        service.reopen(procedure_id)
    service.close(procedure_id, dt.date(2025, 6, 30), ClosureGround.VIOLENCE_STOPPED, "plan")
    procedure = service.detail(procedure_id)
    assert procedure.status == ProcedureStatus.CLOSED
    closure = [e for e in procedure.chronology if e.title.startswith("Zakończono")]
    assert [e.occurred_on for e in closure] == [dt.date(2025, 6, 30)]
    service.reopen(procedure_id)
    assert service.detail(procedure_id).status == ProcedureStatus.IN_PROGRESS


def test_a_deleted_procedure_disappears_and_takes_no_more_entries(db: Database) -> None:
    service = ProcedureService(ctx(db))
    procedure_id = _create(db, dt.date(2025, 3, 1))
    service.delete(procedure_id)
    assert service.list(ProcedureQuery()) == []
    with pytest.raises(NotFoundError):
        service.detail(procedure_id)
    with pytest.raises(NotFoundError):
        ChronologyService(ctx(db)).add(procedure_id, dt.date(2025, 3, 2), ChronologyKind.NOTE, "x")


def test_writes_from_two_threads_wait_for_each_other_instead_of_failing(db: Database) -> None:
    """The GUI thread and the worker both write; neither may fail with 'database is locked'."""
    procedure_id = _create(db, dt.date(2025, 3, 1))
    chronology = ChronologyService(ctx(db))
    errors: list[BaseException] = []

    def writer(tag: str) -> None:
        try:
            for i in range(25):
                chronology.add(
                    procedure_id, dt.date(2025, 3, 2), ChronologyKind.NOTE, f"{tag}{i}", author="x"
                )
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    titles = {e.title for e in ProcedureService(ctx(db)).detail(procedure_id).chronology}
    assert {f"a{i}" for i in range(25)} | {f"b{i}" for i in range(25)} <= titles
