"""PESEL: validation and the date of birth and sex it encodes, through python-stdnum.

The checks themselves are stdnum's; this module keeps the program's rules around them
(exactly eleven digits as typed, no spaces or dashes) and its Polish messages.
"""

import datetime as dt
from dataclasses import dataclass

from stdnum.exceptions import InvalidChecksum, InvalidComponent
from stdnum.exceptions import ValidationError as NumberError
from stdnum.pl import pesel as stdnum_pesel

from app.domain.enums import Sex

# Month offsets encode the century: +80 → 1800s, +0 → 1900s, +20 → 2000s, +40 → 2100s, +60 → 2200s.
_OFFSET_BY_CENTURY = {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}


@dataclass(frozen=True)
class PeselInfo:
    """What a valid PESEL tells about its holder."""

    birth_date: dt.date
    sex: Sex


class InvalidPeselError(ValueError):
    """The string is not a valid PESEL; the message is Polish and user-facing."""


def decode(pesel: str) -> PeselInfo:
    """Validate `pesel` and return the birth date and sex it encodes."""
    if len(pesel) != 11 or not (pesel.isascii() and pesel.isdigit()):
        raise InvalidPeselError("PESEL musi mieć dokładnie 11 cyfr.")
    try:
        stdnum_pesel.validate(pesel)
    except InvalidChecksum as exc:
        raise InvalidPeselError("PESEL ma błędną cyfrę kontrolną.") from exc
    except InvalidComponent as exc:
        raise InvalidPeselError("PESEL zawiera niemożliwą datę urodzenia.") from exc
    except NumberError as exc:
        raise InvalidPeselError("PESEL musi mieć dokładnie 11 cyfr.") from exc
    sex = Sex.FEMALE if stdnum_pesel.get_gender(pesel) == "F" else Sex.MALE
    return PeselInfo(birth_date=stdnum_pesel.get_birth_date(pesel), sex=sex)


def is_valid(pesel: str) -> bool:
    """True when `pesel` passes the format, date and checksum checks."""
    try:
        decode(pesel)
    except InvalidPeselError:
        return False
    return True


def check_digit(first_ten: str) -> str:
    """The control digit for the first ten digits of a PESEL."""
    digit: str = stdnum_pesel.calc_check_digit(first_ten)
    return digit


def encode(birth_date: dt.date, serial: int, sex: Sex) -> str:
    """Build a valid PESEL (used for fictional demo data and tests)."""
    offset = _OFFSET_BY_CENTURY[birth_date.year // 100 * 100]
    serial = serial % 1000
    sex_digit = (serial % 5) * 2 + (1 if sex is Sex.MALE else 0)
    first_ten = (
        f"{birth_date.year % 100:02d}{birth_date.month + offset:02d}{birth_date.day:02d}"
        f"{serial:03d}{sex_digit}"
    )
    return first_ten + check_digit(first_ten)
