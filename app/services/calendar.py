"""The „Kalendarz” page's items: deadlines, meetings, other steps, visits and the worker's
own appointments, by day.

Only the program shows these, never a file: so, like „Dziś i zaległe”, they carry the
victims' names beside the procedure number and the kind of thing (the .ics export of
`calendar_export` carries neither names nor notes).

An overdue deadline (still to meet, due before today) is shown on its due day and, when
today lies in the asked range, once more on today, first of the day: the month shows it
in today's cell and the agenda, which starts today, opens with it. A missed deadline is
thus never only in a past month nobody looks at again. Like „Dziś i zaległe”, today
repeats those of the OVERDUE_ON_TODAY most overdue procedures and counts all of them.

Only candidates are loaded, found in SQL through the stored next due date, and judged
in batches by the engine: procedures whose next deadline falls in the range; those
whose next one is earlier but which had an NK-A or an event recently enough to have
started a clock that ends in the range (`earliest_start`); and, for today, the most
overdue. Events and chronology entries are found by their dates.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from app.domain.deadlines import DeadlineState, deadlines, earliest_start
from app.domain.enums import ChronologyKind, CourseEvent, MeetingKind, MeetingStatus
from app.services.context import ServiceContext
from app.services.course_facts import in_ids, plain_courses
from app.services.procedure_heads import batches, heads
from app.storage.models import (
    NKA,
    Appointment,
    ChronologyEntry,
    FormRecord,
    Meeting,
    Procedure,
    ProcedureEvent,
)

MONTH_GRID_DAYS = 42  # six weeks, Monday first: every month fits
AGENDA_DAYS = 28
OVERDUE_ON_TODAY = 200  # as many as „Dziś i zaległe” lists


class Layer(StrEnum):
    """What the page can show, each switched on and off by its own checkbox."""

    DEADLINES = "deadlines"
    GDP_MEETINGS = "gdp_meetings"
    ZI_MEETINGS = "zi_meetings"
    STEPS = "steps"
    VISITS = "visits"
    OWN = "own"

    @property
    def label(self) -> str:
        return _LAYER_LABELS[self]


_LAYER_LABELS = {
    Layer.DEADLINES: "Terminy",
    Layer.GDP_MEETINGS: "Posiedzenia GDP",
    Layer.ZI_MEETINGS: "Posiedzenia ZI",
    Layer.STEPS: "Kroki procedury",
    Layer.VISITS: "Wizyty",
    Layer.OWN: "Moje terminy",
}
_MEETING_LAYERS = {MeetingKind.GDP: Layer.GDP_MEETINGS, MeetingKind.ZI: Layer.ZI_MEETINGS}
_LAYER_ORDER = {layer: index for index, layer in enumerate(Layer)}


class Tone(StrEnum):
    """How urgent an item is, which decides its colour."""

    OVERDUE = "overdue"  # a deadline passed and still to meet
    DUE_SOON = "due_soon"  # within DUE_SOON_WORKING_DAYS, or "without delay"
    PENDING = "pending"  # a deadline in time
    DONE = "done"  # something that happened: a recorded step, a visit, a held meeting


_TONES = {
    DeadlineState.MISSED: Tone.OVERDUE,
    DeadlineState.DUE_SOON: Tone.DUE_SOON,
    DeadlineState.PENDING: Tone.PENDING,
}


@dataclass(frozen=True)
class CalendarItem:
    """One entry of one day. `due_on` is a deadline's due day: before `day` when an
    overdue deadline is repeated on today. `time` is None for all-day entries. A meeting
    or an appointment names itself, so a click opens it rather than its procedure."""

    day: dt.date
    time: dt.time | None
    layer: Layer
    tone: Tone
    number: str  # the procedure's; empty for a ZI meeting or an appointment of no case
    what: str  # the kind of thing: „NK-A u przewodniczącego ZI”, „posiedzenie GDP”
    victims: str
    detail: str  # what the law requires and by when, a step's note, a visit's title
    procedure_id: int | None
    due_on: dt.date | None = None
    meeting_id: int | None = None
    appointment_id: int | None = None

    @property
    def title(self) -> str:
        """„NK/12/2026: NK-A u przewodniczącego ZI”, as the .ics file names a deadline."""
        return f"{self.number}: {self.what}" if self.number else self.what

    @property
    def carried(self) -> bool:
        """An overdue deadline repeated on today."""
        return self.due_on is not None and self.due_on < self.day


@dataclass(frozen=True)
class CalendarItems:
    """The items of a range; `overdue` counts every procedure with an overdue deadline
    when today is in the range (0 otherwise), also those today does not repeat."""

    items: tuple[CalendarItem, ...]
    overdue: int = 0


_SortKey = tuple[dt.date, bool, bool, dt.time, int, dt.date, tuple[int, int], str]


def month_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """The six weeks of the month grid around `day`'s month: from the Monday on or
    before the 1st."""
    first = day.replace(day=1)
    start = first - dt.timedelta(days=first.weekday())
    return start, start + dt.timedelta(days=MONTH_GRID_DAYS - 1)


def week_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of `day`'s week."""
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def agenda_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """The agenda's four weeks from `day`."""
    return day, day + dt.timedelta(days=AGENDA_DAYS - 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The 1st of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


class CalendarService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def items(
        self, first_day: dt.date, last_day: dt.date, layers: Iterable[Layer] = tuple(Layer)
    ) -> CalendarItems:
        """The items of the days from `first_day` to `last_day` in the given layers, by
        day, overdue first (the longest overdue first), then by hour (all-day first),
        layer and procedure number."""
        wanted = frozenset(layers)
        today = self._ctx.today()
        keyed: list[tuple[_SortKey, CalendarItem]] = []
        overdue = 0
        with self._ctx.read() as session:
            if Layer.DEADLINES in wanted:
                found, overdue = _deadline_items(session, first_day, last_day, today)
                keyed += found
            if wanted & {Layer.GDP_MEETINGS, Layer.STEPS}:
                keyed += _event_items(session, first_day, last_day, wanted)
            if wanted & {Layer.GDP_MEETINGS, Layer.ZI_MEETINGS}:
                keyed += _meeting_items(session, first_day, last_day, wanted, today)
            if Layer.VISITS in wanted:
                keyed += _visit_items(session, first_day, last_day)
            if Layer.OWN in wanted:
                keyed += _own_items(session, first_day, last_day, today)
        keyed.sort(key=lambda pair: pair[0])
        return CalendarItems(tuple(item for _key, item in keyed), overdue)


def _key(item: CalendarItem, order: tuple[int, int]) -> _SortKey:
    return (
        item.day,
        item.tone is not Tone.OVERDUE,
        item.time is not None,
        item.time or dt.time.min,
        _LAYER_ORDER[item.layer],
        item.due_on or item.day,  # the most overdue first
        order,
        item.title,
    )


def _deadline_candidates(
    session: Session, first: dt.date, last: dt.date, today: dt.date
) -> tuple[set[int], set[int], int]:
    """Procedures that may have a deadline due in the range; those whose overdue
    deadlines today repeats; how many procedures are overdue in all. Closed and deleted
    procedures have no stored next due date, so none of theirs is a candidate."""
    live = Procedure.deleted_at.is_(None)
    since = earliest_start(first)
    started_since = or_(
        exists().where(
            FormRecord.procedure_id == Procedure.id,
            FormRecord.form == NKA,
            FormRecord.filled_on >= since,
        ),
        exists().where(
            ProcedureEvent.procedure_id == Procedure.id, ProcedureEvent.occurred_on >= since
        ),
    )
    in_range = set(
        session.scalars(
            select(Procedure.id).where(
                live, Procedure.next_due_on >= first, Procedure.next_due_on <= last
            )
        )
    )
    in_range |= set(
        session.scalars(
            select(Procedure.id).where(live, Procedure.next_due_on < first, started_since)
        )
    )
    if not first <= today <= last:
        return in_range, set(), 0
    overdue = (live, Procedure.next_due_on < today)
    count = session.scalar(select(func.count()).select_from(Procedure).where(*overdue)) or 0
    most_overdue = session.scalars(
        select(Procedure.id)
        .where(*overdue)
        .order_by(Procedure.next_due_on, Procedure.year, Procedure.seq)
        .limit(OVERDUE_ON_TODAY)
    )
    return in_range, set(most_overdue), count


def _deadline_items(
    session: Session, first: dt.date, last: dt.date, today: dt.date
) -> tuple[list[tuple[_SortKey, CalendarItem]], int]:
    """Every dated deadline still to meet that falls due in the range, judged today; the
    most overdue also on today when it is in the range; and the count of all overdue."""
    in_range, carried, overdue = _deadline_candidates(session, first, last, today)
    found: list[tuple[_SortKey, CalendarItem]] = []
    for batch in batches(sorted(in_range | carried)):
        courses = plain_courses(session, in_ids(batch))
        for procedure_id, head in heads(session, batch).items():
            for deadline in deadlines(courses[procedure_id].course, today):
                due, tone = deadline.due_on, _TONES.get(deadline.state)
                if due is None or tone is None:
                    continue
                days = [due] if first <= due <= last else []
                if procedure_id in carried and due < today:
                    days.append(today)
                for day in days:
                    item = CalendarItem(
                        day,
                        None,
                        Layer.DEADLINES,
                        tone,
                        head.number,
                        deadline.title(),
                        head.victims,
                        deadline.guidance(),
                        procedure_id,
                        due,
                    )
                    found.append((_key(item, head.order), item))
    return found, overdue


def _event_items(
    session: Session, first: dt.date, last: dt.date, wanted: frozenset[Layer]
) -> list[tuple[_SortKey, CalendarItem]]:
    """Recorded steps of the course in the range: GDP meetings, the others, or both."""
    query = (
        select(ProcedureEvent)
        .join(Procedure, Procedure.id == ProcedureEvent.procedure_id)
        .where(
            Procedure.deleted_at.is_(None),
            ProcedureEvent.occurred_on >= first,
            ProcedureEvent.occurred_on <= last,
        )
    )
    if Layer.STEPS not in wanted:
        query = query.where(ProcedureEvent.kind == CourseEvent.GDP_MEETING.value)
    elif Layer.GDP_MEETINGS not in wanted:
        query = query.where(ProcedureEvent.kind != CourseEvent.GDP_MEETING.value)
    events = session.scalars(query).all()
    owners = heads(session, {event.procedure_id for event in events})
    found = []
    for event in events:
        owner = owners[event.procedure_id]
        kind = CourseEvent(event.kind)
        ordinal = owner.ordinals.get(event.nka_record_id or 0, 1)
        which = f" (NK-A nr {ordinal})" if ordinal > 1 else ""  # as Deadline.title has it
        item = CalendarItem(
            event.occurred_on,
            None,
            Layer.GDP_MEETINGS if kind is CourseEvent.GDP_MEETING else Layer.STEPS,
            Tone.DONE,
            owner.number,
            f"{kind.label}{which}",
            owner.victims,
            event.note,
            event.procedure_id,
        )
        found.append((_key(item, owner.order), item))
    return found


def _visit_items(
    session: Session, first: dt.date, last: dt.date
) -> list[tuple[_SortKey, CalendarItem]]:
    entries = session.scalars(
        select(ChronologyEntry)
        .join(Procedure, Procedure.id == ChronologyEntry.procedure_id)
        .where(
            Procedure.deleted_at.is_(None),
            ChronologyEntry.kind == ChronologyKind.VISIT.value,
            ChronologyEntry.occurred_on >= first,
            ChronologyEntry.occurred_on <= last,
        )
    ).all()
    owners = heads(session, {entry.procedure_id for entry in entries})
    found = []
    for entry in entries:
        owner = owners[entry.procedure_id]
        item = CalendarItem(
            entry.occurred_on,
            None,
            Layer.VISITS,
            Tone.DONE,
            owner.number,
            ChronologyKind.VISIT.label,
            owner.victims,
            entry.title,
            entry.procedure_id,
        )
        found.append((_key(item, owner.order), item))
    return found


def _meeting_items(
    session: Session, first: dt.date, last: dt.date, wanted: frozenset[Layer], today: dt.date
) -> list[tuple[_SortKey, CalendarItem]]:
    """Meetings in the range, at their hour: planned ones still to come, held and
    cancelled ones as done (a cancelled one says so). Read as plain rows: a month holds
    thousands of them."""
    kinds = [kind.value for kind, layer in _MEETING_LAYERS.items() if layer in wanted]
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.kind,
            Meeting.status,
            Meeting.held_on,
            Meeting.starts_at,
            Meeting.place,
            Meeting.procedure_id,
        )
        .outerjoin(Procedure, Procedure.id == Meeting.procedure_id)
        .where(
            Meeting.held_on >= first,
            Meeting.held_on <= last,
            Meeting.kind.in_(kinds),
            or_(Meeting.procedure_id.is_(None), Procedure.deleted_at.is_(None)),
        )
    ).all()
    owners = heads(session, {m.procedure_id for m in rows if m.procedure_id})
    found = []
    for meeting in rows:
        kind, status = MeetingKind(meeting.kind), MeetingStatus(meeting.status)
        owner = owners.get(meeting.procedure_id or 0)
        what = kind.label if status is not MeetingStatus.CANCELLED else f"{kind.label} (odwołane)"
        planned = status is MeetingStatus.PLANNED
        item = CalendarItem(
            meeting.held_on,
            meeting.starts_at,
            _MEETING_LAYERS[kind],
            Tone.PENDING if planned and meeting.held_on >= today else Tone.DONE,
            owner.number if owner else "",
            what,
            owner.victims if owner else "",
            meeting.place or "spotkanie zdalne",
            meeting.procedure_id,
            meeting_id=meeting.id,
        )
        found.append((_key(item, owner.order if owner else (0, 0)), item))
    return found


def _own_items(
    session: Session, first: dt.date, last: dt.date, today: dt.date
) -> list[tuple[_SortKey, CalendarItem]]:
    appointments = session.scalars(
        select(Appointment)
        .outerjoin(Procedure, Procedure.id == Appointment.procedure_id)
        .where(
            Appointment.day >= first,
            Appointment.day <= last,
            or_(Appointment.procedure_id.is_(None), Procedure.deleted_at.is_(None)),
        )
    ).all()
    owners = heads(session, {a.procedure_id for a in appointments if a.procedure_id})
    found = []
    for appointment in appointments:
        owner = owners.get(appointment.procedure_id or 0)
        item = CalendarItem(
            appointment.day,
            appointment.starts_at,
            Layer.OWN,
            Tone.PENDING if appointment.day >= today else Tone.DONE,
            owner.number if owner else "",
            appointment.title,
            owner.victims if owner else "",
            appointment.place,
            appointment.procedure_id,
            appointment_id=appointment.id,
        )
        found.append((_key(item, owner.order if owner else (0, 0)), item))
    return found
