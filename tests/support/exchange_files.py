"""Large, valid, fictional exchange files written record by record (tests and measurements).

The proportions follow a real register of 50 000 procedures: about three people, three
participants, one NK-A, two steps of its course and twelve chronology entries per
procedure, now and then a small attachment, a reason for a late deadline, a GDP with a
meeting or an appointment; the ZI has one member and one meeting. Every record passes the
import's rules (valid PESELs, dates in the past, contact data only for victims and
perpetrators), so the whole file imports. Files of earlier format versions carry the
NK-A's receipt by the ZI chair in the NK-A itself and have no team, GDP, meeting or
appointment, as those versions did.
"""

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from app import __version__
from app.domain import pesel
from app.domain.enums import Sex
from app.services.exchange import FORMAT_VERSION

Doc = dict[str, Any]

FIRST_NAMES = ("Łucja", "Zenon", "Ewa", "Żaneta", "Śmiały", "Anna", "Bożena", "Jerzy")
LAST_NAMES = ("Przykładowa", "Zmyślony", "Fikcyjna", "Nieistniejący", "Próbna", "Wzorcowy")
BODY = (
    "Fikcyjna notatka z działań grupy diagnostyczno-pomocowej: rozmowa z osobą doznającą "
    "przemocy, ustalenia co do planu pomocy, kolejne spotkanie w ośrodku. Żółć, źdźbło, "
    "łąka — tekst wyłącznie do testów wydajności, bez żadnych prawdziwych danych. "
)
TIMESTAMP = "2025-06-01T08:00:00Z"
ATTACHMENT = b"%PDF-1.4\n% fikcyjny skan\n" + bytes(range(256)) * 8


def write_exchange_file(
    path: Path,
    procedures: int,
    entries: int = 12,
    attachment_every: int = 50,
    wrong: Doc | None = None,
    body: str = BODY,
    version: int = FORMAT_VERSION,
) -> int:
    """Write a valid exchange file of `procedures` procedures; returns its size in bytes.

    `wrong` replaces fields of the last procedure (to make the very end of a file fail);
    `body` is the text of every chronology entry; `version` is the format version written.
    """
    shape = _Shape(entries, attachment_every, body, version)
    with path.open("wb") as out:
        _write_document(out, procedures, shape, wrong or {})
    return path.stat().st_size


@dataclass(frozen=True)
class _Shape:
    entries: int
    attachment_every: int
    body: str
    version: int


def _write_document(out: BinaryIO, procedures: int, shape: _Shape, wrong: Doc) -> None:
    header = {
        "format": "nkdesk-exchange",
        "format_version": shape.version,
        "exported_at": TIMESTAMP,
        "app_version": __version__,
        "settings": {"gmina_name": "Gmina Przykładowo", "numbering_pattern": "NK/{seq}/{year}"},
        **({"letter_templates": [_TEMPLATE]} if shape.version >= 4 else {}),
    }
    team = shape.version >= 3
    out.write(json.dumps(header, ensure_ascii=False, indent=2)[:-2].encode("utf-8"))
    _write_list(out, "institutions", iter([_institution(shape.version)]))
    _write_list(out, "persons", (p for k in range(procedures) for p in _persons(k)))
    if team:
        _write_list(out, "zi_members", iter([_ZI_CHAIR]))
        _write_list(out, "zi_meetings", iter([_zi_meeting()]))
    _write_list(
        out,
        "procedures",
        (
            {**_procedure(k, shape), **(wrong if k == procedures - 1 else {})}
            for k in range(procedures)
        ),
        last=not team,
    )
    if team:
        _write_list(out, "appointments", _appointments(procedures), last=True)
    out.write(b"}\n")


def _write_list(out: BinaryIO, key: str, records: Iterator[Doc], last: bool = False) -> None:
    out.write(f',\n  "{key}": ['.encode())
    separator = "\n    "
    for record in records:
        text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        out.write(f"{separator}{text}".encode())
        separator = ",\n    "
    out.write(b"\n  ]" + (b"\n" if last else b""))


def _institution(version: int) -> Doc:
    contact = {
        "first_name": "Jan",
        "last_name": "Dzielnicowy",
        "function": "dzielnicowy",
        "phone": "",
        "email": "",
    }
    # Until version 3 contact persons had no id and no confidentiality statement.
    if version >= 3:
        contact = {"id": 1, **contact, "confidentiality_signed_on": "2020-01-02"}
    return {
        "id": 1,
        "name": "Komisariat Policji w Przykładowie",
        "type": "police",
        "street": "ul. Zmyślona 2",
        "postal_code": "00-001",
        "city": "Przykładowo",
        "phone": "000 000 000",
        "email": "komisariat@przykladowo.invalid",
        "notes": "",
        "created_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
        "contacts": [contact],
    }


_ZI_CHAIR = {"contact_person_id": 1, "is_chair": True, "appointed_on": "2020-01-02"}


def _zi_meeting() -> Doc:
    return _meeting(1, "zi", "2020-01-09", [])


def _meeting(meeting_id: int, kind: str, day: str, people: list[Doc]) -> Doc:
    """A held meeting that the contact person attended, with `people` of a procedure."""
    chair = {
        "contact_person_id": 1,
        "person_id": None,
        "role": None,
        "name": "Dzielnicowy Jan",
        "function": "dzielnicowy, Komisariat Policji w Przykładowie",
        "attendance": "present",
    }
    return {
        "id": meeting_id,
        "kind": kind,
        "held_on": day,
        "starts_at": "10:00",
        "ends_at": "11:30",
        "status": "held",
        "place": "GOPS w Przykładowie",
        "remote_link": "",
        "agenda": "Fikcyjny porządek posiedzenia.",
        "invitations_sent_on": day,
        "invitations_how": "letter",
        "minutes": "Fikcyjny protokół.",
        "decisions": "",
        "created_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
        "participants": [chair, *people],
    }


def _appointments(procedures: int) -> Iterator[Doc]:
    """One appointment for every tenth procedure, then one of the worker's own."""
    linked = range(0, procedures, 10)
    for n, k in enumerate(linked):
        yield _appointment(n + 1, _started(k), k + 1)
    yield _appointment(len(linked) + 1, "2025-05-05", None)


def _appointment(appointment_id: int, day: str, procedure_id: int | None) -> Doc:
    return {
        "id": appointment_id,
        "day": day,
        "starts_at": "08:00" if procedure_id else None,
        "ends_at": "09:00" if procedure_id else None,
        "title": "Fikcyjny termin",
        "place": "",
        "note": "",
        "procedure_id": procedure_id,
        "created_at": TIMESTAMP,
    }


def _person_ids(k: int) -> tuple[int, int, int]:
    return 3 * k + 1, 3 * k + 2, 3 * k + 3


def _persons(k: int) -> list[Doc]:
    victim, perpetrator, member = _person_ids(k)
    born = f"19{50 + k % 45:02d}-0{1 + k % 9}-1{k % 10}"
    return [
        _person(
            victim,
            FIRST_NAMES[k % len(FIRST_NAMES)],
            pesel_number=_pesel(born, k % 1000),
            addresses=[
                {
                    "kind": "residence",
                    "street": f"ul. Fikcyjna {k % 200 + 1}",
                    "postal_code": "00-000",
                    "city": "Przykładowo",
                    "do_not_disclose": k % 7 == 0,
                }
            ],
            contacts=[{"kind": "phone", "value": "000 111 222", "do_not_disclose": False}],
        ),
        _person(
            perpetrator,
            FIRST_NAMES[(k + 3) % len(FIRST_NAMES)],
            contacts=[
                {"kind": "email", "value": "osoba@przykladowo.invalid", "do_not_disclose": False}
            ],
        ),
        _person(member, FIRST_NAMES[(k + 5) % len(FIRST_NAMES)]),
    ]


def _pesel(born: str, serial: int) -> str:
    return pesel.encode(dt.date.fromisoformat(born), serial, Sex.FEMALE)


def _person(
    person_id: int,
    first_name: str,
    pesel_number: str | None = None,
    addresses: list[Doc] | None = None,
    contacts: list[Doc] | None = None,
) -> Doc:
    return {
        "id": person_id,
        "first_name": first_name,
        "last_name": LAST_NAMES[person_id % len(LAST_NAMES)],
        "pesel": pesel_number,
        "birth_date": None,
        "sex": None,
        "created_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
        "deleted_at": None,
        "addresses": addresses or [],
        "contacts": contacts or [],
    }


def _started(k: int) -> str:
    return f"{2020 + k % 6}-{1 + k % 12:02d}-{1 + k % 28:02d}"


FORM_IDS = 10_000_000  # NK-C ids, apart from the NK-A ids they share a table with


def _procedure(k: int, shape: _Shape) -> Doc:
    year = 2020 + k % 6
    started = _started(k)
    closed = k % 3 == 0
    victim, perpetrator, member = _person_ids(k)
    procedure = {
        "id": k + 1,
        "number": f"NK/{k + 1}/{year}",
        "year": year,
        "seq": k + 1,
        "started_on": started,
        "status": "closed" if closed else "in_progress",
        "closed_on": f"{year}-12-31" if closed else None,
        "closure_ground": "violence_stopped" if closed else None,
        "closure_justification": "Fikcyjne uzasadnienie." if closed else "",
        "notes": "Procedura fikcyjna, dane testowe.",
        "created_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
        "deleted_at": None,
        "participants": [
            _participant(3 * k + 1, victim, "victim", {"kinship": "żona"}),
            _participant(3 * k + 2, perpetrator, "perpetrator", {"marital_status": "żonaty"}),
            _participant(3 * k + 3, member, "household_member", {}),
        ],
        "nka_records": [_nka(k, started, [victim, perpetrator], shape.version)],
        "chronology": [
            _entry(k * shape.entries + j + 1, started, shape.body) for j in range(shape.entries)
        ],
        "attachments": (
            _attachments(k, shape.entries, shape.version) if k % shape.attachment_every == 0 else []
        ),
    }
    if shape.version < 3:
        return procedure
    procedure = {
        **procedure,
        "events": [
            _event(2 * k + 1, "nka_received_by_chair", started, nka_record_id=k + 1),
            _event(2 * k + 2, "perpetrator_invited", started, person_id=perpetrator),
        ],
        "deadline_notes": [_deadline_note()] if k % 10 == 0 else [],
        **_gdp(k, started, victim),
    }
    if shape.version < 4:
        return procedure
    return {
        **procedure,
        "forms": [_nkc(k, started, victim)] if k % 5 == 0 else [],
        "letters": [_letter(k, started)] if k % 10 == 0 else [],
    }


_TEMPLATE = {
    "name": "wezwanie-nkd",
    "title": "Wezwanie na posiedzenie grupy diagnostyczno-pomocowej",
    "text": "Proszę stawić się {data_posiedzenia} r. o godz. {godzina_posiedzenia}.",
    "updated_at": TIMESTAMP,
}


def _letter(k: int, started: str) -> Doc:
    """The victim invited to fill NK-C, by registered letter, the day the procedure started."""
    return {
        "id": k + 1,
        "letter": "zaproszenie-nkc",
        "title": "Zaproszenie na spotkanie z grupą diagnostyczno-pomocową",
        "sent_on": started,
        "recipient": "Osoba Fikcyjna",
        "how": "registered",
        "address": "ul. Fikcyjna 1, 00-000 Przykładowo",
        "address_kind": "residence",
        "address_protected": False,
        "created_at": TIMESTAMP,
    }


def _nkc(k: int, started: str, victim: int) -> Doc:
    """An NK-C filled with the victim on the day the procedure started, with a help plan."""
    return {
        "id": FORM_IDS + k,
        "form": "NK-C",
        "form_version": "2023",
        "filled_on": started,
        "filled_place": "GOPS",
        "filled_by_name": "Członkowie GDP",
        "content": {"help_plan": [["Konsultacja prawna", "OIK", "do końca miesiąca", "w toku"]]},
        "person_ids": [victim],
        "created_at": TIMESTAMP,
    }


def _gdp(k: int, started: str, victim: int) -> Doc:
    """Every fourth procedure has a GDP that met with the victim on the day it started."""
    if k % 4:
        return {"gdp": None, "meetings": []}
    invited = {
        "contact_person_id": None,
        "person_id": victim,
        "role": "victim",
        "name": "Osoba Fikcyjna",
        "function": "osoba doznająca przemocy domowej",
        "attendance": "present",
    }
    return {
        "gdp": {"created_on": started, "note": "", "contact_person_ids": [1]},
        "meetings": [_meeting(k + 2, "gdp", started, [invited])],
    }


def _participant(part_id: int, person_id: int, role: str, details: Doc) -> Doc:
    return {"id": part_id, "person_id": person_id, "role": role, "details": details}


def _nka(k: int, started: str, person_ids: list[int], version: int) -> Doc:
    record = {
        "id": k + 1,
        "form_version": "2023",
        "filled_on": started,
        "filled_place": "Przykładowo",
        "filled_by_service": "police",
        "filled_by_service_other": "",
        "filled_by_institution_id": 1,
        "filled_by_institution_name": "",
        "filled_by_name": "st. post. Jan Dzielnicowy",
        "content": {
            "incident_date": started,
            "description": "Opis fikcyjnego zdarzenia.",
            "physical": {"selected": ["szarpanie"], "other": ""},
            "injuries_present": "nie",
        },
        "person_ids": person_ids,
        "created_at": TIMESTAMP,
    }
    # Until version 3 the receipt by the ZI chair was a field of the NK-A.
    return record if version >= 3 else {**record, "received_by_chair_on": started}


def _event(
    event_id: int,
    kind: str,
    day: str,
    nka_record_id: int | None = None,
    person_id: int | None = None,
) -> Doc:
    return {
        "id": event_id,
        "kind": kind,
        "occurred_on": day,
        "nka_record_id": nka_record_id,
        "person_id": person_id,
        "note": "",
        "created_at": TIMESTAMP,
    }


def _deadline_note() -> Doc:
    return {
        "step": "perpetrator_notified",
        "nka_record_id": None,
        "reason": "Fikcyjny powód opóźnienia.",
        "created_at": TIMESTAMP,
    }


def _entry(entry_id: int, started: str, body: str) -> Doc:
    return {
        "id": entry_id,
        "occurred_on": started,
        "kind": "note",
        "title": f"Notatka nr {entry_id}",
        "body": body,
        "author": "Ewa Testowa",
        "created_at": TIMESTAMP,
    }


def _attachments(k: int, entries: int, version: int) -> list[Doc]:
    # Version 1 had no link of an attachment to an NK-A.
    link = {"nka_record_id": k + 1 if k % 2 else None} if version >= 2 else {}
    return [
        {
            "id": k + 1,
            "chronology_entry_id": k * entries + 1 if entries else None,
            **link,
            "file_name": "skan.pdf",
            "media_type": "application/pdf",
            "size": len(ATTACHMENT),
            "sha256": hashlib.sha256(ATTACHMENT).hexdigest(),
            "description": "Fikcyjny skan",
            "created_at": TIMESTAMP,
            "content_base64": base64.b64encode(ATTACHMENT).decode("ascii"),
        }
    ]
