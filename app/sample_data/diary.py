"""Hours of the day for planned meetings and appointments, booked so none overlap."""

import datetime as dt

from app.domain.workdays import add_working_days

_OPENING = 8 * 60  # nothing starts earlier (minutes past midnight)
_CLOSING = 18 * 60  # nothing ends later
_STEP = 30  # minutes between the starts tried


class Diary:
    """The hours taken on each day; one diary's bookings never overlap, so a victim and a
    perpetrator met on one day (or the worker's own meetings) are kept apart."""

    def __init__(self) -> None:
        self._taken: dict[dt.date, list[tuple[int, int]]] = {}

    def book(self, day: dt.date, minutes: int, earliest: int = 9 * 60) -> tuple[dt.time, dt.time]:
        """The first free span of `minutes` on `day` from `earliest` (minutes past
        midnight), else from the opening hour."""
        start = self._free(day, minutes, earliest)
        if start is None:
            start = self._free(day, minutes, _OPENING)
        if start is None:
            raise ValueError(f"Brak wolnej godziny {day:%d.%m.%Y}.")
        return self._take(day, start, minutes)

    def book_at(self, day: dt.date, minutes: int, at: int) -> tuple[dt.date, dt.time, dt.time]:
        """`minutes` from the hour `at` on `day`, or on the first working day after it
        when that hour is free."""
        while self._free(day, minutes, at) != at:
            day = add_working_days(day, 1)
        return (day, *self._take(day, at, minutes))

    def _free(self, day: dt.date, minutes: int, earliest: int) -> int | None:
        taken = self._taken.get(day, [])
        for start in range(earliest, _CLOSING - minutes + 1, _STEP):
            end = start + minutes
            if all(end <= first or last <= start for first, last in taken):
                return start
        return None

    def _take(self, day: dt.date, start: int, minutes: int) -> tuple[dt.time, dt.time]:
        self._taken.setdefault(day, []).append((start, start + minutes))
        return _time(start), _time(start + minutes)


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)
