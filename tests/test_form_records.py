"""Every filled form is one kind of record: the people it names are rows of their own, and
a register from before keeps its NK-A records, their people, course steps and files."""

import datetime as dt
import os
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, text

from app.domain.deadlines import DeadlineState
from app.domain.enums import CourseEvent, Role
from app.errors import NotFoundError, ValidationError
from app.services.records import FormData, NkaData, ParticipantData, PersonData
from app.services.register import Register
from app.storage import migrate
from app.storage.db import Database
from app.storage.models import FormRecord, Procedure
from tests.support.clock import CLOCK
from tests.support.old_registers import insert_procedure
from tests.test_attachment_links import _alembic_config

STAMP = "'2026-11-02 10:00:00'"


def _insert_person(conn: Connection, person_id: int, last_name: str, role: str) -> None:
    execute = conn.exec_driver_sql
    execute(
        "INSERT INTO person (id, first_name, last_name, pesel, sex, search_text, name_sort, "
        f"created_at, updated_at) VALUES ({person_id}, 'Anna', '{last_name}', '', 'K', '', '', "
        f"{STAMP}, {STAMP})"
    )
    execute(
        "INSERT INTO participation (id, procedure_id, person_id, role, details) "
        f"VALUES ({person_id}, 1, {person_id}, '{role}', '{{}}')"
    )


def test_upgrade_moves_the_named_people_into_rows_and_keeps_every_link(tmp_path: Path) -> None:
    database = Database(tmp_path / "stary.db", os.urandom(32))
    try:
        with database.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0007")
            insert_procedure(conn)
            _insert_person(conn, 3, "Próbna", "victim")
            _insert_person(conn, 2, "Próbny", "perpetrator")
            # The perpetrator named first; id 99 names no stored person.
            conn.exec_driver_sql(
                "INSERT INTO nka_record (id, procedure_id, form_version, filled_on, "
                "filled_place, filled_by_service, filled_by_service_other, "
                "filled_by_institution_name, filled_by_name, content, person_ids, created_at) "
                f"VALUES (7, 1, '2023', '2026-11-02', '', 'police', '', '', '', '{{}}', "
                f"'[2, 99, 3]', {STAMP})"
            )
            conn.exec_driver_sql(
                "INSERT INTO procedure_event (id, procedure_id, kind, occurred_on, "
                f"nka_record_id, note, created_at) VALUES (1, 1, 'nka_received_by_chair', "
                f"'2026-11-04', 7, '', {STAMP})"
            )
            conn.exec_driver_sql(
                "INSERT INTO attachment (id, procedure_id, nka_record_id, file_name, media_type, "
                "size, sha256, description, created_at) VALUES (1, 1, 7, 'skan.pdf', "
                f"'application/pdf', 1, '', '', {STAMP})"
            )
            conn.exec_driver_sql(
                "INSERT INTO attachment_content (attachment_id, data) VALUES (1, x'25')"
            )

        migrate.upgrade(database.engine)
        register = Register(database, CLOCK).opened()

        assert database.integrity_problems() == []
        with database.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            referring = conn.execute(
                text(
                    "SELECT sql FROM sqlite_master WHERE name IN ('procedure_event', 'attachment')"
                )
            ).scalars()
            assert all('REFERENCES "form_record"' in sql for sql in referring), "links followed"
        detail = register.procedures.detail(1)
        [nka] = detail.nka_records
        assert nka.person_ids == (2, 3), "in the order named; the id of no person is left out"
        assert nka.received_by_chair_on == dt.date(2026, 11, 4)
        assert [a.nka_record_id for a in detail.attachments] == [7]
        [event] = register.course.view(1).events
        assert (event.kind, event.nka_record_id) == (CourseEvent.NKA_RECEIVED_BY_CHAIR, 7)
    finally:
        database.close()


FILLED = dt.date(2026, 11, 2)


@pytest.fixture
def register(db: Database) -> Register:
    return Register(db, CLOCK)


@pytest.fixture
def case(register: Register) -> tuple[int, int, int]:
    """A procedure opened by one NK-A on 2.11.2026: (procedure, victim, perpetrator)."""
    created = register.procedures.create(FILLED).record_id
    assert created is not None
    for first, role in (("Anna", Role.VICTIM), ("Jan", Role.PERPETRATOR)):
        register.participants.save(created, ParticipantData(PersonData(first, "Próbna"), role))
    people = {p.role: p.person.id for p in register.procedures.detail(created).participants}
    register.nka.save(
        created,
        NkaData(filled_on=FILLED, filled_by_service="police", person_ids=list(people.values())),
    )
    return created, people[Role.VICTIM], people[Role.PERPETRATOR]


def _states(register: Register, procedure_id: int) -> dict[str, DeadlineState]:
    return {d.rule.step: d.state for d in register.course.view(procedure_id).deadlines}


PLAN = [["Konsultacja psychologiczna", "OIK", "do 15.12.2026", "w toku"], ["", " ", "", ""]]


def test_nkc_with_the_victim_is_stored_in_its_version_and_starts_the_help_plan_clock(
    register: Register, case: tuple[int, int, int]
) -> None:
    procedure_id, victim, _ = case
    assert _states(register, procedure_id)["help_plan"] == DeadlineState.WAITING
    filled = dt.date(2026, 11, 20)
    saved = register.forms.save(
        procedure_id,
        FormData(
            "NK-C", filled, victim, {"first_act": "W 2024 r. — popchnięcie.", "help_plan": PLAN}
        ),
    )
    detail = register.procedures.detail(procedure_id)
    [nkc] = detail.forms
    assert (nkc.id, nkc.form, nkc.form_version, nkc.person_id) == (
        saved.record_id,
        "NK-C",
        "2023",
        victim,
    )
    assert nkc.content["help_plan"] == [PLAN[0]], "the empty line is not stored"
    assert any(e.title == "Zarejestrowano formularz NK-C z 20.11.2026" for e in detail.chronology)
    states = _states(register, procedure_id)
    assert states["help_plan"] == DeadlineState.MET, "the plan is in the NK-C"

    register.forms.delete(procedure_id, nkc.id)
    assert register.procedures.detail(procedure_id).forms == ()
    assert _states(register, procedure_id)["help_plan"] == DeadlineState.WAITING


def test_nkb_handed_meets_its_deadline_and_never_goes_to_the_perpetrator(
    register: Register, case: tuple[int, int, int]
) -> None:
    procedure_id, victim, perpetrator = case
    assert _states(register, procedure_id)["nkb_to_victim"] != DeadlineState.MET
    with pytest.raises(ValidationError, match="NK-B nie może trafić do osoby stosującej"):
        register.forms.save(procedure_id, FormData("NK-B", FILLED, perpetrator))
    register.forms.save(procedure_id, FormData("NK-B", FILLED, victim, {"handed_to": "Anna"}))
    assert _states(register, procedure_id)["nkb_to_victim"] == DeadlineState.MET
    with register.context.read() as session:
        assert session.get(Procedure, procedure_id).next_due_on != FILLED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("form", "who", "message"),
    [
        ("NK-C", "perpetrator", "NK-C wypełnia się z osobą doznającą przemocy domowej"),
        ("NK-D", "victim", "NK-D wypełnia się z osobą stosującą przemoc domową"),
        ("NK-D", None, "NK-D wypełnia się z osobą stosującą przemoc domową"),
        ("NK-A", "victim", "Nieznany formularz NK-A"),
    ],
)
def test_a_form_names_the_person_it_is_filled_with(
    register: Register, case: tuple[int, int, int], form: str, who: str | None, message: str
) -> None:
    procedure_id, victim, perpetrator = case
    person = {"victim": victim, "perpetrator": perpetrator, None: None}[who]
    with pytest.raises(ValidationError, match=message):
        register.forms.save(procedure_id, FormData(form, FILLED, person))
    assert register.procedures.detail(procedure_id).forms == ()


@pytest.mark.parametrize(
    ("filled_on", "content", "message"),
    [
        (dt.date(2026, 12, 1), {}, "Data wypełnienia NK-D nie może być z przyszłości"),
        (dt.date(2026, 11, 1), {}, "nie może być wcześniejsza niż wszczęcie procedury"),
        (FILLED, {"nie_ma_takiego": "x"}, "Nieznane pole formularza NK-D"),
        (FILLED, {"obligations": [["tylko", "dwie"]]}, "ma zły format"),
        (FILLED, {"substance_abuse": "może"}, "Niedozwolona wartość"),
    ],
)
def test_a_wrong_nkd_is_refused_and_nothing_is_stored(
    register: Register,
    case: tuple[int, int, int],
    filled_on: dt.date,
    content: dict[str, object],
    message: str,
) -> None:
    procedure_id, _, perpetrator = case
    with pytest.raises(ValidationError, match=message):
        register.forms.save(procedure_id, FormData("NK-D", filled_on, perpetrator, content))
    assert register.procedures.detail(procedure_id).forms == ()


def test_an_edit_keeps_the_form_and_its_version(
    register: Register, case: tuple[int, int, int]
) -> None:
    procedure_id, _, perpetrator = case
    saved = register.forms.save(procedure_id, FormData("NK-D", FILLED, perpetrator))
    assert saved.record_id is not None
    with register.context.write() as session:
        session.get(FormRecord, saved.record_id).form_version = "2023"  # type: ignore[union-attr]
    register.forms.save(
        procedure_id,
        FormData("NK-C", FILLED, perpetrator, {"refused_to_sign": True}),
        record_id=saved.record_id,
    )
    [nkd] = register.procedures.detail(procedure_id).forms
    assert (nkd.form, nkd.content) == ("NK-D", {"refused_to_sign": True})
    with pytest.raises(NotFoundError):
        register.forms.delete(
            procedure_id, register.procedures.detail(procedure_id).nka_records[0].id
        )
