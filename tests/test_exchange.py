"""The JSON exchange format: exact round trip, and refusals that leave the register untouched."""

import copy
import dataclasses
import datetime as dt
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import func, inspect, select

from app import __version__
from app.domain import pesel
from app.domain.enums import (
    Attendance,
    ChronologyKind,
    ClosureGround,
    ContactKind,
    CourseEvent,
    InitiatorService,
    InstitutionType,
    InvitationMethod,
    Labelled,
    MeetingKind,
    MeetingStatus,
    Role,
    Sex,
)
from app.domain.letters import Delivery
from app.errors import ImportFormatError, ValidationError
from app.services import exchange
from app.services.appointments import AppointmentData, AppointmentService
from app.services.attachments import AttachmentService
from app.services.chronology import ChronologyService
from app.services.course import CourseService
from app.services.course_facts import next_due_of
from app.services.exchange import (
    OPTIONAL_FIELDS,
    RECORD_FIELDS,
    SCHEMA_PATH,
    ImportSummary,
    export_register,
    export_to_file,
    import_from_file,
    import_register,
)
from app.services.exchange.document import LINKED_PEOPLE, OTHER_FORM_FIELDS, schema_path
from app.services.form_records import FormRecordService
from app.services.gdp import GdpData, GdpService
from app.services.institutions import InstitutionService
from app.services.letters import LetterRequest, LetterService
from app.services.meetings import MeetingData, MeetingService, MeetingView
from app.services.meetings import ParticipantData as MeetingParticipantData
from app.services.nka import NkaService
from app.services.participants import ParticipantService
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.records import (
    AddressData,
    ContactData,
    ContactPersonData,
    FormData,
    InstitutionData,
    NkaData,
    ParticipantData,
    PersonData,
)
from app.services.register import Register
from app.services.settings_service import SettingsService
from app.services.vault import DataFolder
from app.services.zi import ZiMemberData, ZiService
from app.settings import setting_fields
from app.storage.db import Database
from app.storage.models import (
    Appointment,
    Attachment,
    AttachmentContent,
    Base,
    ChronologyEntry,
    ContactPerson,
    DeadlineNote,
    FormRecord,
    FormRecordPerson,
    Gdp,
    GdpMember,
    Institution,
    LetterRecord,
    LetterTemplate,
    Meeting,
    MeetingParticipant,
    Participation,
    Person,
    PersonAddress,
    PersonContact,
    Procedure,
    ProcedureCounter,
    ProcedureEvent,
    Setting,
    ZiMember,
)
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.clock import CLOCK, ctx
from tests.support.exchange_files import write_exchange_file
from tests.support.meeting_cases import FILLED, build_team

SOURCE_SETTINGS = dataclasses.replace(
    TEST_SETTINGS,
    office_address="ul. Zmyślona 1, 00-000 Przykładowo",
    numbering_pattern="{seq}/{year}/NK",
)
DOC_PATH = Path(__file__).resolve().parents[1] / "docs" / "exchange-format.md"
SCAN = bytes(range(256)) * 40 + b"\x00\xff\r\n"
ANNA_PESEL = pesel.encode(dt.date(1985, 4, 12), 123, Sex.FEMALE)
FIRST_MEETING_DUE = dt.date(2026, 11, 25)  # in tests.support.meeting_cases' team

Doc = dict[str, Any]


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Database]:
    """A second, empty register: the import target."""
    folder = DataFolder(tmp_path / "other", kdf=FAST_KDF)
    folder.acquire()
    created = folder.create(PASSWORD, TEST_SETTINGS)
    yield created.database
    created.database.close()
    folder.release()


@pytest.fixture
def third_db(tmp_path: Path) -> Iterator[Database]:
    """A third, empty register."""
    folder = DataFolder(tmp_path / "third", kdf=FAST_KDF)
    folder.acquire()
    created = folder.create(PASSWORD, TEST_SETTINGS)
    yield created.database
    created.database.close()
    folder.release()


@pytest.fixture
def document(db: Database) -> Doc:
    """The export of a populated register."""
    _populate(db)
    return export_register(ctx(db))


def _populate(db: Database) -> dict[str, int]:
    """A small fictional register touching every kind of record, soft deletions included."""
    SettingsService(ctx(db)).save(SOURCE_SETTINGS)
    institutions = InstitutionService(ctx(db))
    police = institutions.save(
        InstitutionData(
            name="Komisariat Policji w Przykładowie",
            type=InstitutionType.POLICE,
            street="ul. Zmyślona 2",
            postal_code="00-001",
            city="Przykładowo",
            phone="000 000 000",
            email="komisariat@przykladowo.invalid",
            notes="Dyżur całodobowy.",
            contacts=[
                ContactPersonData(
                    first_name="Jan",
                    last_name="Dzielnicowy",
                    function="dzielnicowy",
                    confidentiality_signed_on=dt.date(2025, 1, 15),
                ),
                ContactPersonData(last_name="Oficer", phone="000 000 002"),
            ],
        )
    ).record_id
    school = InstitutionData(
        name="Szkoła Podstawowa w Przykładowie",
        type="school",
        contacts=[ContactPersonData("Ewa", "Pedagogiczna", "pedagog szkolny")],
    )
    school_id = institutions.save(school).record_id
    assert police is not None and school_id is not None

    procedures = ProcedureService(ctx(db))
    first = procedures.create(dt.date(2025, 3, 3), notes="Procedura fikcyjna.").record_id
    second = procedures.create(dt.date(2025, 6, 10)).record_id
    removed = procedures.create(dt.date(2025, 7, 1)).record_id
    assert first is not None and second is not None and removed is not None

    participants = ParticipantService(ctx(db))
    anna = PersonData(
        first_name="Anna",
        last_name="Przykładowa",
        pesel=ANNA_PESEL,
        addresses=[
            AddressData(
                street="ul. Fikcyjna 5",
                postal_code="00-000",
                city="Przykładowo",
                do_not_disclose=True,
            )
        ],
        contacts=[ContactData(kind=ContactKind.PHONE, value="000 111 222")],
    )
    participants.save(
        first, ParticipantData(anna, Role.VICTIM, {"kinship": "żona", "health_info": "bez uwag"})
    )
    participants.save(
        first,
        ParticipantData(
            PersonData(
                first_name="Piotr",
                last_name="Przykładowy",
                birth_date=dt.date(1980, 1, 2),
                sex=Sex.MALE,
                contacts=[ContactData(kind=ContactKind.EMAIL, value="piotr@przykladowo.invalid")],
            ),
            Role.PERPETRATOR,
            {"marital_status": "żonaty"},
        ),
    )
    participants.save(
        first,
        ParticipantData(
            PersonData(first_name="Zosia", last_name="Przykładowa"),
            Role.HOUSEHOLD_MEMBER,
            {"school_class": "SP w Przykładowie, klasa 3"},
        ),
    )
    people = {p.person.first_name: p.person.id for p in procedures.detail(first).participants}
    participants.save(second, ParticipantData(anna, Role.VICTIM), person_id=people["Anna"])
    participants.save(
        second,
        ParticipantData(
            PersonData(first_name="Marek", last_name="Zmyślony"), Role.HOUSEHOLD_MEMBER
        ),
    )
    participants.save(
        removed,
        ParticipantData(PersonData(first_name="Ewa", last_name="Fikcyjna"), Role.VICTIM),
    )
    [marek] = [p.person.id for p in procedures.detail(second).people_in(Role.HOUSEHOLD_MEMBER)]
    participants.delete_person(marek)

    nka = NkaService(ctx(db))
    nka.save(
        first,
        NkaData(
            filled_on=dt.date(2025, 3, 3),
            filled_by_service=InitiatorService.POLICE,
            filled_place="Przykładowo",
            filled_by_institution_id=police,
            filled_by_name="st. post. Jan Dzielnicowy",
            received_by_chair_on=dt.date(2025, 3, 5),
            content={
                "incident_date": "2025-03-02",
                "description": "Opis fikcyjnego zdarzenia.",
                "physical": {"selected": ["szarpanie"], "other": "inne zachowanie"},
                "injuries_present": "nie",
                "filled_without_victim": True,
            },
            person_ids=[people["Anna"], people["Piotr"]],
        ),
    )
    nka.save(
        first,
        NkaData(
            filled_on=dt.date(2025, 4, 1),
            filled_by_service=InitiatorService.OTHER,
            filled_by_service_other="kurator sądowy",
            received_by_chair_on=dt.date(2025, 4, 2),
            content={"witnesses": "sąsiadka"},
            person_ids=[people["Anna"], people["Piotr"]],
        ),
    )
    opening, repeat = (r.id for r in procedures.detail(first).nka_records)
    course = CourseService(ctx(db))
    for kind, day, nka_id, person in (
        (CourseEvent.NKA_PASSED_TO_GDP, dt.date(2025, 3, 6), opening, None),
        (CourseEvent.GDP_MEETING, dt.date(2025, 3, 10), None, None),
        (CourseEvent.VICTIM_INVITED, dt.date(2025, 3, 11), None, people["Anna"]),
        (CourseEvent.PERPETRATOR_INVITED, dt.date(2025, 3, 11), None, people["Piotr"]),
        (CourseEvent.NKC_FILLED, dt.date(2025, 3, 14), None, people["Anna"]),
        (CourseEvent.NKA_PASSED_TO_GDP, dt.date(2025, 4, 3), repeat, None),
    ):
        course.add_event(first, kind, day, nka_id, person, note=f"Fikcyjny krok: {kind.label}.")
    forms = FormRecordService(ctx(db))
    forms.save(first, FormData("NK-B", dt.date(2025, 3, 3), people["Anna"], {"handed_to": "Anna"}))
    forms.save(
        first,
        FormData(
            "NK-C",
            dt.date(2025, 3, 14),
            people["Anna"],
            {
                "first_act": "W 2024 r. — szarpanie.",
                "risk": "nie",
                "help_plan": [["Konsultacja prawna", "OIK", "do 31.03.2025", "zrobione"]],
            },
            filled_place="GOPS",
            filled_by_name="Zespół GDP",
        ),
    )
    course.set_reason(first, "nka_to_gdp", opening, "Przewodniczący ZI na urlopie.")
    course.set_reason(first, "perpetrator_notified", None, "Adres osoby nieznany.")

    chronology = ChronologyService(ctx(db))
    visit = chronology.add(
        first,
        dt.date(2025, 3, 10),
        ChronologyKind.VISIT,
        "Wizyta w miejscu zamieszkania",
        "Notatka z wizyty.\nDruga linia.",
    ).record_id
    attachments = AttachmentService(ctx(db))
    scan = attachments.add(
        first, "notatka.pdf", SCAN, description="Skan notatki", chronology_entry_id=visit
    ).record_id
    attachments.add(first, "pusty.txt", b"")
    assert scan is not None

    _teams(db, first, people["Anna"])
    _letters(db, first)
    institutions.save(dataclasses.replace(school, contacts=[]), school_id)  # the pedagog left
    appointments = AppointmentService(ctx(db))
    appointments.save(
        AppointmentData(
            dt.date(2025, 3, 20),
            "Rozmowa z kuratorem",
            dt.time(9),
            dt.time(9, 45),
            place="Sąd Rejonowy",
            note="Zabrać kopię NK-A.",
            procedure_number=procedures.detail(first).number,
        )
    )
    appointments.save(AppointmentData(dt.date(2025, 10, 2), "Szkolenie dla pracowników"))

    procedures.close(second, dt.date(2025, 9, 1), ClosureGround.NO_GROUNDS, "Brak zasadności.")
    procedures.delete(removed)
    return {"first": first, "second": second, "scan": scan}


def _letters(db: Database, procedure_id: int) -> None:
    """An edited template and two letters sent: one to Anna's protected address."""
    letters = LetterService(ctx(db))
    letters.save_template("wezwanie-nkd", "Wezwanie", "Proszę stawić się {data_posiedzenia}.")
    choices = letters.choices(procedure_id, "zaproszenie-nkc")
    [anna] = choices.recipients
    request = LetterRequest(
        procedure_id, "zaproszenie-nkc", anna.key, anna.addresses[0].key, choices.default_meeting
    )
    letters.record_sent(request, dt.date(2025, 3, 7), Delivery.REGISTERED)
    member = letters.choices(procedure_id, "zaproszenie-gdp").recipients[0]
    request = LetterRequest(
        procedure_id, "zaproszenie-gdp", member.key, member.default_address, choices.default_meeting
    )
    letters.record_sent(request, dt.date(2025, 3, 7), Delivery.POST)


def _teams(db: Database, procedure_id: int, victim_id: int) -> None:
    """The ZI with its chair, the procedure's GDP, a held GDP meeting with the victim and a
    ZI meeting that also invites the school's pedagog (who later leaves the directory)."""
    contacts = {c.name: c.id for c in ZiService(ctx(db)).contacts()}
    chair, officer = contacts["Dzielnicowy Jan"], contacts["Oficer"]
    zi = ZiService(ctx(db))
    zi.save_member(
        ZiMemberData(
            chair, True, dt.date(2025, 1, 15), confidentiality_signed_on=dt.date(2025, 1, 15)
        )
    )
    zi.save_member(ZiMemberData(officer))
    GdpService(ctx(db)).save(
        procedure_id, GdpData(dt.date(2025, 3, 5), [chair, officer], note="Grupa fikcyjna.")
    )
    meetings = MeetingService(ctx(db))
    meetings.save(
        MeetingData(
            MeetingKind.GDP,
            dt.date(2025, 3, 12),
            dt.time(10),
            dt.time(11, 30),
            procedure_id=procedure_id,
            status=MeetingStatus.HELD,
            place="GOPS w Przykładowie, pokój 2",
            agenda="Diagnoza sytuacji rodziny.",
            invitations_sent_on=dt.date(2025, 3, 7),
            invitations_how=InvitationMethod.LETTER,
            minutes="Protokół fikcyjnego posiedzenia.",
            decisions="Opracować plan pomocy.",
            participants=[
                MeetingParticipantData(contact_id=chair, attendance=Attendance.PRESENT),
                MeetingParticipantData(contact_id=officer, attendance=Attendance.ABSENT),
                MeetingParticipantData(person_id=victim_id, attendance=Attendance.PRESENT),
            ],
        )
    )
    meetings.save(
        MeetingData(
            MeetingKind.ZI,
            dt.date(2025, 5, 20),
            dt.time(9),
            dt.time(10, 30),
            remote_link="https://spotkanie.invalid/zi",
            agenda="Sprawy bieżące.",
            participants=[
                MeetingParticipantData(contact_id=chair),
                MeetingParticipantData(contact_id=contacts["Pedagogiczna Ewa"]),
            ],
        )
    )


def _comparable(doc: Doc) -> Doc:
    return {key: value for key, value in doc.items() if key != "exported_at"}


def _search_keys(db: Database) -> dict[str, list[tuple[int, str]]]:
    with db.read_session() as session:
        return {
            model.__name__: [
                (key, text)
                for key, text in session.execute(
                    select(model.id, model.search_text).order_by(model.id)
                )
            ]
            for model in (Institution, Person, Procedure)
        }


def _next_due_dates(db: Database) -> dict[int, dt.date | None]:
    """Each procedure's stored next due date, checked against its course as it stands."""
    with db.read_session() as session:
        stored = {p.id: p.next_due_on for p in session.scalars(select(Procedure))}
        for procedure in session.scalars(select(Procedure)):
            current = next_due_of(procedure) if procedure.deleted_at is None else None
            assert stored[procedure.id] == current, procedure.number
    return stored


def _record_count(db: Database) -> int:
    with db.read_session() as session:
        return sum(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Institution, Person, Procedure, ChronologyEntry, Attachment)
        )


# --- export and round trip ---------------------------------------------------------------


def test_round_trip_through_a_file_is_exact(
    db: Database, other_db: Database, tmp_path: Path
) -> None:
    _populate(db)
    path = tmp_path / "rejestr.json"
    export_to_file(ctx(db), path)
    written = json.loads(path.read_text("utf-8"))

    summary = import_from_file(ctx(other_db), path)

    assert _comparable(export_register(ctx(other_db))) == _comparable(written)
    assert _search_keys(other_db) == _search_keys(db)
    assert _next_due_dates(other_db) == _next_due_dates(db)
    procedures = written["procedures"]
    assert summary == ImportSummary(
        institutions=2,
        persons=5,
        procedures=3,
        participants=sum(len(p["participants"]) for p in procedures),
        nka_records=2,
        chronology_entries=sum(len(p["chronology"]) for p in procedures),
        attachments=2,
        meetings=2,
        appointments=2,
        other_forms=2,
    )
    assert SettingsService(ctx(other_db)).load() == SOURCE_SETTINGS


def test_the_course_of_a_procedure_round_trips_as_the_worker_sees_it(
    db: Database, other_db: Database
) -> None:
    ids = _populate(db)

    import_register(ctx(other_db), export_register(ctx(db)))

    for procedure_id in (ids["first"], ids["second"]):
        imported = CourseService(ctx(other_db)).view(procedure_id)
        assert imported == CourseService(ctx(db)).view(procedure_id)
        detail = ProcedureService(ctx(other_db)).detail(procedure_id)
        assert detail == ProcedureService(ctx(db)).detail(procedure_id)
    course = CourseService(ctx(other_db)).view(ids["first"])
    assert [e.kind for e in course.events].count(CourseEvent.NKA_RECEIVED_BY_CHAIR) == 2
    assert {e.kind for e in course.events} >= {CourseEvent.GDP_MEETING, CourseEvent.NKC_FILLED}
    assert {e.nka_ordinal for e in course.events} == {1, 2, None}
    assert {e.person_id for e in course.events} > {None}
    assert {d.reason for d in course.deadlines} >= {
        "Przewodniczący ZI na urlopie.",
        "Adres osoby nieznany.",
    }
    detail = ProcedureService(ctx(other_db)).detail(ids["first"])
    assert [r.received_by_chair_on for r in detail.nka_records] == [
        dt.date(2025, 3, 5),
        dt.date(2025, 4, 2),
    ]


def test_the_team_meetings_and_appointments_round_trip_as_the_worker_sees_them(
    db: Database, other_db: Database
) -> None:
    first = _populate(db)["first"]

    import_register(ctx(other_db), export_register(ctx(db)))

    assert ZiService(ctx(other_db)).members() == ZiService(ctx(db)).members()
    assert GdpService(ctx(other_db)).view(first) == GdpService(ctx(db)).view(first)
    meetings = _meetings_as_shown(db, first)
    assert _meetings_as_shown(other_db, first) == meetings
    appointments = [AppointmentService(ctx(db)).get(i) for i in (1, 2)]
    assert [AppointmentService(ctx(other_db)).get(i) for i in (1, 2)] == appointments
    assert [a.procedure_id for a in appointments] == [first, None]
    gdp_meeting, zi_meeting = meetings
    assert [(p.name, p.attendance) for p in gdp_meeting.participants] == [
        ("Dzielnicowy Jan", Attendance.PRESENT),
        ("Oficer", Attendance.ABSENT),
        ("Przykładowa Anna", Attendance.PRESENT),
    ]
    left = zi_meeting.participants[1]
    assert (left.contact_id, left.name, left.function) == (
        None,
        "Pedagogiczna Ewa",
        "pedagog szkolny, Szkoła Podstawowa w Przykładowie",
    ), "the minutes keep a contact who left the directory"


def _meetings_as_shown(db: Database, procedure_id: int) -> list[MeetingView]:
    """The procedure's meetings, then the ZI's, as the worker opens them; the ids of the
    participants (not exchanged) blanked."""
    service = MeetingService(ctx(db))
    rows = (*service.for_procedure(procedure_id), *service.zi_meetings())
    return [
        dataclasses.replace(
            view, participants=tuple(dataclasses.replace(p, id=0) for p in view.participants)
        )
        for view in (service.get(row.id) for row in rows)
    ]


def test_the_team_goes_out_with_contact_references(document: Doc) -> None:
    police, school = document["institutions"]
    assert [(c["id"], c["confidentiality_signed_on"]) for c in police["contacts"]] == [
        (1, "2025-01-15"),
        (2, None),
    ]
    assert school["contacts"] == [], "the pedagog left the directory"
    assert document["zi_members"] == [
        {"contact_person_id": 1, "is_chair": True, "appointed_on": "2025-01-15"},
        {"contact_person_id": 2, "is_chair": False, "appointed_on": None},
    ]
    first = document["procedures"][0]
    assert first["gdp"] == {
        "created_on": "2025-03-05",
        "note": "Grupa fikcyjna.",
        "contact_person_ids": [1, 2],
    }
    [meeting] = first["meetings"]
    assert (meeting["kind"], meeting["starts_at"], meeting["ends_at"]) == ("gdp", "10:00", "11:30")
    assert [
        (p["contact_person_id"], p["person_id"], p["role"]) for p in meeting["participants"]
    ] == [
        (1, None, None),
        (2, None, None),
        (None, 1, "victim"),
    ]
    [zi_meeting] = document["zi_meetings"]
    assert zi_meeting["participants"][1]["contact_person_id"] is None
    assert [p["gdp"] for p in document["procedures"][1:]] == [None, None]
    assert [(a["procedure_id"], a["starts_at"]) for a in document["appointments"]] == [
        (first["id"], "09:00"),
        (None, None),
    ]


def test_imported_gdp_meetings_count_in_the_next_due_date(
    db: Database, other_db: Database, third_db: Database
) -> None:
    """A held GDP meeting meets the first meeting's deadline: the import keys each
    procedure with its meetings, as the meeting service does when one is saved."""
    register = Register(db, CLOCK)
    team = build_team(register)
    register.course.add_event(team.procedure_id, CourseEvent.PERPETRATOR_PRESENT_AT_OPENING, FILLED)
    register.meetings.save(
        MeetingData(
            MeetingKind.GDP,
            dt.date(2026, 11, 23),
            dt.time(10),
            dt.time(11),
            procedure_id=team.procedure_id,
            status=MeetingStatus.HELD,
            place="GOPS, pokój 4",
            participants=[MeetingParticipantData(contact_id=team.worker_id)],
        )
    )
    document = export_register(ctx(db))
    without_the_meeting = copy.deepcopy(document)
    without_the_meeting["procedures"][0]["meetings"] = []

    import_register(ctx(other_db), document)
    import_register(ctx(third_db), without_the_meeting)

    moved_on = _next_due_dates(db)[team.procedure_id]
    assert moved_on != FIRST_MEETING_DUE, "the held meeting met the deadline"
    assert _next_due_dates(other_db)[team.procedure_id] == moved_on
    assert _next_due_dates(third_db)[team.procedure_id] == FIRST_MEETING_DUE


def test_the_course_goes_out_as_events_and_deadline_notes(document: Doc) -> None:
    first, second, _removed = document["procedures"]
    events = first["events"]
    assert [e["id"] for e in events] == sorted(e["id"] for e in events)
    receipts = [
        (e["nka_record_id"], e["occurred_on"])
        for e in events
        if e["kind"] == CourseEvent.NKA_RECEIVED_BY_CHAIR
    ]
    opening, repeat = (r["id"] for r in first["nka_records"])
    assert receipts == [(opening, "2025-03-05"), (repeat, "2025-04-02")]
    assert all("received_by_chair_on" not in record for record in first["nka_records"])
    assert [(n["step"], n["nka_record_id"], n["reason"]) for n in first["deadline_notes"]] == [
        ("nka_to_gdp", opening, "Przewodniczący ZI na urlopie."),
        ("perpetrator_notified", None, "Adres osoby nieznany."),
    ]
    assert second["events"] == second["deadline_notes"] == []


def test_export_covers_soft_deleted_records_and_header(document: Doc) -> None:
    assert document["format"] == "nkdesk-exchange"
    assert document["format_version"] == 4
    assert document["app_version"] == __version__
    assert document["exported_at"].endswith("Z")
    assert document["settings"] == dataclasses.asdict(SOURCE_SETTINGS)
    assert [p["deleted_at"] is not None for p in document["procedures"]] == [False, False, True]
    assert sum(p["deleted_at"] is not None for p in document["persons"]) == 1
    ids = [p["id"] for p in document["persons"]]
    assert ids == sorted(ids)


def test_imported_register_is_searchable(document: Doc, other_db: Database) -> None:
    import_register(ctx(other_db), document)

    rows = ProcedureService(ctx(other_db)).list(ProcedureQuery(text="przykladowa"))

    assert [r.number for r in rows] == ["2/2025/NK", "1/2025/NK"]
    assert rows[1].victims == "Przykładowa Anna"


def test_attachment_bytes_survive_byte_for_byte(db: Database, other_db: Database) -> None:
    ids = _populate(db)
    import_register(ctx(other_db), export_register(ctx(db)))

    attachment, data = AttachmentService(ctx(other_db)).read(ids["scan"])

    assert data == SCAN
    assert attachment.file_name == "notatka.pdf"
    assert attachment.chronology_entry_id is not None


def test_export_file_is_readable_utf8_and_replaced_atomically(db: Database, tmp_path: Path) -> None:
    _populate(db)
    path = tmp_path / "eksport.json"
    path.write_text("stara zawartość", "utf-8")

    with pytest.raises(ValidationError, match="już istnieje"):
        export_to_file(ctx(db), path)
    assert path.read_text("utf-8") == "stara zawartość"
    export_to_file(ctx(db), path, overwrite=True)

    text = path.read_text("utf-8")
    assert "Przykładowa" in text
    assert text.splitlines()[1] == '  "format": "nkdesk-exchange",'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dane", "eksport.json"]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_documented_example_imports(other_db: Database) -> None:
    text = DOC_PATH.read_text("utf-8")
    found = re.search(r"```json\n(.*?)```", text, re.DOTALL)
    assert found is not None, "docs/exchange-format.md has no JSON example"

    summary = import_register(ctx(other_db), json.loads(found.group(1)))

    assert summary.procedures == summary.attachments == 1


def test_an_old_backup_s_nka_naming_nobody_still_imports(document: Doc, other_db: Database) -> None:
    """An NK-A must name a victim and a perpetrator (Reg. § 2 ust. 4) when it is saved;
    records kept from before that rule, as backups hold them, import as they are."""
    first = document["procedures"][0]
    for record in first["nka_records"]:
        record[LINKED_PEOPLE] = []

    import_register(ctx(other_db), document)

    detail = ProcedureService(ctx(other_db)).detail(first["id"])
    assert [record.person_ids for record in detail.nka_records] == [(), ()]


# --- refusals ----------------------------------------------------------------------------


def test_import_into_a_non_empty_register_is_refused(db: Database, tmp_path: Path) -> None:
    _populate(db)
    path = tmp_path / "rejestr.json"
    export_to_file(ctx(db), path)
    before = _comparable(export_register(ctx(db)))

    with pytest.raises(ValidationError, match="pustego rejestru"):
        import_from_file(ctx(db), path)
    with pytest.raises(ValidationError, match="pustego rejestru"):
        import_register(ctx(db), json.loads(path.read_text("utf-8")))

    assert _comparable(export_register(ctx(db))) == before


def test_one_institution_is_enough_to_refuse_an_import(document: Doc, other_db: Database) -> None:
    InstitutionService(ctx(other_db)).save(InstitutionData(name="Sąd Rejonowy", type="court"))

    with pytest.raises(ValidationError):
        import_register(ctx(other_db), document)


def test_one_appointment_is_enough_to_refuse_an_import(document: Doc, other_db: Database) -> None:
    AppointmentService(ctx(other_db)).save(AppointmentData(dt.date(2026, 1, 5), "Szkolenie"))

    with pytest.raises(ValidationError, match="pustego rejestru"):
        import_register(ctx(other_db), document)


def test_malformed_json_is_refused_with_line_and_column(other_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "zepsuty.json"
    path.write_text(
        '{\n  "format": "nkdesk-exchange",\n  "format_version": 1\n  "settings": {}\n}\n', "utf-8"
    )
    before = _comparable(export_register(ctx(other_db)))

    with pytest.raises(ImportFormatError) as caught:
        import_from_file(ctx(other_db), path)

    assert caught.value.place == "wiersz 4, kolumna 3"
    assert "brak przecinka" in caught.value.reason
    assert "wiersz 4" in caught.value.message
    assert _comparable(export_register(ctx(other_db))) == before


@pytest.mark.parametrize(
    ("content", "place", "reason"),
    [
        (b"", "cały plik", "pusty"),
        (b"[1, 2]", "cały plik", "to nie jest plik wymiany"),
        ("{}".encode("utf-16"), "cały plik", "UTF-8"),
    ],
)
def test_unreadable_files_are_refused(
    other_db: Database, tmp_path: Path, content: bytes, place: str, reason: str
) -> None:
    path = tmp_path / "plik.json"
    path.write_bytes(content)

    with pytest.raises(ImportFormatError) as caught:
        import_from_file(ctx(other_db), path)

    assert caught.value.place == place
    assert reason in caught.value.reason


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """A change of one value, given as `a[0].b` in the document."""

    def change(doc: Doc) -> None:
        *parents, last = _parts(path)
        target: Any = doc
        for part in parents:
            target = target[part]
        target[last] = value

    return change


def _delete(path: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *parents, last = _parts(path)
        target: Any = doc
        for part in parents:
            target = target[part]
        del target[last]

    return change


def _parts(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in path.replace("[", ".[").split("."):
        parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return parts


def _copy_value(source: str, target: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        value: Any = doc
        for part in _parts(source):
            value = value[part]
        _set(target, copy.deepcopy(value))(doc)

    return change


def _wrong(case: str, path: str, value: Any, reason: str, place: str | None = None) -> Any:
    """A test case: set `path` to `value`; the refusal names `place` (default: `path`)."""
    return pytest.param(_set(path, value), place or path, reason, id=case)


def _course_in_version_2(doc: Doc) -> None:
    """A version-2 file that holds, of what version 3 added, only the course."""
    doc["format_version"] = 2
    for key in ("letter_templates", "zi_members", "zi_meetings", "appointments"):
        del doc[key]
    for institution in doc["institutions"]:
        for contact in institution["contacts"]:
            del contact["id"], contact["confidentiality_signed_on"]
    for procedure in doc["procedures"]:
        del procedure["gdp"], procedure["meetings"]


SCHEMA_CASES = [
    _wrong(
        "bad-role",
        "procedures[0].participants[0].role",
        "witness",
        "dozwolone: victim, perpetrator, household_member",
    ),
    pytest.param(
        _delete("persons[1].last_name"),
        "persons[1].last_name",
        "brak wymaganego pola",
        id="missing-last-name",
    ),
    _wrong("date-format", "procedures[1].started_on", "10.06.2025", "RRRR-MM-DD"),
    _wrong("unknown-field", "institutions[0].fax", "000", "nieznane pole"),
    _wrong("wrong-type", "procedures[0].year", "2025", "liczba całkowita"),
    _wrong("pesel-shape", "persons[0].pesel", "8504", "11 cyfr"),
    _wrong(
        "nullable-id-type",
        "procedures[0].nka_records[0].filled_by_institution_id",
        "1",
        "liczba całkowita albo null",
    ),
    _wrong("bad-sex", "persons[0].sex", "x", "dozwolone: female, male"),
    _wrong("empty-title", "procedures[0].chronology[0].title", "", "nie może być puste"),
    _wrong("newer-version", "format_version", 5, "czyta wersje 1–4"),
    _wrong(
        "event-unknown-kind",
        "procedures[0].events[3].kind",
        "posiedzenie",
        "dozwolone: nka_received_by_chair, nka_passed_to_gdp",
    ),
    _wrong("deadline-note-empty-reason", "procedures[0].deadline_notes[0].reason", "", "puste"),
    _wrong(
        "receipt-as-an-nka-field-in-version-3",
        "procedures[0].nka_records[0].received_by_chair_on",
        "2025-03-05",
        "nieznane pole",
    ),
    pytest.param(
        _course_in_version_2,
        "procedures[0].deadline_notes",
        "nieznane pole",
        id="course-in-a-version-2-file",
    ),
    _wrong("other-format", "format", "inny-program", "nie jest plik wymiany"),
]

SEMANTIC_CASES = [
    _wrong(
        "participant-person",
        "procedures[0].participants[0].person_id",
        999,
        "nie ma osoby o id 999",
    ),
    _wrong(
        "nka-institution",
        "procedures[0].nka_records[0].filled_by_institution_id",
        999,
        "nie ma instytucji o id 999",
    ),
    _wrong(
        "nka-person",
        "procedures[0].nka_records[0].person_ids",
        [1, 999],
        "tylko osoby z tej procedury",
    ),
    _wrong(
        "nka-person-of-another-procedure",
        "procedures[0].nka_records[0].person_ids",
        [1, 5],
        "tylko osoby z tej procedury",
    ),
    _wrong(
        "closed-before-start",
        "procedures[1].closed_on",
        "2025-06-09",
        "wcześniejsza niż data wszczęcia",
    ),
    _wrong(
        "closed-without-date",
        "procedures[1].closed_on",
        None,
        "musi mieć datę zakończenia",
    ),
    _wrong(
        "in-progress-with-closure-date",
        "procedures[0].closed_on",
        "2025-05-01",
        "nie może mieć daty ani podstawy zakończenia",
    ),
    _wrong(
        "year-not-of-start-date",
        "procedures[0].year",
        2024,
        "związany z rokiem 2024",
        place="procedures[0].started_on",
    ),
    _wrong(
        "start-in-future",
        "procedures[0].started_on",
        "2099-03-03",
        "z przyszłości",
    ),
    _wrong(
        "pesel-contradicts-birth-date",
        "persons[0].birth_date",
        "1985-04-13",
        "nie zgadza się z numerem PESEL",
    ),
    _wrong("pesel-contradicts-sex", "persons[0].sex", "male", "nie zgadza się z numerem PESEL"),
    _wrong("birth-in-future", "persons[1].birth_date", "2099-01-02", "z przyszłości"),
    _wrong(
        "deleted-before-created",
        "persons[3].deleted_at",
        "2001-01-01T00:00:00Z",
        "usunięto przed jego utworzeniem",
    ),
    _wrong(
        "utc-overflow",
        "persons[3].deleted_at",
        "0001-01-01T00:00:00+05:00",
        "poza zakresem",
    ),
    _wrong(
        "attachment-over-limit",
        "procedures[0].attachments[0].size",
        50 * 1024 * 1024 + 1,
        "większy niż 50 MB",
    ),
    _wrong(
        "attachment-device-name",
        "procedures[0].attachments[0].file_name",
        "COM1.pdf",
        "nazwą urządzenia",
    ),
    _wrong("attachment-con", "procedures[0].attachments[0].file_name", "CON", "urządzenia"),
    _wrong(
        "attachment-control-char",
        "procedures[0].attachments[0].file_name",
        "skan\x07.pdf",
        "znaki sterujące",
    ),
    _wrong(
        "attachment-rtl-override",
        "procedures[0].attachments[0].file_name",
        "skan\u202efdp.exe",
        "zmieniające kierunek",
    ),
    _wrong(
        "attachment-name-too-long",
        "procedures[0].attachments[0].file_name",
        "a" * 300 + ".pdf",
        "za długa",
    ),
    _wrong(
        "lone-surrogate",
        "persons[1].last_name",
        "Kowal\ud800",
        "niesparowany surogat",
    ),
    _wrong(
        "nka-checklist-wrong-type",
        "procedures[0].nka_records[0].content.physical",
        {"selected": 5},
        "zły format",
    ),
    _wrong(
        "attachment-entry",
        "procedures[0].attachments[0].chronology_entry_id",
        99999,
        "nie ma wpisu chronologii",
    ),
    pytest.param(
        _copy_value("procedures[0].number", "procedures[1].number"),
        "procedures[1].number",
        "powtarza się",
        id="duplicate-number",
    ),
    pytest.param(
        _copy_value("persons[0].id", "persons[1].id"),
        "persons[1].id",
        "powtarza się",
        id="duplicate-person-id",
    ),
    pytest.param(
        _copy_value("procedures[0].chronology[0].id", "procedures[1].chronology[0].id"),
        "procedures[1].chronology[0].id",
        "powtarza się",
        id="duplicate-entry-id",
    ),
    _wrong(
        "pesel-checksum",
        "persons[0].pesel",
        ANNA_PESEL[:10] + str((int(ANNA_PESEL[10]) + 1) % 10),
        "cyfrę kontrolną",
    ),
    _wrong(
        "nka-unknown-field",
        "procedures[0].nka_records[0].content.unknown_field",
        "x",
        "Nieznane pole formularza NK-A",
    ),
    _wrong(
        "nka-bad-choice",
        "procedures[0].nka_records[0].content.injuries_present",
        "może",
        "Niedozwolona wartość",
    ),
    _wrong(
        "nka-unknown-version",
        "procedures[0].nka_records[0].form_version",
        "1999",
        "nie zna tej wersji",
    ),
    _wrong(
        "details-not-allowed-for-role",
        "procedures[0].participants[0].details.school_class",
        "1a",
        "ustawa nie pozwala",
    ),
    _wrong("attachment-checksum", "procedures[0].attachments[0].sha256", "0" * 64, "suma kontr"),
    _wrong("attachment-size", "procedures[0].attachments[0].size", 1, "rozmiar"),
    _wrong(
        "attachment-path-name",
        "procedures[0].attachments[0].file_name",
        "../../skan.pdf",
        "folderów",
    ),
    _wrong(
        "attachment-absolute-name",
        "procedures[0].attachments[0].file_name",
        "C:\\Users\\skan.pdf",
        "folderów",
    ),
    _wrong("attachment-base64", "procedures[0].attachments[0].content_base64", "!!!!", "base64"),
    _wrong("impossible-date", "procedures[1].started_on", "2025-02-30", "nie istnieje"),
    _wrong("settings", "settings.numbering_pattern", "NK", "{nr}"),
    _wrong(
        "event-in-the-future", "procedures[0].events[3].occurred_on", "2099-03-10", "przyszłości"
    ),
    _wrong(
        "event-before-the-procedure",
        "procedures[0].events[3].occurred_on",
        "2025-03-02",
        "wcześniejsza niż wszczęcie",
    ),
    _wrong(
        "event-before-its-nka",
        "procedures[0].events[7].occurred_on",
        "2025-03-20",
        "wcześniejsza niż wypełnienie tej NK-A",
    ),
    _wrong(
        "event-person-outside-the-procedure",
        "procedures[0].events[4].person_id",
        5,
        "osoba doznająca przemocy domowej z tej procedury",
    ),
    _wrong(
        "event-person-in-another-role",
        "procedures[0].events[4].person_id",
        2,
        "osoba doznająca przemocy domowej z tej procedury",
    ),
    pytest.param(
        lambda doc: doc["procedures"][1]["events"].append(
            {**doc["procedures"][0]["events"][0], "id": 999, "occurred_on": "2025-06-11"}
        ),
        "procedures[1].events[0].nka_record_id",
        "w tej procedurze nie ma formularza NK-A o id 1",
        id="event-names-an-nka-of-another-procedure",
    ),
    _wrong(
        "event-names-an-nka-for-a-procedure-step",
        "procedures[0].events[3].nka_record_id",
        1,
        "nie dotyczy jednej NK-A",
    ),
    pytest.param(
        _copy_value("procedures[0].events[0].id", "procedures[0].events[5].id"),
        "procedures[0].events[5].id",
        "powtarza się",
        id="duplicate-event-id",
    ),
    _wrong(
        "deadline-note-unknown-step",
        "procedures[0].deadline_notes[0].step",
        "krok_spoza_przepisow",
        "nie zna takiego kroku",
    ),
    _wrong(
        "deadline-note-nka",
        "procedures[0].deadline_notes[1].nka_record_id",
        999,
        "nie ma formularza NK-A o id 999",
    ),
    pytest.param(
        lambda doc: doc["procedures"][0]["deadline_notes"].append(
            {**doc["procedures"][0]["deadline_notes"][0], "reason": "Drugi powód."}
        ),
        "procedures[0].deadline_notes[2]",
        "ma już uzasadnienie",
        id="two-reasons-for-one-deadline",
    ),
]

PERPETRATOR_INVITED = {
    "contact_person_id": None,
    "person_id": 2,
    "role": "perpetrator",
    "name": "Przykładowy Piotr",
    "function": "osoba stosująca przemoc domową",
    "attendance": "present",
}


def _overlapping_meeting_with_the_perpetrator(doc: Doc) -> None:
    """A second meeting on the first one's day and hours, with the perpetrator only."""
    first = doc["procedures"][0]["meetings"][0]
    doc["procedures"][0]["meetings"].append(
        {**first, "id": 9999, "participants": [PERPETRATOR_INVITED]}
    )


TEAM_CASES = [
    pytest.param(
        _overlapping_meeting_with_the_perpetrator,
        "procedures[0].meetings[0].starts_at",
        "w tym samym czasie",
        id="victim-and-perpetrator-at-overlapping-meetings",
    ),
    _wrong(
        "meeting-ends-before-it-starts",
        "procedures[0].meetings[0].ends_at",
        "09:00",
        "późniejsza niż godzina rozpoczęcia",
    ),
    _wrong("meeting-hour-shape", "procedures[0].meetings[0].starts_at", "9:00", "GG:MM"),
    _wrong("meeting-too-far-ahead", "procedures[0].meetings[0].held_on", "2099-03-12", "zakresem"),
    pytest.param(
        lambda doc: doc["procedures"][0]["meetings"][0]["participants"].append(PERPETRATOR_INVITED),
        "procedures[0].meetings[0].participants",
        "spotkania z nimi odbywają się osobno",
        id="victim-and-perpetrator-in-one-meeting",
    ),
    pytest.param(
        lambda doc: doc["procedures"][0]["meetings"][0]["participants"].append(
            {**PERPETRATOR_INVITED, "role": "household_member"}
        ),
        "procedures[0].meetings[0].participants",
        "spotkania z nimi odbywają się osobno",
        id="perpetrator-invited-under-another-role",
    ),
    _wrong(
        "gdp-member-unknown-contact",
        "procedures[0].gdp.contact_person_ids",
        [1, 999],
        "w pliku nie ma osoby kontaktowej o id 999",
        place="procedures[0].gdp.contact_person_ids[1]",
    ),
    _wrong(
        "participant-unknown-contact",
        "zi_meetings[0].participants[0].contact_person_id",
        999,
        "w pliku nie ma osoby kontaktowej o id 999",
    ),
    _wrong(
        "zi-member-unknown-contact",
        "zi_members[1].contact_person_id",
        999,
        "w pliku nie ma osoby kontaktowej o id 999",
    ),
    _wrong("two-chairs", "zi_members[1].is_chair", True, "ma już przewodniczącego"),
    _wrong("zi-member-twice", "zi_members[1].contact_person_id", 1, "już członkiem zespołu"),
    _wrong("zi-meeting-of-a-gdp", "zi_meetings[0].kind", "gdp", "należy do jednej procedury"),
    _wrong(
        "gdp-meeting-of-the-zi", "procedures[0].meetings[0].kind", "zi", "nie należy do procedury"
    ),
    _wrong(
        "meetings-without-a-gdp",
        "procedures[0].gdp",
        None,
        "wymagają grupy diagnostyczno-pomocowej",
    ),
    _wrong(
        "attendance-of-a-planned-meeting",
        "procedures[0].meetings[0].status",
        "planned",
        "dopiero po posiedzeniu",
        place="procedures[0].meetings[0].participants",
    ),
    _wrong(
        "person-at-a-zi-meeting",
        "zi_meetings[0].participants[1].person_id",
        1,
        "na posiedzenie ZI",
    ),
    _wrong(
        "participant-both-contact-and-person",
        "procedures[0].meetings[0].participants[0].person_id",
        3,
        "albo osobą kontaktową",
        place="procedures[0].meetings[0].participants[0]",
    ),
    _wrong(
        "participant-person-without-role",
        "procedures[0].meetings[0].participants[2].role",
        None,
        "brak roli",
    ),
    _wrong(
        "contact-with-a-role", "zi_meetings[0].participants[0].role", "victim", "tylko zaproszona"
    ),
    pytest.param(
        _copy_value(
            "procedures[0].meetings[0].participants[0]",
            "procedures[0].meetings[0].participants[2]",
        ),
        "procedures[0].meetings[0].participants[2]",
        "już na liście zaproszonych",
        id="invited-twice",
    ),
    _wrong(
        "gdp-before-the-procedure",
        "procedures[0].gdp.created_on",
        "2025-03-01",
        "przed wszczęciem procedury",
    ),
    _wrong(
        "gdp-member-twice",
        "procedures[0].gdp.contact_person_ids",
        [1, 1],
        "dwa razy",
    ),
    _wrong(
        "confidentiality-signed-in-the-future",
        "institutions[0].contacts[0].confidentiality_signed_on",
        "2099-01-15",
        "z przyszłości",
    ),
    pytest.param(
        _copy_value("institutions[0].contacts[0].id", "institutions[0].contacts[1].id"),
        "institutions[0].contacts[1].id",
        "powtarza się",
        id="duplicate-contact-id",
    ),
    pytest.param(
        _copy_value("zi_meetings[0].id", "procedures[0].meetings[0].id"),
        "procedures[0].meetings[0].id",
        "powtarza się",
        id="duplicate-meeting-id",
    ),
    _wrong(
        "appointment-unknown-procedure",
        "appointments[0].procedure_id",
        999,
        "w pliku nie ma procedury o id 999",
    ),
    _wrong(
        "appointment-end-without-start",
        "appointments[1].ends_at",
        "10:00",
        "Podaj też godzinę rozpoczęcia",
        place="appointments[1].starts_at",
    ),
    _wrong(
        "appointment-ends-before-it-starts",
        "appointments[0].ends_at",
        "08:30",
        "późniejsza niż godzina rozpoczęcia",
    ),
    _wrong("appointment-blank-title", "appointments[0].title", "  ", "Wpisz, czego dotyczy"),
]


@pytest.mark.parametrize(("change", "place", "reason"), SCHEMA_CASES + SEMANTIC_CASES + TEAM_CASES)
def test_wrong_documents_are_refused_with_the_place_and_change_nothing(
    document: Doc,
    other_db: Database,
    change: Callable[[Doc], None],
    place: str,
    reason: str,
) -> None:
    wrong = copy.deepcopy(document)
    change(wrong)
    before = _comparable(export_register(ctx(other_db)))

    with pytest.raises(ImportFormatError) as caught:
        import_register(ctx(other_db), wrong)

    assert caught.value.place == place
    assert reason in caught.value.reason
    assert _comparable(export_register(ctx(other_db))) == before


def test_a_failure_while_writing_rolls_everything_back(
    document: Doc, other_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    write = exchange.importer._Loader.write

    def write_then_fail(self: Any, session: Any) -> None:
        write(self, session)
        session.flush()
        raise OSError("dysk odłączony w trakcie zapisu")

    monkeypatch.setattr(exchange.importer._Loader, "write", write_then_fail)
    before = _comparable(export_register(ctx(other_db)))

    with pytest.raises(OSError, match="odłączony"):
        import_register(ctx(other_db), document)

    assert _record_count(other_db) == 0
    assert _comparable(export_register(ctx(other_db))) == before


# --- the schema stays in step with the code -----------------------------------------------


@pytest.fixture(scope="module")
def schema() -> Doc:
    loaded: Doc = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return loaded


def test_schema_is_valid_draft_2020_12(schema: Doc, document: Doc) -> None:
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema).validate(document)


def test_schema_enum_lists_equal_the_python_enums(schema: Doc) -> None:
    enums = Labelled.__subclasses__()
    assert enums, "no enums found in app.domain.enums"
    for enum in enums:
        assert schema["$defs"][enum.__name__]["enum"] == [m.value for m in enum], enum.__name__


def test_schema_settings_are_the_declared_settings(schema: Doc) -> None:
    declared = [f.name for f in setting_fields()]
    assert list(schema["$defs"]["settings"]["properties"]) == declared


SCHEMA_RECORDS = {
    "institution": (Institution, ["contacts"]),
    "contact_person": (ContactPerson, []),
    "person": (Person, ["addresses", "contacts"]),
    "address": (PersonAddress, []),
    "person_contact": (PersonContact, []),
    "procedure": (
        Procedure,
        [
            "participants",
            "nka_records",
            "chronology",
            "attachments",
            "events",
            "deadline_notes",
            "gdp",
            "meetings",
            "forms",
            "letters",
        ],
    ),
    "participant": (Participation, []),
    "nka_record": (FormRecord, []),
    "form_record": (FormRecord, []),
    "chronology_entry": (ChronologyEntry, []),
    "attachment": (Attachment, ["content_base64"]),
    "course_event": (ProcedureEvent, []),
    "deadline_note": (DeadlineNote, []),
    "gdp": (Gdp, ["contact_person_ids"]),
    "zi_member": (ZiMember, []),
    "meeting": (Meeting, ["participants"]),
    "meeting_participant": (MeetingParticipant, []),
    "appointment": (Appointment, []),
    "letter_template": (LetterTemplate, []),
    "letter_record": (LetterRecord, []),
}

# Columns that stay inside the database: search and sort keys, parent links, ids of sub-rows.
INTERNAL_COLUMNS = {
    Institution: {"search_text", "name_sort"},
    ContactPerson: {"institution_id"},
    Person: {"search_text", "name_sort"},
    PersonAddress: {"id", "person_id"},
    PersonContact: {"id", "person_id"},
    Procedure: {"search_text", "victims_sort", "perpetrators_sort", "nka_count", "next_due_on"},
    Participation: {"procedure_id"},
    FormRecord: {"procedure_id", "form"},  # every record in `nka_records` is an NK-A
    ChronologyEntry: {"procedure_id"},
    Attachment: {"procedure_id"},
    ProcedureEvent: {"procedure_id"},
    DeadlineNote: {"id", "procedure_id"},
    Gdp: {"id", "procedure_id"},
    ZiMember: {"id"},
    Meeting: {"procedure_id"},
    MeetingParticipant: {"id", "meeting_id"},
    Appointment: set(),
    LetterTemplate: set(),
    LetterRecord: {"procedure_id"},
}

# Tables whose rows the document carries in another shape, or that the import rebuilds.
OTHER_TABLES = {
    Setting: "the `settings` object",
    AttachmentContent: "each attachment's `content_base64`",
    GdpMember: "each GDP's `contact_person_ids`",
    FormRecordPerson: "each form's `person_ids`",
    ProcedureCounter: "each year's highest `seq`",
}


@pytest.mark.parametrize("name", list(SCHEMA_RECORDS))
def test_schema_records_match_the_exported_fields(schema: Doc, name: str) -> None:
    model, nested = SCHEMA_RECORDS[name]
    definition = schema["$defs"][name]
    expected = [*RECORD_FIELDS[model], *nested]
    if name == "form_record":  # NK-B, NK-C, NK-D: the same table as NK-A, fewer columns
        expected = list(OTHER_FORM_FIELDS)
    assert sorted(definition["properties"]) == sorted(expected)
    optional = OPTIONAL_FIELDS.get(model, frozenset())
    assert sorted(definition["required"]) == sorted(set(expected) - optional)
    assert definition["additionalProperties"] is False


def test_every_table_is_exported_or_knowingly_carried_otherwise() -> None:
    tables = {mapper.class_ for mapper in Base.registry.mappers}
    assert tables == set(RECORD_FIELDS) | set(OTHER_TABLES)


def test_the_top_level_fields_go_out_in_the_schemas_order(schema: Doc, document: Doc) -> None:
    assert list(document) == list(schema["properties"])
    assert schema["required"] == list(schema["properties"])


def test_every_database_column_is_exported_or_knowingly_internal() -> None:
    assert set(RECORD_FIELDS) == set(INTERNAL_COLUMNS)
    for model, fields in RECORD_FIELDS.items():
        columns = {column.key for column in inspect(model).columns}
        linked = {LINKED_PEOPLE} if model is FormRecord else set()  # rows of FormRecordPerson
        assert columns == set(fields) - linked | INTERNAL_COLUMNS[model], model.__name__


def _as_older(document: Doc, version: int) -> Doc:
    """The document as a program of that version wrote it: version 3 without the NK-B,
    NK-C and NK-D records; before version 3 also each NK-A's receipt by the ZI
    chair in its own field, no other course steps or reasons, no team, GDP, meeting or
    appointment, contact persons without ids; version 1 also without the attachments' NK-A
    links and with the {seq}/{year} number pattern."""
    old = copy.deepcopy(document)
    old["format_version"] = version
    del old["letter_templates"]
    for procedure in old["procedures"]:
        del procedure["forms"], procedure["letters"]
    if version == 3:
        return old
    for key in ("zi_members", "zi_meetings", "appointments"):
        del old[key]
    for institution in old["institutions"]:
        for contact in institution["contacts"]:
            del contact["id"], contact["confidentiality_signed_on"]
    for procedure in old["procedures"]:
        events = procedure.pop("events")
        del procedure["deadline_notes"], procedure["gdp"], procedure["meetings"]
        for record in procedure["nka_records"]:
            record["received_by_chair_on"] = next(
                (
                    e["occurred_on"]
                    for e in events
                    if (e["kind"], e["nka_record_id"])
                    == (CourseEvent.NKA_RECEIVED_BY_CHAIR, record["id"])
                ),
                None,
            )
        if version == 1:
            for attachment in procedure["attachments"]:
                del attachment["nka_record_id"]
    if version == 1:
        old["settings"]["numbering_pattern"] = "NK/{seq}/{year}"
    return old


@pytest.mark.parametrize("version", [1, 2])
def test_an_earlier_version_imports_with_each_receipt_as_a_course_event(
    document: Doc, other_db: Database, version: int
) -> None:
    """Backups written before version 3 restore; the chair's receipt of an NK-A becomes
    that NK-A's course event, written when the NK-A was (as the register upgrade does)."""
    import_register(ctx(other_db), _as_older(document, version))

    again = export_register(ctx(other_db))
    first = again["procedures"][0]
    assert [
        (e["kind"], e["nka_record_id"], e["occurred_on"], e["created_at"]) for e in first["events"]
    ] == [
        (CourseEvent.NKA_RECEIVED_BY_CHAIR, record["id"], day, record["created_at"])
        for record, day in zip(first["nka_records"], ("2025-03-05", "2025-04-02"), strict=True)
    ]
    detail = ProcedureService(ctx(other_db)).detail(first["id"])
    assert [r.received_by_chair_on for r in detail.nka_records] == [
        dt.date(2025, 3, 5),
        dt.date(2025, 4, 2),
    ]
    assert _next_due_dates(other_db)[first["id"]] is not None
    assert len(again["procedures"]) == len(document["procedures"])
    if version == 1:
        assert SettingsService(ctx(other_db)).load().numbering_pattern == "NK/{nr}/{rok}"


def test_a_version_2_file_on_disk_imports_its_receipts_as_course_events(
    other_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "kopia-v2.json"
    write_exchange_file(path, 3, entries=1, version=2)
    written = json.loads(path.read_text("utf-8"))

    import_from_file(ctx(other_db), path)

    for procedure in written["procedures"]:
        [record] = procedure["nka_records"]
        received = dt.date.fromisoformat(record["received_by_chair_on"])
        events = CourseService(ctx(other_db)).view(procedure["id"]).events
        assert [(e.kind, e.nka_record_id, e.occurred_on) for e in events] == [
            (CourseEvent.NKA_RECEIVED_BY_CHAIR, record["id"], received)
        ]
    assert export_register(ctx(other_db))["format_version"] == 4


def test_an_earlier_version_with_a_receipt_before_the_filling_is_refused(
    document: Doc, other_db: Database
) -> None:
    old = _as_older(document, 2)
    old["procedures"][0]["nka_records"][1]["received_by_chair_on"] = "2025-03-31"

    with pytest.raises(ImportFormatError) as caught:
        import_register(ctx(other_db), old)

    assert caught.value.place == "procedures[0].nka_records[1].received_by_chair_on"
    assert "przed jego wypełnieniem" in caught.value.reason
    assert _record_count(other_db) == 0


def test_the_schema_of_earlier_versions_still_describes_their_files(document: Doc) -> None:
    schema = json.loads(schema_path(2).read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    for version in (1, 2):
        Draft202012Validator(schema).validate(_as_older(document, version))
    Draft202012Validator(json.loads(schema_path(3).read_text("utf-8"))).validate(
        _as_older(document, 3)
    )


def test_a_version_3_file_imports_without_forms_and_version_4_carries_them(
    document: Doc, other_db: Database
) -> None:
    [nkb, nkc] = document["procedures"][0]["forms"]
    assert (nkb["form"], nkc["form"]) == ("NK-B", "NK-C")
    assert nkc["content"]["help_plan"] == [
        ["Konsultacja prawna", "OIK", "do 31.03.2025", "zrobione"]
    ]
    assert nkc["person_ids"] == nkb["person_ids"] and len(nkc["person_ids"]) == 1
    import_register(ctx(other_db), _as_older(document, 3))
    assert Register(other_db, CLOCK).procedures.detail(1).forms == ()


@pytest.mark.parametrize(
    ("change", "place", "reason"),
    [
        ({"form": "NK-D"}, "procedures[0].forms[1].content.first_act", "Nieznane pole"),
        ({"form_version": "1999"}, "procedures[0].forms[1].form_version", "nie zna tej wersji"),
        ({"filled_on": "2031-01-01"}, "procedures[0].forms[1].filled_on", "z przyszłości"),
        ({"person_ids": []}, "procedures[0].forms[1].person_ids", "wybierz ją"),
    ],
)
def test_a_wrong_form_record_is_refused_where_it_stands(
    document: Doc, other_db: Database, change: Doc, place: str, reason: str
) -> None:
    damaged = copy.deepcopy(document)
    damaged["procedures"][0]["forms"][1].update(change)
    with pytest.raises(ImportFormatError) as caught:
        import_register(ctx(other_db), damaged)
    assert caught.value.place == place
    assert reason in caught.value.reason
    assert _record_count(other_db) == 0


def test_letters_and_edited_templates_travel_with_the_register(
    document: Doc, other_db: Database
) -> None:
    [template] = document["letter_templates"]
    assert (template["name"], template["title"]) == ("wezwanie-nkd", "Wezwanie")
    first = document["procedures"][0]
    shelter, post = first["letters"]
    assert (shelter["address"], shelter["address_kind"], shelter["address_protected"]) == (
        "",
        "residence",
        True,
    )
    assert "ul. Fikcyjna 5" not in json.dumps(first["letters"], ensure_ascii=False)
    assert (post["how"], post["address_protected"]) == ("post", False)
    LetterService(ctx(other_db)).save_template("zakonczenie", "Stary", "Stary wzór.")

    import_register(ctx(other_db), document)

    again = export_register(ctx(other_db))
    assert again["letter_templates"] == document["letter_templates"], "the file's replace"
    assert again["procedures"][0]["letters"] == first["letters"]


def test_schema_delivery_values_are_the_programs(schema: Doc) -> None:
    assert schema["$defs"]["Delivery"]["enum"] == [m.value for m in Delivery]


@pytest.mark.parametrize(
    ("change", "place", "reason"),
    [
        (
            lambda d: d["letter_templates"][0].update(name="list-do-mikolaja"),
            "letter_templates[0].name",
            "nie zna takiego pisma",
        ),
        (
            lambda d: d["letter_templates"][0].update(text="Proszę {imie}."),
            "letter_templates[0].text",
            "nieznane pole {imie}",
        ),
        (
            lambda d: d["letter_templates"].append(dict(d["letter_templates"][0])),
            "letter_templates[1].name",
            "powtarza się",
        ),
        (
            lambda d: d["procedures"][0]["letters"][0].update(address="ul. Fikcyjna 5"),
            "procedures[0].letters[0].address",
            "nie ujawniać",
        ),
        (
            lambda d: d["procedures"][0]["letters"][0].update(sent_on="2025-01-01"),
            "procedures[0].letters[0].sent_on",
            "przed wszczęciem",
        ),
        (
            lambda d: d["procedures"][0]["letters"][0].update(how="gołąb"),
            "procedures[0].letters[0].how",
            "dozwolone: post, registered",
        ),
    ],
)
def test_wrong_letters_are_refused_with_the_place(
    document: Doc,
    other_db: Database,
    change: Callable[[Doc], None],
    place: str,
    reason: str,
) -> None:
    wrong = copy.deepcopy(document)
    change(wrong)
    with pytest.raises(ImportFormatError) as caught:
        import_register(ctx(other_db), wrong)
    assert caught.value.place == place
    assert reason in caught.value.message
