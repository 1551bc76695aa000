"""One procedure for the letter tests, all fictional („Próbna”); today is 30.11.2026.

Anna Próbna, the victim, is registered at ul. Jawna 5 but stays in a shelter whose
address and her phone are marked „nie ujawniać”; Jan Próbny uses violence and has a
protected phone of his own. The GDP has two members, and meets on 7.12.2026.
"""

import dataclasses
import datetime as dt
import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

from app.domain.enums import AddressKind, ClosureGround, ContactKind, MeetingKind, Role
from app.services.gdp import GdpData
from app.services.letters import LetterRequest
from app.services.meetings import MeetingData
from app.services.meetings import ParticipantData as Invited
from app.services.records import (
    AddressData,
    ContactData,
    ContactPersonData,
    InstitutionData,
    NkaData,
    ParticipantData,
    PersonData,
)
from app.services.register import Register
from tests.conftest import TEST_SETTINGS
from tests.support.clock import TODAY

SHELTER = AddressData(
    AddressKind.STAY, "ul. Schronienia-Demo 1", "00-950", "Ukrytowo", do_not_disclose=True
)
REGISTERED = AddressData(AddressKind.RESIDENCE, "ul. Jawna 5", "00-001", "Przykładowo")
SECRET_PHONE = ContactData(ContactKind.PHONE, "600 700 800", do_not_disclose=True)
HIS_SECRET_PHONE = ContactData(ContactKind.PHONE, "511 222 333", do_not_disclose=True)
SECRETS = ("Schronienia", "00-950", "Ukrytowo", "600 700 800", "511 222 333")
STARTED = TODAY - dt.timedelta(days=20)
MEETING_DAY = TODAY + dt.timedelta(days=7)
SETTINGS = dataclasses.replace(
    TEST_SETTINGS,
    office_address="ul. Urzędowa 2, 00-100 Przykładowo",
    office_phone="00 111 22 33",
    office_email="gops@przykladowo.example",
    letter_place="Przykładowo",
)
# Every personal placeholder, to prove the guard on each letter.
EVERY_PERSONAL = (
    "Adres: {adres_adresata}. Osoba doznająca: {adres_osoby_doznajacej}, "
    "tel. {telefon_osoby_doznajacej}. Wpisane ręcznie: ul. Schronienia-Demo 1, tel. 600-700-800."
)


@dataclass(frozen=True)
class LetterCase:
    register: Register
    procedure_id: int
    number: str
    anna: int  # participation ids
    jan: int
    member: int  # contact ids of the GDP members: the social worker, the police officer
    officer: int
    meeting_id: int

    def request(self, letter: str, recipient: str, address: str = "") -> LetterRequest:
        return LetterRequest(self.procedure_id, letter, recipient, address, self.meeting_id)

    def address_key(self, participation: int, street: str) -> str:
        choices = self.register.letters.choices(self.procedure_id, "zaproszenie-nkc")
        letter = next(r for r in choices.recipients if r.key == f"person:{participation}")
        if street == SHELTER.street:
            return next(a.key for a in letter.addresses if a.protected)
        return letter.default_address


def build_case(register: Register) -> LetterCase:
    register.settings.save(SETTINGS)
    register.institutions.save(
        InstitutionData(
            "GOPS w Przykładowie",
            "social_assistance",
            street="ul. Urzędowa 2",
            postal_code="00-100",
            city="Przykładowo",
            contacts=[ContactPersonData("Ewa", "Testowa", "pracownik socjalny")],
        )
    )
    register.institutions.save(
        InstitutionData(
            "Posterunek Policji w Przykładowie",
            "police",
            email="posterunek@przykladowo.example",
            contacts=[ContactPersonData("Piotr", "Przykładowy", "dzielnicowy")],
        )
    )
    contacts = {option.name: option.id for option in register.zi.contacts()}
    members = [contacts["Testowa Ewa"], contacts["Przykładowy Piotr"]]
    procedure_id = register.procedures.create(STARTED).record_id
    assert procedure_id is not None
    anna = PersonData(
        "Anna",
        "Próbna",
        sex="female",
        addresses=[REGISTERED, SHELTER],
        contacts=[SECRET_PHONE],
    )
    jan = PersonData(
        "Jan", "Próbny", sex="male", addresses=[REGISTERED], contacts=[HIS_SECRET_PHONE]
    )
    register.participants.save(procedure_id, ParticipantData(anna, Role.VICTIM))
    register.participants.save(procedure_id, ParticipantData(jan, Role.PERPETRATOR))
    parts = {p.role: p for p in register.procedures.detail(procedure_id).participants}
    register.nka.save(
        procedure_id,
        NkaData(
            filled_on=STARTED,
            filled_by_service="police",
            person_ids=[p.person.id for p in parts.values()],
        ),
    )
    register.gdp.save(procedure_id, GdpData(STARTED + dt.timedelta(days=2), members))
    meeting = register.meetings.save(
        MeetingData(
            MeetingKind.GDP,
            MEETING_DAY,
            dt.time(10),
            dt.time(11),
            procedure_id=procedure_id,
            place="GOPS w Przykładowie, pokój 4",
            participants=[Invited(contact_id=c) for c in members],
        )
    )
    assert meeting.record_id is not None
    return LetterCase(
        register,
        procedure_id,
        register.procedures.detail(procedure_id).number,
        parts[Role.VICTIM].id,
        parts[Role.PERPETRATOR].id,
        *members,
        meeting.record_id,
    )


def close(case: LetterCase) -> None:
    case.register.procedures.close(
        case.procedure_id, TODAY - dt.timedelta(days=1), ClosureGround.NO_GROUNDS, "Próbne."
    )


def text_of(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))
