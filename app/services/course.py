"""The procedure's course: its dated events, its deadlines judged today, the next step.

The events are stored here; the deadlines are computed by `app.domain.deadlines` from
them, the NK-A forms and the closure, never stored — only each procedure's next due date
is kept (`Procedure.next_due_on`, by `list_keys.refresh_procedure`) so that lists and the
calendar sort and filter by it in SQL. When the rule data changes, every stored date is
recomputed once, at the next unlock (`refresh_if_rules_changed`).
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain import deadline_rules, procedure_rules
from app.domain.deadlines import (
    DUE_SOON_WORKING_DAYS,
    PER_NKA_EVENTS,
    Deadline,
    deadlines,
    next_step,
)
from app.domain.enums import CourseEvent, Role
from app.domain.workdays import add_working_days
from app.errors import NotFoundError, ValidationError
from app.services import list_keys
from app.services.changes import Changes, Entity
from app.services.context import ServiceContext
from app.services.course_facts import course_of, in_ids, next_due_dates, plain_courses
from app.services.procedure_heads import heads
from app.services.procedures import load_procedure
from app.storage.models import (
    DeadlineNote,
    FormRecord,
    Procedure,
    ProcedureEvent,
    Setting,
)

RULES_FINGERPRINT_KEY = "deadline_rules_fingerprint"
_REFRESH_BATCH = 2000
PERSON_EVENTS = {
    CourseEvent.VICTIM_INVITED: Role.VICTIM,
    CourseEvent.NKC_FILLED: Role.VICTIM,
    CourseEvent.PERPETRATOR_INVITED: Role.PERPETRATOR,
    CourseEvent.NKD_FILLED: Role.PERPETRATOR,
    CourseEvent.PERPETRATOR_DID_NOT_COME: Role.PERPETRATOR,
}


@dataclass(frozen=True)
class EventView:
    id: int
    kind: CourseEvent
    occurred_on: dt.date
    nka_record_id: int | None
    nka_ordinal: int | None
    person_id: int | None
    note: str

    @property
    def label(self) -> str:
        which = f" (NK-A nr {self.nka_ordinal})" if self.nka_ordinal else ""
        return f"{self.kind.label}{which}"


@dataclass(frozen=True)
class CourseView:
    """The procedure's clock as the overview shows it."""

    procedure_id: int
    number: str
    closed: bool
    deadlines: tuple[Deadline, ...]
    events: tuple[EventView, ...]
    next_step: Deadline | None
    has_gdp: bool = False  # the step „NK-A to the GDP” is done by creating it


@dataclass(frozen=True)
class DueItem:
    """One procedure of „Dziś i zaległe”: its next step and whether it is already late."""

    procedure_id: int
    number: str
    victims: str
    due_on: dt.date
    overdue: bool
    guidance: str


@dataclass(frozen=True)
class DueList:
    items: tuple[DueItem, ...]
    overdue: int  # of all procedures, not only those listed
    total: int


class CourseService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def view(self, procedure_id: int) -> CourseView:
        with self._ctx.read() as session:
            return self._view(load_procedure(session, procedure_id))

    def view_by_number(self, number: str) -> CourseView:
        with self._ctx.read() as session:
            procedure = session.scalar(
                select(Procedure).where(
                    Procedure.number == number.strip(), Procedure.deleted_at.is_(None)
                )
            )
            if procedure is None:
                raise NotFoundError(f"Nie ma procedury o numerze {number.strip()}.")
            return self._view(procedure)

    def _view(self, procedure: Procedure) -> CourseView:
        judged = deadlines(course_of(procedure), self._ctx.today())
        ordinals = _ordinals(procedure)
        events = tuple(
            EventView(
                e.id,
                CourseEvent(e.kind),
                e.occurred_on,
                e.nka_record_id,
                ordinals.get(e.nka_record_id) if e.nka_record_id is not None else None,
                e.person_id,
                e.note,
            )
            for e in procedure.events
        )
        step = next_step(judged) if procedure.closed_on is None else _after_closure(judged)
        return CourseView(
            procedure.id,
            procedure.number,
            procedure.closed_on is not None,
            judged,
            events,
            step,
            procedure.gdp is not None,
        )

    def due(self, within_working_days: int = DUE_SOON_WORKING_DAYS, limit: int = 200) -> DueList:
        """Procedures whose next deadline has passed or falls within the next working days,
        the most urgent first; found by the stored date, judged by the engine."""
        today = self._ctx.today()
        horizon = add_working_days(today, within_working_days)
        due = [Procedure.deleted_at.is_(None), Procedure.next_due_on <= horizon]
        with self._ctx.read() as session:
            total = session.scalar(select(func.count()).select_from(Procedure).where(*due)) or 0
            overdue = (
                session.scalar(
                    select(func.count())
                    .select_from(Procedure)
                    .where(Procedure.deleted_at.is_(None), Procedure.next_due_on < today)
                )
                or 0
            )
            ids = session.scalars(
                select(Procedure.id)
                .where(*due)
                .order_by(Procedure.next_due_on, Procedure.year, Procedure.seq)
                .limit(limit)
            ).all()
            courses = plain_courses(session, in_ids(ids))
            named = heads(session, ids)
            items = []
            for procedure_id in ids:
                step = next_step(deadlines(courses[procedure_id].course, today))
                if step is None or step.due_on is None:
                    continue
                head = named[procedure_id]
                items.append(
                    DueItem(
                        procedure_id,
                        head.number,
                        head.victims,
                        step.due_on,
                        step.due_on < today,
                        step.guidance(),
                    )
                )
        return DueList(tuple(items), overdue, total)

    def add_event(
        self,
        procedure_id: int,
        kind: CourseEvent,
        occurred_on: dt.date,
        nka_record_id: int | None = None,
        person_id: int | None = None,
        note: str = "",
    ) -> Changes:
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            event = ProcedureEvent(procedure_id=procedure_id)
            _apply(procedure, event, kind, occurred_on, nka_record_id, person_id, note, self._ctx)
            procedure.events.append(event)
            session.flush()
            list_keys.refresh_procedure(procedure)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=event.id)

    def update_event(
        self,
        procedure_id: int,
        event_id: int,
        occurred_on: dt.date,
        person_id: int | None = None,
        note: str = "",
    ) -> Changes:
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            event = _event(session, procedure_id, event_id)
            kind = CourseEvent(event.kind)
            _apply(
                procedure, event, kind, occurred_on, event.nka_record_id, person_id, note, self._ctx
            )
            list_keys.refresh_procedure(procedure)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=event_id)

    def delete_event(self, procedure_id: int, event_id: int) -> Changes:
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            procedure.events.remove(_event(session, procedure_id, event_id))
            list_keys.refresh_procedure(procedure)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=event_id)

    def set_reason(
        self, procedure_id: int, step: str, nka_record_id: int | None, reason: str
    ) -> Changes:
        """The worker's reason for a late or missed deadline; empty text removes it."""
        text = validate_reason(step, reason)
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            note = next(
                (
                    n
                    for n in procedure.deadline_notes
                    if n.step == step and n.nka_record_id == nka_record_id
                ),
                None,
            )
            if note is not None and not text:
                procedure.deadline_notes.remove(note)
            elif note is not None:
                note.reason = text
            elif text:
                procedure.deadline_notes.append(
                    DeadlineNote(step=step, nka_record_id=nka_record_id, reason=text)
                )
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=procedure_id)

    def refresh_if_rules_changed(self) -> bool:
        """Recompute every stored next due date once the rule data changed; True if it did.

        Two thousand procedures at a time, from plain rows, written as plain keys:
        recomputing a derived date is not an edit, so no procedure's „changed on” moves.
        """
        fingerprint = deadline_rules.fingerprint()
        with self._ctx.write() as session:
            stored = session.get(Setting, RULES_FINGERPRINT_KEY)
            if stored is not None and stored.value == fingerprint:
                return False
            top = session.scalar(select(func.max(Procedure.id))) or 0
            for first in range(1, top + 1, _REFRESH_BATCH):
                last = first + _REFRESH_BATCH - 1
                current = {
                    pid: (due, changed_on)
                    for pid, due, changed_on in session.execute(
                        select(Procedure.id, Procedure.next_due_on, Procedure.updated_at).where(
                            Procedure.id.between(first, last)
                        )
                    )
                }
                # „Changed on” is written back as it was, or the column's default moves it.
                changed = [
                    {"id": pid, "next_due_on": new, "updated_at": current[pid][1]}
                    for pid, new in next_due_dates(session, first, last).items()
                    if current[pid][0] != new
                ]
                if changed:
                    session.execute(update(Procedure), changed)
            session.merge(Setting(key=RULES_FINGERPRINT_KEY, value=fingerprint))
            return True


def _after_closure(judged: tuple[Deadline, ...]) -> Deadline | None:
    """A closed procedure's only next step is what the closure itself asks for."""
    return next_step(d for d in judged if d.rule.per is deadline_rules.Per.CLOSURE)


def _ordinals(procedure: Procedure) -> dict[int, int]:
    records = procedure_rules.in_filing_order(procedure.nka_records)
    return {record.id: number for number, record in enumerate(records, start=1)}


def _event(session: Session, procedure_id: int, event_id: int) -> ProcedureEvent:
    event = session.get(ProcedureEvent, event_id)
    if event is None or event.procedure_id != procedure_id:
        raise NotFoundError("Ten krok procedury nie jest już zapisany.")
    return event


def _apply(
    procedure: Procedure,
    event: ProcedureEvent,
    kind: CourseEvent,
    occurred_on: dt.date,
    nka_record_id: int | None,
    person_id: int | None,
    note: str,
    ctx: ServiceContext,
) -> None:
    """Check one event against the procedure it belongs to, then write it."""
    validate_event(procedure, kind, occurred_on, nka_record_id, person_id, ctx.today())
    event.kind = kind.value
    event.occurred_on = occurred_on
    event.nka_record_id = nka_record_id
    event.person_id = person_id
    event.note = note.strip()


def validate_reason(step: str, reason: str) -> str:
    """The reason as stored; the generator checks its notes with this same rule."""
    validate_step(step)
    return reason.strip()


def validate_event(
    procedure: Procedure,
    kind: CourseEvent,
    occurred_on: dt.date,
    nka_record_id: int | None,
    person_id: int | None,
    today: dt.date,
) -> None:
    """The rule for one event; the import checks file records with this same rule."""
    procedure_rules.check_past_date(occurred_on, today, "occurred_on", f"Data: {kind.label}")
    if occurred_on < procedure.started_on:
        raise ValidationError(
            f"Data ({kind.label}) nie może być wcześniejsza niż wszczęcie procedury "
            f"({procedure.started_on:%d.%m.%Y}).",
            "occurred_on",
        )
    records: dict[int, FormRecord] = {r.id: r for r in procedure.nka_records}
    if kind in PER_NKA_EVENTS:
        record = records.get(nka_record_id) if nka_record_id is not None else None
        if record is None:
            raise ValidationError(
                f"Wskaż formularz NK-A, którego dotyczy: {kind.label}.", "nka_record_id"
            )
        if occurred_on < record.filled_on:
            raise ValidationError(
                f"Data ({kind.label}) nie może być wcześniejsza niż wypełnienie tej NK-A "
                f"({record.filled_on:%d.%m.%Y}).",
                "occurred_on",
            )
    elif nka_record_id is not None:
        raise ValidationError(f"Ten krok ({kind.label}) nie dotyczy jednej NK-A.", "nka_record_id")
    if person_id is not None:
        role = PERSON_EVENTS.get(kind)
        roles = {Role(p.role) for p in procedure.participations if p.person_id == person_id}
        if role is None or role not in roles:
            wanted = role.label if role is not None else "nikogo"
            raise ValidationError(
                f"Ten krok ({kind.label}) może wskazywać tylko: {wanted} z tej procedury.",
                "person_id",
            )


def validate_step(step: str) -> None:
    """A reason belongs to a step of the rule data; the import checks file records with this."""
    if step not in deadline_rules.steps():
        raise ValidationError("Ta wersja programu nie zna takiego kroku procedury.", "step")
