"""The demo register: what a trainee sees after loading it, and that it is reproducible."""

import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.domain import pesel
from app.domain.deadlines import DeadlineState, deadlines
from app.domain.enums import (
    Attendance,
    ChronologyKind,
    ClosureGround,
    CourseEvent,
    InstitutionType,
    MeetingStatus,
    ProcedureStatus,
    Role,
)
from app.domain.identity import ADULT_AGE, age_on, known_birth_date
from app.domain.permitted_data import ROLES_WITH_CONTACT_DATA, allowed_fields
from app.domain.text import fold
from app.domain.workdays import working_days_between
from app.errors import ValidationError
from app.sample_data.demo import DEMO_NOTICE, DEMO_PASSWORD, DemoSummary, populate_demo
from app.security.password_policy import assess
from app.services.attachments import AttachmentService
from app.services.course import PERSON_EVENTS
from app.services.course_facts import (
    course_of,
    in_id_range,
    judged_loading,
    next_due_dates,
    next_due_of,
    plain_courses,
)
from app.services.institutions import InstitutionService
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.records import InstitutionData
from app.services.register import Register
from app.services.settings_service import SettingsService
from app.services.vault import DataFolder
from app.services.views import ProcedureDetail
from app.storage.db import Database
from app.storage.models import Appointment, Procedure
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.clock import CLOCK, TODAY, ctx
from tests.support.meeting_checks import assert_separated

YEARS = {2024, 2025, 2026}
NAMED_ON_NKA = {Role.VICTIM, Role.PERPETRATOR}


@pytest.fixture
def second_db(tmp_path: Path) -> Iterator[Database]:
    """Another empty register in its own data folder, to compare two demo runs."""
    folder = DataFolder(tmp_path / "druga", kdf=FAST_KDF)
    folder.acquire()
    database = folder.create(PASSWORD, TEST_SETTINGS).database
    yield database
    database.close()
    folder.release()


def _procedures(db: Database) -> list[ProcedureDetail]:
    service = ProcedureService(ctx(db))
    rows = service.list(ProcedureQuery(sort="number", descending=False))
    return [service.detail(row.id) for row in rows]


def test_demo_password_passes_the_password_policy() -> None:
    assert assess(DEMO_PASSWORD).acceptable


def test_demo_register_has_what_a_trainee_expects(db: Database) -> None:
    calls: list[tuple[int, int]] = []
    summary = populate_demo(
        ctx(db, TODAY), progress=lambda done, total: calls.append((done, total))
    )
    procedures = _procedures(db)

    # Progress runs from 0 to the total, step by step.
    assert calls[0][0] == 0
    assert calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == list(range(len(calls)))

    # At least 40 procedures over three years, none starting after "today".
    assert summary.procedures == len(procedures) >= 40
    assert {p.year for p in procedures} == YEARS
    assert all(p.started_on <= TODAY for p in procedures)
    assert SettingsService(ctx(db)).load().gmina_name == "Gmina Przykładowo (DEMO)"

    # Current-year cases are open; older ones mix open and closed, with both grounds.
    assert all(p.status == ProcedureStatus.IN_PROGRESS for p in procedures if p.year == 2026)
    older = [p for p in procedures if p.year < 2026]
    closed = [p for p in older if p.status == ProcedureStatus.CLOSED]
    assert 0.3 * len(older) <= len(closed) <= 0.7 * len(older)
    assert {p.closure_ground for p in closed} == set(ClosureGround)
    for p in closed:
        assert p.closed_on is not None and p.started_on <= p.closed_on <= TODAY
        assert p.closure_justification

    # Every role, several victims or perpetrators in one case, children with their class.
    roles = [Counter(Role(part.role) for part in p.participants) for p in procedures]
    assert set().union(*roles) == set(Role)
    assert any(r[Role.VICTIM] >= 2 for r in roles)
    assert any(r[Role.PERPETRATOR] >= 2 for r in roles)
    parts = [part for p in procedures for part in p.participants]
    assert any("school_class" in part.details for part in parts)
    for part in parts:
        assert set(part.details) <= allowed_fields(Role(part.role))

    # People: valid PESEL numbers, Polish letters, contact data only where the Act allows,
    # some of it hidden, and people who come back in a second procedure years later.
    people = {part.person.id: part.person for part in parts}
    assert summary.persons == len(people)
    for person in people.values():
        if person.pesel:
            info = pesel.decode(person.pesel)
            assert (info.birth_date, info.sex) == (person.birth_date, person.sex)
    names = " ".join(f"{p.first_name} {p.last_name}" for p in people.values())
    assert all(letter in names for letter in "ŁŚŻ")
    for person in people.values():
        if person.addresses or person.contacts:
            assert {Role(part.role) for part in parts if part.person.id == person.id} & (
                ROLES_WITH_CONTACT_DATA
            )
    assert any(a.do_not_disclose for p in people.values() for a in p.addresses)
    assert any(c.do_not_disclose for p in people.values() for c in p.contacts)
    years_of: dict[int, set[int]] = {}
    for p in procedures:
        for part in p.participants:
            years_of.setdefault(part.person.id, set()).add(p.year)
    assert any(len(years) >= 2 for years in years_of.values())

    # Search ignores diacritics, as the worker types on a keyboard without them.
    polish = next(p for p in people.values() if p.last_name[0] in "ŁŚŻ")
    found = ProcedureService(ctx(db)).list(ProcedureQuery(text=fold(polish.last_name)))
    assert found

    # NK-A: one opens each case, about ten cases have repeat forms, varied initiators.
    assert summary.nka_records == sum(len(p.nka_records) for p in procedures)
    assert all(p.nka_records[0].filled_on == p.started_on for p in procedures)
    assert sum(len(p.nka_records) >= 2 for p in procedures) >= 8
    assert any(len(p.nka_records) >= 3 for p in procedures)
    records = [r for p in procedures for r in p.nka_records]
    assert len({r.filled_by_service for r in records}) >= 6
    assert all(r.filled_by_institution_id is not None for r in records)
    for r in records:
        if r.received_by_chair_on is not None:  # on time, or up to ten working days late
            assert 1 <= working_days_between(r.filled_on, r.received_by_chair_on) <= 15
        assert r.content["description"] and r.content["psychological"]["selected"]
    # Each names every victim and perpetrator of its case (Reg. § 2 ust. 4), so opening
    # and saving one asks nothing; no perpetrator is a minor on the day it was filled.
    for p in procedures:
        due = {part.person.id for part in p.participants if part.role in NAMED_ON_NKA}
        perpetrators = [part.person for part in p.people_in(Role.PERPETRATOR)]
        for r in p.nka_records:
            assert due <= set(r.person_ids)
            for person in perpetrators:
                birth = known_birth_date(person.birth_date, person.pesel)
                assert birth is None or age_on(birth, r.filled_on) >= ADULT_AGE

    _check_course(db, procedures, summary.course_events)
    _check_teams(db, procedures, summary)

    # Chronology of every everyday kind; the summary counts the entries typed by hand.
    entries = [e for p in procedures for e in p.chronology if e.kind != ChronologyKind.SYSTEM]
    assert summary.chronology_entries == len(entries)
    assert {ChronologyKind(e.kind) for e in entries} == set(ChronologyKind) - {
        ChronologyKind.SYSTEM
    }
    for p in procedures:
        end = p.closed_on or TODAY
        assert all(p.started_on <= e.occurred_on <= end for e in p.chronology if e.kind != "system")

    # Attachments on at least ten procedures: readable PDF notes and scans, text notes,
    # each saying it is a demo.
    with_files = [p for p in procedures if p.attachments]
    assert len(with_files) >= 10
    files = [a for p in with_files for a in p.attachments]
    assert summary.attachments == len(files)
    assert {a.media_type for a in files} == {"application/pdf", "text/plain"}
    reader = AttachmentService(ctx(db))
    for name, expected in _FILE_TEXTS.items():
        attachment = next(a for a in files if a.file_name == name)
        text = _text_of(attachment.media_type, reader.read(attachment.id)[1])
        assert DEMO_NOTICE in text and expected in text

    # Thirty institutions of every kind, each with one to three contact people.
    institutions = InstitutionService(ctx(db)).list()
    assert summary.institutions == len(institutions) == 30
    assert {i.type for i in institutions} == set(InstitutionType)
    for row in institutions:
        contacts = InstitutionService(ctx(db)).get(row.id).contacts
        assert 1 <= len(contacts) <= 3
        assert row.email.endswith(".example")

    assert db.integrity_problems() == []


def _check_course(db: Database, procedures: list[ProcedureDetail], events: int) -> None:
    """The course as the procedure window judges it today: every state a worker meets."""
    course = Register(db, CLOCK).course
    views = [course.view(p.id) for p in procedures]
    steps = [e for view in views for e in view.events]
    assert events == len(steps)
    with ctx(db).read() as session:
        stored = session.scalars(select(Procedure).options(*judged_loading())).all()
        facts = [fact for p in stored for fact in course_of(p).events]

        # The list's next due date is what the engine computes from the stored course, its
        # meetings included, through the full records and through the plain rows alike.
        assert all(p.next_due_on == next_due_of(p) for p in stored)
        assert any(p.next_due_on is not None and p.next_due_on < TODAY for p in stored)
        assert next_due_dates(session, 1, max(p.id for p in stored)) == {
            p.id: p.next_due_on for p in stored
        }
        # „Dziś i zaległe”, the calendar and the .ics judge from plain rows: every
        # deadline, its state, days late and reason agree with the full records' course.
        plain = plain_courses(session, in_id_range(1, max(p.id for p in stored)))
        for p in stored:
            assert deadlines(plain[p.id].course, TODAY) == deadlines(course_of(p), TODAY), p.number

    # Every kind of step (from typed steps or from the group's meetings), per-NK-A ones
    # also for repeat forms, people's steps naming a person.
    assert {fact.kind for fact in facts} == set(CourseEvent) - {CourseEvent.MONITORING}
    assert {e.kind for e in steps} >= {CourseEvent.NKC_FILLED, CourseEvent.NKD_FILLED}
    assert any(e.kind is CourseEvent.NKA_PASSED_TO_GDP and e.nka_ordinal == 2 for e in steps)
    assert all(e.person_id is not None for e in steps if e.kind in PERSON_EVENTS)
    assert all(e.occurred_on <= TODAY for e in steps)

    # Most deadlines met, some late by at most ten working days, a few missed in procedures
    # in progress, some due within days in the newest ones; reasons for some.
    judged = [d for view in views for d in view.deadlines]
    states = Counter(d.state for d in judged)
    assert states[DeadlineState.MET] > 5 * states[DeadlineState.LATE] > 0
    assert all(1 <= d.days_late <= 10 for d in judged if d.state is DeadlineState.LATE)
    overdue = [v for v in views if any(d.state is DeadlineState.MISSED for d in v.deadlines)]
    assert overdue and not any(v.closed for v in overdue)
    assert states[DeadlineState.DUE_SOON] >= 1
    assert any(d.reason for d in judged)


def _check_teams(db: Database, procedures: list[ProcedureDetail], summary: DemoSummary) -> None:
    """The ZI, most procedures' groups with their meetings, the worker's appointments."""
    register = Register(db, CLOCK)

    # A ZI of six to eight from every service the law names, one chair, one member who has
    # not signed the confidentiality statement yet.
    members = register.zi.members()
    assert summary.zi_members == len(members) and 6 <= len(members) <= 8
    assert [m.is_chair for m in members].count(True) == 1 and members[0].is_chair
    assert [m.contact.confidentiality_signed_on for m in members].count(None) == 1
    types = {row.name: row.type for row in InstitutionService(ctx(db)).list()}
    assert {types[m.contact.institution] for m in members} >= {
        InstitutionType.SOCIAL_ASSISTANCE,
        InstitutionType.POLICE,
        InstitutionType.SCHOOL,
        InstitutionType.HEALTH_CARE,
        InstitutionType.GKRPA,
        InstitutionType.NGO,
        InstitutionType.COURT,
    }
    zi_rows = register.meetings.zi_meetings()
    held = [r for r in zi_rows if r.status is MeetingStatus.HELD and r.held_on < TODAY]
    assert held and all(r.present for r in held)
    assert register.meetings.get(held[0].id).minutes and register.meetings.get(held[0].id).decisions
    coming = [r for r in zi_rows if r.status is MeetingStatus.PLANNED]
    assert [(r.held_on.year, r.held_on.month) for r in coming] == [(2026, 12)]

    # Most procedures have a group of two to four signed members, created when the NK-A was
    # handed over to them.
    groups = {p.id: register.gdp.view(p.id) for p in procedures}
    made = [g for g in groups.values() if g is not None]
    assert summary.gdps == len(made) >= 0.75 * len(procedures)
    assert all(2 <= len(g.members) <= 4 for g in made)
    assert all(m.confidentiality_signed_on is not None for g in made for m in g.members)
    for procedure_id, group in groups.items():
        handed = [
            e.occurred_on
            for e in register.course.view(procedure_id).events
            if e.kind is CourseEvent.NKA_PASSED_TO_GDP and e.nka_ordinal == 1
        ]
        assert group is None or handed == [group.created_on]

    # Held meetings with attendance and minutes, planned ones ahead (some with invitations
    # out), a few cancelled; the perpetrator who did not come; no victim ever met with a
    # perpetrator of the same procedure, nor at overlapping hours.
    rows = [r for p in procedures for r in register.meetings.for_procedure(p.id)]
    assert summary.meetings == len(rows) + len(zi_rows)
    views = [register.meetings.get(r.id) for r in rows]
    done = [v for v in views if v.status is MeetingStatus.HELD]
    assert done and all(v.held_on <= TODAY and v.minutes for v in done)
    assert all(p.attendance is not Attendance.UNKNOWN for v in done for p in v.participants)
    planned = [v for v in views if v.status is MeetingStatus.PLANNED and v.held_on > TODAY]
    assert len(planned) >= 5 and any(v.invitations_sent_on for v in planned)
    assert 1 <= sum(v.status is MeetingStatus.CANCELLED for v in views) <= len(views) // 10
    assert any(
        p.role is Role.PERPETRATOR and p.attendance is Attendance.ABSENT
        for v in done
        for p in v.participants
    )
    assert any(p.role is Role.VICTIM for v in done for p in v.participants)
    assert assert_separated(ctx(db)) >= 20

    # The worker's own appointments in the weeks around today, some about a procedure.
    with ctx(db).read() as session:
        appointments = session.scalars(select(Appointment)).all()
        assert summary.appointments == len(appointments) >= 6
        assert all(abs((a.day - TODAY).days) <= 45 for a in appointments)
        assert any(a.procedure_id is not None for a in appointments)
        assert any(a.procedure_id is None for a in appointments)
        assert any(a.starts_at is None for a in appointments)


def _text_of(media_type: str, data: bytes) -> str:
    """What the worker reads on opening the file."""
    if media_type == "application/pdf":
        return PdfReader(io.BytesIO(data)).pages[0].extract_text()
    return data.decode("utf-8")


_FILE_TEXTS = {
    "notatka_sluzbowa_wizyta.pdf": "Notatka służbowa z wizyty — procedura NK/",
    "skan_pisma_demo.pdf": "Skan pisma (obraz zastępczy) — procedura NK/",
    "notatka_z_rozmowy.txt": "Procedura NK/",
}


def test_same_seed_and_day_give_the_same_register(db: Database, second_db: Database) -> None:
    first = populate_demo(ctx(db, TODAY), seed=7)
    second = populate_demo(ctx(second_db, TODAY), seed=7)

    assert first == second
    query = ProcedureQuery(sort="number", descending=False)
    assert ProcedureService(ctx(db)).list(query) == ProcedureService(ctx(second_db)).list(query)
    assert InstitutionService(ctx(db)).list() == InstitutionService(ctx(second_db)).list()
    for a, b in zip(_procedures(db), _procedures(second_db), strict=True):
        assert [r.content for r in a.nka_records] == [r.content for r in b.nka_records]
        assert [x.sha256 for x in a.attachments] == [x.sha256 for x in b.attachments]
        assert _course_of(db, a.id) == _course_of(second_db, b.id)
        assert _meetings_of(db, a.id) == _meetings_of(second_db, b.id)


def _course_of(db: Database, procedure_id: int) -> tuple[object, ...]:
    """The steps and the judged deadlines with their reasons, without the register's ids."""
    view = Register(db, CLOCK).course.view(procedure_id)
    steps = [(e.kind, e.occurred_on, e.nka_ordinal, e.note) for e in view.events]
    judged = [(d.rule.step, d.nka_ordinal, d.due_on, d.state, d.reason) for d in view.deadlines]
    return tuple(steps), tuple(judged)


def _meetings_of(db: Database, procedure_id: int) -> tuple[object, ...]:
    """The group and its meetings as the procedure window lists them."""
    register = Register(db, CLOCK)
    rows = register.meetings.for_procedure(procedure_id)
    return register.gdp.view(procedure_id), tuple(
        (r.held_on, r.starts_at, r.ends_at, r.status, r.where, r.invited, r.present) for r in rows
    )


def _add_procedure(db: Database) -> None:
    ProcedureService(ctx(db)).create(dt.date(2026, 3, 2))


def _add_institution(db: Database) -> None:
    InstitutionService(ctx(db)).save(
        InstitutionData(name="Komisariat", type=InstitutionType.POLICE)
    )


@pytest.mark.parametrize("fill", [_add_procedure, _add_institution])
def test_demo_refuses_a_register_already_in_use(
    db: Database, fill: Callable[[Database], None]
) -> None:
    fill(db)

    with pytest.raises(ValidationError):
        populate_demo(ctx(db, TODAY))
