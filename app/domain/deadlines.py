"""Every deadline of one procedure and its state on a given day, from its recorded course.

The course is the NK-A forms (each starts its own clocks where the rules say `per: nka`),
the dated events and the closure. A repeat NK-A in an open procedure is recorded in the
same procedure and starts only the per-NK-A clocks: it must reach the ZI chair, NK-B must
reach the victim and the GDP must receive it; the first GDP meeting, the perpetrator's
notification and the work with the people run once, from the opening NK-A — the law is
silent on repeats, and the GDP already working on the case meets on its own rhythm.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain import deadline_rules
from app.domain.deadline_rules import CLOSURE, NKA_FILLED, Count, Per, Rule
from app.domain.enums import CourseEvent
from app.domain.workdays import add_working_days, working_days_between

DUE_SOON_WORKING_DAYS = 3
PER_NKA_EVENTS = frozenset(
    {CourseEvent.NKA_RECEIVED_BY_CHAIR, CourseEvent.NKA_PASSED_TO_GDP, CourseEvent.NKB_HANDED}
)


class DeadlineState(StrEnum):
    WAITING = "waiting"
    PENDING = "pending"
    DUE_SOON = "due_soon"
    MET = "met"
    LATE = "late"
    MISSED = "missed"
    OPEN = "open"
    WAIVED = "waived"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def needs_action(self) -> bool:
        """Still to be done, with a date or without one."""
        return self in (self.PENDING, self.DUE_SOON, self.MISSED, self.OPEN)


_STATE_LABELS = {
    DeadlineState.WAITING: "jeszcze nie biegnie",
    DeadlineState.PENDING: "w terminie",
    DeadlineState.DUE_SOON: "termin blisko",
    DeadlineState.MET: "dotrzymany",
    DeadlineState.LATE: "po terminie",
    DeadlineState.MISSED: "termin minął",
    DeadlineState.OPEN: "bez terminu ustawowego",
    DeadlineState.WAIVED: "nie dotyczy",
}


@dataclass(frozen=True)
class NkaFacts:
    """An NK-A as the clocks see it; `nkb_in_form` is the form's „NK-B przekazano” box."""

    record_id: int
    filled_on: dt.date
    nkb_in_form: bool = False


@dataclass(frozen=True)
class EventFact:
    kind: CourseEvent
    occurred_on: dt.date
    nka_record_id: int | None = None


DeadlineKey = tuple[str, int | None]  # (step, NK-A record id for per-NK-A clocks)


@dataclass(frozen=True)
class Course:
    """What the register knows of one procedure's course; NK-A in filing order."""

    nkas: Sequence[NkaFacts]
    events: Sequence[EventFact] = ()
    closed_on: dt.date | None = None
    reasons: Mapping[DeadlineKey, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Deadline:
    rule: Rule
    nka_record_id: int | None
    nka_ordinal: int | None
    starts_on: dt.date | None
    due_on: dt.date | None
    done_on: dt.date | None
    state: DeadlineState
    days_late: int = 0
    reason: str = ""

    @property
    def key(self) -> DeadlineKey:
        return (self.rule.step, self.nka_record_id if self.rule.per is Per.NKA else None)

    @property
    def repeat(self) -> bool:
        return self.nka_ordinal is not None and self.nka_ordinal > 1

    def action(self) -> str:
        return self.rule.action_repeat if self.repeat else self.rule.action

    def guidance(self) -> str:
        """One sentence: what the law requires and by when („… — do 12.03.2026 (…)”)."""
        return f"{self.action()}{self._which()} — {self.when()}"

    def title(self) -> str:
        """The kind of step, for a calendar: „NK-A u członków GDP (NK-A nr 2)”."""
        return f"{self.rule.title}{self._which()}"

    def _which(self) -> str:
        return f" (NK-A nr {self.nka_ordinal})" if self.repeat else ""

    def when(self) -> str:
        rule = self.rule
        if rule.days is None or self.due_on is None:
            return f"bez terminu ustawowego ({rule.basis})"
        if rule.days == 0:
            limit = f"od razu, {rule.basis}"
        else:
            limit = f"{days_phrase(rule.days, rule.count)}, {rule.basis}"
        shown = self.due_on.strftime("%d.%m.%Y")
        if self.state is DeadlineState.MISSED:
            late = days_phrase(self.days_late, rule.count)
            return f"termin minął {shown} ({limit}); spóźnienie {late}"
        return f"do {shown} ({limit})"


def days_phrase(days: int, count: Count) -> str:
    """„1 dzień roboczy”, „3 dni robocze”, „5 dni roboczych”; calendar days without „roboczy”."""
    word = "dzień" if days == 1 else "dni"
    if count is Count.CALENDAR:
        return f"{days} {word}"
    few = days % 10 in (2, 3, 4) and days % 100 not in (12, 13, 14)
    adjective = "roboczy" if days == 1 else ("robocze" if few else "roboczych")
    return f"{days} {word} {adjective}"


def _add(start: dt.date, days: int, count: Count) -> dt.date:
    if count is Count.WORKING:
        return add_working_days(start, days)
    return start + dt.timedelta(days=days)


def due_on(rule: Rule, start: dt.date) -> dt.date | None:
    """The last day of a clock of `rule` started on `start`; None for a step without one.

    Public so that fictional data can time a step on, or just past, its deadline.
    """
    return None if rule.days is None else _add(start, rule.days, rule.count)


def _between(start: dt.date, end: dt.date, count: Count) -> int:
    if count is Count.WORKING:
        return working_days_between(start, end)
    return (end - start).days


class _Events:
    """The earliest dated event of a kind, for one NK-A or for the whole procedure."""

    def __init__(self, events: Iterable[EventFact]) -> None:
        self._dates: dict[tuple[str, int | None], list[dt.date]] = {}
        for event in events:
            owner = event.nka_record_id if event.kind in PER_NKA_EVENTS else None
            self._dates.setdefault((event.kind.value, owner), []).append(event.occurred_on)
        for dates in self._dates.values():
            dates.sort()

    def first(self, kind: str, nka: NkaFacts | None, not_before: dt.date) -> dt.date | None:
        owner = nka.record_id if nka is not None and kind in PER_NKA_EVENTS else None
        for day in self._dates.get((kind, owner), ()):
            if day >= not_before:
                return day
        return None


def _start(rule: Rule, nka: NkaFacts | None, course: Course, events: _Events) -> dt.date | None:
    if rule.starts == NKA_FILLED:
        return nka.filled_on if nka is not None else None
    if rule.starts == CLOSURE:
        return course.closed_on
    floor = nka.filled_on if nka is not None else dt.date.min
    return events.first(rule.starts, nka, floor)


def _done(rule: Rule, nka: NkaFacts | None, start: dt.date, events: _Events) -> dt.date | None:
    if rule.done_by == CourseEvent.NKB_HANDED and nka is not None and nka.nkb_in_form:
        return nka.filled_on
    return events.first(rule.done_by, nka, start)


def _judge(
    rule: Rule,
    nka: NkaFacts | None,
    ordinal: int | None,
    course: Course,
    events: _Events,
    today: dt.date,
) -> Deadline:
    record_id = nka.record_id if nka is not None else None
    reason = course.reasons.get((rule.step, record_id if rule.per is Per.NKA else None), "")
    start = _start(rule, nka, course, events)
    if start is None:
        waiting = DeadlineState.WAITING
        return Deadline(rule, record_id, ordinal, None, None, None, waiting, 0, reason)
    due = due_on(rule, start)
    done = _done(rule, nka, start, events)
    waived = rule.waived_by is not None and events.first(rule.waived_by, nka, dt.date.min)
    closed = course.closed_on if rule.per is not Per.CLOSURE else None
    state, late = _state(rule, due, done, bool(waived), closed, today)
    return Deadline(rule, record_id, ordinal, start, due, done, state, late, reason)


def _state(
    rule: Rule,
    due: dt.date | None,
    done: dt.date | None,
    waived: bool,
    closed: dt.date | None,
    today: dt.date,
) -> tuple[DeadlineState, int]:
    """The state and, when late or missed, by how many days (in the rule's own count).

    A closure stops the clocks: one not yet due then no longer applies, one already
    missed stays missed, counted up to the closure.
    """
    if done is not None:
        if due is None or done <= due:
            return DeadlineState.MET, 0
        return DeadlineState.LATE, _between(due, done, rule.count)
    if waived or (closed is not None and (due is None or closed <= due)):
        return DeadlineState.WAIVED, 0
    if due is None:
        return DeadlineState.OPEN, 0
    end = closed if closed is not None else today
    if end > due:
        return DeadlineState.MISSED, _between(due, end, rule.count)
    if rule.without_delay or _between(today, due, Count.WORKING) <= DUE_SOON_WORKING_DAYS:
        return DeadlineState.DUE_SOON, 0
    return DeadlineState.PENDING, 0


def deadlines(course: Course, today: dt.date) -> tuple[Deadline, ...]:
    """Every clock of the procedure in the order of the course, each judged on `today`."""
    events = _Events(course.events)
    judged: list[Deadline] = []
    for ordinal, nka in enumerate(course.nkas, start=1):
        for rule in deadline_rules.rules_in_force(nka.filled_on):
            if rule.per is Per.NKA or (rule.per is Per.OPENING_NKA and ordinal == 1):
                judged.append(_judge(rule, nka, ordinal, course, events, today))
    if course.closed_on is not None:
        for rule in deadline_rules.rules_in_force(course.closed_on):
            if rule.per is Per.CLOSURE:
                judged.append(_judge(rule, None, None, course, events, today))
    return tuple(judged)


def earliest_start(due_from: dt.date) -> dt.date:
    """The earliest day a dated clock of any rule ever in force can start and still fall
    due on or after `due_from`: a deadline due in a range began on or after this day."""
    earliest = due_from
    for rule in deadline_rules.all_rules():
        if rule.days is None:
            continue
        start = due_from - dt.timedelta(days=rule.days)  # n working days span n days or more
        while _add(start - dt.timedelta(days=1), rule.days, rule.count) >= due_from:
            start -= dt.timedelta(days=1)
        earliest = min(earliest, start)
    return earliest


def next_step(judged: Iterable[Deadline]) -> Deadline | None:
    """What the law requires next: the earliest dated deadline still to meet, else the
    first step without a statutory deadline still to do."""
    to_do = [deadline for deadline in judged if deadline.state.needs_action]
    dated = [deadline for deadline in to_do if deadline.due_on is not None]
    if dated:
        return min(dated, key=lambda deadline: deadline.due_on or dt.date.max)
    return to_do[0] if to_do else None


def next_due(judged: Iterable[Deadline]) -> dt.date | None:
    """The earliest due date still to meet (a missed one included): lists sort by it, and
    a procedure is overdue when it lies before today."""
    dates = [d.due_on for d in judged if d.state.needs_action and d.due_on is not None]
    return min(dates, default=None)
