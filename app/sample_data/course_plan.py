"""The dated course of a fictional procedure: the steps the deadline rules count.

A step with a deadline is timed against its rule (the rule data in force on its NK-A's
filling day, `app.domain.deadlines.due_on`): most on time, some late by one to ten
working days, about half of those with the worker's reason. Nothing is done after the end
of the course (the closure, or today), so the newest clocks still run and a late step
not yet done is missed; judged on its "today", the register holds what a real one does.
Steps drawn for after the end are kept apart (`Procedure.upcoming`): the meetings still
planned, or cancelled by the closure, are made from them.
"""

import datetime as dt
import random
from collections.abc import Mapping
from functools import cache

from app.domain import deadline_rules
from app.domain.deadline_rules import Per, Rule
from app.domain.deadlines import due_on
from app.domain.enums import CourseEvent, InitiatorService, Role
from app.domain.workdays import add_working_days, working_days_between
from app.sample_data.plan import Nka, Procedure, Reason, Step
from app.sample_data.plan import Person as PlannedPerson
from app.sample_data.vocabulary import DEADLINE_REASONS

LATE_SHARE = 0.12  # steps with a deadline done after it
LATE_NKB_SHARE = 0.6  # NK-Bs not handed with the form (filled without the victim) handed late
LATE_DAYS = (1, 1, 1, 2, 2, 3, 4, 5, 7, 10)  # working days past the deadline
REASON_SHARE = 0.5  # late or missed deadlines the worker explained
PRESENT_SHARE = 0.5  # police NK-As filled with the perpetrator present
DID_NOT_COME_SHARE = 0.25  # perpetrators who ignored the GDP's invitation
CHAIR_INFORMED_SHARE = 0.9  # closures the ZI chair was told of


@cache
def _rules_on(day: dt.date) -> Mapping[str, Rule]:
    """The version of each step in force for an NK-A filled on `day`, by step."""
    return {rule.step: rule for rule in deadline_rules.rules_in_force(day)}


def notification_runs(day: dt.date) -> bool:
    """Whether an NK-A filled on `day` starts the clock of the perpetrator's notification
    (the rules before the 2023 reform had none): only then can leaving it undone be missed."""
    return "perpetrator_notified" in _rules_on(day)


class _Course:
    """Collects one procedure's steps and reasons, timed by its rules up to `end`."""

    def __init__(self, rng: random.Random, end: dt.date) -> None:
        self.rng = rng
        self.end = end
        self.steps: list[Step] = []
        self.later: list[Step] = []
        self.reasons: list[Reason] = []

    def add(
        self,
        kind: CourseEvent,
        day: dt.date,
        nka: int | None = None,
        person: PlannedPerson | None = None,
        until: dt.date | None = None,
    ) -> None:
        """Record the step if it happened by the end of the course (or by `until`); keep
        it as one still to come otherwise."""
        step = Step(kind, day, nka, person)
        (self.steps if day <= (until or self.end) else self.later).append(step)

    def paced(self, start: dt.date, least: int, most: int) -> dt.date:
        """A step without a deadline, some working days after the one it follows."""
        return add_working_days(start, self.rng.randint(least, most))

    def timed(
        self,
        step: str,
        index: int,
        filled_on: dt.date,
        start: dt.date,
        pace: tuple[int, int],
        late_share: float = LATE_SHARE,
    ) -> dt.date:
        """The day `step` (of NK-A `index`) is done: on time from `pace[0]` working days
        after `start`, or late (explained or not once its deadline has passed); a step the
        rules in force lack follows `pace`."""
        rng = self.rng
        rule = _rules_on(filled_on).get(step)
        due = due_on(rule, start) if rule is not None else None
        if rule is None or due is None:
            return self.paced(start, *pace)
        if rng.random() < late_share:
            if due < self.end and rng.random() < REASON_SHARE:
                owner = index if rule.per is Per.NKA else None
                self.reasons.append(Reason(step, owner, rng.choice(DEADLINE_REASONS[step])))
            return add_working_days(due, rng.choice(LATE_DAYS))
        room = working_days_between(start, due)
        return add_working_days(start, rng.randint(min(pace[0], room), room))

    def form(self, index: int, nka: Nka) -> dt.date:
        """The NK-A's own steps: to the chair, NK-B, to the GDP; returns the GDP's day."""
        filled = nka.filled_on
        received = self.timed("nka_to_chair", index, filled, filled, (1, 4))
        nka.received = received if received <= self.end else None
        if not nka.content.get("nkb_handed"):
            handed = self.timed("nkb_to_victim", index, filled, filled, (1, 3), LATE_NKB_SHARE)
            self.add(CourseEvent.NKB_HANDED, handed, index)
        passed = self.timed("nka_to_gdp", index, filled, received, (0, 3))
        self.add(CourseEvent.NKA_PASSED_TO_GDP, passed, index)
        return passed

    def opening(self, proc: Procedure, passed: dt.date, unreachable: bool) -> None:
        """The work that runs once, from the GDP's receipt of the opening NK-A."""
        rng, first = self.rng, proc.nkas[0]
        meeting = self.timed("first_gdp_meeting", 0, first.filled_on, passed, (1, 5))
        if unreachable:
            if rng.random() < REASON_SHARE:
                text = rng.choice(DEADLINE_REASONS["perpetrator_notified"])
                self.reasons.append(Reason("perpetrator_notified", None, text))
        elif first.service is InitiatorService.POLICE and rng.random() < PRESENT_SHARE:
            self.add(CourseEvent.PERPETRATOR_PRESENT_AT_OPENING, first.filled_on)
        else:
            notified = self.timed("perpetrator_notified", 0, first.filled_on, passed, (0, 3))
            self.add(CourseEvent.PERPETRATOR_NOTIFIED, notified)
        self.add(CourseEvent.GDP_MEETING, meeting)
        victims = [m.person for m in proc.members if m.role is Role.VICTIM]
        for order, victim in enumerate(victims):
            invited = self.paced(meeting, 0, 3)
            self.add(CourseEvent.VICTIM_INVITED, invited, person=victim)
            talked = self.paced(invited, 2, 8)
            self.add(CourseEvent.NKC_FILLED, talked, person=victim)
            if order == 0:
                self.add(CourseEvent.HELP_PLAN, self.paced(talked, 0, 5))
        if unreachable:
            return
        for perpetrator in (m.person for m in proc.members if m.role is Role.PERPETRATOR):
            invited = self.paced(meeting, 0, 3)
            self.add(CourseEvent.PERPETRATOR_INVITED, invited, person=perpetrator)
            came = rng.random() >= DID_NOT_COME_SHARE
            outcome = CourseEvent.NKD_FILLED if came else CourseEvent.PERPETRATOR_DID_NOT_COME
            self.add(outcome, self.paced(invited, 5, 10), person=perpetrator)


def draw_course(
    rng: random.Random, proc: Procedure, today: dt.date, unreachable: bool = False
) -> None:
    """Time the course of `proc` (its NK-As' receipts by the chair included) up to today.

    `unreachable`: the perpetrator could be neither notified nor invited, so a procedure
    in progress has a deadline missed long ago.
    """
    end = proc.closure[0] if proc.closure is not None else today
    course = _Course(rng, end)
    for index, nka in enumerate(proc.nkas):
        passed = course.form(index, nka)
        if index == 0:
            course.opening(proc, passed, unreachable)
        else:
            course.add(CourseEvent.GDP_MEETING, course.paced(passed, 1, 5))
    if proc.closure is not None:
        course.add(CourseEvent.GDP_MEETING, end)
        if rng.random() < CHAIR_INFORMED_SHARE:
            informed = course.paced(end, 0, 3)
            course.add(CourseEvent.CHAIR_INFORMED_OF_CLOSURE, informed, until=today)
    proc.course = sorted(course.steps, key=lambda step: step.occurred_on)
    proc.upcoming = sorted(course.later, key=lambda step: step.occurred_on)
    proc.reasons = course.reasons
