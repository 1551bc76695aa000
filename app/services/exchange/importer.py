"""Import: an exchange document, record by record, into an empty register in one transaction.

Every record passes the very rules the services apply to the user's input (names, PESEL
against birth date and sex, dates that have already come, a closure after the start,
permitted data items, postal codes and e-mail addresses, NK-A dates and people, the
steps of the procedure's course, attachment names and sizes, the ZI, GDPs, meetings and
appointments), so an import can never put into the register what the program itself
would refuse. A postal code written "99100" is stored as "99-100"; an NK-A's receipt by
the ZI chair, a field of the NK-A before version 3, becomes the course event the program
now keeps it as.
"""

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, delete, insert, inspect, select
from sqlalchemy.orm import Session

from app.domain import letters, procedure_rules
from app.domain.enums import (
    AddressKind,
    ClosureGround,
    ContactKind,
    CourseEvent,
    ProcedureStatus,
    Role,
)
from app.domain.permitted_data import may_hold_contact_data
from app.errors import ImportFormatError, ValidationError
from app.services import list_keys
from app.services.context import ServiceContext
from app.services.course import validate_event, validate_step
from app.services.exchange.document import (
    FORMAT_VERSION,
    LINKED_PEOPLE,
    OTHER_FORM_FIELDS,
    Document,
)
from app.services.exchange.id_index import IdIndex
from app.services.exchange.reader import FileSource
from app.services.exchange.sources import STREAMED, DocumentSource, Source
from app.services.exchange.teams import Bookings, Known, ZiTeam, appointment, gdp, meeting
from app.services.exchange.validation import (
    at_place,
    attachment_data,
    check_record,
    check_times,
    check_top_value,
    checked_settings,
    column_value,
    file_version,
    form_content,
    missing_key,
    nka_content,
    record_columns,
    repeated_key,
    required_keys,
    top_level_keys,
    unknown_key,
)
from app.services.form_records import validate_form_record
from app.services.institutions import validate_institution
from app.services.nka import validate_nka
from app.services.participants import validate_details, validate_person
from app.services.records import (
    AddressData,
    ContactData,
    ContactPersonData,
    FormData,
    InstitutionData,
    NkaData,
    PersonData,
)
from app.services.zi import check_signed_on
from app.storage.models import (
    NKA,
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

# The lists whose records a list's records refer to: those are read first. (Contact
# persons are in `institutions`.)
_NEEDS = {
    "procedures": frozenset({"institutions", "persons"}),
    "zi_members": frozenset({"institutions"}),
    "zi_meetings": frozenset({"institutions"}),
    "appointments": frozenset({"procedures"}),
}
_NKA_ONLY = {
    "filled_by_service": "",
    "filled_by_service_other": "",
    "filled_by_institution_id": None,
    "filled_by_institution_name": "",
}
_RECEIVED = "received_by_chair_on"  # an NK-A field until version 3, now a course event
_ROLES = {role: 1 << bit for bit, role in enumerate(Role)}  # a set of roles in one small int
_BATCH_ROWS = 500  # rows flushed together: large enough for fast inserts, small in memory
_BATCH_BYTES = 8 * 1024 * 1024  # attachment bytes held before a flush
# Tables in the order a batch is inserted: every row after the rows it refers to.
_INSERT_ORDER: tuple[type[Base], ...] = (
    LetterTemplate,
    Institution,
    ContactPerson,
    ZiMember,
    Person,
    PersonAddress,
    PersonContact,
    Procedure,
    Participation,
    FormRecord,
    FormRecordPerson,
    ProcedureEvent,
    DeadlineNote,
    ChronologyEntry,
    Attachment,
    AttachmentContent,
    Gdp,
    GdpMember,
    Meeting,
    MeetingParticipant,
    LetterRecord,
    Appointment,
)

# The names of given people (built once: building a statement costs more than running it).
_NAMES = select(Person.id, Person.first_name, Person.last_name, Person.pesel).where(
    Person.id.in_(bindparam("ids", expanding=True))
)

_NOT_EMPTY = (
    "Dane z pliku wymiany można wczytać tylko do pustego rejestru, a ten zawiera już "
    "procedury, osoby, instytucje, posiedzenia lub terminy. Utwórz nowy folder danych "
    "i wczytaj plik do niego."
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
    meetings: int
    appointments: int
    other_forms: int = 0  # NK-B handed over, NK-C, NK-D


def import_from_file(context: ServiceContext, path: Path) -> ImportSummary:
    """Read an exchange file and load it into this (empty) register, all or nothing.

    The file is read record by record and never held whole in memory; each record is
    checked and written as it passes, inside one transaction that an error rolls back.
    """
    with context.read() as session:
        _require_empty(session)
    context.db.require_undamaged()
    if not path.is_file():
        raise ValidationError(f"{path} nie jest zwykłym plikiem do wczytania.")
    try:
        return _import(context, FileSource(path))
    except MemoryError as exc:
        raise ValidationError(
            f"Plik {path.name} zawiera wartość za dużą, by wczytać ją na tym komputerze."
        ) from exc


def import_register(context: ServiceContext, data: Document) -> ImportSummary:
    """Load an exchange document into this empty register, all or nothing.

    Raises ValidationError when the register already holds records, ImportFormatError
    (naming the place in the document) when the document is wrong; either way nothing
    is written. The context's date judges dates "in the future".
    """
    return _import(context, DocumentSource(data))


def _import(context: ServiceContext, source: Source) -> ImportSummary:
    with context.write() as session:
        _require_empty(session)
        loader = _Loader(context.today(), session)
        loader.load(source)
        loader.write(session)
    return loader.summary()


def _require_empty(session: Session) -> None:
    """Nothing an import brings may be there: a ZI meeting or an appointment needs no
    institution, person or procedure."""
    for column in (Institution.id, Person.id, Procedure.id, Meeting.id, Appointment.id):
        if session.scalar(select(column).limit(1)) is not None:
            raise ValidationError(_NOT_EMPTY)


@dataclass
class _Counts:
    institutions: int = 0
    persons: int = 0
    procedures: int = 0
    participants: int = 0
    nka_records: int = 0
    chronology_entries: int = 0
    attachments: int = 0
    meetings: int = 0
    appointments: int = 0
    other_forms: int = 0


@dataclass
class _Loader:
    """Checks each record of a document as it passes and writes it in the open transaction.

    Each record is checked with the services' own rules, then becomes table rows that are
    inserted in batches and forgotten: memory holds one batch plus small indexes (the ids
    seen per kind, procedure numbers, and the roles of people with an address or contact).
    ORM objects are built only where a rule or a stored list key needs one; they never join
    the session, so no unit of work tracks a million objects. A refused record raises, and
    the caller's transaction rolls back everything written before it.

    A list's records refer to records of other lists (`_NEEDS`): procedures to people and
    institutions, appointments to procedures. When the file gives a list before those it
    needs, it is skipped on the first pass and read in a later pass over the file.
    """

    today: dt.date
    session: Session
    version: int = FORMAT_VERSION  # the file's, read before its records
    settings: dict[str, Any] = field(default_factory=dict)
    counts: _Counts = field(default_factory=_Counts)
    _ids: dict[str, IdIndex] = field(default_factory=dict)
    _numbers: set[str] = field(default_factory=set)
    _sequence: dict[int, IdIndex] = field(default_factory=dict)  # year -> seqs given
    _highest: dict[int, int] = field(default_factory=dict)  # year -> its highest seq
    _seen: set[str] = field(default_factory=set)
    _templates: set[str] = field(default_factory=set)  # letters whose template was read
    _done: set[str] = field(default_factory=set)
    _zi: ZiTeam = field(default_factory=ZiTeam)
    _bookings: Bookings = field(default_factory=Bookings)
    _holders: dict[int, int] = field(default_factory=dict)  # person id -> index in `persons`
    _roles: dict[int, int] = field(default_factory=dict)  # of holders: bits of `_ROLES`
    _rows: dict[type[Base], list[Document]] = field(default_factory=dict)
    _batch_rows: int = 0
    _batch_bytes: int = 0

    def load(self, source: Source) -> None:
        """A file of another format or version is refused as such before any record is read."""
        self.version = file_version(source.header())
        waiting = self._first_pass(source)
        while waiting:  # every pass reads at least one list: no list needs itself
            for key, value in source.entries(waiting):
                if self._ready(key):
                    self._field(key, value)
            waiting -= self._done
        self._check_contact_data()
        self._bookings.check()

    def write(self, session: Session) -> None:
        """Write what only the whole document decides: the settings and the year counters."""
        self._flush()
        for key, value in self.settings.items():
            session.merge(Setting(key=key, value=value))
        session.add_all(
            ProcedureCounter(year=year, last_seq=seq) for year, seq in self._highest.items()
        )
        session.flush()

    def summary(self) -> ImportSummary:
        return ImportSummary(**dataclasses.asdict(self.counts))

    # --- the top level ------------------------------------------------------------------

    def _first_pass(self, source: Source) -> frozenset[str]:
        """Every field in file order; returns the lists that wait for a later pass."""
        waiting = set()
        for key, value in source.entries():
            if key in self._seen:
                raise repeated_key(key)
            self._seen.add(key)
            if self._ready(key):
                self._field(key, value)
            else:
                waiting.add(key)
        missing = [key for key in required_keys(self.version) if key not in self._seen]
        if missing:
            raise missing_key(missing[0])
        return frozenset(waiting)

    def _ready(self, key: str) -> bool:
        return _NEEDS.get(key, frozenset()) <= self._done

    def _field(self, key: str, value: Any) -> None:
        if key not in top_level_keys(self.version):
            raise unknown_key(key)
        self._done.add(key)
        if key == "letter_templates":  # the file's wording replaces the register's
            self.session.execute(delete(LetterTemplate))
        if key in STREAMED and isinstance(value, Iterator):
            for index, record in enumerate(value):
                self._record(key, index, record)
            self._flush()  # later kinds refer to these rows
            return
        check_top_value(key, value, self.version)
        if key == "settings":
            self.settings = checked_settings(value)

    def _record(self, key: str, index: int, raw: Any) -> None:
        check_record(key, index, raw, self.version)
        place = f"{key}[{index}]"
        if key == "letter_templates":
            self._letter_template(raw, place)
        elif key == "institutions":
            self._institution(raw, place)
        elif key == "persons":
            self._person(raw, place, index)
        elif key == "procedures":
            self._procedure(raw, place)
        elif key == "zi_members":
            self._add(ZiMember, self._zi.member(raw, place, self._known(), self.today))
        elif key == "zi_meetings":
            self._zi_meeting(raw, place)
        else:
            self._appointment(raw, place)
        if self._batch_rows >= _BATCH_ROWS or self._batch_bytes >= _BATCH_BYTES:
            self._flush()

    def _add(self, model: type[Base], row: Document) -> None:
        self._rows.setdefault(model, []).append(row)
        self._batch_rows += 1

    def _flush(self) -> None:
        """Insert the batch, parents before the rows that refer to them, and forget it."""
        for model in _INSERT_ORDER:
            rows = self._rows.pop(model, None)
            if rows:
                self.session.connection().execute(insert(model), rows)
        self._batch_rows = self._batch_bytes = 0

    def _claim_id(self, kind: str, raw: Document, place: str) -> None:
        if not self._ids.setdefault(kind, IdIndex()).add(raw["id"]):
            raise ImportFormatError(f"{place}.id", "identyfikator powtarza się w pliku")

    def _known(self) -> Known:
        return Known(
            *(self._ids.setdefault(kind, IdIndex()) for kind in ("contact", "person", "procedure"))
        )

    # --- letter templates ---------------------------------------------------------------

    def _letter_template(self, raw: Document, place: str) -> None:
        """A template the worker edited, checked as the editor checks it."""
        if not letters.is_letter(raw["name"]):
            raise ImportFormatError(f"{place}.name", "ten program nie zna takiego pisma")
        if raw["name"] in self._templates:
            raise ImportFormatError(f"{place}.name", "wzór tego pisma powtarza się w pliku")
        self._templates.add(raw["name"])
        with at_place(place):
            letters.check_template(letters.letter(raw["name"]), raw["title"], raw["text"])
        self._add(LetterTemplate, record_columns(LetterTemplate, raw, place))

    # --- institutions and people --------------------------------------------------------

    def _institution(self, raw: Document, place: str) -> None:
        self._claim_id("institution", raw, place)
        rows = _children(ContactPerson, raw, "contacts", place, institution_id=raw["id"])
        contacts = [ContactPersonData(**_text_fields(row, ContactPersonData)) for row in rows]
        with at_place(place):
            checked = validate_institution(
                InstitutionData(**_text_fields(raw, InstitutionData), contacts=contacts)
            )
        check_times(raw, place)
        for k, (row, contact) in enumerate(zip(rows, checked.contacts, strict=True)):
            row["email"] = contact.email
            with at_place(f"{place}.contacts[{k}]"):
                check_signed_on(contact.confidentiality_signed_on, self.today)
            if row["id"] is None:  # a file before version 3: the register numbers them
                del row["id"]
            else:
                self._claim_id("contact", row, f"{place}.contacts[{k}]")
        institution = Institution(
            **{
                **record_columns(Institution, raw, place),
                "postal_code": checked.postal_code,
                "email": checked.email,
            },
            contacts=[ContactPerson(**row) for row in rows],
        )
        list_keys.refresh_institution(institution)
        self._add(Institution, _row(institution))
        for row in rows:
            self._add(ContactPerson, row)
        self.counts.institutions += 1

    def _person(self, raw: Document, place: str, index: int) -> None:
        self._claim_id("person", raw, place)
        columns = record_columns(Person, raw, place)
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
        check_times(raw, place)
        columns.update(birth_date=checked.birth_date, sex=checked.sex)
        person = Person(**columns)
        list_keys.refresh_person(person)
        self._add(Person, _row(person))
        addresses = _children(PersonAddress, raw, "addresses", place, person_id=raw["id"])
        for row, address in zip(addresses, checked.addresses or [], strict=True):
            row["postal_code"] = address.postal_code
            self._add(PersonAddress, row)
        for row in _children(PersonContact, raw, "contacts", place, person_id=raw["id"]):
            self._add(PersonContact, row)
        if raw["addresses"] or raw["contacts"]:
            self._holders[raw["id"]] = index
        self.counts.persons += 1

    # --- procedures and what they hold --------------------------------------------------

    def _procedure(self, raw: Document, place: str) -> None:
        self._claim_id("procedure", raw, place)
        if raw["number"] in self._numbers:
            raise ImportFormatError(f"{place}.number", "numer procedury powtarza się w pliku")
        self._numbers.add(raw["number"])
        if not self._sequence.setdefault(raw["year"], IdIndex()).add(raw["seq"]):
            raise ImportFormatError(f"{place}.seq", "numer kolejny powtarza się w tym roku")
        self._highest[raw["year"]] = max(raw["seq"], self._highest.get(raw["year"], 0))
        procedure = Procedure(**record_columns(Procedure, raw, place))
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
        check_times(raw, place)
        roles: set[tuple[int, Role]] = set()
        people = self._people(raw["participants"])
        for j, item in enumerate(raw["participants"]):
            part = self._participant(item, f"{place}.participants[{j}]", roles, people)
            procedure.participations.append(part)
        for j, item in enumerate(raw["nka_records"]):
            record, received = self._nka_record(item, f"{place}.nka_records[{j}]", procedure)
            procedure.nka_records.append(record)
            if received is not None:
                procedure.events.append(_receipt(record, received))
        entries = [
            self._entry(item, f"{place}.chronology[{j}]")
            for j, item in enumerate(raw["chronology"])
        ]
        entry_ids = {entry["id"] for entry in entries}
        nka_ids = {record.id for record in procedure.nka_records}
        attachments = [
            self._attachment(item, f"{place}.attachments[{j}]", entry_ids, nka_ids)
            for j, item in enumerate(raw["attachments"])
        ]
        # The procedure's course: files before version 3 have no such lists.
        for j, item in enumerate(raw.get("events", [])):
            event = self._event(item, f"{place}.events[{j}]", procedure, nka_ids)
            procedure.events.append(event)
        clocks: set[tuple[str, int | None]] = set()
        for j, item in enumerate(raw.get("deadline_notes", [])):
            note = self._deadline_note(item, f"{place}.deadline_notes[{j}]", nka_ids, clocks)
            procedure.deadline_notes.append(note)
        members = self._gdp_and_meetings(raw, place, procedure)
        for j, item in enumerate(raw.get("forms", [])):  # files before version 4 have none
            record = self._form_record(item, f"{place}.forms[{j}]", procedure)
            procedure.other_forms.append(record)
        for j, item in enumerate(raw.get("letters", [])):
            procedure.letters.append(self._letter(item, f"{place}.letters[{j}]", procedure))
        list_keys.refresh_procedure(procedure)  # the next due date follows events and meetings
        self._add(Procedure, _row(procedure))
        children = (
            *procedure.participations,
            *procedure.nka_records,
            *procedure.other_forms,
            *procedure.events,
            *procedure.deadline_notes,
            *((procedure.gdp,) if procedure.gdp is not None else ()),
            *procedure.letters,
        )
        for child in children:
            self._add(type(child), {**_row(child), "procedure_id": procedure.id})
        for record in (*procedure.nka_records, *procedure.other_forms):
            for link in record.people:
                self._add(
                    FormRecordPerson, {"form_record_id": record.id, "person_id": link.person_id}
                )
        for row in members:
            self._add(GdpMember, row)
        for held in procedure.meetings:
            self._add_meeting(held, procedure.id)
        for entry in entries:
            self._add(ChronologyEntry, {**entry, "procedure_id": procedure.id})
        for attachment, data in attachments:
            self._add(Attachment, {**attachment, "procedure_id": procedure.id})
            self._add(AttachmentContent, {"attachment_id": attachment["id"], "data": data})
            self._batch_bytes += len(data)
        self._count(procedure, len(entries), len(attachments))

    def _gdp_and_meetings(self, raw: Document, place: str, procedure: Procedure) -> list[Document]:
        """The procedure's GDP and its meetings, set on `procedure` so they count in its
        course; returns the rows of the GDP's members. Files before version 3 have none."""
        members: list[Document] = []
        known = self._known()
        if raw.get("gdp") is not None:
            procedure.gdp, members = gdp(raw["gdp"], f"{place}.gdp", procedure, known, self.today)
        if raw.get("meetings") and procedure.gdp is None:
            raise ImportFormatError(
                f"{place}.gdp", "posiedzenia GDP wymagają grupy diagnostyczno-pomocowej procedury"
            )
        for j, item in enumerate(raw.get("meetings", [])):
            meeting_place = f"{place}.meetings[{j}]"
            self._claim_id("meeting", item, meeting_place)
            held = meeting(item, meeting_place, procedure, known, self.today)
            procedure.meetings.append(held)
            self._bookings.add(held, procedure, meeting_place)
        return members

    def _zi_meeting(self, raw: Document, place: str) -> None:
        self._claim_id("meeting", raw, place)
        self._add_meeting(meeting(raw, place, None, self._known(), self.today), None)

    def _add_meeting(self, held: Meeting, procedure_id: int | None) -> None:
        self._add(Meeting, {**_row(held), "procedure_id": procedure_id})
        for participant in held.participants:
            self._add(MeetingParticipant, {**_row(participant), "meeting_id": held.id})
        self.counts.meetings += 1

    def _appointment(self, raw: Document, place: str) -> None:
        self._claim_id("appointment", raw, place)
        self._add(Appointment, appointment(raw, place, self._known(), self.today))
        self.counts.appointments += 1

    def _count(self, procedure: Procedure, entries: int, attachments: int) -> None:
        self.counts.procedures += 1
        self.counts.participants += len(procedure.participations)
        self.counts.nka_records += len(procedure.nka_records)
        self.counts.other_forms += len(procedure.other_forms)
        self.counts.chronology_entries += entries
        self.counts.attachments += attachments

    def _people(self, participants: list[Document]) -> dict[int, Person]:
        """The procedure's people as written earlier in this transaction, with their names.

        They stay outside the session: they only lend their names to the procedure's
        search and sort keys.
        """
        known = self._ids.get("person", IdIndex())
        ids = [pid for pid in {item["person_id"] for item in participants} if pid in known]
        if not ids:
            return {}
        found = self.session.connection().execute(_NAMES, {"ids": ids})
        return {row.id: Person(**row._asdict()) for row in found}

    def _participant(
        self,
        raw: Document,
        place: str,
        roles: set[tuple[int, Role]],
        people: dict[int, Person],
    ) -> Participation:
        self._claim_id("participant", raw, place)
        person = people.get(raw["person_id"])
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
        if person.id in self._holders:
            self._roles[person.id] = self._roles.get(person.id, 0) | _ROLES[role]
        columns = {**record_columns(Participation, raw, place), "details": details}
        return Participation(**columns, person=person)

    def _nka_record(
        self, raw: Document, place: str, procedure: Procedure
    ) -> tuple[FormRecord, dt.date | None]:
        """The NK-A, and when the ZI chair received it if the file (before version 3) says."""
        self._claim_id("form_record", raw, place)
        content = nka_content(raw, place)
        institution_id = raw["filled_by_institution_id"]
        if institution_id is not None and institution_id not in self._ids.get("institution", ()):
            raise ImportFormatError(
                f"{place}.filled_by_institution_id",
                f"w pliku nie ma instytucji o id {institution_id}",
            )
        columns = record_columns(FormRecord, raw, place)
        received = column_value(raw, _RECEIVED, place) if _RECEIVED in raw else None
        fields = {f.name: columns[f.name] for f in dataclasses.fields(NkaData) if f.name in columns}
        with at_place(place):
            validate_nka(
                NkaData(**{**fields, "content": content, _RECEIVED: received}),
                procedure,
                self.today,
                form_version=raw["form_version"],
            )
        named = columns.pop(LINKED_PEOPLE)
        record = FormRecord(**{**columns, "form": NKA, "content": content})
        record.name_people(named)
        return record, received

    def _form_record(self, raw: Document, place: str, procedure: Procedure) -> FormRecord:
        """An NK-B, NK-C or NK-D, checked by the rule the service checks it with."""
        self._claim_id("form_record", raw, place)
        content = form_content(raw, place)
        columns = {name: column_value(raw, name, place) for name in OTHER_FORM_FIELDS}
        named: list[int] = columns.pop(LINKED_PEOPLE)
        if len(named) > 1:
            raise ImportFormatError(
                f"{place}.person_ids", f"{columns['form']} wskazuje najwyżej jedną osobę"
            )
        data = FormData(
            form=columns["form"],
            filled_on=columns["filled_on"],
            person_id=named[0] if named else None,
            content=content,
            filled_place=columns["filled_place"],
            filled_by_name=columns["filled_by_name"],
        )
        with at_place(place, {"person_id": "person_ids"}):
            validate_form_record(data, procedure, self.today, columns["form_version"])
        # Every row of a batch insert has the same columns: NK-A's own stay empty.
        record = FormRecord(**{**columns, **_NKA_ONLY, "content": content})
        record.name_people(named)
        return record

    def _letter(self, raw: Document, place: str, procedure: Procedure) -> LetterRecord:
        """A letter sent: a known letter, sent between the start and today; a protected
        address is never carried in the file's text."""
        self._claim_id("letter", raw, place)
        columns = record_columns(LetterRecord, raw, place)
        if not letters.is_letter(columns["letter"]):
            raise ImportFormatError(f"{place}.letter", "ten program nie zna takiego pisma")
        with at_place(place):
            procedure_rules.check_past_date(
                columns["sent_on"], self.today, "sent_on", "Data wysłania"
            )
        if columns["sent_on"] < procedure.started_on:
            raise ImportFormatError(
                f"{place}.sent_on", "pismo nie mogło zostać wysłane przed wszczęciem procedury"
            )
        if columns["address_protected"] and columns["address"]:
            raise ImportFormatError(
                f"{place}.address",
                "adresu oznaczonego „nie ujawniać” nie zapisuje się w rejestrze pism",
            )
        return LetterRecord(**columns)

    def _entry(self, raw: Document, place: str) -> Document:
        self._claim_id("chronology_entry", raw, place)
        columns = record_columns(ChronologyEntry, raw, place)
        with at_place(place):
            procedure_rules.check_entry(columns["occurred_on"], columns["title"], self.today)
        return columns

    def _attachment(
        self, raw: Document, place: str, entry_ids: set[int], nka_ids: set[int]
    ) -> tuple[Document, bytes]:
        self._claim_id("attachment", raw, place)
        columns = record_columns(Attachment, raw, place)
        entry_id = columns["chronology_entry_id"]
        if entry_id is not None and entry_id not in entry_ids:
            raise ImportFormatError(
                f"{place}.chronology_entry_id",
                f"w tej procedurze nie ma wpisu chronologii o id {entry_id}",
            )
        _check_nka_link(f"{place}.nka_record_id", columns["nka_record_id"], nka_ids)
        data = attachment_data(raw, place)
        return columns, data

    def _event(
        self, raw: Document, place: str, procedure: Procedure, nka_ids: set[int]
    ) -> ProcedureEvent:
        self._claim_id("event", raw, place)
        columns = record_columns(ProcedureEvent, raw, place)
        _check_nka_link(f"{place}.nka_record_id", columns["nka_record_id"], nka_ids)
        with at_place(place):
            validate_event(
                procedure,
                CourseEvent(columns["kind"]),
                columns["occurred_on"],
                columns["nka_record_id"],
                columns["person_id"],
                self.today,
            )
        return ProcedureEvent(**columns)

    def _deadline_note(
        self, raw: Document, place: str, nka_ids: set[int], clocks: set[tuple[str, int | None]]
    ) -> DeadlineNote:
        """A reason for a late deadline: one per clock (step and NK-A) in a procedure."""
        columns = record_columns(DeadlineNote, raw, place)
        with at_place(place):
            validate_step(columns["step"])
        _check_nka_link(f"{place}.nka_record_id", columns["nka_record_id"], nka_ids)
        clock = (columns["step"], columns["nka_record_id"])
        if clock in clocks:
            raise ImportFormatError(place, "ten termin ma już uzasadnienie w tej procedurze")
        clocks.add(clock)
        return DeadlineNote(**columns)

    def _check_contact_data(self) -> None:
        """Addresses and contacts only for people whom some procedure lets hold them.

        Roles in deleted procedures count too: the program keeps a person's data when a
        procedure is deleted, so its own exports must import.
        """
        for person_id, index in self._holders.items():
            bits = self._roles.get(person_id, 0)
            held = {role for role, bit in _ROLES.items() if bits & bit}
            if held and not may_hold_contact_data(held):
                raise ImportFormatError(
                    f"persons[{index}].addresses",
                    "ustawa nie przewiduje adresu ani kontaktu osoby, która jest tylko "
                    "członkiem gospodarstwa domowego",
                )


def _check_nka_link(place: str, nka_id: int | None, nka_ids: set[int]) -> None:
    if nka_id is not None and nka_id not in nka_ids:
        raise ImportFormatError(place, f"w tej procedurze nie ma formularza NK-A o id {nka_id}")


def _receipt(record: FormRecord, day: dt.date) -> ProcedureEvent:
    """An NK-A's receipt by the ZI chair, kept as a course event since version 3, written
    when the NK-A was (as migration 0005 moved it in registers)."""
    return ProcedureEvent(
        kind=CourseEvent.NKA_RECEIVED_BY_CHAIR.value,
        occurred_on=day,
        nka_record_id=record.id,
        person_id=None,
        note="",
        created_at=record.created_at,
    )


def _text_fields(raw: Document, record: Any) -> Document:
    """The document's values for the fields a service input record declares."""
    names = {f.name for f in dataclasses.fields(record)} - {"contacts", "addresses", "kind"}
    return {name: raw[name] for name in names if name in raw}


def _children(
    model: type[Base], raw: Document, key: str, place: str, **parent: int
) -> list[Document]:
    """Rows of the record's nested list `key` (addresses, contacts), linked to the parent."""
    return [
        {**record_columns(model, item, f"{place}.{key}[{k}]"), **parent}
        for k, item in enumerate(raw[key])
    ]


def _row(record: Base) -> Document:
    """The columns a transient record has been given, list keys included, as a table row.

    Columns left unset are left out, so the table's defaults apply as they would on a flush.
    """
    state = inspect(record).dict
    return {key: state[key] for key in _column_keys(type(record)) if key in state}


@cache
def _column_keys(model: type[Base]) -> tuple[str, ...]:
    return tuple(attribute.key for attribute in inspect(model).column_attrs)
