"""Dates as a Polish worker types them, read one way everywhere (date fields, import, CLI).

Day first with dots, dashes or slashes (5.3.2025, 05-03-2025, 5/3/2025), ISO (2025-03-05)
and two-digit years (5.3.25). Eight bare digits are refused: 20101231 could be either
order, and a date is never guessed. A text that cannot be read is never
turned into some other date: it is refused with the reason, in Polish.
"""

import calendar
import datetime as dt
import re

from app.errors import ValidationError

EXAMPLE = "5.3.2025"
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{2}|\d{4})\.?", re.ASCII)
_YEAR_FIRST = re.compile(r"(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})", re.ASCII)
_MONTHS_GENITIVE = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
]
MONTHS = (
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
)
WEEKDAYS = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")
TWO_DIGIT_YEARS_AHEAD = 10
"""A two-digit year is read as the nearest year at most this far after today, else a
century earlier: on 30.11.2026 "36" is 2036 and "37" is 1937 (a birth date)."""


def format_date(value: dt.date) -> str:
    """dd.mm.rrrr, the way every field shows a date it has read."""
    return f"{value.day:02}.{value.month:02}.{value.year:04}"


def spelled_out(value: dt.date) -> str:
    """ "środa, 5 marca 2025": shown beside a field so a misread date is noticed at once."""
    return (
        f"{WEEKDAYS[value.weekday()]}, {value.day} {_MONTHS_GENITIVE[value.month - 1]} {value.year}"
    )


def _shown(text: str) -> str:
    """The typed text quoted back on one line: printable characters, at most 20."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split())[:20]


def _full_year(year_text: str, today: dt.date) -> int:
    year = int(year_text)
    if len(year_text) == 4:
        return year
    century = today.year - today.year % 100
    candidate = century + year
    if candidate > today.year + TWO_DIGIT_YEARS_AHEAD:
        candidate -= 100
    return candidate


def _parts(text: str, today: dt.date) -> tuple[int, int, int] | None:
    """Year, month and day as written, or None when the text is not a date spelling."""
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = match.groups()
        return int(year), int(month), int(day)
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
        return _full_year(year, today), int(month), int(day)
    return None


def parse_typed_date(text: str, today: dt.date) -> dt.date:
    """The date `text` names, or a ValidationError saying why it cannot be read."""
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError("Wpisz datę, np. " + EXAMPLE + ".")
    parts = _parts(cleaned, today)
    if parts is None:
        raise ValidationError(
            f"Nie rozpoznano daty „{_shown(cleaned)}”. Wpisz dzień, miesiąc i rok, np. {EXAMPLE}."
        )
    year, month, day = parts
    if not 1 <= month <= 12:
        raise ValidationError(f"Nie ma miesiąca {month}: miesiąc to liczba od 1 do 12.")
    if not 1 <= year <= 9999:
        raise ValidationError(f"Rok {year} jest poza zakresem.")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValidationError(
            f"{MONTHS[month - 1].capitalize()} {year} ma {days} dni — nie ma dnia {day}."
        )
    return dt.date(year, month, day)
