"""PESEL: checksum validation and the date of birth and sex it encodes."""

import datetime as dt
from dataclasses import dataclass

from app.domain.enums import Sex

_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
# Month offsets encode the century: +80 → 1800s, +0 → 1900s, +20 → 2000s, +40 → 2100s, +60 → 2200s.
_CENTURY_BY_OFFSET = {80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200}


@dataclass(frozen=True)
class PeselInfo:
    """What a valid PESEL tells about its holder."""

    birth_date: dt.date
    sex: Sex


class InvalidPeselError(ValueError):
    """The string is not a valid PESEL; the message is Polish and user-facing."""


def checksum_digit(first_ten: str) -> int:
    """Control digit for the first ten digits of a PESEL."""
    total = sum(int(d) * w for d, w in zip(first_ten, _WEIGHTS, strict=True))
    return (10 - total % 10) % 10


def decode(pesel: str) -> PeselInfo:
    """Validate `pesel` and return the birth date and sex it encodes."""
    if len(pesel) != 11 or not (pesel.isascii() and pesel.isdigit()):
        raise InvalidPeselError("PESEL musi mieć dokładnie 11 cyfr.")
    if checksum_digit(pesel[:10]) != int(pesel[10]):
        raise InvalidPeselError("PESEL ma błędną cyfrę kontrolną.")
    year, month, day = int(pesel[0:2]), int(pesel[2:4]), int(pesel[4:6])
    offset = (month // 20) * 20
    try:
        birth = dt.date(_CENTURY_BY_OFFSET[offset] + year, month - offset, day)
    except ValueError as exc:
        raise InvalidPeselError("PESEL zawiera niemożliwą datę urodzenia.") from exc
    sex = Sex.FEMALE if int(pesel[9]) % 2 == 0 else Sex.MALE
    return PeselInfo(birth_date=birth, sex=sex)


def is_valid(pesel: str) -> bool:
    """True when `pesel` passes the format, date and checksum checks."""
    try:
        decode(pesel)
    except InvalidPeselError:
        return False
    return True


def encode(birth_date: dt.date, serial: int, sex: Sex) -> str:
    """Build a valid PESEL (used for fictional demo data and tests)."""
    offset = {v: k for k, v in _CENTURY_BY_OFFSET.items()}[birth_date.year // 100 * 100]
    serial = serial % 1000
    sex_digit = (serial % 5) * 2 + (1 if sex is Sex.MALE else 0)
    first_ten = (
        f"{birth_date.year % 100:02d}{birth_date.month + offset:02d}{birth_date.day:02d}"
        f"{serial:03d}{sex_digit}"
    )
    return first_ten + str(checksum_digit(first_ten))
