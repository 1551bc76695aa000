"""Export: the whole register as one JSON document in plain text (NOT encrypted)."""

import base64
import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import __version__
from app.services.context import ServiceContext
from app.services.exchange.document import FORMAT_NAME, FORMAT_VERSION, RECORD_FIELDS, Document
from app.services.output_files import check_output_target, write_output_file
from app.services.settings_service import SettingsService
from app.storage.models import (
    Attachment,
    AttachmentContent,
    Base,
    ChronologyEntry,
    Institution,
    NkaRecord,
    Participation,
    Person,
    Procedure,
)

_Child = TypeVar("_Child", Participation, NkaRecord, ChronologyEntry, Attachment)


def export_register(context: ServiceContext) -> Document:
    """The whole register as an exchange document, soft-deleted records included.

    The result holds personal data in plain form; whoever writes it out is responsible
    for where it goes. Records are sorted by id so equal registers give equal documents.
    """
    settings = dataclasses.asdict(SettingsService(context).load())
    with context.read() as session:
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
            "exported_at": _timestamp(context.utc_now()),
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


def export_to_file(context: ServiceContext, path: Path, overwrite: bool = False) -> Path:
    """Write the register to `path` as UTF-8 JSON, atomically; returns where it went.

    The file is NOT encrypted and contains personal data in plain text. It is created
    readable by the owner only, but once copied elsewhere nothing protects it. The data
    folder and (without `overwrite`) an existing file are refused before anything is read.
    """
    data_dir = context.db.path.parent
    check_output_target(path, data_dir, overwrite)
    text = json.dumps(export_register(context), ensure_ascii=False, indent=2) + "\n"
    return write_output_file(path, text.encode("utf-8"), data_dir, overwrite)


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
