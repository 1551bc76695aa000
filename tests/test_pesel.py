"""PESEL: what it encodes, which typing mistakes it catches, and how people forms use it."""

import datetime as dt
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import pesel
from app.domain.enums import Sex
from app.errors import ValidationError
from app.services.participants import validate_person
from app.services.records import PersonData

birth_dates = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2299, 12, 31))
serials = st.integers(min_value=0, max_value=999)
sexes = st.sampled_from(Sex)


def _with_checksum(first_ten: str) -> str:
    return first_ten + pesel.check_digit(first_ten)


@given(birth_dates, serials, sexes)
def test_encoded_pesel_decodes_to_the_same_birth_date_and_sex(
    birth_date: dt.date, serial: int, sex: Sex
) -> None:
    number = pesel.encode(birth_date, serial, sex)

    assert len(number) == 11
    assert number.isascii()
    assert number.isdigit()
    assert pesel.decode(number) == pesel.PeselInfo(birth_date=birth_date, sex=sex)


@given(
    birth_dates,
    serials,
    sexes,
    st.integers(min_value=0, max_value=10),
    st.integers(min_value=1, max_value=9),
)
def test_any_single_mistyped_digit_is_caught(
    birth_date: dt.date, serial: int, sex: Sex, position: int, shift: int
) -> None:
    digits = list(pesel.encode(birth_date, serial, sex))
    digits[position] = str((int(digits[position]) + shift) % 10)

    assert not pesel.is_valid("".join(digits))


@given(st.text(alphabet=string.digits, max_size=20).filter(lambda s: len(s) != 11))
def test_digit_strings_of_another_length_are_invalid(text: str) -> None:
    assert not pesel.is_valid(text)


@given(
    st.text(
        alphabet=string.digits + string.ascii_letters + " -./", min_size=11, max_size=11
    ).filter(lambda s: not s.isdigit())
)
def test_eleven_characters_that_are_not_all_digits_are_invalid(text: str) -> None:
    assert not pesel.is_valid(text)


@pytest.mark.parametrize(
    ("number", "birth_date", "sex"),
    [
        ("44051401359", dt.date(1944, 5, 14), Sex.MALE),
        ("02070803628", dt.date(1902, 7, 8), Sex.FEMALE),  # month 07: the 1900s
        ("02270803624", dt.date(2002, 7, 8), Sex.FEMALE),  # month 27: the 2000s
        ("90040101744", dt.date(1990, 4, 1), Sex.FEMALE),
    ],
)
def test_known_numbers(number: str, birth_date: dt.date, sex: Sex) -> None:
    assert pesel.decode(number) == pesel.PeselInfo(birth_date=birth_date, sex=sex)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("44051401358", "błędną cyfrę kontrolną"),
        ("4405140135", "dokładnie 11 cyfr"),
        ("4405140135X", "dokładnie 11 cyfr"),
        (_with_checksum("4402300135"), "niemożliwą datę"),  # 30 February 1944
        (_with_checksum("4413140135"), "niemożliwą datę"),  # month 13
    ],
)
def test_invalid_numbers_are_explained_in_polish(number: str, message: str) -> None:
    with pytest.raises(pesel.InvalidPeselError, match=message):
        pesel.decode(number)


def test_person_form_takes_birth_date_and_sex_from_the_pesel() -> None:
    data = PersonData(first_name=" Jan ", last_name="Przykładowy", pesel=" 44051401359 ")

    checked = validate_person(data, dt.date(2026, 11, 30))

    assert checked.pesel == "44051401359"
    assert checked.birth_date == dt.date(1944, 5, 14)
    assert checked.sex == Sex.MALE
    assert checked.first_name == "Jan"


def test_person_form_refuses_a_birth_date_that_contradicts_the_pesel() -> None:
    data = PersonData(
        first_name="Jan",
        last_name="Przykładowy",
        pesel="44051401359",
        birth_date=dt.date(1944, 5, 15),
    )

    with pytest.raises(ValidationError, match=r"PESEL wskazuje 14\.05\.1944") as refused:
        validate_person(data, dt.date(2026, 11, 30))

    assert refused.value.field == "birth_date"


def test_person_form_refuses_a_sex_that_contradicts_the_pesel() -> None:
    data = PersonData(
        first_name="Jan", last_name="Przykładowy", pesel="44051401359", sex=Sex.FEMALE
    )

    with pytest.raises(ValidationError, match="Płeć nie zgadza się") as refused:
        validate_person(data, dt.date(2026, 11, 30))

    assert refused.value.field == "sex"


def test_person_form_refuses_a_mistyped_pesel() -> None:
    data = PersonData(first_name="Jan", last_name="Przykładowy", pesel="44051401358")

    with pytest.raises(ValidationError, match="cyfrę kontrolną") as refused:
        validate_person(data, dt.date(2026, 11, 30))

    assert refused.value.field == "pesel"
