"""Fuzzing `nkdesk-cli import-json`: any damaged exchange file is imported or refused cleanly.

A valid exchange document with every kind of record is built once, through the real
services, and exported; an empty register is created once as a template. Each example
damages the document (a value replaced or removed, an unknown key, a list item duplicated
or swapped, a record renumbered together with its references, a contradiction between
fields, or raw damage to the file's bytes; now and then the top-level fields are also
put in another order) and imports it into a fresh copy of the template. The command
must either import (exit 0: the register then passes `check` and exports again) or
refuse (exit 1: one Polish line "Błąd: …", and nkdesk.db and keys.json byte for byte as
before) — never an internal error (exit 70).

The command reads the file record by record; a second test checks that this streamed
reading and the import of the same document from memory agree on every damaged file.

NKDESK_FUZZ_EXAMPLES sets the number of examples (default 300, about 15 s).
All data below is fictional.
"""

import contextlib
import copy
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from keyring.backends import fail

from app import cli
from app.domain import pesel
from app.domain.enums import (
    AddressKind,
    Attendance,
    ChronologyKind,
    ClosureGround,
    ContactKind,
    CourseEvent,
    InitiatorService,
    InstitutionType,
    InvitationMethod,
    MeetingKind,
    MeetingStatus,
    Role,
    Sex,
)
from app.errors import ImportFormatError
from app.security.keyfile import KEY_FILE_NAME
from app.services.appointments import AppointmentData, AppointmentService
from app.services.attachments import AttachmentService
from app.services.chronology import ChronologyService
from app.services.context import ServiceContext
from app.services.course import CourseService
from app.services.exchange import export_register, import_from_file, import_register
from app.services.gdp import GdpData, GdpService
from app.services.institutions import InstitutionService
from app.services.meetings import MeetingData, MeetingService
from app.services.meetings import ParticipantData as MeetingParticipantData
from app.services.nka import NkaService
from app.services.participants import ParticipantService
from app.services.procedures import ProcedureService
from app.services.records import (
    AddressData,
    ContactData,
    ContactPersonData,
    InstitutionData,
    NkaData,
    ParticipantData,
    PersonData,
)
from app.services.vault import DataFolder
from app.services.zi import ZiMemberData, ZiService
from app.storage.db import DB_FILE_NAME, Database
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS
from tests.support.cli import run_cli
from tests.support.clock import ctx

EXIT_OK, EXIT_REFUSED = 0, 1
MAX_EXAMPLES = int(os.environ.get("NKDESK_FUZZ_EXAMPLES", "300"))

Doc = dict[str, Any]
JsonPath = tuple[str | int, ...]

KASIA_BIRTH = dt.date(1990, 5, 17)
KASIA_PESEL = pesel.encode(KASIA_BIRTH, 246, Sex.FEMALE)  # fictional, generated
ATTACHMENT = b"%PDF-1.4\n% fikcyjny skan notatki\n\x00\x01\x02\xff\n%%EOF\n"


# --- the valid document and the empty register, built once --------------------------------


@contextlib.contextmanager
def password_only_keyring() -> Iterator[None]:
    """No OS credential store: the register is protected by the password alone.

    The key file then never asks the keyring for anything, so the template register
    opens under whatever backend a test function has installed.
    """
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def _populate(folder: DataFolder) -> Doc:
    """A small fictional register touching every kind of record; returns its export."""
    created = folder.create(PASSWORD, TEST_SETTINGS)
    db = created.database
    try:
        institutions = InstitutionService(ctx(db))
        police = institutions.save(
            InstitutionData(
                name="Komisariat Policji w Zmyślonowie",
                type=InstitutionType.POLICE,
                street="ul. Nieistniejąca 1",
                postal_code="00-000",
                city="Zmyślonowo",
                phone="000 000 001",
                email="komisariat@zmyslonowo.invalid",
                contacts=[
                    ContactPersonData(
                        first_name="Jan",
                        last_name="Fikcyjny",
                        function="dzielnicowy",
                        confidentiality_signed_on=dt.date(2025, 1, 10),
                    ),
                    ContactPersonData(last_name="Dyżurny", phone="000 000 002"),
                ],
            )
        ).record_id
        school = InstitutionData(
            name="Szkoła Podstawowa w Zmyślonowie",
            type=InstitutionType.SCHOOL,
            contacts=[ContactPersonData("Ewa", "Zmyślona-Pedagog", "pedagog")],
        )
        school_id = institutions.save(school).record_id

        procedures = ProcedureService(ctx(db))
        running = procedures.create(dt.date(2025, 2, 3), notes="Procedura fikcyjna.").record_id
        closed = procedures.create(dt.date(2025, 4, 14)).record_id
        assert police is not None and running is not None and closed is not None

        participants = ParticipantService(ctx(db))
        kasia = PersonData(
            first_name="Kasia",
            last_name="Zmyślona",
            pesel=KASIA_PESEL,
            birth_date=KASIA_BIRTH,
            sex=Sex.FEMALE,
            addresses=[
                AddressData(
                    kind=AddressKind.STAY,
                    street="ul. Schronienia 7",
                    postal_code="00-000",
                    city="Zmyślonowo",
                    do_not_disclose=True,
                ),
                AddressData(street="ul. Fikcyjna 3", city="Zmyślonowo"),
            ],
            contacts=[
                ContactData(kind=ContactKind.PHONE, value="000 111 222", do_not_disclose=True)
            ],
        )
        participants.save(
            running,
            ParticipantData(kasia, Role.VICTIM, {"kinship": "żona", "health_info": "bez uwag"}),
        )
        participants.save(
            running,
            ParticipantData(
                PersonData(
                    first_name="Tomasz",
                    last_name="Zmyślony",
                    birth_date=dt.date(1987, 11, 2),
                    sex=Sex.MALE,
                    contacts=[
                        ContactData(kind=ContactKind.EMAIL, value="tomasz@zmyslonowo.invalid")
                    ],
                ),
                Role.PERPETRATOR,
                {"marital_status": "żonaty", "addictions": "alkohol"},
            ),
        )
        participants.save(
            running,
            ParticipantData(
                PersonData(first_name="Ola", last_name="Zmyślona", birth_date=dt.date(2016, 9, 1)),
                Role.HOUSEHOLD_MEMBER,
                {"school_class": "SP w Zmyślonowie, klasa 3"},
            ),
        )
        people = {p.person.first_name: p.person.id for p in procedures.detail(running).participants}
        participants.save(closed, ParticipantData(kasia, Role.VICTIM), person_id=people["Kasia"])
        participants.save(
            closed,
            ParticipantData(
                PersonData(first_name="Leon", last_name="Nieprawdziwy"), Role.HOUSEHOLD_MEMBER
            ),
        )

        nka = (
            NkaService(ctx(db))
            .save(
                running,
                NkaData(
                    filled_on=dt.date(2025, 2, 3),
                    filled_by_service=InitiatorService.POLICE,
                    filled_place="Zmyślonowo",
                    filled_by_institution_id=police,
                    filled_by_name="st. post. Jan Fikcyjny",
                    received_by_chair_on=dt.date(2025, 2, 5),
                    content={
                        "incident_date": "2025-02-02",
                        "description": "Opis fikcyjnego zdarzenia.",
                        "physical": {"selected": ["szarpanie"], "other": "inne zachowanie"},
                        "injuries_present": "nie",
                        "filled_without_victim": True,
                    },
                    person_ids=[people["Kasia"], people["Tomasz"]],
                ),
            )
            .record_id
        )
        course = CourseService(ctx(db))
        for kind, day, nka_id, person in (
            (CourseEvent.NKA_PASSED_TO_GDP, dt.date(2025, 2, 6), nka, None),
            (CourseEvent.GDP_MEETING, dt.date(2025, 2, 10), None, None),
            (CourseEvent.VICTIM_INVITED, dt.date(2025, 2, 11), None, people["Kasia"]),
            (CourseEvent.PERPETRATOR_INVITED, dt.date(2025, 2, 11), None, people["Tomasz"]),
        ):
            course.add_event(running, kind, day, nka_id, person, note="Fikcyjny krok.")
        course.set_reason(running, "nka_to_gdp", nka, "Fikcyjny powód.")
        course.set_reason(running, "perpetrator_notified", None, "Adres nieznany.")

        visit = (
            ChronologyService(ctx(db))
            .add(
                running,
                dt.date(2025, 2, 10),
                ChronologyKind.VISIT,
                "Wizyta w miejscu zamieszkania",
                "Notatka z wizyty.\nDruga linia.",
            )
            .record_id
        )
        AttachmentService(ctx(db)).add(
            running,
            "notatka.pdf",
            ATTACHMENT,
            description="Skan notatki",
            chronology_entry_id=visit,
        )
        _teams(db, running, people["Kasia"], people["Tomasz"])
        institutions.save(dataclasses.replace(school, contacts=[]), school_id)  # the pedagog left
        appointments = AppointmentService(ctx(db))
        number = procedures.detail(running).number
        appointments.save(
            AppointmentData(
                dt.date(2025, 2, 20), "Rozprawa", dt.time(9), dt.time(10), procedure_number=number
            )
        )
        appointments.save(AppointmentData(dt.date(2025, 6, 2), "Szkolenie", place="Zmyślonowo"))
        procedures.close(closed, dt.date(2025, 8, 1), ClosureGround.NO_GROUNDS, "Brak zasadności.")
        return export_register(ctx(db))
    finally:
        db.close()


def _teams(db: Database, procedure_id: int, victim: int, perpetrator: int) -> None:
    """The ZI and its chair, the procedure's GDP, a GDP meeting with the victim and one
    with the perpetrator, and a ZI meeting that invites the school's pedagog."""
    contacts = {c.name: c.id for c in ZiService(ctx(db)).contacts()}
    chair, duty = contacts["Fikcyjny Jan"], contacts["Dyżurny"]
    zi = ZiService(ctx(db))
    zi.save_member(ZiMemberData(chair, True, dt.date(2025, 1, 10), dt.date(2025, 1, 10)))
    zi.save_member(ZiMemberData(duty))
    GdpService(ctx(db)).save(procedure_id, GdpData(dt.date(2025, 2, 5), [chair, duty]))
    meetings = MeetingService(ctx(db))
    for hour, person in ((10, victim), (12, perpetrator)):
        meetings.save(
            MeetingData(
                MeetingKind.GDP,
                dt.date(2025, 2, 10),
                dt.time(hour),
                dt.time(hour + 1),
                procedure_id=procedure_id,
                status=MeetingStatus.HELD,
                place="GOPS w Zmyślonowie",
                invitations_sent_on=dt.date(2025, 2, 6),
                invitations_how=InvitationMethod.PHONE,
                participants=[
                    MeetingParticipantData(contact_id=chair, attendance=Attendance.PRESENT),
                    MeetingParticipantData(
                        person_id=person,
                        attendance=Attendance.PRESENT if person == victim else Attendance.ABSENT,
                    ),
                ],
            )
        )
    meetings.save(
        MeetingData(
            MeetingKind.ZI,
            dt.date(2025, 3, 3),
            dt.time(9),
            dt.time(10),
            remote_link="https://spotkanie.invalid/zi",
            participants=[
                MeetingParticipantData(contact_id=chair),
                MeetingParticipantData(contact_id=contacts["Zmyślona-Pedagog Ewa"]),
            ],
        )
    )


@dataclass(frozen=True)
class FuzzAssets:
    document: Doc
    template: Path  # an empty, closed and released data folder: copy it, never use it

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # hypothesis prints it
        printer.text(f"FuzzAssets(template={str(self.template)!r})")


@pytest.fixture(scope="module")
def assets(tmp_path_factory: pytest.TempPathFactory) -> FuzzAssets:
    base = tmp_path_factory.mktemp("import-fuzz")
    with password_only_keyring():
        source = DataFolder(base / "zrodlo", kdf=FAST_KDF)
        source.acquire()
        try:
            document = _populate(source)
        finally:
            source.release()
        template = DataFolder(base / "pusty", kdf=FAST_KDF)
        template.acquire()
        try:
            template.create(PASSWORD, TEST_SETTINGS).database.close()
        finally:
            template.release()
    assert not DataFolder(template.path).uses_os_secret()
    return FuzzAssets(document=document, template=template.path)


@pytest.fixture(autouse=True)
def password_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cli.PASSWORD_ENV, PASSWORD)


def test_the_base_document_is_complete_and_imports(assets: FuzzAssets, tmp_path: Path) -> None:
    doc = assets.document
    assert len(doc["institutions"]) == 2 and doc["institutions"][0]["contacts"]
    assert len(doc["persons"]) == 4
    assert any(p["pesel"] == KASIA_PESEL for p in doc["persons"])
    assert any(a["do_not_disclose"] for p in doc["persons"] for a in p["addresses"])
    assert sorted(p["status"] for p in doc["procedures"]) == ["closed", "in_progress"]
    assert {part["role"] for p in doc["procedures"] for part in p["participants"]} == set(Role)
    assert sum(len(p["nka_records"]) for p in doc["procedures"]) == 1
    events = [e for p in doc["procedures"] for e in p["events"]]
    assert {e["kind"] for e in events} >= {"nka_received_by_chair", "gdp_meeting"}
    assert any(e["nka_record_id"] for e in events) and any(e["person_id"] for e in events)
    notes = [n for p in doc["procedures"] for n in p["deadline_notes"]]
    assert {n["nka_record_id"] is None for n in notes} == {True, False}
    attachments = [a for p in doc["procedures"] for a in p["attachments"]]
    assert len(attachments) == 1 and attachments[0]["chronology_entry_id"] is not None
    assert [m["is_chair"] for m in doc["zi_members"]] == [True, False]
    meetings = [m for p in doc["procedures"] for m in p["meetings"]]
    roles = {p["role"] for m in meetings for p in m["participants"]}
    assert roles == {None, "victim", "perpetrator"}
    assert any(p["contact_person_id"] is None for p in doc["zi_meetings"][0]["participants"])
    assert [a["procedure_id"] is None for a in doc["appointments"]] == [False, True]

    data = _serialize(doc, ensure_ascii=False)
    result = _import(assets, data, tmp_path)

    assert result.code == EXIT_OK, result.err + _debug_traceback(assets, data)
    assert "procedury 2" in result.out


# --- mutations ----------------------------------------------------------------------------

DEEP = "\x00nkdesk-fuzz-deep:{}\x00"  # a placeholder, replaced by raw text after dumping
DEEP_TEXTS = {
    "list-10000": "[" * 10_000 + "]" * 10_000,
    "object-10000": '{"a":' * 10_000 + "1" + "}" * 10_000,
    "list-950": "[" * 950 + "]" * 950,
    "object-600": '{"a":' * 600 + "{}" + "}" * 600,
    "list-200": "[" * 200 + "]" * 200,
}

INTS = [0, -1, 1, 2, 2**31, 2**63 - 1, 2**63, 2**64, 10**30, -(2**63) - 1]
FLOATS = [0.0, 1.0, 1.5, -0.0, 1e308, -1e308, 1e-320, float("inf"), float("nan")]
STRINGS = [
    "",
    " ",
    "x" * 100_000,
    "\ud800",
    "a\udfffb",
    "\x00",
    "\x01\x07\x1b[31m\x7f",
    "line\r\nbreak",
    "\u202eRTL\u202c",
    "\ufeff",
    "\U0001f600",
    "CON",
    "COM1.pdf",
    "aux.txt",
    "nul",
    'a<b>c:d"e/f\\g|h?i*j',
    "../../etc/passwd",
    "C:\\Windows\\win.ini",
    "\\\\serwer\\udział\\plik",
    "n" * 300,
    "n" * 296 + ".pdf",
    "plik.pdf.",
    "plik.pdf ",
    "plik.pdf . .",
    ".",
    "..",
    "-1",
    "1",
    "true",
    "null",
    "{seq}",
    "{year}/{seq}/{x}",
    "{seq}{year}{0}",
    "{seq!r:>{year}}",
]
DATES = [
    "2024-02-29",
    "2099-01-01",
    "0001-01-01",
    "9999-12-31",
    "0000-01-01",
    "2026-02-30",
    "2025-13-01",
    "2025-00-10",
    "2025-1-1",
    "२०२५-०१-०१",
]
TIMESTAMPS = [
    "2025-01-01T00:00:00Z",
    "2099-01-01T00:00:00+01:00",
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59-05:00",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2025-01-01T24:00:00Z",
    "2025-01-01T23:59:60Z",
    "2025-01-01T00:00:00+24:00",
    "2025-01-01T00:00:00.123456+99:59",
    "2025-02-30T00:00:00Z",
]

scalars = st.one_of(
    st.sampled_from(INTS),
    st.integers(),
    st.sampled_from(FLOATS),
    st.booleans(),
    st.none(),
    st.sampled_from(STRINGS),
    st.sampled_from(DATES),
    st.sampled_from(TIMESTAMPS),
    st.text(max_size=20),
    st.sampled_from([DEEP.format(name) for name in DEEP_TEXTS]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["id", "x", "", "\ud800", "role"]), inner, max_size=3),
    ),
    max_leaves=6,
)


def _values_like(original: Any) -> st.SearchStrategy[Any]:
    """Edge values of the original's own type: they get past the schema more often."""
    if isinstance(original, bool) or original is None:
        return scalars
    if isinstance(original, int):
        return st.sampled_from(INTS + FLOATS)
    if isinstance(original, str):
        return st.sampled_from(STRINGS + DATES + TIMESTAMPS)
    return values


def _paths(node: Any, prefix: JsonPath = ()) -> Iterator[JsonPath]:
    """Every path into the document: each object key and list index, at any depth."""
    if isinstance(node, dict):
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, child in items:
        yield (*prefix, key)
        yield from _paths(child, (*prefix, key))


def _dig(doc: Any, path: JsonPath) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _place(path: JsonPath) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _procedure(doc: Doc, status: str) -> Doc:
    found: Doc = next(p for p in doc["procedures"] if p["status"] == status)
    return found


def _person(doc: Doc, with_pesel: bool = True) -> Doc:
    found: Doc = next(p for p in doc["persons"] if (p["pesel"] is not None) == with_pesel)
    return found


def _attachment(doc: Doc) -> Doc:
    found: Doc = next(a for p in doc["procedures"] for a in p["attachments"])
    return found


def _set_many(getter: Callable[[Doc], Doc], **changes: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        getter(doc).update(changes)

    return change


def _other_procedure_entry(doc: Doc) -> None:
    entry = _procedure(doc, "closed")["chronology"][0]["id"]
    _attachment(doc)["chronology_entry_id"] = entry


def _same_role_twice(doc: Doc) -> None:
    parts = _procedure(doc, "in_progress")["participants"]
    twin = copy.deepcopy(parts[0])
    twin["id"] = 10_000
    parts.append(twin)


def _leon(doc: Doc) -> int:
    """A person of the closed procedure only."""
    found: int = next(p["id"] for p in doc["persons"] if p["first_name"] == "Leon")
    return found


def _nka_names_stranger(doc: Doc) -> None:
    nka = _procedure(doc, "in_progress")["nka_records"][0]
    nka["person_ids"] = [_leon(doc)]


def _event(doc: Doc, kind: CourseEvent) -> Doc:
    found: Doc = next(e for e in _procedure(doc, "in_progress")["events"] if e["kind"] == kind)
    return found


def _event_names_stranger(doc: Doc) -> None:
    _event(doc, CourseEvent.VICTIM_INVITED)["person_id"] = _leon(doc)


def _receipt_in_the_closed_procedure(doc: Doc) -> None:
    """The running procedure's NK-A named by a step of the other procedure."""
    receipt = copy.deepcopy(_event(doc, CourseEvent.NKA_RECEIVED_BY_CHAIR))
    receipt.update(id=10_000, occurred_on="2025-04-15")
    _procedure(doc, "closed")["events"].append(receipt)


def _meeting_of_one_nka(doc: Doc) -> None:
    nka = _procedure(doc, "in_progress")["nka_records"][0]["id"]
    _event(doc, CourseEvent.GDP_MEETING)["nka_record_id"] = nka


def _reason_twice(doc: Doc) -> None:
    notes = _procedure(doc, "in_progress")["deadline_notes"]
    notes.append({**notes[0], "reason": "Drugi powód."})


def _born_after_pesel(doc: Doc) -> None:
    _person(doc)["birth_date"] = "1991-05-17"


def _pesel_of_a_man(doc: Doc) -> None:
    _person(doc)["sex"] = "male"


def _pesel_from_the_future(doc: Doc) -> None:
    person = _person(doc)
    person["pesel"] = pesel.encode(dt.date(2099, 1, 1), 1, Sex.FEMALE)
    person["birth_date"] = "2099-01-01"


def _meeting(doc: Doc, index: int = 0) -> Doc:
    found: Doc = _procedure(doc, "in_progress")["meetings"][index]
    return found


def _perpetrator_with_the_victim(doc: Doc) -> None:
    """The perpetrator of the second meeting also invited to the victim's."""
    _meeting(doc)["participants"].append(copy.deepcopy(_meeting(doc, 1)["participants"][1]))


def _second_chair(doc: Doc) -> None:
    doc["zi_members"][1]["is_chair"] = True


def _member_twice(doc: Doc) -> None:
    doc["zi_members"].append(copy.deepcopy(doc["zi_members"][1]))


def _person_at_the_zi(doc: Doc) -> None:
    doc["zi_meetings"][0]["participants"].append(copy.deepcopy(_meeting(doc)["participants"][1]))


SEMANTIC: dict[str, Callable[[Doc], None]] = {
    "closed_on-before-started_on": _set_many(
        lambda d: _procedure(d, "closed"), closed_on="2000-01-01"
    ),
    "closed-without-closed_on": _set_many(lambda d: _procedure(d, "closed"), closed_on=None),
    "closed-without-ground": _set_many(lambda d: _procedure(d, "closed"), closure_ground=None),
    "in-progress-with-closed_on": _set_many(
        lambda d: _procedure(d, "in_progress"), closed_on="2025-12-31"
    ),
    "in-progress-with-ground": _set_many(
        lambda d: _procedure(d, "in_progress"), closure_ground="violence_stopped"
    ),
    "year-not-started_on-year": _set_many(lambda d: _procedure(d, "in_progress"), year=1999),
    "seq-not-in-number": _set_many(lambda d: _procedure(d, "in_progress"), seq=77),
    "started-in-the-future": _set_many(
        lambda d: _procedure(d, "in_progress"), started_on="2099-01-01", year=2099
    ),
    "deleted_at-before-created_at": _set_many(
        lambda d: _procedure(d, "in_progress"), deleted_at="1999-01-01T00:00:00Z"
    ),
    "updated_at-before-created_at": _set_many(
        lambda d: _person(d), updated_at="1999-01-01T00:00:00Z"
    ),
    "pesel-date-contradicts-birth_date": _born_after_pesel,
    "pesel-sex-contradicts-sex": _pesel_of_a_man,
    "pesel-and-birth_date-in-the-future": _pesel_from_the_future,
    "birth_date-in-the-future": _set_many(lambda d: _person(d, False), birth_date="2099-01-01"),
    "person-deleted_at-before-created_at": _set_many(
        lambda d: _person(d, False), deleted_at="1999-01-01T00:00:00Z"
    ),
    "attachment-claims-60-MB": _set_many(_attachment, size=60 * 1024 * 1024),
    "attachment-entry-of-another-procedure": _other_procedure_entry,
    "attachment-base64-without-padding": _set_many(
        _attachment, content_base64="QUI", size=2, sha256=hashlib.sha256(b"AB").hexdigest()
    ),
    "attachment-base64-with-newlines": _set_many(
        _attachment, content_base64="QU\nJD", size=3, sha256=hashlib.sha256(b"ABC").hexdigest()
    ),
    "same-person-same-role-twice": _same_role_twice,
    "nka-names-a-person-outside-the-procedure": _nka_names_stranger,
    "nka-received-before-the-procedure": _set_many(
        lambda d: _event(d, CourseEvent.NKA_RECEIVED_BY_CHAIR), occurred_on="2025-02-02"
    ),
    "event-in-the-future": _set_many(
        lambda d: _event(d, CourseEvent.GDP_MEETING), occurred_on="2099-01-01"
    ),
    "event-names-a-person-outside-the-procedure": _event_names_stranger,
    "event-names-an-nka-of-another-procedure": _receipt_in_the_closed_procedure,
    "procedure-step-names-an-nka": _meeting_of_one_nka,
    "reason-for-an-unknown-step": _set_many(
        lambda d: _procedure(d, "in_progress")["deadline_notes"][0], step="krok_nieznany"
    ),
    "two-reasons-for-one-deadline": _reason_twice,
    "course-in-a-version-2-file": lambda d: d.update(format_version=2),
    "chronology-before-the-procedure": _set_many(
        lambda d: _procedure(d, "in_progress")["chronology"][0], occurred_on="1900-01-01"
    ),
    "meeting-ends-before-it-starts": _set_many(_meeting, ends_at="09:00"),
    "meeting-before-its-gdp": _set_many(_meeting, held_on="2025-02-04"),
    "gdp-before-the-procedure": _set_many(
        lambda d: _procedure(d, "in_progress")["gdp"], created_on="2025-02-02"
    ),
    "meetings-without-a-gdp": _set_many(lambda d: _procedure(d, "in_progress"), gdp=None),
    "victim-and-perpetrator-in-one-meeting": _perpetrator_with_the_victim,
    "two-zi-chairs": _second_chair,
    "zi-member-twice": _member_twice,
    "person-at-a-zi-meeting": _person_at_the_zi,
    "zi-member-unknown-contact": _set_many(lambda d: d["zi_members"][0], contact_person_id=999),
    "appointment-of-an-unknown-procedure": _set_many(
        lambda d: d["appointments"][1], procedure_id=999
    ),
    "appointment-ends-before-it-starts": _set_many(lambda d: d["appointments"][0], ends_at="08:00"),
}

BYTE_DAMAGE = ["truncate", "flip", "invalid-utf8", "bom", "utf16", "nul-byte", "empty"]
POSITIONED = {"truncate", "flip", "invalid-utf8", "nul-byte"}
STRUCTURAL = ["replace", "delete", "add-key", "duplicate", "swap", "renumber"]
ID_KINDS = [
    "institution",
    "contact_person",
    "person",
    "procedure",
    "participant",
    "nka_record",
    "chronology_entry",
    "attachment",
    "course_event",
    "meeting",
    "appointment",
]


@dataclass(frozen=True)
class Mutated:
    description: str
    data: bytes

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # the bytes may be huge
        printer.text(f"Mutated({self.description!r}, {len(self.data)} bytes)")


def _serialize(doc: Doc, ensure_ascii: bool, indent: int | None = 2) -> bytes:
    text = json.dumps(doc, ensure_ascii=ensure_ascii, indent=indent)
    for name, raw in DEEP_TEXTS.items():
        text = text.replace(json.dumps(DEEP.format(name), ensure_ascii=ensure_ascii), raw)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the file carries it as an escape
        return _serialize(doc, ensure_ascii=True, indent=indent)


ODD_KEYS = ["extra", "id", "", "\ud800", "__proto__", "x\ny", "\x1b[2J", "\x07", "a\u2028b", "\t"]


def _records(doc: Doc, kind: str) -> list[Doc]:
    procedures: list[Doc] = doc["procedures"]
    if kind in ("institution", "person", "procedure", "appointment"):
        found: list[Doc] = doc[f"{kind}s"]
        return found
    if kind == "contact_person":
        return [contact for i in doc["institutions"] for contact in i["contacts"]]
    if kind == "meeting":
        return [*doc["zi_meetings"], *(m for p in procedures for m in p["meetings"])]
    key = {
        "participant": "participants",
        "nka_record": "nka_records",
        "chronology_entry": "chronology",
        "attachment": "attachments",
        "course_event": "events",
    }[kind]
    return [record for p in procedures for record in p[key]]


def _renumber(doc: Doc, kind: str, index: int, new: Any) -> None:
    """Give one record a new id and move every reference in the file along with it."""
    records = _records(doc, kind)
    record = records[index % len(records)]
    old, record["id"] = record["id"], new
    for procedure in doc["procedures"]:
        for part in procedure["participants"]:
            if kind == "person" and part["person_id"] == old:
                part["person_id"] = new
        for nka in procedure["nka_records"]:
            if kind == "person":
                nka["person_ids"] = [new if i == old else i for i in nka["person_ids"]]
            if kind == "institution" and nka["filled_by_institution_id"] == old:
                nka["filled_by_institution_id"] = new
        for attachment in procedure["attachments"]:
            if kind == "chronology_entry" and attachment["chronology_entry_id"] == old:
                attachment["chronology_entry_id"] = new
        for linked in (
            *procedure["attachments"],
            *procedure["events"],
            *procedure["deadline_notes"],
        ):
            if kind == "nka_record" and linked["nka_record_id"] == old:
                linked["nka_record_id"] = new
        for event in procedure["events"]:
            if kind == "person" and event["person_id"] == old:
                event["person_id"] = new
        if kind == "contact_person" and procedure["gdp"] is not None:
            members = procedure["gdp"]["contact_person_ids"]
            procedure["gdp"]["contact_person_ids"] = [new if i == old else i for i in members]
    for meeting in (*doc["zi_meetings"], *(m for p in doc["procedures"] for m in p["meetings"])):
        for invited in meeting["participants"]:
            for key in ("contact_person_id", "person_id"):
                if f"{kind}_id" == key and invited[key] == old:
                    invited[key] = new
    for member in doc["zi_members"]:
        if kind == "contact_person" and member["contact_person_id"] == old:
            member["contact_person_id"] = new
    for appointment in doc["appointments"]:
        if kind == "procedure" and appointment["procedure_id"] == old:
            appointment["procedure_id"] = new


def _change_structure(draw: st.DrawFn, doc: Doc, kind: str) -> str:
    """Apply one structural change at a random place; returns its description."""
    if kind == "renumber":
        id_kind = draw(st.sampled_from(ID_KINDS))
        index = draw(st.integers(0, 5))
        new = draw(st.sampled_from(INTS + FLOATS) | st.integers())
        _renumber(doc, id_kind, index, new)
        return f"renumber {id_kind} #{index} to id {new!r}"
    paths = list(_paths(doc))
    if kind == "add-key":
        objects = [(), *(p for p in paths if isinstance(_dig(doc, p), dict))]
        # Settings, participant details and NK-A content take keys the schema cannot list.
        free = [p for p in objects if p and p[-1] in ("settings", "details", "content")]
        path = draw(st.sampled_from(free) | st.sampled_from(objects))
        key = draw(st.sampled_from(ODD_KEYS) | st.text())
        value = draw(st.sampled_from(STRINGS) | values)  # text gets past the schema there
        _dig(doc, path)[key] = value
        return f"add-key {_place(path) or '<root>'}[{key!r}] = {_short(value)}"
    if kind in ("duplicate", "swap"):
        path = draw(st.sampled_from([p for p in paths if isinstance(p[-1], int)]))
        items: list[Any] = _dig(doc, path[:-1])
        i = path[-1]
        assert isinstance(i, int)
        if kind == "duplicate":
            items.insert(i, copy.deepcopy(items[i]))
            return f"duplicate {_place(path)}"
        j = draw(st.integers(0, len(items) - 1))
        items[i], items[j] = items[j], items[i]
        return f"swap {_place(path)} <-> [{j}]"
    path = draw(st.sampled_from(paths))
    parent: Any = _dig(doc, path[:-1])
    if kind == "delete":
        del parent[path[-1]]
        return f"delete {_place(path)}"
    value = draw(_values_like(parent[path[-1]]) | values)
    parent[path[-1]] = value
    return f"replace {_place(path)} = {_short(value)}"


def _damage_bytes(draw: st.DrawFn, data: bytes) -> tuple[str, bytes]:
    damage = draw(st.sampled_from(BYTE_DAMAGE))
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    where = f"{damage}@{at}" if damage in POSITIONED else damage
    if damage == "truncate":
        return where, data[:at]
    if damage == "flip":
        flipped = data[at] ^ (1 << draw(st.integers(0, 7)))
        return where, data[:at] + bytes([flipped]) + data[at + 1 :]
    if damage == "invalid-utf8":
        bad = draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]))
        return where, data[:at] + bad + data[at:]
    if damage == "nul-byte":
        return where, data[:at] + b"\x00" + data[at:]
    if damage == "bom":
        return where, b"\xef\xbb\xbf" + data
    if damage == "utf16":
        return where, data.decode("utf-8").encode("utf-16")
    return where, b""


@st.composite
def mutated_files(draw: st.DrawFn, base: Doc) -> Mutated:
    """The base document with one change, serialized; sometimes with its bytes damaged."""
    doc = copy.deepcopy(base)
    kind = draw(st.sampled_from([*STRUCTURAL, "semantic", "bytes"]))
    if kind == "semantic":
        name = draw(st.sampled_from(sorted(SEMANTIC)))
        SEMANTIC[name](doc)
        description = f"semantic {name}"
    elif kind == "bytes":
        description = "bytes"
    else:
        description = _change_structure(draw, doc, kind)
    if draw(st.integers(0, 3)) == 0:
        doc, order = _reordered(draw, doc)
        description += f" + order {order}"
    ensure_ascii = draw(st.booleans())
    data = _serialize(doc, ensure_ascii=ensure_ascii, indent=draw(st.sampled_from([2, None])))
    if kind == "bytes" or draw(st.integers(0, 9)) == 0:
        damage, data = _damage_bytes(draw, data)
        description += f" + bytes {damage}"
    return Mutated(description=description, data=data)


def _reordered(draw: st.DrawFn, doc: Doc) -> tuple[Doc, str]:
    """The same top-level fields in another order (procedures before persons, say)."""
    order = draw(st.permutations(list(doc)))
    return {key: doc[key] for key in order}, ",".join(map(str, order))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:60]}… ({len(text)} chars)"


# --- running the command ------------------------------------------------------------------


@dataclass
class Result:
    code: int
    out: str
    err: str


def _digests(folder: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in (DB_FILE_NAME, KEY_FILE_NAME)
    }


def _cli(args: list[str]) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(args)
    return Result(code, out.getvalue(), err.getvalue())


def _import(assets: FuzzAssets, data: bytes, work: Path, *extra: str) -> Result:
    folder = work / "dane"
    shutil.copytree(assets.template, folder)
    file = work / "plik.json"
    file.write_bytes(data)
    return _cli(["--data-dir", str(folder), *extra, "import-json", str(file)])


def _one_polish_line(err: str) -> bool:
    """One non-empty line "Błąd: …" with no traceback and no control characters.

    `splitlines` also breaks at vertical tab, form feed, U+001C-U+001E, U+0085, U+2028 and
    U+2029; those, like escape sequences, must not reach the terminal from a file either.
    """
    line = err.removesuffix("\n")
    return (
        line.startswith("Błąd: ")
        and len(line) > len("Błąd: ")
        and line.splitlines() == [line]
        and "Traceback" not in line
        and not any(unicodedata.category(char) == "Cc" for char in line)
    )


def _debug_traceback(assets: FuzzAssets, data: bytes) -> str:
    """The internal error's traceback, from a second run with --debug in a fresh copy."""
    with tempfile.TemporaryDirectory() as work:
        try:
            _import(assets, data, Path(work), "--debug")
        except Exception:  # noqa: BLE001 - any internal error: its traceback is the point
            return "".join(traceback.format_exc(limit=-6))
    return "(no exception with --debug)"


@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=False,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_a_damaged_file_is_imported_or_refused_cleanly(
    assets: FuzzAssets, data: st.DataObject
) -> None:
    mutated = data.draw(mutated_files(assets.document), label="file")
    note(mutated.description)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        before = _digests(assets.template)
        result = _import(assets, mutated.data, work)
        context = f"{mutated.description}\nexit {result.code}, stderr: {result.err!r}"
        if result.code not in (EXIT_OK, EXIT_REFUSED):
            context += "\n" + _debug_traceback(assets, mutated.data)
        assert result.code in (EXIT_OK, EXIT_REFUSED), context
        folder = ["--data-dir", str(work / "dane")]
        if result.code == EXIT_REFUSED:
            assert _one_polish_line(result.err), context
            assert _digests(work / "dane") == before, f"refused import changed files\n{context}"
        else:
            # What was let in must be a sound register that can be exported again.
            check = _cli([*folder, "check"])
            assert check.code == EXIT_OK, f"imported register fails check\n{context}\n{check.err}"
            export = _cli([*folder, "export-json", str(work / "znowu.json")])
            assert export.code == EXIT_OK, (
                f"imported register fails export\n{context}\n{export.err}"
            )


# --- streamed and in-memory reading agree ----------------------------------------------------


@st.composite
def damaged_documents(draw: st.DrawFn, base: Doc) -> tuple[str, Doc]:
    """The base document with one structural or semantic change, in any field order."""
    doc = copy.deepcopy(base)
    kind = draw(st.sampled_from([*STRUCTURAL, "semantic"]))
    if kind == "semantic":
        name = draw(st.sampled_from(sorted(SEMANTIC)))
        SEMANTIC[name](doc)
        description = f"semantic {name}"
    else:
        description = _change_structure(draw, doc, kind)
    if draw(st.booleans()):
        doc, order = _reordered(draw, doc)
        description += f" + order {order}"
    return description, doc


def _outcome(register: Path, load: Callable[[ServiceContext], Any]) -> Any:
    """What an import into a copy of the empty register did: its refusal, or the result."""
    folder = DataFolder(register)
    folder.acquire(create=False)
    db = folder.unlock(PASSWORD)
    try:
        load(ctx(db))
    except ImportFormatError as refused:
        return ("refused", refused.place, refused.reason)
    else:
        result = export_register(ctx(db))
        result.pop("exported_at")
        return result
    finally:
        db.close()
        folder.release()


@settings(
    max_examples=max(MAX_EXAMPLES // 4, 10),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_streamed_file_and_the_document_in_memory_import_alike(
    assets: FuzzAssets, data: st.DataObject
) -> None:
    description, doc = data.draw(damaged_documents(assets.document), label="document")
    note(description)
    try:  # NaN and infinity are no JSON: a file cannot carry what the document holds
        text = json.dumps(doc, ensure_ascii=True, allow_nan=False)
    except ValueError:
        assume(False)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        file = work / "plik.json"
        file.write_text(text, "ascii")
        for name in ("z-pliku", "z-pamieci"):
            shutil.copytree(assets.template, work / name)
        streamed = _outcome(work / "z-pliku", lambda c: import_from_file(c, file))
        in_memory = _outcome(work / "z-pamieci", lambda c: import_register(c, doc))
    assert streamed == in_memory, description


# --- the real command in a subprocess -----------------------------------------------------


# Contradictions the program refuses when they are typed in, so an import must refuse them.
REFUSED_BY_THE_SERVICES_RULES = (
    "closed_on-before-started_on",
    "closed-without-closed_on",
    "in-progress-with-closed_on",
    "year-not-started_on-year",
    "pesel-date-contradicts-birth_date",
    "pesel-sex-contradicts-sex",
    "birth_date-in-the-future",
    "person-deleted_at-before-created_at",
    "attachment-claims-60-MB",
    "nka-names-a-person-outside-the-procedure",
    "event-names-a-person-outside-the-procedure",
    "meeting-ends-before-it-starts",
    "victim-and-perpetrator-in-one-meeting",
    "two-zi-chairs",
    "appointment-ends-before-it-starts",
)


def _crafted_files(document: Doc) -> dict[str, bytes]:
    """Files the real command must refuse: each layer that once crashed (JSON parser, text
    encoding, SQLite integers, timestamps, NK-A values) and what the services' rules refuse."""
    deep = copy.deepcopy(document)
    deep["persons"][0]["first_name"] = DEEP.format("list-10000")
    surrogate = copy.deepcopy(document)
    surrogate["persons"][0]["first_name"] = "\ud800"
    huge_id = copy.deepcopy(document)
    huge_id["procedures"][0]["participants"][0]["id"] = 2**63
    overflow = copy.deepcopy(document)
    overflow["persons"][0]["created_at"] = "0001-01-01T00:00:00+05:00"
    checklist = copy.deepcopy(document)
    checklist["procedures"][0]["nka_records"][0]["content"]["physical"] = {"selected": 5}
    refused = {name: SEMANTIC[name] for name in REFUSED_BY_THE_SERVICES_RULES}
    refused |= {
        f"attachment-name-{kind}": _set_many(_attachment, file_name=name)
        for kind, name in (
            ("device", "CON"),
            ("device-with-extension", "COM1.pdf"),
            ("control-character", "skan\x07.pdf"),
            ("right-to-left-override", "skan\u202efdp.exe"),
            ("too-long", "a" * 300 + ".pdf"),
        )
    }
    files = {}
    for name, change in refused.items():
        wrong = copy.deepcopy(document)
        change(wrong)
        files[name] = _serialize(wrong, ensure_ascii=False)
    return files | {
        "deep-nesting": _serialize(deep, ensure_ascii=False),
        "lone-surrogate": _serialize(surrogate, ensure_ascii=True),
        "id-beyond-sqlite-integer": _serialize(huge_id, ensure_ascii=False),
        "timestamp-overflowing-utc": _serialize(overflow, ensure_ascii=False),
        "checklist-of-wrong-type": _serialize(checklist, ensure_ascii=False),
    }


def test_crafted_files_are_refused_by_the_real_command(assets: FuzzAssets, tmp_path: Path) -> None:
    failures = []
    for name, data in _crafted_files(assets.document).items():
        folder = tmp_path / name
        shutil.copytree(assets.template, folder)
        before = _digests(folder)
        file = tmp_path / f"{name}.json"
        file.write_bytes(data)
        done = run_cli(folder, "import-json", str(file), password=PASSWORD)
        if not (
            done.returncode == EXIT_REFUSED
            and _one_polish_line(done.stderr)
            and _digests(folder) == before
        ):
            failures.append(f"{name}: exit {done.returncode}, stderr {done.stderr.strip()!r}")
    assert not failures, "\n".join(failures)
