"""Dates as she types them: every Polish spelling gives the date meant, nothing else slips by."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.typed_dates import format_date, parse_typed_date, spelled_out
from app.errors import ValidationError
from tests.support.clock import TODAY

MARCH_5 = dt.date(2025, 3, 5)


@pytest.mark.parametrize(
    "text",
    [
        "5.3.2025",
        "05.03.2025",
        "5-3-2025",
        "05-03-2025",
        "5/3/2025",
        "2025-03-05",
        "2025-3-5",
        "5.3.25",
        " 5 . 3 . 2025 ",
        "5.3.2025.",
    ],
)
def test_every_usual_spelling_gives_the_fifth_of_march(text: str) -> None:
    assert parse_typed_date(text, TODAY) == MARCH_5


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("5.3.85", dt.date(1985, 3, 5)),  # a birth date
        ("1.1.36", dt.date(2036, 1, 1)),  # at most ten years ahead of 2026
        ("1.1.37", dt.date(1937, 1, 1)),
        ("30.11.26", dt.date(2026, 11, 30)),
        ("29.2.24", dt.date(2024, 2, 29)),
    ],
)
def test_two_digit_years_are_read_as_the_nearest_sensible_century(
    text: str, meant: dt.date
) -> None:
    assert parse_typed_date(text, TODAY) == meant


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "Wpisz datę, np. 5.3.2025."),
        ("   ", "Wpisz datę, np. 5.3.2025."),
        ("31.02.2025", "Luty 2025 ma 28 dni — nie ma dnia 31."),
        ("29.2.2025", "Luty 2025 ma 28 dni — nie ma dnia 29."),
        ("31.4.2026", "Kwiecień 2026 ma 30 dni — nie ma dnia 31."),
        ("5.13.2025", "Nie ma miesiąca 13: miesiąc to liczba od 1 do 12."),
        ("2025-00-10", "Nie ma miesiąca 0: miesiąc to liczba od 1 do 12."),
        ("0.3.2025", "Marzec 2025 ma 31 dni — nie ma dnia 0."),
        ("5.3", "Nie rozpoznano daty „5.3”. Wpisz dzień, miesiąc i rok, np. 5.3.2025."),
        ("5.3.202", "Nie rozpoznano daty „5.3.202”. Wpisz dzień, miesiąc i rok, np. 5.3.2025."),
        ("wczoraj", "Nie rozpoznano daty „wczoraj”. Wpisz dzień, miesiąc i rok, np. 5.3.2025."),
        ("2025-03", "Nie rozpoznano daty „2025-03”. Wpisz dzień, miesiąc i rok, np. 5.3.2025."),
        ("20101231", "Nie rozpoznano daty „20101231”. Wpisz dzień, miesiąc i rok, np. 5.3.2025."),
    ],
)
def test_a_text_that_is_no_date_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_typed_date(text, TODAY)
    assert refused.value.message == reason


def test_the_date_read_is_spelled_out_in_polish() -> None:
    assert spelled_out(MARCH_5) == "środa, 5 marca 2025"
    assert spelled_out(dt.date(2026, 11, 30)) == "poniedziałek, 30 listopada 2026"
    assert format_date(MARCH_5) == "05.03.2025"


_WINDOW = st.dates(min_value=dt.date(1937, 1, 1), max_value=dt.date(2036, 12, 31))


@given(_WINDOW)
def test_any_date_written_any_usual_way_reads_back_as_itself(day: dt.date) -> None:
    spellings = [
        f"{day.day}.{day.month}.{day.year}",
        format_date(day),
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        day.isoformat(),
        f"{day.day}.{day.month}.{day.year % 100:02}",
    ]
    assert {parse_typed_date(text, TODAY) for text in spellings} == {day}


@given(st.text(max_size=24))
def test_any_text_gives_a_date_or_a_polish_reason_never_a_crash(text: str) -> None:
    try:
        value = parse_typed_date(text, TODAY)
    except ValidationError as refused:
        assert refused.message and "\n" not in refused.message
    else:
        assert dt.date(1, 1, 1) <= value <= dt.date(9999, 12, 31)
        assert str(value.day) in text or f"{value.day:02}" in text
