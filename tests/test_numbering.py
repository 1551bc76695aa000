"""The number pattern she writes ({nr}, {rok}) and the one older registers hold ({seq}, {year})."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import numbering
from app.errors import ValidationError
from app.services.procedures import ProcedureService
from app.services.settings_service import SettingsService
from app.settings import Settings, settings_from_mapping
from app.storage.db import Database
from app.storage.models import Setting
from tests.support.clock import ctx

LITERAL = st.text(
    st.characters(blacklist_characters="{}", blacklist_categories=("Cs",)), max_size=6
)
NUMBER_SPELLINGS = st.sampled_from(["{nr}", "{seq}"])
YEAR_SPELLINGS = st.sampled_from(["{rok}", "{year}"])


@given(
    st.tuples(LITERAL, LITERAL, LITERAL),
    NUMBER_SPELLINGS,
    YEAR_SPELLINGS,
    st.booleans(),
    st.integers(1, 100_000),
    st.integers(1900, 2100),
)
def test_both_spellings_give_the_same_numbers(
    literals: tuple[str, str, str],
    number_place: str,
    year_place: str,
    year_first: bool,
    seq: int,
    year: int,
) -> None:
    first, second = (year_place, number_place) if year_first else (number_place, year_place)
    polish = "{rok}" if year_first else "{nr}", "{nr}" if year_first else "{rok}"
    written = f"{literals[0]}{first}{literals[1]}{second}{literals[2]}"
    in_polish = f"{literals[0]}{polish[0]}{literals[1]}{polish[1]}{literals[2]}"

    assert numbering.problem(written) is None
    assert numbering.number(written, seq, year) == numbering.number(in_polish, seq, year)
    expected = f"{literals[0]}{seq if not year_first else year}{literals[1]}"
    expected += f"{year if not year_first else seq}{literals[2]}"
    assert numbering.number(written, seq, year) == expected


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("NK/{numer}/{rok}", "Nieznane pole {numer}."),
        ("NK/{nr}/{rok}/{x}", "Nieznane pole {x}."),
        ("NK/{}/{nr}/{rok}", "Nieznane pole {}."),
        ("NK/{nr}/{rok}}", "Nawiasy { } mogą otaczać tylko {nr} albo {rok}."),
        ("{seq!r:>{year}}", "Nawiasy { } mogą otaczać tylko {nr} albo {rok}."),
        ("NK/{rok}", "Wzór musi zawierać {nr} (numer w roku) i {rok} (rok)."),
        ("NK/7/2026", "Wzór musi zawierać {nr} (numer w roku) i {rok} (rok)."),
    ],
)
def test_a_pattern_numbers_cannot_be_made_from_is_refused_in_polish(
    pattern: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(numbering_pattern=pattern).validate()

    assert refused.value.message.startswith(message)
    assert refused.value.field == "numbering_pattern"


def test_an_unknown_placeholder_is_named_with_the_ones_she_may_use() -> None:
    assert numbering.problem("NK/{numer}/{rok}") == (
        "Nieznane pole {numer}. Można użyć tylko {nr} i {rok}."
    )


def test_the_preview_shows_an_example_number_or_the_problem() -> None:
    assert numbering.preview("NK/{nr}/{rok}", 2026) == ("np. NK/12/2026", True)
    assert numbering.preview("{rok}-{nr}", 2026) == ("np. 2026-12", True)
    line, valid = numbering.preview("NK/{numer}", 2026)
    assert not valid and line.startswith("Nieznane pole {numer}")


def test_the_default_pattern_is_written_with_polish_placeholders() -> None:
    assert Settings().numbering_pattern == "NK/{nr}/{rok}"


def test_a_pattern_stored_in_the_former_spelling_is_read_in_polish_and_numbers_the_same(
    db: Database,
) -> None:
    with db.session() as session:
        session.merge(Setting(key="numbering_pattern", value="{seq}/NK/{year}"))
    context = ctx(db)

    assert SettingsService(context).load().numbering_pattern == "{nr}/NK/{rok}"
    procedures = ProcedureService(context)
    created = procedures.create(dt.date(2025, 3, 3)).record_id
    assert created is not None
    assert procedures.detail(created).number == "1/NK/2025"
    assert settings_from_mapping({"numbering_pattern": "NK/{seq}/{year}"}) == Settings()
