"""Deadlines in working days land where a worker with a wall calendar would put them.

Every expected date below was read off a printed calendar for that month: counting starts
the day after the event, weekends and Polish public holidays are skipped.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.workdays import (
    add_working_days,
    holiday_name,
    is_working_day,
    working_days_between,
)
from app.errors import ValidationError

D = dt.date


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # Easter: Good Friday is a working day, Easter Monday is not.
        (D(2025, 4, 17), 1, D(2025, 4, 18)),
        (D(2025, 4, 17), 2, D(2025, 4, 22)),
        (D(2025, 4, 18), 1, D(2025, 4, 22)),
        (D(2026, 4, 2), 1, D(2026, 4, 3)),
        (D(2026, 4, 2), 2, D(2026, 4, 7)),
        (D(2026, 4, 3), 3, D(2026, 4, 9)),
        (D(2027, 3, 26), 1, D(2027, 3, 30)),
        # 1 and 3 May, on weekdays and on weekends.
        (D(2025, 4, 30), 1, D(2025, 5, 2)),  # 1.05 Thursday
        (D(2025, 4, 30), 2, D(2025, 5, 5)),  # 3.05 Saturday: no day added
        (D(2026, 4, 30), 1, D(2026, 5, 4)),  # 1.05 Friday, 3.05 Sunday
        (D(2027, 4, 30), 1, D(2027, 5, 4)),  # 1.05 Saturday, 3.05 Monday
        # Boże Ciało.
        (D(2025, 6, 18), 1, D(2025, 6, 20)),
        (D(2026, 6, 3), 2, D(2026, 6, 8)),
        (D(2027, 5, 26), 1, D(2027, 5, 28)),
        # 15 August.
        (D(2024, 8, 14), 1, D(2024, 8, 16)),  # Thursday
        (D(2025, 8, 14), 1, D(2025, 8, 18)),  # Friday
        (D(2026, 8, 14), 1, D(2026, 8, 17)),  # Saturday
        (D(2027, 8, 12), 2, D(2027, 8, 16)),  # Sunday
        # 1 and 11 November.
        (D(2025, 10, 31), 1, D(2025, 11, 3)),  # 1.11 Saturday
        (D(2025, 11, 10), 1, D(2025, 11, 12)),
        (D(2026, 11, 10), 1, D(2026, 11, 12)),
        (D(2027, 10, 29), 1, D(2027, 11, 2)),  # 1.11 Monday
        (D(2027, 11, 10), 1, D(2027, 11, 12)),
        # Christmas: 24.12 a working day in 2024, a holiday from 2025.
        (D(2024, 12, 23), 1, D(2024, 12, 24)),
        (D(2024, 12, 23), 2, D(2024, 12, 27)),
        (D(2025, 12, 23), 1, D(2025, 12, 29)),
        (D(2026, 12, 23), 1, D(2026, 12, 28)),
        (D(2027, 12, 23), 1, D(2027, 12, 27)),
        # Across the new year, with 1 and 6 January.
        (D(2025, 12, 23), 3, D(2025, 12, 31)),
        (D(2025, 12, 23), 5, D(2026, 1, 5)),
        (D(2025, 12, 23), 6, D(2026, 1, 7)),
        (D(2026, 12, 30), 3, D(2027, 1, 5)),
        (D(2026, 12, 30), 5, D(2027, 1, 8)),
        (D(2024, 12, 31), 3, D(2025, 1, 7)),
        (D(2024, 12, 31), 5, D(2025, 1, 9)),
        # "At once" is the day itself, even a holiday.
        (D(2025, 12, 25), 0, D(2025, 12, 25)),
        (D(2026, 3, 5), 0, D(2026, 3, 5)),
    ],
)
def test_deadline_falls_on_the_day_a_calendar_shows(start: dt.date, n: int, due: dt.date) -> None:
    assert add_working_days(start, n) == due
    if n:
        assert working_days_between(start, due) == n


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2025, 4, 21), "Poniedziałek Wielkanocny"),
        (D(2026, 5, 1), "Święto Państwowe"),
        (D(2027, 5, 3), "Święto Narodowe Trzeciego Maja"),
        (D(2026, 6, 4), "Dzień Bożego Ciała"),
        (D(2025, 8, 15), "Wniebowzięcie Najświętszej Marii Panny"),
        (D(2027, 11, 1), "Uroczystość Wszystkich Świętych"),
        (D(2026, 11, 11), "Narodowe Święto Niepodległości"),
        (D(2025, 12, 24), "Wigilia Bożego Narodzenia"),
        (D(2026, 12, 24), "Wigilia Bożego Narodzenia"),
        (D(2027, 12, 24), "Wigilia Bożego Narodzenia"),
        (D(2026, 12, 26), "Boże Narodzenie (drugi dzień)"),
        (D(2027, 1, 6), "Święto Trzech Króli"),
        (D(2024, 12, 24), None),
        (D(2026, 3, 5), None),
    ],
)
def test_holidays_have_their_polish_names(day: dt.date, name: str | None) -> None:
    assert holiday_name(day) == name
    assert is_working_day(day) == (name is None)


def test_saturday_never_counts_and_good_friday_does() -> None:
    assert not is_working_day(D(2026, 3, 7))
    assert not is_working_day(D(2026, 3, 8))
    assert is_working_day(D(2026, 4, 3))


def test_counting_back_gives_the_same_number_negated() -> None:
    assert working_days_between(D(2026, 1, 5), D(2025, 12, 23)) == -5
    assert working_days_between(D(2026, 3, 5), D(2026, 3, 5)) == 0


def test_a_year_the_holiday_calendar_does_not_cover_is_refused() -> None:
    with pytest.raises(ValidationError, match="rok 2101 jest poza nim"):
        add_working_days(D(2100, 12, 30), 5)
    with pytest.raises(ValidationError, match="obejmuje lata 1925–2100"):
        is_working_day(D(1900, 1, 1))


def test_a_negative_count_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="n=-1"):
        add_working_days(D(2026, 3, 5), -1)


DAYS = st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31))
COUNTS = st.integers(min_value=0, max_value=40)


@given(DAYS, st.integers(min_value=1, max_value=40))
def test_a_deadline_is_always_a_working_day(start: dt.date, n: int) -> None:
    assert is_working_day(add_working_days(start, n))


@given(DAYS, COUNTS, COUNTS)
def test_a_longer_deadline_is_never_earlier(start: dt.date, n: int, m: int) -> None:
    shorter, longer = sorted((n, m))
    assert add_working_days(start, shorter) <= add_working_days(start, longer)


@given(DAYS, DAYS, COUNTS)
def test_a_later_event_never_has_an_earlier_deadline(a: dt.date, b: dt.date, n: int) -> None:
    earlier, later = sorted((a, b))
    assert add_working_days(earlier, n) <= add_working_days(later, n)


@given(DAYS, COUNTS)
def test_exactly_n_working_days_lie_up_to_the_deadline(start: dt.date, n: int) -> None:
    due = add_working_days(start, n)
    days = (start + dt.timedelta(days=k) for k in range(1, (due - start).days + 1))
    assert sum(is_working_day(day) for day in days) == n == working_days_between(start, due)


@given(DAYS, DAYS)
def test_counting_between_two_days_is_antisymmetric(a: dt.date, b: dt.date) -> None:
    assert working_days_between(a, b) == -working_days_between(b, a)
