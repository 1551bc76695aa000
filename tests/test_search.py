"""Finding procedures and institutions the way a Polish user types, and listing in Polish order."""

import datetime as dt
from dataclasses import dataclass

import pytest

from app.domain import pesel
from app.domain.enums import ClosureGround, InstitutionType, ProcedureStatus, Role, Sex
from app.domain.text import polish_sort_key
from app.services.institutions import InstitutionService
from app.services.participants import ParticipantService
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.records import ContactPersonData, InstitutionData, ParticipantData, PersonData
from app.storage.db import Database
from tests.support.clock import ctx

LUKASZ_PESEL = pesel.encode(dt.date(1985, 3, 12), 417, Sex.MALE)
ANNA_PESEL = pesel.encode(dt.date(1990, 11, 30), 228, Sex.FEMALE)


@dataclass(frozen=True)
class Register:
    """Ids of the three sample procedures."""

    lukasz: int  # NK/1/2025, victim Łukasz Żółkiewski, in progress
    anna: int  # NK/1/2024, victim Anna Śliwińska, in progress
    marek: int  # NK/2/2025, victim Marek Nowak, closed


def _procedure(db: Database, started_on: dt.date, *people: PersonData) -> int:
    procedure_id = ProcedureService(ctx(db)).create(started_on).record_id
    assert procedure_id is not None
    for person in people:
        ParticipantService(ctx(db)).save(procedure_id, ParticipantData(person, Role.VICTIM))
    return procedure_id


def _found(
    db: Database, text: str = "", status: ProcedureStatus | None = None, year: int | None = None
) -> set[int]:
    query = ProcedureQuery(text=text, status=status, year=year)
    return {row.id for row in ProcedureService(ctx(db)).list(query)}


@pytest.fixture
def register(db: Database) -> Register:
    lukasz = _procedure(
        db, dt.date(2025, 2, 10), PersonData("Łukasz", "Żółkiewski", pesel=LUKASZ_PESEL)
    )
    anna = _procedure(db, dt.date(2024, 11, 5), PersonData("Anna", "Śliwińska", pesel=ANNA_PESEL))
    marek = _procedure(db, dt.date(2025, 6, 1), PersonData("Marek", "Nowak"))
    ProcedureService(ctx(db)).close(marek, dt.date(2025, 9, 1), ClosureGround.NO_GROUNDS, "")
    return Register(lukasz=lukasz, anna=anna, marek=marek)


def test_search_ignores_case_diacritics_and_word_order(db: Database, register: Register) -> None:
    searches = {
        "lukasz": register.lukasz,
        "ŁUKASZ": register.lukasz,
        "zolkiewski": register.lukasz,
        "Żółkiewski": register.lukasz,
        "sliwin": register.anna,
        "ŚLIWIŃSKA": register.anna,
        LUKASZ_PESEL[2:9]: register.lukasz,
        ANNA_PESEL: register.anna,
        "NK/1/2024": register.anna,
        "nk/2/2025": register.marek,
        "lukasz zolkiewski": register.lukasz,
        "  żółkiewski   Łukasz ": register.lukasz,
        "anna 2024": register.anna,
    }

    found = {text: _found(db, text=text) for text in searches}

    assert found == {text: {procedure_id} for text, procedure_id in searches.items()}


def test_search_without_a_match_finds_nothing(db: Database, register: Register) -> None:
    # Each word matches some procedure, but no single procedure matches every word;
    # LIKE wildcards typed by the user are plain characters.
    searches = ["lukasz nowak", "anna 2025", "kowalski", "%", "_", "nk/1/2023"]

    assert {text: _found(db, text=text) for text in searches} == {text: set() for text in searches}


def test_empty_search_lists_every_procedure(db: Database, register: Register) -> None:
    assert _found(db, text="  ") == {register.lukasz, register.anna, register.marek}


def test_status_and_year_filters_narrow_the_list(db: Database, register: Register) -> None:
    assert _found(db, status=ProcedureStatus.CLOSED) == {register.marek}
    assert _found(db, status=ProcedureStatus.IN_PROGRESS) == {register.lukasz, register.anna}
    assert _found(db, year=2024) == {register.anna}
    assert _found(db, year=2025) == {register.lukasz, register.marek}
    assert _found(db, year=2025, status=ProcedureStatus.IN_PROGRESS) == {register.lukasz}
    assert _found(db, text="lukasz", year=2024) == set()
    assert ProcedureService(ctx(db)).years() == [2025, 2024]


def test_renamed_person_is_found_under_the_new_name_only(db: Database, register: Register) -> None:
    [part] = ProcedureService(ctx(db)).detail(register.anna).participants
    renamed = PersonData("Anna", "Kowalczyk", pesel=ANNA_PESEL)

    ParticipantService(ctx(db)).save(register.anna, ParticipantData(renamed, Role.VICTIM), part.id)

    assert _found(db, text="kowalczyk") == {register.anna}
    assert _found(db, text="sliwinska") == set()


def test_deleted_procedure_is_not_found(db: Database, register: Register) -> None:
    ProcedureService(ctx(db)).delete(register.anna)

    assert _found(db, text="sliwinska") == set()
    assert _found(db) == {register.lukasz, register.marek}


def test_polish_sort_key_follows_the_polish_alphabet() -> None:
    names = ["Tomala", "Śliwa", "Mazur", "Łata", "sowa", "Lis", "Żak", "Zając", "Ćwik", "Cis"]

    assert sorted(names, key=polish_sort_key) == [
        "Cis", "Ćwik", "Lis", "Łata", "Mazur", "sowa", "Śliwa", "Tomala", "Zając", "Żak",
    ]  # fmt: skip


def test_procedures_sort_by_victim_in_polish_order(db: Database) -> None:
    for last_name in ["Tomala", "Śliwa", "Mazur", "Łata", "Sowa", "Lis"]:
        _procedure(db, dt.date(2025, 1, 20), PersonData("Ewa", last_name))
    service = ProcedureService(ctx(db))

    ascending = service.list(ProcedureQuery(sort="victims", descending=False))
    descending = service.list(ProcedureQuery(sort="victims", descending=True))

    expected = ["Lis", "Łata", "Mazur", "Sowa", "Śliwa", "Tomala"]
    assert [row.victims for row in ascending] == [f"{name} Ewa" for name in expected]
    assert [row.victims for row in descending] == [f"{name} Ewa" for name in reversed(expected)]


def test_institutions_are_found_by_a_contact_persons_function(db: Database) -> None:
    service = InstitutionService(ctx(db))
    police = service.save(
        InstitutionData(
            name="Komisariat Policji w Przykładowie",
            type=InstitutionType.POLICE,
            contacts=[ContactPersonData("Jan", "Nowicki", function="Dzielnicowy")],
        )
    ).record_id
    school = service.save(
        InstitutionData(
            name="Szkoła Podstawowa nr 1",
            type=InstitutionType.SCHOOL,
            contacts=[ContactPersonData("Ewa", "Lis", function="Psycholożka szkolna")],
        )
    ).record_id

    def found(text: str) -> list[int]:
        return [row.id for row in service.list(text)]

    assert found("dzielnicowy") == [police]
    assert found("DZIELNICOWY nowicki") == [police]
    assert found("psycholozka") == [school]
    assert found("szkola") == [school]
    assert found("dzielnicowy szkola") == []
    assert [row.contacts for row in service.list("dzielnicowy")] == ["Jan Nowicki (Dzielnicowy)"]
