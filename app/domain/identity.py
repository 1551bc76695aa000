"""A person's identity data: PESEL, date of birth and sex must tell the same story."""

import calendar
import datetime as dt

from app.domain import pesel as pesel_rules
from app.domain.enums import Sex
from app.errors import ValidationError

EARLIEST_BIRTH_YEAR = 1900
ADULT_AGE = 18  # Civil Code art. 10 § 1


def check_name(value: str, field: str, what: str) -> None:
    """A first or last name as people have them: letters, with spaces, hyphens and
    apostrophes between; a digit there is a date or number typed into the wrong field."""
    text = value.strip()
    if not text:
        raise ValidationError(f"Podaj {what}.", field=field)
    if any(ch.isdigit() for ch in text):
        raise ValidationError(
            f"{what.capitalize()} nie może zawierać cyfr — czy to nie wpis do innego pola?",
            field=field,
        )
    if not any(ch.isalpha() for ch in text) or not all(
        ch.isalpha() or ch in " -'’." for ch in text
    ):
        raise ValidationError(
            f"{what.capitalize()} może zawierać tylko litery, spacje, łączniki i apostrofy.",
            field=field,
        )


def check_identity(
    pesel: str, birth_date: dt.date | None, sex: str | None, today: dt.date
) -> tuple[dt.date | None, Sex | None]:
    """The birth date and sex to keep; ones left empty are taken from a valid PESEL."""
    if sex is not None and sex not in set(Sex):
        raise ValidationError("Nieznana wartość płci.", field="sex")
    known_sex = Sex(sex) if sex is not None else None
    if pesel:
        try:
            info = pesel_rules.decode(pesel)
        except pesel_rules.InvalidPeselError as exc:
            raise ValidationError(str(exc), field="pesel") from exc
        if birth_date is not None and birth_date != info.birth_date:
            raise ValidationError(
                "Data urodzenia nie zgadza się z numerem PESEL "
                f"(PESEL wskazuje {info.birth_date:%d.%m.%Y}).",
                field="birth_date",
            )
        if known_sex is not None and known_sex != info.sex:
            raise ValidationError("Płeć nie zgadza się z numerem PESEL.", field="sex")
        birth_date, known_sex = info.birth_date, info.sex
    if birth_date is not None:
        check_birth_date(birth_date, today)
    return birth_date, known_sex


def check_birth_date(birth_date: dt.date, today: dt.date) -> None:
    """A birth date that has come and is not absurdly old."""
    if birth_date > today:
        raise ValidationError("Data urodzenia nie może być z przyszłości.", field="birth_date")
    if birth_date.year < EARLIEST_BIRTH_YEAR:
        raise ValidationError(
            f"Data urodzenia jest zbyt odległa (przed {EARLIEST_BIRTH_YEAR} r.).",
            field="birth_date",
        )


def known_birth_date(birth_date: dt.date | None, pesel: str) -> dt.date | None:
    """The recorded date of birth, else the one a valid PESEL gives (older records may
    hold only the PESEL)."""
    if birth_date is not None or not pesel:
        return birth_date
    try:
        return pesel_rules.decode(pesel).birth_date
    except pesel_rules.InvalidPeselError:
        return None


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Full years of age on `day`.

    A year of age is complete at the start of the day matching the birthday, and one born
    on 29 February completes it on 28 February in a common year (Civil Code art. 112).
    """
    years = day.year - birth_date.year
    if (birth_date.month, birth_date.day) == (2, 29) and not calendar.isleap(day.year):
        birthday = dt.date(day.year, 2, 28)
    else:
        birthday = birth_date.replace(year=day.year)
    return years - (day < birthday)
