"""Generated registers: ten fictional years at scale that obey every rule of real data."""

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.domain.deadline_rules import Count
from app.domain.deadlines import DeadlineState, deadlines
from app.domain.enums import (
    Attendance,
    ChronologyKind,
    CourseEvent,
    InstitutionType,
    MeetingKind,
    MeetingStatus,
    ProcedureStatus,
    Role,
)
from app.domain.text import fold
from app.errors import ValidationError
from app.sample_data.generator import GeneratedSummary, generate_register
from app.services import list_keys
from app.services.course import validate_event
from app.services.course_facts import course_of, judged_loading, next_due_dates, next_due_of
from app.services.exchange import export_register, import_register
from app.services.institutions import InstitutionService
from app.services.meetings import MeetingData, MeetingView, ParticipantData
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.records import InstitutionData
from app.services.register import Register
from app.services.settings_service import SettingsService
from app.services.vault import DataFolder
from app.storage.db import Database
from app.storage.models import (
    Appointment,
    Gdp,
    Institution,
    Meeting,
    Participation,
    Person,
    Procedure,
    ZiMember,
)
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.cli import one_polish_error, run_cli
from tests.support.clock import CLOCK, TODAY, ctx
from tests.support.meeting_checks import assert_separated

COUNT = 150


@pytest.fixture
def second_db(tmp_path: Path) -> Iterator[Database]:
    """Another empty register in its own data folder."""
    folder = DataFolder(tmp_path / "druga", kdf=FAST_KDF)
    folder.acquire()
    database = folder.create(PASSWORD, TEST_SETTINGS).database
    yield database
    database.close()
    folder.release()


def _generate(db: Database, count: int = COUNT, seed: int = 11) -> GeneratedSummary:
    return generate_register(ctx(db), count, seed=seed)


def _all_procedures(db: Database) -> list[Procedure]:
    with ctx(db).read() as session:
        return list(
            session.scalars(
                select(Procedure)
                .options(
                    selectinload(Procedure.participations).selectinload(Participation.person),
                    selectinload(Procedure.nka_records),
                    selectinload(Procedure.chronology),
                )
                .order_by(Procedure.id)
            )
        )


def test_generated_register_imports_whole_into_an_empty_register(
    db: Database, second_db: Database
) -> None:
    calls: list[tuple[int, int]] = []
    summary = generate_register(
        ctx(db), COUNT, seed=11, progress=lambda done, total: calls.append((done, total))
    )

    imported = import_register(ctx(second_db), export_register(ctx(db)))

    # The importer checks every record with the services' rules: all of them pass.
    assert calls[-1] == (COUNT, COUNT)
    assert (summary.procedures, summary.institutions) == (COUNT, 30)
    assert (
        imported.procedures,
        imported.persons,
        imported.institutions,
        imported.nka_records,
        imported.chronology_entries,
    ) == (
        summary.procedures,
        summary.persons,
        summary.institutions,
        summary.nka_records,
        summary.chronology_entries,
    )
    listed = ProcedureService(ctx(second_db)).list(ProcedureQuery())
    assert len(listed) == COUNT - summary.deleted


def test_generated_register_looks_like_ten_years_of_casework(db: Database) -> None:
    summary = _generate(db)
    procedures = _all_procedures(db)

    # Ten years of starts ending today, numbered in start order within each year.
    assert set(range(TODAY.year - 9, TODAY.year + 1)) <= {p.year for p in procedures}
    assert min(p.started_on for p in procedures) > TODAY.replace(year=TODAY.year - 10)
    assert max(p.started_on for p in procedures) <= TODAY
    for year in {p.year for p in procedures}:
        in_year = sorted((p for p in procedures if p.year == year), key=lambda p: p.seq)
        assert [p.seq for p in in_year] == list(range(1, len(in_year) + 1))
        assert [p.started_on for p in in_year] == sorted(p.started_on for p in in_year)
        assert all(p.number == f"NK/{p.seq}/{year}" for p in in_year)

    # Most old cases are closed with a ground and a date; a few are deleted.
    closed = [p for p in procedures if p.status == ProcedureStatus.CLOSED]
    assert summary.closed == len(closed) and 0.5 * COUNT < len(closed) < 0.95 * COUNT
    for p in closed:
        assert p.closure_ground and p.closure_justification
        assert p.closed_on is not None and p.started_on < p.closed_on <= TODAY
    assert 1 <= summary.deleted == sum(p.deleted_at is not None for p in procedures) < 5

    # About three people a case, every role, some people in more than one procedure.
    parts = [part for p in procedures for part in p.participations]
    assert 2.5 <= len(parts) / COUNT <= 4
    assert {Role(part.role) for part in parts} == set(Role)
    cases_of = Counter(part.person_id for part in parts)
    assert summary.persons == len(cases_of)
    assert sum(n >= 2 for n in cases_of.values()) >= COUNT // 50

    # One to three NK-A forms, the first on the start day; about twelve chronology entries.
    assert {len(p.nka_records) for p in procedures} == {1, 2, 3}
    assert all(min(r.filled_on for r in p.nka_records) == p.started_on for p in procedures)
    assert summary.nka_records == sum(len(p.nka_records) for p in procedures)
    entries = [e for p in procedures for e in p.chronology]
    assert summary.chronology_entries == len(entries)
    assert 10 <= len(entries) / COUNT <= 15
    assert {ChronologyKind(e.kind) for e in entries} == set(ChronologyKind)
    for p in procedures:
        end = p.closed_on or TODAY
        typed = [e for e in p.chronology if e.kind != ChronologyKind.SYSTEM]
        assert all(p.started_on <= e.occurred_on <= end for e in typed)

    # Institutions of every kind, each with its contact people.
    institutions = InstitutionService(ctx(db))
    rows = institutions.list()
    assert {row.type for row in rows} == set(InstitutionType)
    assert all(institutions.get(row.id).contacts for row in rows)


def _courses(db: Database) -> list[Procedure]:
    """Every procedure with what its course is judged from."""
    with ctx(db).read() as session:
        return list(
            session.scalars(
                select(Procedure)
                .options(selectinload(Procedure.participations), *judged_loading())
                .order_by(Procedure.id)
            )
        )


def test_generated_course_shows_every_deadline_state(db: Database) -> None:
    summary = _generate(db, 300)
    procedures = _courses(db)

    # Every kind of step (typed, or from the groups' meetings), each stored one the course
    # service itself would accept; the stored next due date is the engine's, through the
    # full records and through the plain rows alike.
    events = [e for p in procedures for e in p.events]
    assert summary.course_events == len(events)
    facts = {fact.kind for p in procedures for fact in course_of(p).events}
    assert facts == set(CourseEvent) - {CourseEvent.MONITORING}
    for p in procedures:
        for e in p.events:
            kind = CourseEvent(e.kind)
            validate_event(p, kind, e.occurred_on, e.nka_record_id, e.person_id, TODAY)
        assert p.next_due_on == (None if p.deleted_at else next_due_of(p))
    with ctx(db).read() as session:
        assert next_due_dates(session, 1, procedures[-1].id) == {
            p.id: p.next_due_on for p in procedures
        }

    # Judged today: most deadlines met, some late by one to ten working days, some due
    # within days, a handful of procedures in progress overdue; reasons for some.
    live = [p for p in procedures if p.deleted_at is None]
    judged = {p.id: deadlines(course_of(p), TODAY) for p in live}
    every = [d for found in judged.values() for d in found]
    states = Counter(d.state for d in every)
    assert states[DeadlineState.MET] > 5 * states[DeadlineState.LATE] > 0
    late = [d for d in every if d.state is DeadlineState.LATE and d.rule.count is Count.WORKING]
    assert late and all(1 <= d.days_late <= 10 for d in late)
    assert states[DeadlineState.DUE_SOON] >= 1
    assert any(d.reason for d in every)
    in_progress = [p for p in live if p.closed_on is None]
    overdue = [p for p in in_progress if p.next_due_on is not None and p.next_due_on < TODAY]
    assert 1 <= len(overdue) <= len(in_progress) // 5
    assert all(any(d.state is DeadlineState.MISSED for d in judged[p.id]) for p in overdue)


def test_generated_teams_keep_every_rule_of_typed_ones(db: Database) -> None:
    summary = _generate(db, 300)
    register = Register(db, CLOCK)
    procedures = _courses(db)

    # The ZI of eight with one chair, meeting every quarter of the ten years, the next
    # meeting planned; most procedures past the hand-over have a group of two to four,
    # created the day the NK-A was handed over to it.
    members = register.zi.members()
    assert summary.zi_members == len(members) == 8
    assert [m.is_chair for m in members].count(True) == 1
    zi_rows = register.meetings.zi_meetings()
    assert 38 <= len(zi_rows) <= 42
    assert [r.status for r in zi_rows].count(MeetingStatus.PLANNED) == 1
    with ctx(db).read() as session:
        groups = {
            g.procedure_id: g
            for g in session.scalars(select(Gdp).options(selectinload(Gdp.members)))
        }
        assert session.scalar(select(func.count()).select_from(ZiMember)) == 8
        appointments = session.scalars(select(Appointment)).all()
        meeting_count = session.scalar(select(func.count()).select_from(Meeting))
    assert summary.gdps == len(groups) and summary.meetings == meeting_count
    assert summary.appointments == len(appointments) >= 100
    assert any(a.procedure_id for a in appointments) and any(a.day > TODAY for a in appointments)
    reached = [
        p
        for p in procedures
        if p.deleted_at is None and any(e.kind == CourseEvent.NKA_PASSED_TO_GDP for e in p.events)
    ]
    assert 0.8 * len(reached) <= len(groups) <= len(reached)
    for p in procedures:
        group = groups.get(p.id)
        if group is None:
            continue
        assert 2 <= len(group.members) <= 4
        first = min(p.nka_records, key=lambda r: (r.filled_on, r.id))
        handed = [
            e.occurred_on
            for e in p.events
            if e.kind == CourseEvent.NKA_PASSED_TO_GDP and e.nka_record_id == first.id
        ]
        assert handed == [group.created_on]

    # Held, planned and cancelled meetings, perpetrators who did not come; no victim ever
    # meets a perpetrator of the same procedure, nor at overlapping hours.
    meetings = [m for p in procedures for m in p.meetings]
    assert {MeetingStatus(m.status) for m in meetings} == set(MeetingStatus)
    assert all(MeetingKind(m.kind) is MeetingKind.GDP for m in meetings)
    assert any(
        pt.role == Role.PERPETRATOR and pt.attendance == Attendance.ABSENT
        for m in meetings
        for pt in m.participants
    )
    assert assert_separated(ctx(db)) >= 300

    # Saved again through the meeting service, a meeting stays as it was, and so does its
    # procedure's next due date: the generator wrote what the service writes.
    with_people = [m for m in meetings if any(pt.person_id for pt in m.participants)]
    for meeting in with_people[:: len(with_people) // 12]:
        before = register.meetings.get(meeting.id)
        due = _next_due_on(db, meeting.procedure_id)
        register.meetings.save(_resaved(before), meeting.id)
        assert register.meetings.get(meeting.id) == before
        assert _next_due_on(db, meeting.procedure_id) == due


def _next_due_on(db: Database, procedure_id: int | None) -> dt.date | None:
    with ctx(db).read() as session:
        return session.get_one(Procedure, procedure_id).next_due_on


def _resaved(view: MeetingView) -> MeetingData:
    """The stored meeting as its dialog would save it unchanged."""
    return MeetingData(
        view.kind,
        view.held_on,
        view.starts_at,
        view.ends_at,
        procedure_id=view.procedure_id,
        status=view.status,
        place=view.place,
        remote_link=view.remote_link,
        agenda=view.agenda,
        invitations_sent_on=view.invitations_sent_on,
        invitations_how=view.invitations_how,
        minutes=view.minutes,
        decisions=view.decisions,
        participants=[
            ParticipantData(p.contact_id, p.person_id, p.attendance, participant_id=p.id)
            for p in view.participants
        ],
    )


def test_same_seed_and_day_give_the_same_course(db: Database, second_db: Database) -> None:
    _generate(db, 60, seed=7)
    _generate(second_db, 60, seed=7)

    def course(db: Database) -> list[tuple[object, ...]]:
        return [
            (
                p.number,
                p.next_due_on,
                [(e.kind, e.occurred_on, e.nka_record_id, e.person_id) for e in p.events],
                [(n.step, n.nka_record_id, n.reason) for n in p.deadline_notes],
                [
                    (
                        m.held_on,
                        m.starts_at,
                        m.status,
                        [(i.name, i.attendance) for i in m.participants],
                    )
                    for m in p.meetings
                ],
            )
            for p in _courses(db)
        ]

    assert course(db) == course(second_db)


def test_same_seed_and_day_give_the_same_register(db: Database, second_db: Database) -> None:
    first = _generate(db, 60, seed=7)
    second = _generate(second_db, 60, seed=7)

    a, b = export_register(ctx(db)), export_register(ctx(second_db))
    a.pop("exported_at"), b.pop("exported_at")
    assert first == second
    assert a == b


def test_another_seed_gives_other_people(db: Database, second_db: Database) -> None:
    _generate(db, 20, seed=1)
    _generate(second_db, 20, seed=2)

    query = ProcedureQuery(sort="number", descending=False)
    first = [(r.started_on, r.victims) for r in ProcedureService(ctx(db)).list(query)]
    second = [(r.started_on, r.victims) for r in ProcedureService(ctx(second_db)).list(query)]
    assert first != second


def _add_procedure(db: Database) -> None:
    ProcedureService(ctx(db)).create(dt.date(2026, 3, 2))


def _add_institution(db: Database) -> None:
    InstitutionService(ctx(db)).save(
        InstitutionData(name="Komisariat", type=InstitutionType.POLICE)
    )


@pytest.mark.parametrize("fill", [_add_procedure, _add_institution])
def test_a_register_in_use_is_refused_and_left_as_it_was(
    db: Database, fill: Callable[[Database], None]
) -> None:
    fill(db)
    before = export_register(ctx(db))

    with pytest.raises(ValidationError, match="tylko w pustym rejestrze"):
        _generate(db, 10)

    after = export_register(ctx(db))
    before.pop("exported_at"), after.pop("exported_at")
    assert after == before


def test_search_finds_a_generated_surname_typed_without_polish_letters(db: Database) -> None:
    _generate(db)
    with ctx(db).read() as session:
        surnames = set(session.scalars(select(Person.last_name)))
    polish = sorted(name for name in surnames if name[0] in "ŁŚŻŹ")[0]

    procedures = ProcedureService(ctx(db))
    found = procedures.list(ProcedureQuery(text=fold(polish).upper()))

    assert found == procedures.list(ProcedureQuery(text=polish))
    assert any(polish in f"{row.victims}, {row.perpetrators}" for row in found)


def test_stored_list_keys_are_what_the_services_compute(db: Database) -> None:
    _generate(db, 60)

    with ctx(db).read() as session:
        procedures = session.scalars(
            select(Procedure).options(
                selectinload(Procedure.participations).selectinload(Participation.person),
                selectinload(Procedure.nka_records),
            )
        ).all()
        stored = [
            (p.search_text, p.victims_sort, p.perpetrators_sort, p.nka_count) for p in procedures
        ]
        for p in procedures:
            list_keys.refresh_procedure(p)
        assert stored == [
            (p.search_text, p.victims_sort, p.perpetrators_sort, p.nka_count) for p in procedures
        ]
        people = session.scalars(select(Person)).all()
        stored = [(p.search_text, p.name_sort) for p in people]
        for person in people:
            list_keys.refresh_person(person)
        assert stored == [(p.search_text, p.name_sort) for p in people]
        institutions = session.scalars(
            select(Institution).options(selectinload(Institution.contacts))
        ).all()
        stored = [(i.search_text, i.name_sort) for i in institutions]
        for institution in institutions:
            list_keys.refresh_institution(institution)
        assert stored == [(i.search_text, i.name_sort) for i in institutions]
        session.rollback()


def test_numbers_follow_the_pattern_and_a_new_procedure_gets_the_next_one(db: Database) -> None:
    settings = SettingsService(ctx(db))
    settings.save(dataclasses.replace(TEST_SETTINGS, numbering_pattern="{seq}/NK/{year}"))
    _generate(db, 80)
    procedures = ProcedureService(ctx(db))
    this_year = [p for p in _all_procedures(db) if p.year == TODAY.year]

    created = procedures.create(TODAY)

    assert created.record_id is not None
    assert procedures.detail(created.record_id).number == f"{len(this_year) + 1}/NK/{TODAY.year}"
    assert all(p.number == f"{p.seq}/NK/{p.year}" for p in this_year)


def test_cli_generates_into_an_empty_register_and_refuses_a_second_time(tmp_path: Path) -> None:
    data = tmp_path / "dane"
    assert run_cli(data, "init", password=PASSWORD).returncode == 0

    result = run_cli(data, "generate", "--procedures", "40", "--seed", "3", password=PASSWORD)

    assert result.returncode == 0, result.stderr
    assert "Wygenerowano fikcyjne dane: procedury 40 (zakończone" in result.stdout
    assert "kroki procedury" in result.stdout
    again = run_cli(data, "generate", "--procedures", "40", password=PASSWORD)
    assert "tylko w pustym rejestrze" in one_polish_error(again)
    assert run_cli(data, "check", password=PASSWORD).returncode == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--procedures", "0"), "Liczba procedur musi być liczbą całkowitą od 1 do 200 000."),
        (("--procedures", "dużo"), "--procedures: podaj liczbę całkowitą."),
        (("--procedures", "5", "--seed", "x"), "--seed: podaj liczbę całkowitą."),
    ],
)
def test_cli_refuses_a_wrong_count_before_asking_for_the_password(
    tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    data = tmp_path / "dane"
    assert run_cli(data, "init", password=PASSWORD).returncode == 0

    result = run_cli(data, "generate", *args)

    assert expected in one_polish_error(result)
