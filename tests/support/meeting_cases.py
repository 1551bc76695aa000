"""A small team for the meeting tests: two directory contacts, the ZI, one procedure
with a victim, a perpetrator and a GDP. Today is Monday 30.11.2026; all fictional."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.enums import CourseEvent, MeetingKind, Role
from app.services.gdp import GdpData
from app.services.meetings import MeetingData
from app.services.meetings import ParticipantData as Invited
from app.services.records import (
    ContactPersonData,
    InstitutionData,
    NkaData,
    ParticipantData,
    PersonData,
)
from app.services.register import Register
from app.services.zi import ZiMemberData

FILLED = dt.date(2026, 11, 16)  # Monday
SIGNED = dt.date(2026, 1, 12)


@dataclass(frozen=True)
class Team:
    procedure_id: int
    victim_id: int
    perpetrator_id: int
    worker_id: int  # contact: the GOPS social worker
    officer_id: int  # contact: the police officer


def contact_ids(register: Register) -> dict[str, int]:
    return {option.name: option.id for option in register.zi.contacts()}


def build_team(register: Register, gdp: bool = True) -> Team:
    register.institutions.save(
        InstitutionData(
            "GOPS w Zmyślinie",
            "social_assistance",
            contacts=[
                ContactPersonData(
                    "Ewa", "Próbna", "pracownik socjalny", confidentiality_signed_on=SIGNED
                )
            ],
        )
    )
    register.institutions.save(
        InstitutionData(
            "Posterunek Policji w Zmyślinie",
            "police",
            contacts=[ContactPersonData("Piotr", "Testowy", "dzielnicowy")],
        )
    )
    contacts = contact_ids(register)
    worker, officer = contacts["Próbna Ewa"], contacts["Testowy Piotr"]
    register.zi.save_member(ZiMemberData(worker, is_chair=True, confidentiality_signed_on=SIGNED))
    created = register.procedures.create(FILLED).record_id
    assert created is not None
    for first, role in (("Anna", Role.VICTIM), ("Jan", Role.PERPETRATOR)):
        register.participants.save(created, ParticipantData(PersonData(first, "Zmyślona"), role))
    people = {p.role: p.person.id for p in register.procedures.detail(created).participants}
    register.nka.save(
        created,
        NkaData(
            filled_on=FILLED,
            filled_by_service="police",
            person_ids=list(people.values()),
            content={"nkb_handed": True},
        ),
    )
    nka = register.procedures.detail(created).nka_records[0].id
    register.course.add_event(
        created, CourseEvent.NKA_RECEIVED_BY_CHAIR, dt.date(2026, 11, 17), nka
    )
    if gdp:
        register.gdp.save(
            created,
            GdpData(dt.date(2026, 11, 18), [worker, officer], nka_passed_on=dt.date(2026, 11, 18)),
        )
    return Team(created, people[Role.VICTIM], people[Role.PERPETRATOR], worker, officer)


def gdp_meeting(
    team: Team,
    day: dt.date,
    *people: int,
    contacts: Sequence[int] | None = None,
    **changes: object,
) -> MeetingData:
    """A planned GDP meeting of the team's procedure on `day`, 10:00–11:00 at the GOPS,
    inviting `contacts` (the social worker unless given) and the procedure's `people`;
    `changes` set any other field."""
    invited = (team.worker_id,) if contacts is None else contacts
    data = MeetingData(
        MeetingKind.GDP,
        day,
        dt.time(10),
        dt.time(11),
        procedure_id=team.procedure_id,
        place="GOPS, pokój 4",
        participants=[
            *(Invited(contact_id=c) for c in invited),
            *(Invited(person_id=p) for p in people),
        ],
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data
