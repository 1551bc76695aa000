"""Exchange format: the whole register as one JSON document, for export and import.

The document moves a register to another installation and keeps a readable archive.
It is NOT encrypted: it holds every person's data (names, PESEL, addresses, NK-A
content, attachments) in plain text, so it must be guarded like paper case files.
The format is described in docs/exchange-format.md; its JSON Schema is
resources/schemas/exchange-v1.schema.json.

Import goes only into an empty register and is all or nothing: the document is
checked completely (syntax, schema, references, PESEL, NK-A content, attachment
checksums) before anything is written, and everything is written in one transaction.
"""

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app import __version__
from app.domain import nka_form
from app.domain import pesel as pesel_rules
from app.domain.enums import Role
from app.domain.permitted_data import allowed_fields
from app.errors import ImportFormatError, ValidationError
from app.services import search_text
from app.services.settings_service import SettingsService
from app.settings import settings_from_mapping
from app.storage.db import Database
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
    Setting,
)
from resources import RESOURCES_DIR

FORMAT_NAME = "nkdesk-exchange"
FORMAT_VERSION = 1
SCHEMA_PATH = RESOURCES_DIR / "schemas" / f"exchange-v{FORMAT_VERSION}.schema.json"

Document = dict[str, Any]
_Child = TypeVar("_Child", Participation, NkaRecord, ChronologyEntry, Attachment)
_Row = TypeVar("_Row", bound=Base)

# Exchanged columns of each record, in document order; nested lists follow them.
# Internal columns (search keys, parent ids, ids of addresses and contacts) stay out.
RECORD_FIELDS: dict[type[Base], tuple[str, ...]] = {
    model: tuple(names.split())
    for model, names in (
        (
            Institution,
            "id name type street postal_code city phone email notes created_at updated_at",
        ),
        (ContactPerson, "first_name last_name function phone email"),
        (Person, "id first_name last_name pesel birth_date sex created_at updated_at deleted_at"),
        (PersonAddress, "kind street postal_code city do_not_disclose"),
        (PersonContact, "kind value do_not_disclose"),
        (
            Procedure,
            "id number year seq started_on status closed_on closure_ground"
            " closure_justification notes created_at updated_at deleted_at",
        ),
        (Participation, "id person_id role details"),
        (
            NkaRecord,
            "id form_version filled_on filled_place filled_by_service filled_by_service_other"
            " filled_by_institution_id filled_by_institution_name filled_by_name"
            " received_by_chair_on content person_ids created_at",
        ),
        (ChronologyEntry, "id occurred_on kind title body author created_at"),
        (
            Attachment,
            "id chronology_entry_id file_name media_type size sha256 description created_at",
        ),
    )
}
_DATE_FIELDS = frozenset(
    {"birth_date", "started_on", "closed_on", "filled_on", "received_by_chair_on", "occurred_on"}
)
_TIMESTAMP_FIELDS = frozenset({"created_at", "updated_at", "deleted_at"})

_WHOLE_FILE = "cały plik"
_NOT_EMPTY = (
    "Import jest możliwy tylko do pustego rejestru, a ten zawiera już procedury, osoby "
    "lub instytucje. Utwórz nowy folder danych i zaimportuj plik do niego."
)
_JSON_REASONS = {
    "Expecting value": "brak wartości albo niedozwolony znak",
    "Expecting ',' delimiter": "brak przecinka między elementami",
    "Expecting ':' delimiter": "brak dwukropka po nazwie pola",
    "Expecting property name enclosed in double quotes": (
        "nazwa pola musi być w cudzysłowie (albo zbędny przecinek przed nawiasem)"
    ),
    "Unterminated string starting at": "niezamknięty tekst (brak cudzysłowu)",
    "Invalid control character at": "niedozwolony znak sterujący w tekście",
    "Invalid \\escape": "niepoprawna sekwencja ze znakiem \\",
    "Invalid \\uXXXX escape": "niepoprawna sekwencja \\u",
    "Extra data": "nadmiarowe dane po końcu dokumentu",
}
_JSON_TYPES = {
    "string": "tekst",
    "integer": "liczba całkowita",
    "number": "liczba",
    "boolean": "true albo false",
    "object": "obiekt {…}",
    "array": "lista […]",
    "null": "null",
}
_PATTERN_HINTS = {
    "date": "oczekiwano daty w postaci RRRR-MM-DD",
    "timestamp": "oczekiwano daty i czasu w postaci RRRR-MM-DDTGG:MM:SSZ",
    "pesel": "PESEL musi mieć dokładnie 11 cyfr",
    "sha256": "oczekiwano 64 znaków szesnastkowych (małe litery)",
    "form_version": "niepoprawne oznaczenie wersji formularza",
}


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


# --- export -----------------------------------------------------------------------------


def export_register(db: Database) -> Document:
    """The whole register as an exchange document, soft-deleted records included.

    The result holds personal data in plain form; whoever writes it out is responsible
    for where it goes. Records are sorted by id so equal registers give equal documents.
    """
    settings = dataclasses.asdict(SettingsService(db).load())
    with db.read_session() as session:
        institutions = session.scalars(
            select(Institution).options(selectinload(Institution.contacts)).order_by(Institution.id)
        ).all()
        persons = session.scalars(
            select(Person)
            .options(selectinload(Person.addresses), selectinload(Person.contacts))
            .order_by(Person.id)
        ).all()
        procedures = session.scalars(
            select(Procedure)
            .options(
                selectinload(Procedure.participations),
                selectinload(Procedure.nka_records),
                selectinload(Procedure.chronology),
                selectinload(Procedure.attachments),
            )
            .order_by(Procedure.id)
        ).all()
        contents = {
            attachment_id: data
            for attachment_id, data in session.execute(
                select(AttachmentContent.attachment_id, AttachmentContent.data)
            )
        }
        return {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "exported_at": _timestamp(dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)),
            "app_version": __version__,
            "settings": settings,
            "institutions": [
                {**_plain(i), "contacts": [_plain(c) for c in i.contacts]} for i in institutions
            ],
            "persons": [
                {
                    **_plain(p),
                    "addresses": [_plain(a) for a in p.addresses],
                    "contacts": [_plain(c) for c in p.contacts],
                }
                for p in persons
            ],
            "procedures": [_procedure_doc(p, contents) for p in procedures],
        }


def export_to_file(db: Database, path: Path) -> None:
    """Write the register to `path` as UTF-8 JSON, replacing the file atomically.

    The file is NOT encrypted and contains personal data in plain text. It is created
    readable by the owner only, but once copied elsewhere nothing protects it.
    """
    text = json.dumps(export_register(db), ensure_ascii=False, indent=2) + "\n"
    try:
        _replace_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise ValidationError(f"Nie można zapisać pliku {path.name}.") from exc


def _replace_atomically(path: Path, data: bytes) -> None:
    # A crash or a full disk must never leave a half-written export under the real name.
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _procedure_doc(procedure: Procedure, contents: dict[int, bytes]) -> Document:
    return {
        **_plain(procedure),
        "participants": [_plain(p) for p in _by_id(procedure.participations)],
        "nka_records": [_plain(r) for r in _by_id(procedure.nka_records)],
        "chronology": [_plain(e) for e in _by_id(procedure.chronology)],
        "attachments": [
            {
                **_plain(a),
                "content_base64": base64.b64encode(contents.get(a.id, b"")).decode("ascii"),
            }
            for a in _by_id(procedure.attachments)
        ],
    }


def _plain(record: Base) -> Document:
    """The record's exchanged columns as JSON values, in the documented order."""
    return {name: _json_value(getattr(record, name)) for name in RECORD_FIELDS[type(record)]}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _timestamp(value: dt.datetime) -> str:
    # Stored datetimes are naive UTC; the suffix makes that explicit in the file.
    return value.isoformat() + "Z"


def _by_id(items: Iterable[_Child]) -> list[_Child]:
    return sorted(items, key=lambda item: item.id)


# --- import: reading and checking -------------------------------------------------------


def import_from_file(db: Database, path: Path) -> ImportSummary:
    """Read an exchange file and load it into this (empty) register, all or nothing."""
    with db.read_session() as session:
        _require_empty(session)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Nie można odczytać pliku {path.name}.") from exc
    return import_register(db, _parse(raw))


def import_register(db: Database, data: Document) -> ImportSummary:
    """Load an exchange document into this empty register, all or nothing.

    Raises ValidationError when the register already holds records, ImportFormatError
    (naming the place in the document) when the document is wrong; either way nothing
    is written.
    """
    _check_document(data)
    loader = _Loader()
    loader.load(data)
    summary = loader.summary()  # counted now: the records detach once the session ends
    with db.session() as session:
        _require_empty(session)
        loader.write(session)
    return summary


def _require_empty(session: Session) -> None:
    for column in (Institution.id, Person.id, Procedure.id):
        if session.scalar(select(column).limit(1)) is not None:
            raise ValidationError(_NOT_EMPTY)


def _parse(raw: bytes) -> Document:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(_WHOLE_FILE, "plik nie jest zapisany w kodowaniu UTF-8") from exc
    if not text.strip():
        raise ImportFormatError(_WHOLE_FILE, "plik jest pusty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = _JSON_REASONS.get(exc.msg, "niepoprawna składnia")
        raise ImportFormatError(
            f"wiersz {exc.lineno}, kolumna {exc.colno}", f"to nie jest poprawny JSON — {reason}"
        ) from exc
    if not isinstance(data, dict):
        raise ImportFormatError(_WHOLE_FILE, "plik musi zawierać jeden obiekt JSON {…}")
    return data


def _check_document(data: Document) -> None:
    # Format and version first: a newer file deserves "update the program", not schema noise.
    if data.get("format") != FORMAT_NAME:
        raise ImportFormatError(
            "format", f"to nie jest plik wymiany NK Desk (oczekiwano „{FORMAT_NAME}”)"
        )
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version != FORMAT_VERSION:
        raise ImportFormatError(
            "format_version",
            f"nieobsługiwana wersja formatu {version}; ta wersja programu czyta tylko wersję "
            f"{FORMAT_VERSION}. Plik z nowszej wersji NK Desk wymaga aktualizacji programu.",
        )
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise ImportFormatError(*_describe(error))


@cache
def _schema() -> Document:
    schema: Document = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return schema


@cache
def _validator() -> Any:
    return Draft202012Validator(_schema())


@cache
def _pattern_hints() -> dict[str, str]:
    defs = _schema()["$defs"]
    return {defs[name]["pattern"]: hint for name, hint in _PATTERN_HINTS.items()}


def _describe(error: Any) -> tuple[str, str]:
    """Readable place and Polish reason for a schema error (never echoes the value)."""
    path: list[str | int] = list(error.absolute_path)
    keyword, expected = error.validator, error.validator_value
    if keyword == "required":
        missing = [name for name in expected if name not in error.instance]
        return _place([*path, missing[0]]), "brak wymaganego pola"
    if keyword == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _place([*path, extra[0]]), "nieznane pole (literówka albo plik innego programu)"
    place = _place(path)
    if keyword == "enum":
        return place, "niedozwolona wartość; dozwolone: " + ", ".join(map(str, expected))
    if keyword == "const":
        return place, f"oczekiwano wartości {json.dumps(expected, ensure_ascii=False)}"
    if keyword == "type":
        return place, _type_reason([expected] if isinstance(expected, str) else expected)
    if keyword == "anyOf" and all(sub.validator == "type" for sub in error.context):
        return place, _type_reason([sub.validator_value for sub in error.context])
    if keyword == "pattern":
        return place, _pattern_hints().get(expected, "wartość ma niepoprawną postać")
    if keyword == "minLength":
        return place, "pole nie może być puste"
    if keyword == "minimum":
        return place, f"wartość nie może być mniejsza niż {expected}"
    return place, "wartość niezgodna ze schematem formatu"


def _type_reason(types: Sequence[str]) -> str:
    return "zły typ wartości, oczekiwano: " + " albo ".join(_JSON_TYPES.get(t, t) for t in types)


def _place(path: Iterable[str | int]) -> str:
    """`procedures[3].participants[0].role` from the parts of a JSON path."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or _WHOLE_FILE


# --- import: building records -----------------------------------------------------------


@dataclass
class _Loader:
    """Turns a schema-valid document into ORM objects, checking what a schema cannot.

    Nothing touches the database until `write`, so a refused document leaves no trace.
    """

    settings: dict[str, Any] = field(default_factory=dict)
    institutions: list[Institution] = field(default_factory=list)
    persons: dict[int, Person] = field(default_factory=dict)
    procedures: list[Procedure] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    _ids: dict[str, set[int]] = field(default_factory=dict)
    _numbers: set[str] = field(default_factory=set)

    def load(self, data: Document) -> None:
        self._load_settings(data["settings"])
        for i, raw in enumerate(data["institutions"]):
            self.institutions.append(self._institution(raw, f"institutions[{i}]"))
        for i, raw in enumerate(data["persons"]):
            person = self._person(raw, f"persons[{i}]")
            self.persons[person.id] = person
        for i, raw in enumerate(data["procedures"]):
            self.procedures.append(self._procedure(raw, f"procedures[{i}]"))

    def write(self, session: Session) -> None:
        for key, value in self.settings.items():
            session.merge(Setting(key=key, value=value))
        session.add_all([*self.institutions, *self.persons.values(), *self.procedures])
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

    def _load_settings(self, raw: Document) -> None:
        settings = settings_from_mapping(raw)
        try:
            settings.validate()
        except ValidationError as exc:
            raise ImportFormatError(_at("settings", exc.field), exc.message) from exc
        self.settings = dataclasses.asdict(settings)

    def _institution(self, raw: Document, place: str) -> Institution:
        self._claim_id("institution", raw, place)
        institution = Institution(
            **_columns(Institution, raw, place),
            contacts=_rows(ContactPerson, raw, "contacts", place),
        )
        institution.search_text = search_text.institution_key(institution)
        return institution

    def _person(self, raw: Document, place: str) -> Person:
        self._claim_id("person", raw, place)
        if raw["pesel"] is not None:
            try:
                pesel_rules.decode(raw["pesel"])
            except pesel_rules.InvalidPeselError as exc:
                raise ImportFormatError(f"{place}.pesel", str(exc)) from exc
        person = Person(
            **_columns(Person, raw, place),
            addresses=_rows(PersonAddress, raw, "addresses", place),
            contacts=_rows(PersonContact, raw, "contacts", place),
        )
        person.search_text = search_text.person_key(person)
        return person

    def _procedure(self, raw: Document, place: str) -> Procedure:
        self._claim_id("procedure", raw, place)
        if raw["number"] in self._numbers:
            raise ImportFormatError(f"{place}.number", "numer procedury powtarza się w pliku")
        self._numbers.add(raw["number"])
        procedure = Procedure(**_columns(Procedure, raw, place))
        roles: set[tuple[int, Role]] = set()
        for j, item in enumerate(raw["participants"]):
            part = self._participant(item, f"{place}.participants[{j}]", roles)
            procedure.participations.append(part)
        for j, item in enumerate(raw["nka_records"]):
            procedure.nka_records.append(self._nka_record(item, f"{place}.nka_records[{j}]"))
        for j, item in enumerate(raw["chronology"]):
            self._claim_id("chronology_entry", item, f"{place}.chronology[{j}]")
            entry = ChronologyEntry(**_columns(ChronologyEntry, item, f"{place}.chronology[{j}]"))
            procedure.chronology.append(entry)
        entry_ids = {entry.id for entry in procedure.chronology}
        for j, item in enumerate(raw["attachments"]):
            self.attachments.append(
                self._attachment(item, f"{place}.attachments[{j}]", procedure.id, entry_ids)
            )
        procedure.search_text = search_text.procedure_key(procedure)
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
        refused = sorted(set(raw["details"]) - allowed_fields(role))
        if refused:
            raise ImportFormatError(
                f"{place}.details.{refused[0]}",
                f"ustawa nie pozwala przetwarzać tych danych dla roli „{role.label}”",
            )
        if (person.id, role) in roles:
            raise ImportFormatError(place, "ta osoba ma już tę rolę w tej procedurze")
        roles.add((person.id, role))
        return Participation(**_columns(Participation, raw, place), person=person)

    def _nka_record(self, raw: Document, place: str) -> NkaRecord:
        self._claim_id("nka_record", raw, place)
        version = raw["form_version"]
        try:
            nka_form.definition(version)
        except OSError as exc:
            raise ImportFormatError(
                f"{place}.form_version", "ten program nie zna tej wersji formularza NK-A"
            ) from exc
        try:
            content = nka_form.validate_content(raw["content"], version)
        except ValidationError as exc:
            raise ImportFormatError(_at(f"{place}.content", exc.field), exc.message) from exc
        institution_id = raw["filled_by_institution_id"]
        if institution_id is not None and institution_id not in self._ids.get("institution", ()):
            raise ImportFormatError(
                f"{place}.filled_by_institution_id",
                f"w pliku nie ma instytucji o id {institution_id}",
            )
        for k, person_id in enumerate(raw["person_ids"]):
            if person_id not in self.persons:
                raise ImportFormatError(
                    f"{place}.person_ids[{k}]", f"w pliku nie ma osoby o id {person_id}"
                )
        return NkaRecord(**{**_columns(NkaRecord, raw, place), "content": content})

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
        try:
            data = base64.b64decode(raw["content_base64"], validate=True)
        except ValueError as exc:
            raise ImportFormatError(f"{place}.content_base64", "niepoprawny zapis base64") from exc
        if len(data) != raw["size"]:
            raise ImportFormatError(f"{place}.size", "rozmiar nie zgadza się z zawartością pliku")
        if hashlib.sha256(data).hexdigest() != raw["sha256"]:
            raise ImportFormatError(
                f"{place}.sha256",
                "suma kontrolna nie zgadza się z zawartością — plik mógł zostać uszkodzony",
            )
        return Attachment(
            **_columns(Attachment, raw, place),
            procedure_id=procedure_id,
            content=AttachmentContent(data=data),
        )


def _columns(model: type[Base], raw: Document, place: str) -> Document:
    """Constructor arguments for `model` from a document record, with dates parsed."""
    return {name: _column_value(raw, name, place) for name in RECORD_FIELDS[model]}


def _rows(model: type[_Row], raw: Document, key: str, place: str) -> list[_Row]:
    return [
        model(**_columns(model, item, f"{place}.{key}[{k}]")) for k, item in enumerate(raw[key])
    ]


def _column_value(raw: Document, name: str, place: str) -> Any:
    # The schema has checked the shape; here impossible dates ("2026-02-30") are caught.
    value = raw[name]
    if value is None:
        return None
    try:
        if name in _DATE_FIELDS:
            return dt.date.fromisoformat(value)
        if name in _TIMESTAMP_FIELDS:
            return dt.datetime.fromisoformat(value).astimezone(dt.UTC).replace(tzinfo=None)
    except ValueError as exc:
        raise ImportFormatError(f"{place}.{name}", "taka data lub godzina nie istnieje") from exc
    return value


def _at(place: str, field_name: str | None) -> str:
    return f"{place}.{field_name}" if field_name else place
