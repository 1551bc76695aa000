"""Import: a checked document becomes records, written into an empty register in one transaction.

Every record passes the very rules the services apply to the user's input (names, PESEL
against birth date and sex, dates that have already come, a closure after the start,
permitted data items, NK-A dates and people, attachment names and sizes), so an import can
never put into the register what the program itself would refuse.
"""

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import procedure_rules
from app.domain.enums import AddressKind, ClosureGround, ContactKind, ProcedureStatus, Role
from app.domain.permitted_data import may_hold_contact_data
from app.errors import ImportFormatError, ValidationError
from app.services import list_keys
from app.services.context import ServiceContext
from app.services.exchange.document import RECORD_FIELDS, Document
from app.services.exchange.validation import (
    at_place,
    attachment_data,
    check_document,
    checked_settings,
    column_value,
    nka_content,
    parse,
)
from app.services.institutions import validate_institution
from app.services.nka import validate_nka
from app.services.participants import validate_details, validate_person
from app.services.records import (
    AddressData,
    ContactData,
    ContactPersonData,
    InstitutionData,
    NkaData,
    PersonData,
)
from app.storage.models import (
    Attachment,
    AttachmentContent,
    Base,
    ChronologyEntry,
    ContactPerson,
    Institution,
    NkaRecord,
    Participation,
    Person,
    PersonAddress,
    PersonContact,
    Procedure,
    ProcedureCounter,
    Setting,
)

_Row = TypeVar("_Row", bound=Base)

_NOT_EMPTY = (
    "Import jest możliwy tylko do pustego rejestru, a ten zawiera już procedury, osoby "
    "lub instytucje. Utwórz nowy folder danych i zaimportuj plik do niego."
)


@dataclass(frozen=True)
class ImportSummary:
    """How many records of each kind an import wrote (for the confirmation message)."""

    institutions: int
    persons: int
    procedures: int
    participants: int
    nka_records: int
    chronology_entries: int
    attachments: int


def import_from_file(context: ServiceContext, path: Path) -> ImportSummary:
    """Read an exchange file and load it into this (empty) register, all or nothing."""
    with context.read() as session:
        _require_empty(session)
    context.db.require_undamaged()
    if not path.is_file():
        raise ValidationError(f"{path} nie jest zwykłym plikiem do wczytania.")
    try:
        raw = path.read_bytes()
        document = parse(raw)
    except OSError as exc:
        raise ValidationError(f"Nie można odczytać pliku {path.name}.") from exc
    except MemoryError as exc:
        raise ValidationError(
            f"Plik {path.name} jest za duży, by wczytać go w całości na tym komputerze."
        ) from exc
    return import_register(context, document)


def import_register(context: ServiceContext, data: Document) -> ImportSummary:
    """Load an exchange document into this empty register, all or nothing.

    Raises ValidationError when the register already holds records, ImportFormatError
    (naming the place in the document) when the document is wrong; either way nothing
    is written. The context's date judges dates "in the future".
    """
    check_document(data)
    loader = _Loader(context.today())
    loader.load(data)
    summary = loader.summary()  # counted now: the records detach once the session ends
    with context.write() as session:
        _require_empty(session)
        loader.write(session)
    return summary


def _require_empty(session: Session) -> None:
    for column in (Institution.id, Person.id, Procedure.id):
        if session.scalar(select(column).limit(1)) is not None:
            raise ValidationError(_NOT_EMPTY)


@dataclass
class _Loader:
    """Turns a schema-valid document into ORM objects, checking what a schema cannot.

    Nothing touches the database until `write`, so a refused document leaves no trace.
    """

    today: dt.date
    settings: dict[str, Any] = field(default_factory=dict)
    institutions: list[Institution] = field(default_factory=list)
    persons: dict[int, Person] = field(default_factory=dict)
    procedures: list[Procedure] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    _ids: dict[str, set[int]] = field(default_factory=dict)
    _numbers: set[str] = field(default_factory=set)
    _sequence: set[tuple[int, int]] = field(default_factory=set)

    def load(self, data: Document) -> None:
        self.settings = checked_settings(data["settings"])
        for i, raw in enumerate(data["institutions"]):
            self.institutions.append(self._institution(raw, f"institutions[{i}]"))
        for i, raw in enumerate(data["persons"]):
            person = self._person(raw, f"persons[{i}]")
            self.persons[person.id] = person
        for i, raw in enumerate(data["procedures"]):
            self.procedures.append(self._procedure(raw, f"procedures[{i}]"))
        self._check_contact_data(data["persons"])

    def write(self, session: Session) -> None:
        for key, value in self.settings.items():
            session.merge(Setting(key=key, value=value))
        session.add_all([*self.institutions, *self.persons.values(), *self.procedures])
        session.add_all(
            ProcedureCounter(year=year, last_seq=seq)
            for year, seq in _highest_per_year(self._sequence).items()
        )
        session.flush()
        # Attachments go last: they may point to the chronology entries flushed above.
        session.add_all(self.attachments)

    def summary(self) -> ImportSummary:
        return ImportSummary(
            institutions=len(self.institutions),
            persons=len(self.persons),
            procedures=len(self.procedures),
            participants=sum(len(p.participations) for p in self.procedures),
            nka_records=sum(len(p.nka_records) for p in self.procedures),
            chronology_entries=sum(len(p.chronology) for p in self.procedures),
            attachments=len(self.attachments),
        )

    def _claim_id(self, kind: str, raw: Document, place: str) -> None:
        seen = self._ids.setdefault(kind, set())
        if raw["id"] in seen:
            raise ImportFormatError(f"{place}.id", "identyfikator powtarza się w pliku")
        seen.add(raw["id"])

    def _institution(self, raw: Document, place: str) -> Institution:
        self._claim_id("institution", raw, place)
        contacts = [
            ContactPersonData(**_text_fields(c, ContactPersonData)) for c in raw["contacts"]
        ]
        with at_place(place):
            validate_institution(
                InstitutionData(**_text_fields(raw, InstitutionData), contacts=contacts)
            )
        _check_times(raw, place)
        institution = Institution(
            **_columns(Institution, raw, place),
            contacts=_rows(ContactPerson, raw, "contacts", place),
        )
        list_keys.refresh_institution(institution)
        return institution

    def _person(self, raw: Document, place: str) -> Person:
        self._claim_id("person", raw, place)
        columns = _columns(Person, raw, place)
        with at_place(place):
            checked = validate_person(
                PersonData(
                    first_name=raw["first_name"],
                    last_name=raw["last_name"],
                    pesel=raw["pesel"] or "",
                    birth_date=columns["birth_date"],
                    sex=raw["sex"],
                    addresses=[
                        AddressData(
                            **{**_text_fields(a, AddressData), "kind": AddressKind(a["kind"])}
                        )
                        for a in raw["addresses"]
                    ],
                    contacts=[
                        ContactData(
                            **{**_text_fields(c, ContactData), "kind": ContactKind(c["kind"])}
                        )
                        for c in raw["contacts"]
                    ],
                ),
                self.today,
            )
        _check_times(raw, place)
        columns.update(birth_date=checked.birth_date, sex=checked.sex)
        person = Person(
            **columns,
            addresses=_rows(PersonAddress, raw, "addresses", place),
            contacts=_rows(PersonContact, raw, "contacts", place),
        )
        list_keys.refresh_person(person)
        return person

    def _procedure(self, raw: Document, place: str) -> Procedure:
        self._claim_id("procedure", raw, place)
        if raw["number"] in self._numbers:
            raise ImportFormatError(f"{place}.number", "numer procedury powtarza się w pliku")
        self._numbers.add(raw["number"])
        if (raw["year"], raw["seq"]) in self._sequence:
            raise ImportFormatError(f"{place}.seq", "numer kolejny powtarza się w tym roku")
        self._sequence.add((raw["year"], raw["seq"]))
        procedure = Procedure(**_columns(Procedure, raw, place))
        with at_place(place):
            procedure_rules.check_procedure(
                procedure.number,
                procedure.year,
                procedure.started_on,
                ProcedureStatus(procedure.status),
                procedure.closed_on,
                ClosureGround(procedure.closure_ground) if procedure.closure_ground else None,
                self.today,
            )
        _check_times(raw, place)
        roles: set[tuple[int, Role]] = set()
        for j, item in enumerate(raw["participants"]):
            part = self._participant(item, f"{place}.participants[{j}]", roles)
            procedure.participations.append(part)
        for j, item in enumerate(raw["nka_records"]):
            procedure.nka_records.append(
                self._nka_record(item, f"{place}.nka_records[{j}]", procedure)
            )
        for j, item in enumerate(raw["chronology"]):
            procedure.chronology.append(self._entry(item, f"{place}.chronology[{j}]"))
        entry_ids = {entry.id for entry in procedure.chronology}
        for j, item in enumerate(raw["attachments"]):
            self.attachments.append(
                self._attachment(item, f"{place}.attachments[{j}]", procedure.id, entry_ids)
            )
        list_keys.refresh_procedure(procedure)
        return procedure

    def _participant(
        self, raw: Document, place: str, roles: set[tuple[int, Role]]
    ) -> Participation:
        self._claim_id("participant", raw, place)
        person = self.persons.get(raw["person_id"])
        if person is None:
            raise ImportFormatError(
                f"{place}.person_id", f"w pliku nie ma osoby o id {raw['person_id']}"
            )
        role = Role(raw["role"])
        with at_place(f"{place}.details"):
            details = validate_details(role, raw["details"])
        if (person.id, role) in roles:
            raise ImportFormatError(place, "ta osoba ma już tę rolę w tej procedurze")
        roles.add((person.id, role))
        columns = {**_columns(Participation, raw, place), "details": details}
        return Participation(**columns, person=person)

    def _nka_record(self, raw: Document, place: str, procedure: Procedure) -> NkaRecord:
        self._claim_id("nka_record", raw, place)
        content = nka_content(raw, place)
        institution_id = raw["filled_by_institution_id"]
        if institution_id is not None and institution_id not in self._ids.get("institution", ()):
            raise ImportFormatError(
                f"{place}.filled_by_institution_id",
                f"w pliku nie ma instytucji o id {institution_id}",
            )
        columns = _columns(NkaRecord, raw, place)
        fields = {
            f.name: columns[f.name] for f in dataclasses.fields(NkaData) if f.name != "content"
        }
        with at_place(place):
            validate_nka(
                NkaData(**fields, content=content),
                procedure,
                self.today,
                form_version=raw["form_version"],
            )
        return NkaRecord(**{**columns, "content": content})

    def _entry(self, raw: Document, place: str) -> ChronologyEntry:
        self._claim_id("chronology_entry", raw, place)
        entry = ChronologyEntry(**_columns(ChronologyEntry, raw, place))
        with at_place(place):
            procedure_rules.check_entry(entry.occurred_on, entry.title, self.today)
        return entry

    def _check_contact_data(self, raw_persons: list[Document]) -> None:
        """Addresses and contacts only for people whom some procedure lets hold them.

        Roles in deleted procedures count too: the program keeps a person's data when a
        procedure is deleted, so its own exports must import.
        """
        roles: dict[int, set[Role]] = {}
        for procedure in self.procedures:
            for part in procedure.participations:
                roles.setdefault(part.person_id, set()).add(Role(part.role))
        for i, raw in enumerate(raw_persons):
            held = roles.get(raw["id"])
            if (raw["addresses"] or raw["contacts"]) and held and not may_hold_contact_data(held):
                raise ImportFormatError(
                    f"persons[{i}].addresses",
                    "ustawa nie przewiduje adresu ani kontaktu osoby, która jest tylko "
                    "członkiem gospodarstwa domowego",
                )

    def _attachment(
        self, raw: Document, place: str, procedure_id: int, entry_ids: set[int]
    ) -> Attachment:
        self._claim_id("attachment", raw, place)
        entry_id = raw["chronology_entry_id"]
        if entry_id is not None and entry_id not in entry_ids:
            raise ImportFormatError(
                f"{place}.chronology_entry_id",
                f"w tej procedurze nie ma wpisu chronologii o id {entry_id}",
            )
        data = attachment_data(raw, place)
        return Attachment(
            **_columns(Attachment, raw, place),
            procedure_id=procedure_id,
            content=AttachmentContent(data=data),
        )


def _highest_per_year(numbers: set[tuple[int, int]]) -> dict[int, int]:
    highest: dict[int, int] = {}
    for year, seq in numbers:
        highest[year] = max(seq, highest.get(year, 0))
    return highest


def _text_fields(raw: Document, record: Any) -> Document:
    """The document's values for the fields a service input record declares."""
    names = {f.name for f in dataclasses.fields(record)} - {"contacts", "addresses", "kind"}
    return {name: raw[name] for name in names if name in raw}


def _check_times(raw: Document, place: str) -> None:
    created = column_value(raw, "created_at", place)
    updated = column_value(raw, "updated_at", place) if "updated_at" in raw else None
    deleted = column_value(raw, "deleted_at", place) if "deleted_at" in raw else None
    with at_place(place):
        procedure_rules.check_timestamps(created, updated, deleted)


def _columns(model: type[Base], raw: Document, place: str) -> Document:
    """Constructor arguments for `model` from a document record, with dates parsed."""
    return {name: column_value(raw, name, place) for name in RECORD_FIELDS[model]}


def _rows(model: type[_Row], raw: Document, key: str, place: str) -> list[_Row]:
    return [
        model(**_columns(model, item, f"{place}.{key}[{k}]")) for k, item in enumerate(raw[key])
    ]
