"""Whom an NK-A names (Reg. § 2 ust. 4) and the age rules behind the perpetrator warning."""

import datetime as dt

import pytest

from app.domain import pesel
from app.domain.enums import InitiatorService, Role, Sex
from app.domain.identity import age_on, known_birth_date
from app.domain.procedure_rules import NKA_NAMES_BOTH, check_nka_people, left_out_of_nka
from app.errors import ValidationError
from app.services.records import NkaData, ParticipantData, PersonData
from app.services.register import Register
from app.storage.db import Database
from tests.support.clock import CLOCK, TODAY

FILLED = TODAY - dt.timedelta(days=3)


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (dt.date(2008, 12, 1), dt.date(2026, 11, 30), 17),
        (dt.date(2008, 11, 30), dt.date(2026, 11, 30), 18),  # the birthday itself
        (dt.date(2008, 2, 29), dt.date(2026, 2, 27), 17),
        (dt.date(2008, 2, 29), dt.date(2026, 2, 28), 18),  # Civil Code art. 112
        (dt.date(2004, 2, 29), dt.date(2024, 2, 28), 19),  # a leap year has its own day
        (dt.date(2004, 2, 29), dt.date(2024, 2, 29), 20),
        (dt.date(2026, 11, 30), dt.date(2026, 11, 30), 0),
    ],
)
def test_age_counts_full_years_and_a_leap_day_birthday_in_a_common_year(
    birth: dt.date, day: dt.date, age: int
) -> None:
    assert age_on(birth, day) == age


def test_the_birth_date_is_the_recorded_one_else_the_pesel_s() -> None:
    born = dt.date(2010, 2, 28)
    number = pesel.encode(born, 123, Sex.MALE)
    assert known_birth_date(None, number) == born
    assert known_birth_date(dt.date(2010, 3, 1), number) == dt.date(2010, 3, 1)
    assert known_birth_date(None, "12345678901") is None
    assert known_birth_date(None, "") is None


@pytest.mark.parametrize(
    "roles",
    [(), (Role.VICTIM,), (Role.PERPETRATOR,), (Role.HOUSEHOLD_MEMBER, Role.VICTIM)],
)
def test_an_nka_without_a_victim_or_a_perpetrator_is_refused(roles: tuple[Role, ...]) -> None:
    with pytest.raises(ValidationError) as caught:
        check_nka_people(roles)
    assert (caught.value.message, caught.value.field) == (NKA_NAMES_BOTH, "person_ids")


def test_one_victim_and_one_perpetrator_are_enough() -> None:
    check_nka_people([Role.HOUSEHOLD_MEMBER, Role.PERPETRATOR, Role.VICTIM])


def test_left_out_are_the_victims_and_perpetrators_not_named_once_each() -> None:
    participants = [
        (1, Role.VICTIM),
        (2, Role.PERPETRATOR),
        (3, Role.VICTIM),
        (3, Role.PERPETRATOR),
        (4, Role.HOUSEHOLD_MEMBER),
    ]
    assert left_out_of_nka([1, 2], participants) == [3]
    assert left_out_of_nka([1, 2, 3], participants) == []
    assert left_out_of_nka([], participants) == [1, 2, 3]


@pytest.fixture
def register(db: Database) -> Register:
    return Register(db, CLOCK)


@pytest.fixture
def people(register: Register) -> tuple[int, dict[Role, int]]:
    """A procedure with a victim, a perpetrator and a child: (procedure, person by role)."""
    created = register.procedures.create(FILLED).record_id
    assert created is not None
    for first, role in (
        ("Anna", Role.VICTIM),
        ("Jan", Role.PERPETRATOR),
        ("Ola", Role.HOUSEHOLD_MEMBER),
    ):
        register.participants.save(created, ParticipantData(PersonData(first, "Próbna"), role))
    detail = register.procedures.detail(created)
    return created, {p.role: p.person.id for p in detail.participants}


@pytest.mark.parametrize(
    "named", [(), (Role.VICTIM,), (Role.PERPETRATOR,), (Role.VICTIM, Role.HOUSEHOLD_MEMBER)]
)
def test_the_service_refuses_an_nka_without_a_victim_or_a_perpetrator(
    register: Register, people: tuple[int, dict[Role, int]], named: tuple[Role, ...]
) -> None:
    procedure_id, ids = people
    data = NkaData(FILLED, InitiatorService.POLICE, person_ids=[ids[role] for role in named])
    with pytest.raises(ValidationError) as caught:
        register.nka.save(procedure_id, data)
    assert (caught.value.message, caught.value.field) == (NKA_NAMES_BOTH, "person_ids")
    assert caught.value.message.startswith("NK-A wskazuje wszystkie osoby doznające przemocy")
    detail = register.procedures.detail(procedure_id)
    assert detail.nka_records == ()
    assert not any("NK-A" in entry.title for entry in detail.chronology)


def test_the_service_refuses_an_edit_that_unnames_the_perpetrator(
    register: Register, people: tuple[int, dict[Role, int]]
) -> None:
    procedure_id, ids = people
    both = [ids[Role.VICTIM], ids[Role.PERPETRATOR]]
    record_id = register.nka.save(
        procedure_id, NkaData(FILLED, InitiatorService.POLICE, person_ids=both)
    ).record_id
    with pytest.raises(ValidationError, match=r"rozp\. § 2 ust\. 4"):
        register.nka.save(
            procedure_id,
            NkaData(FILLED, InitiatorService.POLICE, person_ids=[ids[Role.VICTIM]]),
            record_id,
        )
    [record] = register.procedures.detail(procedure_id).nka_records
    assert sorted(record.person_ids) == sorted(both)


def test_the_service_saves_an_nka_leaving_out_someone_the_worker_chose_to(
    register: Register, people: tuple[int, dict[Role, int]]
) -> None:
    """Leaving out a second victim is asked about in the window, not refused."""
    procedure_id, ids = people
    register.participants.save(
        procedure_id, ParticipantData(PersonData("Ewa", "Próbna"), Role.VICTIM)
    )
    named = [ids[Role.VICTIM], ids[Role.PERPETRATOR]]
    register.nka.save(procedure_id, NkaData(FILLED, InitiatorService.POLICE, person_ids=named))
    [record] = register.procedures.detail(procedure_id).nka_records
    assert sorted(record.person_ids) == sorted(named)
