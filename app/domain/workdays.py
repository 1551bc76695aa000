"""Polish working days (dni robocze), so a deadline in working days is counted one way.

A deadline of n working days is read the ordinary way: counting starts on the day after
the event, and the n-th working day after it is the last day ("at once", n = 0, is the
day itself). Working days are Monday to Friday less the public holidays of the ustawa o
dniach wolnych od pracy (24 December is one from 2025); Saturdays never count. The
holidays come only from the `holidays` package, never from a table of our own, and only
for the years it covers: a date outside them is refused, not guessed. Since the count
lands only on working days, a deadline that would fall on a free day cannot happen.

Each year's working days are listed once and searched by bisection, so the deadlines of
tens of thousands of procedures cost microseconds each.
"""

import bisect
import datetime as dt
from functools import cache

import holidays
from holidays.countries.poland import Poland

from app.errors import ValidationError

FIRST_YEAR = Poland.start_year
LAST_YEAR = Poland.end_year
_FRIDAY = 4


@cache
def _holidays(year: int) -> dict[dt.date, str]:
    """The year's public holidays with their Polish names."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            f"Kalendarz świąt obejmuje lata {FIRST_YEAR}–{LAST_YEAR}; rok {year} jest poza nim."
        )
    return dict(holidays.country_holidays("PL", years=year, language="pl"))


@cache
def _working_days(year: int) -> tuple[int, ...]:
    """The ordinals of the year's working days, in order."""
    free = _holidays(year)
    first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    days = (dt.date.fromordinal(ordinal) for ordinal in range(first, last + 1))
    return tuple(day.toordinal() for day in days if day.weekday() <= _FRIDAY and day not in free)


def _up_to(day: dt.date) -> int:
    """How many working days of its year fall on or before `day`."""
    return bisect.bisect_right(_working_days(day.year), day.toordinal())


def holiday_name(day: dt.date) -> str | None:
    """The Polish name of the public holiday on `day`, or None on an ordinary day."""
    return _holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() <= _FRIDAY and day not in _holidays(day.year)


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start`; `start` itself when n is 0."""
    if n < 0:
        raise ValueError(f"a deadline counts forward: n={n}")
    if n == 0:
        return start
    year = start.year
    days = _working_days(year)
    index = _up_to(start) + n - 1
    while index >= len(days):
        index -= len(days)
        year += 1
        days = _working_days(year)
    return dt.date.fromordinal(days[index])


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The working days d with start < d <= end; negative (the same count) when end < start."""
    if end < start:
        return -working_days_between(end, start)
    whole_years = sum(len(_working_days(year)) for year in range(start.year, end.year))
    return whole_years + _up_to(end) - _up_to(start)
