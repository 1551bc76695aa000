"""People in procedures: the Act's data limits per role, removal recorded, NK-A links kept true."""

import datetime as dt

import pytest

from app.domain.enums import InitiatorService, Role
from app.domain.identity import check_name
from app.errors import ValidationError
from app.services.nka import NkaService
from app.services.participants import ParticipantService
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.records import AddressData, ContactData, NkaData, ParticipantData, PersonData
from app.storage.db import Database
from tests.support.clock import ctx


def _procedure(db: Database) -> int:
    changes = ProcedureService(ctx(db)).create(dt.date(2026, 2, 2))
    assert changes.record_id is not None
    return changes.record_id


def test_household_member_cannot_have_address_or_phone(db: Database) -> None:
    procedure_id = _procedure(db)
    child = PersonData("Zosia", "Przykładowa", addresses=[AddressData(city="Przykładowo")])
    with pytest.raises(ValidationError, match="gospodarstwa domowego"):
        ParticipantService(ctx(db)).save(
            procedure_id, ParticipantData(child, Role.HOUSEHOLD_MEMBER)
        )
    phone = PersonData("Zosia", "Przykładowa", contacts=[ContactData(value="500 000 001")])
    with pytest.raises(ValidationError):
        ParticipantService(ctx(db)).save(
            procedure_id, ParticipantData(phone, Role.HOUSEHOLD_MEMBER)
        )
    assert ProcedureService(ctx(db)).detail(procedure_id).participants == ()


def test_role_bound_data_outside_the_act_is_refused(db: Database) -> None:
    procedure_id = _procedure(db)
    service = ParticipantService(ctx(db))
    with pytest.raises(ValidationError) as refused:
        service.save(
            procedure_id,
            ParticipantData(
                PersonData("Jan", "Wzorcowy"), Role.PERPETRATOR, {"school_class": "3b"}
            ),
        )
    assert refused.value.field == "school_class"
    service.save(
        procedure_id,
        ParticipantData(
            PersonData("Ola", "Wzorcowa"), Role.HOUSEHOLD_MEMBER, {"school_class": "3b"}
        ),
    )
    stored = ProcedureService(ctx(db)).detail(procedure_id).participants
    assert [p.details for p in stored] == [{"school_class": "3b"}]


def test_same_person_cannot_hold_the_same_role_twice(db: Database) -> None:
    procedure_id = _procedure(db)
    service = ParticipantService(ctx(db))
    part_id = service.save(
        procedure_id, ParticipantData(PersonData("Anna", "Próbna"), Role.VICTIM)
    ).record_id
    person_id = ProcedureService(ctx(db)).detail(procedure_id).participants[0].person.id
    with pytest.raises(ValidationError, match="już tę rolę"):
        service.save(
            procedure_id,
            ParticipantData(PersonData("Anna", "Próbna"), Role.VICTIM),
            person_id=person_id,
        )
    assert part_id is not None


def test_removing_a_person_is_logged_and_unlinks_them_from_nka(db: Database) -> None:
    procedure_id = _procedure(db)
    service = ParticipantService(ctx(db))
    service.save(procedure_id, ParticipantData(PersonData("Anna", "Próbna"), Role.VICTIM))
    service.save(procedure_id, ParticipantData(PersonData("Adam", "Próbny"), Role.PERPETRATOR))
    parts = ProcedureService(ctx(db)).detail(procedure_id).participants
    NkaService(ctx(db)).save(
        procedure_id,
        NkaData(
            dt.date(2026, 2, 2), InitiatorService.POLICE, person_ids=[p.person.id for p in parts]
        ),
    )
    perpetrator = next(p for p in parts if p.role == Role.PERPETRATOR)
    service.remove(perpetrator.id)
    procedure = ProcedureService(ctx(db)).detail(procedure_id)
    assert [p.person.last_name for p in procedure.participants] == ["Próbna"]
    assert procedure.nka_records[0].person_ids == (procedure.participants[0].person.id,)
    assert any(
        "Usunięto z procedury osobę: Adam Próbny" in entry.title for entry in procedure.chronology
    )
    assert ProcedureService(ctx(db)).list(ProcedureQuery(text="probny")) == []


def test_editing_a_household_role_keeps_the_address_recorded_as_a_victim(db: Database) -> None:
    """A form that does not offer addresses must not wipe them (None means unchanged)."""
    first, second = _procedure(db), _procedure(db)
    service = ParticipantService(ctx(db))
    shelter = AddressData(street="ul. Schronienia-Demo 1", city="Przykładowo", do_not_disclose=True)
    service.save(
        first, ParticipantData(PersonData("Anna", "Próbna", addresses=[shelter]), Role.VICTIM)
    )
    person = service.find_people("probna")[0]
    assert [a.street for a in service.reveal_protected(person.id).addresses] == [
        "ul. Schronienia-Demo 1"
    ]
    assert person.roles == {Role.VICTIM}
    part_id = service.save(
        second,
        ParticipantData(PersonData("Anna", "Próbna"), Role.HOUSEHOLD_MEMBER),
        person_id=person.id,
    ).record_id
    service.save(
        second,
        ParticipantData(PersonData("Anna", "Próbna-Nowak"), Role.HOUSEHOLD_MEMBER),
        participation_id=part_id,
    )
    again = service.find_people("probna nowak")[0]
    assert again.id == person.id
    assert [
        (a.street, a.do_not_disclose) for a in service.reveal_protected(again.id).addresses
    ] == [("ul. Schronienia-Demo 1", True)]


def test_people_found_are_listed_in_polish_alphabetical_order(db: Database) -> None:
    """Ordered in the database before the limit, so the first page is the right one."""
    procedure_id = _procedure(db)
    service = ParticipantService(ctx(db))
    for last_name in ("Żak", "Lis", "Ćwik", "Zając", "Łoś", "Cieślak", "Lis"):
        person = PersonData("Ewa", last_name)
        service.save(procedure_id, ParticipantData(person, Role.HOUSEHOLD_MEMBER))
    found = service.find_people("ewa")
    assert [p.last_name for p in found] == ["Cieślak", "Ćwik", "Lis", "Lis", "Łoś", "Zając", "Żak"]
    namesakes = [p.id for p in found if p.last_name == "Lis"]
    assert namesakes == sorted(namesakes), "namesakes in the order they were registered"
    assert [p.last_name for p in service.find_people("ewa", limit=2)] == ["Cieślak", "Ćwik"]


def test_a_name_with_digits_is_refused_with_the_reason(db: Database) -> None:
    """A date typed into the name field must not become a surname."""
    procedure_id = _procedure(db)
    typo = ParticipantData(PersonData("Anna", "Małecka3.7.2015"), Role.VICTIM)
    with pytest.raises(ValidationError) as refused:
        ParticipantService(ctx(db)).save(procedure_id, typo)
    assert refused.value.field == "last_name"
    assert ProcedureService(ctx(db)).detail(procedure_id).participants == ()

    for value, message in [
        ("Małecka3.7.2015", "Nazwisko nie może zawierać cyfr — czy to nie wpis do innego pola?"),
        ("   ", "Podaj nazwisko."),
        ("@#!", "Nazwisko może zawierać tylko litery, spacje, łączniki i apostrofy."),
    ]:
        with pytest.raises(ValidationError) as refused:
            check_name(value, "last_name", "nazwisko")
        assert (refused.value.message, refused.value.field) == (message, "last_name")
    for fine in ("Nowak-Kowalska", "O'Brien", "d’Arc", "de la Cruz", "Żółć"):
        check_name(fine, "last_name", "nazwisko")
