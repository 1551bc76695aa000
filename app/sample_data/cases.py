"""Ten years of fictional procedures, drawn one at a time in start order, for any count.

The demo's planner, NK-A, course, case-work and group builders draw each case; this
module adds what scale needs: start dates spread over ten years, households that come
back years later, closures that grow likelier with a case's age, new incidents in
procedures still in progress, and a few deleted procedures (with no group work).
"""

import datetime as dt
import random
from dataclasses import dataclass

from app.domain.enums import ChronologyKind, ClosureGround
from app.sample_data.casework import draw_entries
from app.sample_data.course_plan import draw_course, notification_runs
from app.sample_data.diary import Diary
from app.sample_data.group_plan import draw_group_work
from app.sample_data.nka_forms import draw_nka
from app.sample_data.office_plan import case_appointment
from app.sample_data.plan import Adult, Entry, Family, Procedure
from app.sample_data.planner import Planner
from app.sample_data.schedule import closure_justification
from app.sample_data.vocabulary import HOUSEHOLD_KINDS

YEARS = 10
_KINDS = tuple(kind for kind, count in HOUSEHOLD_KINDS for _ in range(count))
_MALE_PERPETRATOR_KINDS = frozenset({"couple", "cohabiting", "two_victims", "two_perpetrators"})
_SAME_HOUSEHOLD_SHARE = 0.07  # cases that bring back the household of a closed case
_NEW_PARTNER_SHARE = 0.03  # cases of an earlier perpetrator with a new partner
_POOL_LIMIT = 4000  # closed cases remembered as possible repeats (bounds the memory)
_FRESH_NKA_SHARE = 0.08  # procedures in progress with a new NK-A in the last two weeks
_UNREACHABLE_EVERY = 10  # about one in so many procedures in progress cannot reach the perpetrator
CLOSURE_TITLE = "Posiedzenie GDP — decyzja o zakończeniu procedury"


@dataclass
class Case:
    """One drawn procedure: its plan, and whether the worker later deleted it."""

    procedure: Procedure
    deleted: bool


@dataclass(frozen=True)
class _Closed:
    closed_on: dt.date
    family: Family


class CaseDrawer:
    """Draws `total` procedures whose starts spread over the ten years ending today; the
    groups' work comes from `team_rng`, so it changes no case drawn from the planner's."""

    def __init__(self, planner: Planner, total: int, team_rng: random.Random) -> None:
        self.planner = planner
        self.team_rng = team_rng
        rng = planner.rng
        today = planner.today
        first = first_day(today)
        span = (today - first).days
        self.starts = sorted(first + dt.timedelta(days=rng.randint(0, span)) for _ in range(total))
        self.deleted = frozenset(rng.sample(range(total), max(1, total // 250)))
        self._closed: list[_Closed] = []
        self._unreachable_in = rng.randint(1, _UNREACHABLE_EVERY)

    def draw(self, index: int) -> Case:
        """The procedure started `index`-th; call in order, as the numbers follow it."""
        planner, rng = self.planner, self.planner.rng
        start = self.starts[index]
        earlier = self._earlier_case(start)
        roll = rng.random()
        if earlier is not None and roll < _SAME_HOUSEHOLD_SHARE:
            family = earlier.family
        elif (
            earlier is not None
            and roll < _SAME_HOUSEHOLD_SHARE + _NEW_PARTNER_SHARE
            and earlier.family.kind in _MALE_PERPETRATOR_KINDS
        ):
            family = _new_partner(planner, earlier.family, start)
        else:
            family, earlier = planner.family(rng.choice(_KINDS), start), None
        proc = Procedure(started_on=start, members=family.members_at(start, snapshot=False))
        end = self._close(proc)
        proc.nkas.append(draw_nka(planner, family, start, 0))
        if earlier is not None:
            year = earlier.closed_on.year
            proc.notes = f"Ponowna procedura — te osoby były w procedurze zakończonej w {year} r."
            proc.nkas[0].content["earlier_interventions"] = (
                f"Procedura „Niebieskie Karty” zakończona w {year} r."
            )
        self._add_repeat_nkas(proc, family, end)
        draw_course(rng, proc, planner.today, self._unreachable(proc))
        proc.entries = draw_entries(rng, proc, family, end)
        if proc.closure is not None:
            closed_on, _, justification = proc.closure
            proc.entries.append(Entry(closed_on, ChronologyKind.NOTE, CLOSURE_TITLE, justification))
            self._remember(_Closed(closed_on, family))
        deleted = index in self.deleted
        if not deleted:
            diary = Diary()
            draw_group_work(self.team_rng, proc, planner.today, diary)
            appointment = case_appointment(self.team_rng, proc, planner.today, diary)
            proc.appointments = [appointment] if appointment is not None else []
        return Case(proc, deleted)

    def _unreachable(self, proc: Procedure) -> bool:
        """Whether the perpetrator was never notified: one in about ten procedures in progress
        for two months or more, spaced out so that even a small register has some."""
        planner = self.planner
        start = proc.started_on
        if proc.closure is not None or (planner.today - start).days < 60:
            return False
        if not notification_runs(start):
            return False
        self._unreachable_in -= 1
        if self._unreachable_in:
            return False
        every = _UNREACHABLE_EVERY
        self._unreachable_in = planner.rng.randint(every // 2, every * 3 // 2)
        return True

    def _earlier_case(self, start: dt.date) -> _Closed | None:
        """A closed case that could come back now (closed before `start`), or None."""
        if not self._closed:
            return None
        candidate = self.planner.rng.choice(self._closed)
        return candidate if candidate.closed_on < start else None

    def _remember(self, closed: _Closed) -> None:
        self._closed.append(closed)
        if len(self._closed) > _POOL_LIMIT:
            del self._closed[: _POOL_LIMIT // 4]

    def _close(self, proc: Procedure) -> dt.date:
        """Close the procedure by the odds of its age; returns the last day of its case work."""
        rng, today = self.planner.rng, self.planner.today
        age = (today - proc.started_on).days
        odds = 0.95 if age > 730 else 0.7 if age > 365 else 0.3 if age > 120 else 0.0
        if rng.random() >= odds:
            return today
        closed_on = min(proc.started_on + dt.timedelta(days=rng.randint(60, 420)), today)
        if (closed_on - proc.started_on).days < 30:
            return today
        ground = ClosureGround.VIOLENCE_STOPPED if rng.random() < 0.75 else ClosureGround.NO_GROUNDS
        proc.closure = (closed_on, ground, closure_justification(ground))
        return closed_on

    def _add_repeat_nkas(self, proc: Procedure, family: Family, end: dt.date) -> None:
        """A second NK-A after a new incident in about a quarter of cases, rarely a third;
        now and then one in the last two weeks of a procedure in progress."""
        planner, rng = self.planner, self.planner.rng
        span = (end - proc.started_on).days
        if span >= 60 and rng.random() < 0.25:
            second = proc.started_on + dt.timedelta(days=rng.randint(14, span // 2))
            proc.nkas.append(draw_nka(planner, family, second, 1))
            if (end - second).days >= 20 and rng.random() < 0.35:
                third = planner.day_in(second + dt.timedelta(days=10), end - dt.timedelta(days=5))
                proc.nkas.append(draw_nka(planner, family, third, 2))
        fresh = planner.today - dt.timedelta(days=rng.randint(0, 13))
        if (
            proc.closure is None
            and len(proc.nkas) < 3
            and (fresh - proc.nkas[-1].filled_on).days >= 14
            and rng.random() < _FRESH_NKA_SHARE
        ):
            proc.nkas.append(draw_nka(planner, family, fresh, len(proc.nkas)))


def first_day(today: dt.date) -> dt.date:
    """The first day a generated procedure may start: ten years back from today."""
    return today - dt.timedelta(days=round(YEARS * 365.25) - 1)


def _new_partner(planner: Planner, old: Family, start: dt.date) -> Family:
    """The perpetrator of a closed case, now living with a new partner and her children.

    He keeps the record he already has (the generator writes every person once).
    """
    fresh = planner.family("cohabiting", start)
    details = dict(fresh.perpetrators[0].details) | {"marital_status": "rozwiedziony"}
    fresh.perpetrators = [Adult(old.perpetrators[0].person, details)]
    fresh.others = [
        (child, kinship.replace("osoby stosującej", "partnerki osoby stosującej"))
        for child, kinship in fresh.others
    ]
    return fresh
