"""The procedure's course in the register: events, the stored next due date, reasons."""

import datetime as dt
import os
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, update

from app.domain.deadlines import DeadlineState
from app.domain.enums import CourseEvent as E
from app.domain.enums import Role
from app.errors import ValidationError
from app.services import course as course_module
from app.services import course_facts
from app.services.procedures import ProcedureQuery
from app.services.records import NkaData, ParticipantData, PersonData
from app.services.register import Register
from app.storage import migrate
from app.storage.db import Database
from app.storage.models import Procedure, Setting
from tests.support.clock import CLOCK, TODAY
from tests.support.nka_people import nka_people
from tests.support.old_registers import insert_procedure
from tests.test_attachment_links import _alembic_config

FILLED = dt.date(2026, 11, 2)  # Monday; 5 working days → 9.11, 11.11 is a holiday


@pytest.fixture
def register(db: Database) -> Register:
    return Register(db, CLOCK)


@pytest.fixture
def procedure_id(register: Register) -> int:
    """A procedure opened by one NK-A on 2.11.2026, with a victim and a perpetrator."""
    created = register.procedures.create(FILLED).record_id
    assert created is not None
    for first, role in (("Anna", Role.VICTIM), ("Jan", Role.PERPETRATOR)):
        register.participants.save(created, ParticipantData(PersonData(first, "Próbna"), role))
    people = [p.person.id for p in register.procedures.detail(created).participants]
    register.nka.save(
        created, NkaData(filled_on=FILLED, filled_by_service="police", person_ids=people)
    )
    return created


def nka_id(register: Register, procedure_id: int, ordinal: int = 1) -> int:
    return register.procedures.detail(procedure_id).nka_records[ordinal - 1].id


def stored_next_due(register: Register, procedure_id: int) -> dt.date | None:
    with register.context.read() as session:
        return session.get(Procedure, procedure_id).next_due_on  # type: ignore[union-attr]


def steps(register: Register, procedure_id: int) -> dict[str, DeadlineState]:
    return {d.rule.step: d.state for d in register.course.view(procedure_id).deadlines}


def test_a_new_nka_starts_its_clocks_and_the_list_knows_the_next_due_date(
    register: Register, procedure_id: int
) -> None:
    view = register.course.view(procedure_id)
    assert view.next_step is not None
    assert view.next_step.guidance() == (
        "Przekazać formularz NK-B osobie doznającej przemocy — termin minął 02.11.2026 "
        "(od razu, § 6); spóźnienie 19 dni roboczych"
    )
    assert steps(register, procedure_id)["nka_to_chair"] is DeadlineState.MISSED
    assert stored_next_due(register, procedure_id) == FILLED
    rows = register.procedures.list(ProcedureQuery())
    assert [r.id for r in rows] == [procedure_id]


def test_the_chairs_receipt_typed_in_the_nka_form_is_a_course_event(
    register: Register, procedure_id: int
) -> None:
    record = register.procedures.detail(procedure_id).nka_records[0]
    data = NkaData(
        filled_on=FILLED,
        filled_by_service="police",
        received_by_chair_on=dt.date(2026, 11, 10),  # after 9.11: one working day late
        content={"nkb_handed": True},
        person_ids=list(record.person_ids),
    )
    register.nka.save(procedure_id, data, record.id)

    view = register.course.view(procedure_id)
    [event] = view.events
    assert (event.kind, event.occurred_on, event.label) == (
        E.NKA_RECEIVED_BY_CHAIR,
        dt.date(2026, 11, 10),
        "NK-A otrzymana przez przewodniczącego ZI (NK-A nr 1)",
    )
    chair = next(d for d in view.deadlines if d.rule.step == "nka_to_chair")
    assert (chair.due_on, chair.state, chair.days_late) == (
        dt.date(2026, 11, 9),
        DeadlineState.LATE,
        1,
    )
    assert register.procedures.detail(procedure_id).nka_records[0].received_by_chair_on == (
        dt.date(2026, 11, 10)
    )
    # The GDP's clock now runs: 3 working days from 10.11 skip 11.11 → 16.11.
    assert stored_next_due(register, procedure_id) == dt.date(2026, 11, 16)

    register.nka.save(
        procedure_id, NkaData(**{**data.__dict__, "received_by_chair_on": None}), record.id
    )
    assert register.course.view(procedure_id).events == ()


def test_events_move_the_clock_and_the_stored_date(register: Register, procedure_id: int) -> None:
    first = nka_id(register, procedure_id)
    for kind, day in (
        (E.NKA_RECEIVED_BY_CHAIR, dt.date(2026, 11, 3)),
        (E.NKB_HANDED, dt.date(2026, 11, 2)),
        (E.NKA_PASSED_TO_GDP, dt.date(2026, 11, 5)),
    ):
        register.course.add_event(procedure_id, kind, day, nka_record_id=first)
    assert stored_next_due(register, procedure_id) == dt.date(2026, 11, 10)  # notification
    register.course.add_event(procedure_id, E.PERPETRATOR_NOTIFIED, dt.date(2026, 11, 9))
    assert stored_next_due(register, procedure_id) == dt.date(2026, 11, 13)  # first meeting
    meeting = register.course.add_event(procedure_id, E.GDP_MEETING, dt.date(2026, 11, 12))
    assert stored_next_due(register, procedure_id) is None
    assert steps(register, procedure_id)["nkc_with_victim"] is DeadlineState.OPEN

    assert meeting.record_id is not None
    register.course.delete_event(procedure_id, meeting.record_id)
    assert stored_next_due(register, procedure_id) == dt.date(2026, 11, 13)


@pytest.mark.parametrize(
    ("kind", "day", "with_nka", "message"),
    [
        (E.GDP_MEETING, TODAY + dt.timedelta(days=1), False, "nie może być z przyszłości"),
        (E.NKA_RECEIVED_BY_CHAIR, dt.date(2026, 11, 4), False, "Wskaż formularz NK-A"),
        (E.GDP_MEETING, dt.date(2026, 11, 4), True, "nie dotyczy jednej NK-A"),
        (E.NKA_PASSED_TO_GDP, dt.date(2026, 11, 1), True, "wcześniejsza niż wszczęcie"),
    ],
)
def test_an_event_the_rules_refuse_changes_nothing(
    register: Register,
    procedure_id: int,
    kind: E,
    day: dt.date,
    with_nka: bool,
    message: str,
) -> None:
    record = nka_id(register, procedure_id) if with_nka else None
    with pytest.raises(ValidationError, match=message):
        register.course.add_event(procedure_id, kind, day, nka_record_id=record)
    assert register.course.view(procedure_id).events == ()


def test_a_person_event_names_only_a_person_of_the_right_role(
    register: Register, procedure_id: int
) -> None:
    people = {p.role: p.person.id for p in register.procedures.detail(procedure_id).participants}
    with pytest.raises(ValidationError, match="osoba doznająca przemocy domowej z tej procedury"):
        register.course.add_event(
            procedure_id, E.NKC_FILLED, dt.date(2026, 11, 20), person_id=people[Role.PERPETRATOR]
        )
    register.course.add_event(
        procedure_id, E.NKC_FILLED, dt.date(2026, 11, 20), person_id=people[Role.VICTIM]
    )
    [event] = register.course.view(procedure_id).events
    assert event.person_id == people[Role.VICTIM]


def test_a_reason_for_a_missed_deadline_is_kept_and_can_be_cleared(
    register: Register, procedure_id: int
) -> None:
    first = nka_id(register, procedure_id)
    register.course.set_reason(procedure_id, "nka_to_chair", first, "  Awaria poczty.  ")
    chair = next(
        d for d in register.course.view(procedure_id).deadlines if d.rule.step == "nka_to_chair"
    )
    assert chair.reason == "Awaria poczty."
    register.course.set_reason(procedure_id, "nka_to_chair", first, "")
    chair = next(
        d for d in register.course.view(procedure_id).deadlines if d.rule.step == "nka_to_chair"
    )
    assert chair.reason == ""
    with pytest.raises(ValidationError, match="nie zna takiego kroku procedury"):
        register.course.set_reason(procedure_id, "no_such_step", None, "x")


def test_closing_stops_the_clocks_and_reopening_starts_them(
    register: Register, procedure_id: int
) -> None:
    register.procedures.close(procedure_id, dt.date(2026, 11, 20), "no_grounds", "Brak podstaw.")
    assert stored_next_due(register, procedure_id) is None
    view = register.course.view(procedure_id)
    assert view.next_step is not None
    assert view.next_step.rule.step == "chair_informed_of_closure"
    register.procedures.reopen(procedure_id)
    assert stored_next_due(register, procedure_id) == FILLED


def test_a_change_of_the_rule_data_recomputes_every_stored_date(
    register: Register, procedure_id: int, db: Database
) -> None:
    with register.context.write() as session:
        changed_on = dt.datetime(2026, 1, 2, 3, 4, 5)
        session.execute(
            update(Procedure)
            .where(Procedure.id == procedure_id)
            .values(next_due_on=None, updated_at=changed_on)
        )
        session.merge(Setting(key=course_module.RULES_FINGERPRINT_KEY, value="stare"))
    assert Register(db, CLOCK).opened().course.refresh_if_rules_changed() is False, "done"
    assert stored_next_due(register, procedure_id) == FILLED
    with register.context.read() as session:
        procedure = session.get(Procedure, procedure_id)
        assert procedure is not None and procedure.updated_at == changed_on, "not an edit"
    with register.context.read() as session:
        stored = session.scalar(
            select(Setting.value).where(Setting.key == course_module.RULES_FINGERPRINT_KEY)
        )
    assert stored != "stare"


def test_upgrade_from_0004_keeps_the_chairs_receipt_and_the_form_links(tmp_path: Path) -> None:
    database = Database(tmp_path / "stary.db", os.urandom(32))
    try:
        with database.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0004")
            insert_procedure(conn)
            conn.exec_driver_sql(
                "INSERT INTO nka_record (id, procedure_id, form_version, filled_on, "
                "filled_place, filled_by_service, filled_by_service_other, "
                "filled_by_institution_name, filled_by_name, received_by_chair_on, content, "
                "person_ids, created_at) VALUES (7, 1, '2023', '2026-11-02', '', 'police', '', "
                "'', '', '2026-11-04', '{}', '[]', '2026-11-02 10:00:00')"
            )
            conn.exec_driver_sql(
                "INSERT INTO attachment (id, procedure_id, nka_record_id, file_name, media_type, "
                "size, sha256, description, created_at) VALUES (1, 1, 7, 'skan.pdf', "
                "'application/pdf', 1, '', '', '2026-11-02 10:00:00')"
            )
            conn.exec_driver_sql(
                "INSERT INTO attachment_content (attachment_id, data) VALUES (1, x'25')"
            )

        migrate.upgrade(database.engine)
        register = Register(database, CLOCK).opened()  # as the first unlock does

        assert database.integrity_problems() == []
        detail = register.procedures.detail(1)
        assert detail.nka_records[0].received_by_chair_on == dt.date(2026, 11, 4)
        assert [a.nka_record_id for a in detail.attachments] == [7], "the scan stays linked"
        [event] = register.course.view(1).events
        assert (event.kind, event.nka_record_id) == (E.NKA_RECEIVED_BY_CHAIR, 7)
        # Filled at the first unlock: NK-B was never handed, due on the NK-A's day.
        assert stored_next_due(register, 1) == dt.date(2026, 11, 2)
    finally:
        database.close()


def test_the_bulk_recompute_agrees_with_the_engine_on_every_procedure(
    register: Register, procedure_id: int
) -> None:
    """Plain rows (the unlock after a rule change) and full records (every save) agree."""
    first = nka_id(register, procedure_id)
    register.course.add_event(procedure_id, E.NKA_RECEIVED_BY_CHAIR, FILLED, nka_record_id=first)
    ticked = register.procedures.create(FILLED).record_id
    assert ticked is not None
    people = nka_people(register.context, ticked)
    register.nka.save(
        ticked,
        NkaData(
            filled_on=FILLED,
            filled_by_service="police",
            content={"nkb_handed": True},
            person_ids=people,
        ),
    )
    register.nka.save(
        ticked,
        NkaData(filled_on=dt.date(2026, 11, 20), filled_by_service="police", person_ids=people),
    )
    closed = register.procedures.create(FILLED).record_id
    assert closed is not None
    people = nka_people(register.context, closed)
    register.nka.save(
        closed, NkaData(filled_on=FILLED, filled_by_service="police", person_ids=people)
    )
    register.procedures.close(closed, dt.date(2026, 11, 3), "no_grounds", "")
    deleted = register.procedures.create(FILLED).record_id
    assert deleted is not None
    people = nka_people(register.context, deleted)
    register.nka.save(
        deleted, NkaData(filled_on=FILLED, filled_by_service="police", person_ids=people)
    )
    register.procedures.delete(deleted)
    empty = register.procedures.create(FILLED).record_id

    with register.context.read() as session:
        bulk = course_facts.next_due_dates(session, 1, 100)
        one_by_one = {
            p.id: None if p.deleted_at else course_facts.next_due_of(p)
            for p in session.scalars(select(Procedure))
        }
    assert bulk == one_by_one
    assert bulk[ticked] == dt.date(2026, 11, 9), "the ticked NK-B met; the chair by 9.11"
    assert bulk[closed] is bulk[deleted] is bulk[empty] is None
