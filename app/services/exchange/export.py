"""Export: the whole register as one JSON document in plain text (NOT encrypted).

The file is written record by record straight from the database, in batches, so a
register of any size never sits in memory; attachment bytes go out in base64 pieces.
The text is exactly what `json.dumps(document, ensure_ascii=False, indent=2)` would give.
"""

import base64
import dataclasses
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import ColumnElement, Row, and_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app import __version__
from app.services.context import ServiceContext
from app.services.exchange.document import (
    FORMAT_NAME,
    FORMAT_VERSION,
    LINKED_PEOPLE,
    OTHER_FORM_FIELDS,
    RECORD_FIELDS,
    Document,
)
from app.services.output_files import check_output_target, write_output_stream
from app.services.settings_service import SettingsService
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
    ProcedureEvent,
    ZiMember,
)

_BATCH = 100  # parent records read at once, with all their child rows
_BASE64_PIECE = 3 * (1 << 18)  # bytes encoded at a time (a multiple of 3: no padding inside)
_INDENT = "  "


@dataclass(frozen=True)
class _Content:
    """An attachment's bytes, read from the database only when they are written out."""

    attachment_id: int


Field = tuple[str, Any]


def export_register(context: ServiceContext) -> Document:
    """The whole register as an exchange document, soft-deleted records included.

    Holds everything in memory: for tests and small registers; files are written by
    `export_to_file`, which streams. The result holds personal data in plain form;
    whoever writes it out is responsible for where it goes. Records are sorted by id so
    equal registers give equal documents.
    """
    settings = dataclasses.asdict(SettingsService(context).load())
    with context.read() as session:
        return {key: _whole(value, session) for key, value in _fields(context, settings, session)}


def export_to_file(context: ServiceContext, path: Path, overwrite: bool = False) -> Path:
    """Write the register to `path` as UTF-8 JSON, atomically; returns where it went.

    The file is NOT encrypted and contains personal data in plain text. It is created
    readable by the owner only, but once copied elsewhere nothing protects it. The data
    folder and (without `overwrite`) an existing file are refused before anything is read.
    All records are read in one transaction, so the file is one consistent snapshot.
    """
    data_dir = context.db.path.parent
    check_output_target(path, data_dir, overwrite)

    def write(out: BinaryIO) -> None:
        settings = dataclasses.asdict(SettingsService(context).load())
        with context.read() as session:
            _JsonWriter(out, session).document(_fields(context, settings, session))

    return write_output_stream(path, write, data_dir, overwrite)


def _fields(context: ServiceContext, settings: Document, session: Session) -> Iterator[Field]:
    """The document's top-level fields; the lists of records are lazy."""
    yield "format", FORMAT_NAME
    yield "format_version", FORMAT_VERSION
    yield "exported_at", _timestamp(context.utc_now())
    yield "app_version", __version__
    yield "settings", settings
    yield "letter_templates", _letter_templates(session)
    yield "institutions", _institutions(session)
    yield "persons", _persons(session)
    yield "zi_members", _plain_records(session, ZiMember)
    yield "zi_meetings", _zi_meetings(session)
    yield "procedures", _procedures(session)
    yield "appointments", _plain_records(session, Appointment)


def _letter_templates(session: Session) -> Iterator[Document]:
    """The few templates the worker edited, by name (they have no id to batch by)."""
    columns = [getattr(LetterTemplate, name) for name in RECORD_FIELDS[LetterTemplate]]
    for row in session.execute(select(*columns).order_by(LetterTemplate.name)):
        yield _plain(LetterTemplate, row)


def _institutions(session: Session) -> Iterator[Document]:
    for rows in _batches(session, Institution):
        yield from _institution_batch(session, rows)


def _persons(session: Session) -> Iterator[Document]:
    for rows in _batches(session, Person):
        yield from _person_batch(session, rows)


def _procedures(session: Session) -> Iterator[Document]:
    for rows in _batches(session, Procedure):
        yield from _procedure_batch(session, rows)


def _zi_meetings(session: Session) -> Iterator[Document]:
    for rows in _batches(session, Meeting, Meeting.procedure_id.is_(None)):
        ids = [row.id for row in rows]
        participants = _participants(session, MeetingParticipant.meeting_id.in_(ids))
        for row in rows:
            yield {**_plain(Meeting, row), "participants": participants.pop(row.id, [])}


def _plain_records(session: Session, model: type[Base]) -> Iterator[Document]:
    """Records with no lists of their own."""
    for rows in _batches(session, model):
        for row in rows:
            yield _plain(model, row)


# One batch at a time: a batch's child rows are released before the next batch is read.


def _institution_batch(session: Session, rows: list[Row[Any]]) -> Iterator[Document]:
    contacts = _children(session, ContactPerson, ContactPerson.institution_id, rows)
    for row in rows:
        yield {**_plain(Institution, row), "contacts": contacts.pop(row.id, [])}


def _person_batch(session: Session, rows: list[Row[Any]]) -> Iterator[Document]:
    addresses = _children(session, PersonAddress, PersonAddress.person_id, rows)
    contacts = _children(session, PersonContact, PersonContact.person_id, rows)
    for row in rows:
        yield {
            **_plain(Person, row),
            "addresses": addresses.pop(row.id, []),
            "contacts": contacts.pop(row.id, []),
        }


def _procedure_batch(session: Session, rows: list[Row[Any]]) -> Iterator[Document]:
    parts = _children(session, Participation, Participation.procedure_id, rows)
    nka = _form_records(session, rows, nka=True)
    others = _form_records(session, rows, nka=False)
    entries = _children(session, ChronologyEntry, ChronologyEntry.procedure_id, rows)
    files = _children(session, Attachment, Attachment.procedure_id, rows)
    events = _children(session, ProcedureEvent, ProcedureEvent.procedure_id, rows)
    notes = _children(session, DeadlineNote, DeadlineNote.procedure_id, rows)
    gdps = _gdps(session, rows)
    meetings = _children(session, Meeting, Meeting.procedure_id, rows)
    letters = _children(session, LetterRecord, LetterRecord.procedure_id, rows)
    participants = _participants(
        session,
        MeetingParticipant.meeting_id.in_(
            select(Meeting.id).where(_in_batch(Meeting.procedure_id, rows))
        ),
    )
    for row in rows:
        yield {
            **_plain(Procedure, row),
            "participants": parts.pop(row.id, []),
            "nka_records": nka.pop(row.id, []),
            "chronology": entries.pop(row.id, []),
            "attachments": iter(
                [
                    {**attachment, "content_base64": _Content(attachment["id"])}
                    for attachment in files.pop(row.id, [])
                ]
            ),
            "events": events.pop(row.id, []),
            "deadline_notes": notes.pop(row.id, []),
            "gdp": gdps.pop(row.id, None),
            "meetings": [
                {**meeting, "participants": participants.pop(meeting["id"], [])}
                for meeting in meetings.pop(row.id, [])
            ],
            "forms": others.pop(row.id, []),
            "letters": letters.pop(row.id, []),
        }


def _gdps(session: Session, parents: list[Row[Any]]) -> dict[int, Document]:
    """The GDP of each procedure of a batch that has one, its members as contact ids."""
    members = session.execute(
        select(Gdp.procedure_id, GdpMember.contact_person_id)
        .join(Gdp, Gdp.id == GdpMember.gdp_id)
        .where(_in_batch(Gdp.procedure_id, parents))
        .order_by(Gdp.procedure_id, GdpMember.id)
    )
    ids = {
        procedure_id: [row.contact_person_id for row in group]
        for procedure_id, group in groupby(members, key=lambda row: row.procedure_id)
    }
    columns = [getattr(Gdp, name) for name in RECORD_FIELDS[Gdp]]
    rows = session.execute(
        select(Gdp.procedure_id, *columns).where(_in_batch(Gdp.procedure_id, parents))
    )
    return {
        row.procedure_id: {**_plain(Gdp, row), "contact_person_ids": ids.get(row.procedure_id, [])}
        for row in rows
    }


def _form_records(
    session: Session, parents: list[Row[Any]], nka: bool
) -> dict[int, list[Document]]:
    """The NK-A forms (`nka`) or the other forms of a batch of procedures, each with the
    people it names in order."""
    kind = FormRecord.form == NKA if nka else FormRecord.form != NKA
    where = and_(_in_batch(FormRecord.procedure_id, parents), kind)
    named: dict[int, list[int]] = defaultdict(list)
    for link in session.execute(
        select(FormRecordPerson.form_record_id, FormRecordPerson.person_id)
        .join(FormRecord, FormRecord.id == FormRecordPerson.form_record_id)
        .where(where)
        .order_by(FormRecordPerson.id)
    ):
        named[link.form_record_id].append(link.person_id)
    names = RECORD_FIELDS[FormRecord] if nka else OTHER_FORM_FIELDS
    columns = [getattr(FormRecord, name) for name in names if name not in ("id", LINKED_PEOPLE)]
    grouped: dict[int, list[Document]] = defaultdict(list)
    for row in session.execute(
        select(FormRecord.procedure_id, FormRecord.id, *columns)
        .where(where)
        .order_by(FormRecord.id)
    ):
        grouped[row.procedure_id].append(
            {
                name: (
                    named.get(row.id, [])
                    if name == LINKED_PEOPLE
                    else _json_value(getattr(row, name))
                )
                for name in names
            }
        )
    return grouped


def _participants(session: Session, meetings: ColumnElement[bool]) -> dict[int, list[Document]]:
    """The participants of the meetings `meetings` selects, by meeting, in stored order."""
    return _grouped(session, MeetingParticipant, MeetingParticipant.meeting_id, meetings)


def _batches(
    session: Session, model: type[Base], *where: ColumnElement[bool]
) -> Iterator[list[Row[Any]]]:
    """The model's exchanged columns, `_BATCH` rows at a time in id order; each row's id
    is its `batch_key`, also where the id is not exchanged."""
    key: InstrumentedAttribute[int] = getattr(model, "id")  # noqa: B009 - every model has one
    columns = [getattr(model, name) for name in RECORD_FIELDS[model]]
    last: int | None = None
    while True:
        query = select(key.label("batch_key"), *columns).where(*where).order_by(key).limit(_BATCH)
        if last is not None:
            query = query.where(key > last)
        rows = list(session.execute(query))
        if not rows:
            return
        yield rows
        last = rows[-1].batch_key


def _in_batch(parent: InstrumentedAttribute[Any], parents: list[Row[Any]]) -> ColumnElement[bool]:
    """A batch holds every parent whose id lies between its first and last, so the range
    selects exactly their children."""
    return parent.between(parents[0].batch_key, parents[-1].batch_key)


def _children(
    session: Session,
    model: type[Base],
    parent: InstrumentedAttribute[Any],
    parents: list[Row[Any]],
) -> dict[int, list[Document]]:
    """The child rows of a batch of parents, grouped by parent and sorted by id."""
    return _grouped(session, model, parent, _in_batch(parent, parents))


def _grouped(
    session: Session,
    model: type[Base],
    parent: InstrumentedAttribute[Any],
    where: ColumnElement[bool],
) -> dict[int, list[Document]]:
    """The rows `where` selects, grouped by `parent` and sorted by id."""
    key: InstrumentedAttribute[int] = getattr(model, "id")  # noqa: B009 - every model has one
    columns = [getattr(model, name) for name in RECORD_FIELDS[model]]
    query = select(parent.label("parent_id"), *columns).where(where).order_by(parent, key)
    rows = session.execute(query)
    return {
        parent_id: [_plain(model, row) for row in group]
        for parent_id, group in groupby(rows, key=lambda row: row.parent_id)
    }


def _plain(model: type[Base], row: Row[Any]) -> Document:
    """The row's exchanged columns as JSON values, in the documented order."""
    return {name: _json_value(getattr(row, name)) for name in RECORD_FIELDS[model]}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return _timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value


def _timestamp(value: dt.datetime) -> str:
    # Stored datetimes are naive UTC; the suffix makes that explicit in the file.
    return value.isoformat() + "Z"


def _content(session: Session, content: _Content) -> bytes:
    data = session.scalar(
        select(AttachmentContent.data).where(
            AttachmentContent.attachment_id == content.attachment_id
        )
    )
    return data or b""


def _whole(value: Any, session: Session) -> Any:
    """A lazy value made plain: lists of records read, attachment bytes in base64."""
    if isinstance(value, Iterator):
        return [_whole(item, session) for item in value]
    if isinstance(value, dict):
        return {key: _whole(item, session) for key, item in value.items()}
    if isinstance(value, _Content):
        return base64.b64encode(_content(session, value)).decode("ascii")
    return value


class _JsonWriter:
    """Writes a document with lazy parts as `json.dumps(..., indent=2)` would, piece by piece."""

    def __init__(self, out: BinaryIO, session: Session) -> None:
        self._out = out
        self._session = session

    def document(self, fields: Iterable[Field]) -> None:
        self._object(fields, 0)
        self._write("\n")

    def _value(self, value: Any, level: int) -> None:
        if isinstance(value, Iterator):
            self._list(value, level)
        elif isinstance(value, dict) and any(_is_lazy(item) for item in value.values()):
            self._object(value.items(), level)
        elif isinstance(value, _Content):
            self._base64(value)
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2)
            self._write(text.replace("\n", "\n" + _INDENT * level) if level else text)

    def _object(self, fields: Iterable[Field], level: int) -> None:
        inner = "\n" + _INDENT * (level + 1)
        separator = "{" + inner
        for key, value in fields:
            self._write(separator + json.dumps(key, ensure_ascii=False) + ": ")
            self._value(value, level + 1)
            separator = "," + inner
        self._write("{}" if separator.startswith("{") else "\n" + _INDENT * level + "}")

    def _list(self, items: Iterator[Any], level: int) -> None:
        inner = "\n" + _INDENT * (level + 1)
        separator = "[" + inner
        for item in items:
            self._write(separator)
            self._value(item, level + 1)
            separator = "," + inner
        self._write("[]" if separator.startswith("[") else "\n" + _INDENT * level + "]")

    def _base64(self, content: _Content) -> None:
        """Base64 needs no JSON escaping, so the pieces go out between two quotes."""
        data = _content(self._session, content)
        self._out.write(b'"')
        for start in range(0, len(data), _BASE64_PIECE):
            self._out.write(base64.b64encode(data[start : start + _BASE64_PIECE]))
        self._out.write(b'"')

    def _write(self, text: str) -> None:
        self._out.write(text.encode("utf-8"))


def _is_lazy(value: Any) -> bool:
    return isinstance(value, Iterator | _Content)
