"""A procedure as the deadline engine sees it, and the next due date stored for the lists.

Kept apart from `app.services.course` so `list_keys` (which the import and the generator
call) can key a procedure by its deadlines without the service layer around it.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from app.domain import form_rules, meetings, procedure_rules
from app.domain.deadlines import Course, EventFact, NkaFacts, deadlines, next_due
from app.domain.enums import Attendance, CourseEvent, MeetingKind, MeetingStatus, Role
from app.storage.models import (
    NKA,
    DeadlineNote,
    FormRecord,
    Meeting,
    MeetingParticipant,
    Procedure,
    ProcedureEvent,
)

HELP_PLAN = "help_plan"  # the NK-C field holding the individual help plan


def judged_loading() -> tuple[LoaderOption, ...]:
    """What `course_of` reads of a procedure, to load it with many at once."""
    return (
        selectinload(Procedure.nka_records),
        selectinload(Procedure.other_forms),
        selectinload(Procedure.events),
        selectinload(Procedure.deadline_notes),
        selectinload(Procedure.meetings).selectinload(Meeting.participants),
    )


def course_of(procedure: Procedure) -> Course:
    """What the deadline engine needs of a procedure, NK-A in filing order."""
    records = procedure_rules.in_filing_order(procedure.nka_records)
    return Course(
        nkas=tuple(
            NkaFacts(r.id or 0, r.filled_on, bool((r.content or {}).get("nkb_handed")))
            for r in records
        ),
        events=(
            *(
                EventFact(CourseEvent(e.kind), e.occurred_on, e.nka_record_id)
                for e in procedure.events
            ),
            *(fact for meeting in procedure.meetings for fact in meeting_facts(meeting)),
            *form_facts(
                [
                    (r.form, r.filled_on, bool(r.content.get(HELP_PLAN)))
                    for r in procedure.other_forms
                ],
                [(r.id or 0, r.filled_on) for r in records],
            ),
        ),
        closed_on=procedure.closed_on,
        reasons={(n.step, n.nka_record_id): n.reason for n in procedure.deadline_notes},
    )


def form_facts(
    forms: list[tuple[str, dt.date, bool]], nkas: list[tuple[int, dt.date]]
) -> list[EventFact]:
    """What recorded NK-B, NK-C and NK-D forms add to the course: each is its step, done
    on its day; NK-B goes with the NK-A it was handed with (app.domain.form_rules), and an
    NK-C holding the individual help plan (`True`) makes the plan on that day too."""
    facts = []
    for form, day, with_plan in forms:
        if form not in form_rules.COURSE_STEP:
            continue
        nka = form_rules.step_nka(day, nkas) if form == "NK-B" else None
        facts.append(EventFact(form_rules.COURSE_STEP[form], day, nka))
        if with_plan and form == "NK-C":
            facts.append(EventFact(CourseEvent.HELP_PLAN, day, None))
    return facts


def meeting_facts(meeting: Meeting) -> list[EventFact]:
    """What one meeting adds to its procedure's course (app.domain.meetings)."""
    return meetings.course_facts(
        MeetingKind(meeting.kind),
        MeetingStatus(meeting.status),
        meeting.held_on,
        meeting.invitations_sent_on,
        [_invited(p.role, p.attendance) for p in meeting.participants if p.person_id is not None],
    )


def _invited(role: str | None, attendance: str) -> meetings.Invited:
    return meetings.Invited(Role(role) if role else None, Attendance(attendance))


def next_due_of(procedure: Procedure) -> dt.date | None:
    """The stored next due date: independent of the day it is computed on. A closed
    procedure has none — what it missed can no longer be made up, and lists of what is
    due show only procedures still in progress."""
    course = course_of(procedure)
    if not course.nkas or course.closed_on is not None:
        return None
    return next_due(deadlines(course, course.nkas[0].filled_on))


def received_by_chair(procedure: Procedure, record: FormRecord) -> dt.date | None:
    """When the ZI chair received this NK-A (the earliest such event), if recorded."""
    days = [
        e.occurred_on
        for e in procedure.events
        if e.kind == CourseEvent.NKA_RECEIVED_BY_CHAIR and e.nka_record_id == record.id
    ]
    return min(days, default=None)


def set_received_by_chair(procedure: Procedure, record: FormRecord, day: dt.date | None) -> None:
    """The NK-A form's „wpłynęło do przewodniczącego” date, kept as the course's event."""
    existing = [
        e
        for e in procedure.events
        if e.kind == CourseEvent.NKA_RECEIVED_BY_CHAIR and e.nka_record_id == record.id
    ]
    for extra in existing[1:] if day is not None else existing:
        procedure.events.remove(extra)
    if day is None:
        return
    if existing:
        existing[0].occurred_on = day
    else:
        procedure.events.append(
            ProcedureEvent(
                kind=CourseEvent.NKA_RECEIVED_BY_CHAIR.value,
                occurred_on=day,
                nka_record_id=record.id,
            )
        )


ProcedureFilter = Callable[[InstrumentedAttribute[int]], ColumnElement[bool]]


def in_ids(ids: Sequence[int]) -> ProcedureFilter:
    """Procedures whose id is one of `ids` (a batch of at most a few hundred)."""
    return lambda column: column.in_(ids)


def in_id_range(first_id: int, last_id: int) -> ProcedureFilter:
    return lambda column: column.between(first_id, last_id)


@dataclass(frozen=True)
class PlainCourse:
    """A procedure as the engine judges it, read from plain rows."""

    course: Course
    deleted: bool

    @property
    def next_due_on(self) -> dt.date | None:
        """As `next_due_of`: none for a deleted or closed procedure or one without NK-A."""
        course = self.course
        if self.deleted or course.closed_on is not None or not course.nkas:
            return None
        return next_due(deadlines(course, course.nkas[0].filled_on))


def plain_courses(session: Session, where: ProcedureFilter) -> dict[int, PlainCourse]:
    """The courses of the procedures `where` picks, from plain rows: judging thousands of
    them must not build an object per form, event, meeting and participant."""
    procedures = session.execute(
        select(Procedure.id, Procedure.closed_on, Procedure.deleted_at).where(where(Procedure.id))
    ).all()
    nkas: dict[int, list[Row[Any]]] = defaultdict(list)
    for row in session.execute(
        select(
            FormRecord.procedure_id,
            FormRecord.id,
            FormRecord.filled_on,
            func.json_extract(FormRecord.content, "$.nkb_handed").label("nkb"),
        ).where(where(FormRecord.procedure_id), FormRecord.form == NKA)
    ):
        nkas[row.procedure_id].append(row)
    events: dict[int, list[EventFact]] = defaultdict(list)
    for row in session.execute(
        select(
            ProcedureEvent.procedure_id,
            ProcedureEvent.kind,
            ProcedureEvent.occurred_on,
            ProcedureEvent.nka_record_id,
        ).where(where(ProcedureEvent.procedure_id))
    ):
        events[row.procedure_id].append(
            EventFact(CourseEvent(row.kind), row.occurred_on, row.nka_record_id)
        )
    for procedure_id, facts in _meeting_facts(session, where).items():
        events[procedure_id].extend(facts)
    other_forms: dict[int, list[tuple[str, dt.date, bool]]] = defaultdict(list)
    for row in session.execute(
        select(
            FormRecord.procedure_id,
            FormRecord.form,
            FormRecord.filled_on,
            func.json_type(FormRecord.content, f"$.{HELP_PLAN}").label("plan"),
        ).where(where(FormRecord.procedure_id), FormRecord.form != NKA)
    ):
        other_forms[row.procedure_id].append((row.form, row.filled_on, row.plan is not None))
    for procedure_id, found in other_forms.items():
        filed = [(r.id, r.filled_on) for r in nkas.get(procedure_id, [])]
        events[procedure_id].extend(form_facts(found, filed))
    reasons: dict[int, dict[tuple[str, int | None], str]] = defaultdict(dict)
    for row in session.execute(
        select(
            DeadlineNote.procedure_id,
            DeadlineNote.step,
            DeadlineNote.nka_record_id,
            DeadlineNote.reason,
        ).where(where(DeadlineNote.procedure_id))
    ):
        reasons[row.procedure_id][(row.step, row.nka_record_id)] = row.reason
    return {
        procedure.id: PlainCourse(
            Course(
                nkas=tuple(
                    NkaFacts(r.id, r.filled_on, bool(r.nkb))
                    for r in procedure_rules.in_filing_order(nkas.get(procedure.id, []))
                ),
                events=tuple(events.get(procedure.id, ())),
                closed_on=procedure.closed_on,
                reasons=reasons.get(procedure.id, {}),
            ),
            procedure.deleted_at is not None,
        )
        for procedure in procedures
    }


def next_due_dates(session: Session, first_id: int, last_id: int) -> dict[int, dt.date | None]:
    """The next due date of every procedure with an id in [first_id, last_id]."""
    found = plain_courses(session, in_id_range(first_id, last_id))
    return {procedure_id: plain.next_due_on for procedure_id, plain in found.items()}


def _meeting_facts(session: Session, where: ProcedureFilter) -> dict[int, list[EventFact]]:
    """The course facts of the GDP meetings of the procedures `where` picks."""
    found: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(
        select(
            Meeting.id,
            Meeting.procedure_id,
            Meeting.kind,
            Meeting.status,
            Meeting.held_on,
            Meeting.invitations_sent_on,
        ).where(where(Meeting.procedure_id))  # type: ignore[arg-type]
    ):
        found[row.procedure_id or 0].append(row)
    invited: dict[int, list[meetings.Invited]] = defaultdict(list)
    for person in session.execute(
        select(
            MeetingParticipant.meeting_id, MeetingParticipant.role, MeetingParticipant.attendance
        )
        .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
        .where(
            where(Meeting.procedure_id),  # type: ignore[arg-type]
            MeetingParticipant.person_id.is_not(None),
        )
    ):
        invited[person.meeting_id].append(_invited(person.role, person.attendance))
    return {
        procedure_id: [
            fact
            for meeting in rows
            for fact in meetings.course_facts(
                MeetingKind(meeting.kind),
                MeetingStatus(meeting.status),
                meeting.held_on,
                meeting.invitations_sent_on,
                invited.get(meeting.id, []),
            )
        ]
        for procedure_id, rows in found.items()
    }
