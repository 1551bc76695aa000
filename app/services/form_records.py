"""Filled NK-B (handed over), NK-C and NK-D forms of a procedure.

Each is checked against the definition of the version it was filled on; saving one
records its course step (app.services.course_facts.form_facts reads the record itself,
so deleting the record takes the step back) and a line in the chronology.
"""

import datetime as dt
from dataclasses import replace

from sqlalchemy.orm import Session

from app.domain import form_rules, forms
from app.domain.enums import Role
from app.errors import NotFoundError
from app.services import list_keys
from app.services.changes import Changes, Entity
from app.services.chronology import record_event
from app.services.context import ServiceContext
from app.services.procedures import load_procedure
from app.services.records import FormData
from app.storage.models import NKA, FormRecord, Procedure

_WHAT = {"NK-B": "przekazanie formularza NK-B", "NK-C": "formularz NK-C", "NK-D": "formularz NK-D"}


def validate_form_record(
    data: FormData, procedure: Procedure, today: dt.date, version: str
) -> FormData:
    """The record as it will be stored; the import checks file records with this rule."""
    roles: dict[int, set[Role]] = {}
    for part in procedure.participations:
        roles.setdefault(part.person_id, set()).add(Role(part.role))
    form_rules.check_form_record(
        data.form,
        data.filled_on,
        data.person_id,
        {pid: frozenset(held) for pid, held in roles.items()},
        procedure.started_on,
        today,
    )
    dated = form_rules.DATE_FIELD.get(data.form)
    typed = {key: value for key, value in data.content.items() if key != dated}
    content = forms.validate_content(forms.definition(data.form, version), typed, today)
    return FormData(
        form=data.form,
        filled_on=data.filled_on,
        person_id=data.person_id,
        content=content,
        filled_place=data.filled_place.strip(),
        filled_by_name=data.filled_by_name.strip(),
    )


class FormRecordService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def save(self, procedure_id: int, data: FormData, record_id: int | None = None) -> Changes:
        """Store a new record, or change one: an edit keeps the record's form and version."""
        today = self._ctx.today()
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            if record_id is None:
                version = form_rules.CURRENT_VERSIONS.get(data.form, "")
                clean = validate_form_record(data, procedure, today, version)
                record = FormRecord(
                    procedure_id=procedure_id, form=clean.form, form_version=version
                )
                _apply(record, clean)
                procedure.other_forms.append(record)
                record_event(
                    session,
                    self._ctx,
                    procedure_id,
                    f"Zarejestrowano {_WHAT[clean.form]} z {clean.filled_on:%d.%m.%Y}",
                )
            else:
                record = _record(session, procedure_id, record_id)
                same_form = replace(data, form=record.form)
                clean = validate_form_record(same_form, procedure, today, record.form_version)
                _apply(record, clean)
            session.flush()
            list_keys.refresh_procedure(procedure)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=record.id)

    def delete(self, procedure_id: int, record_id: int) -> Changes:
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            record = _record(session, procedure_id, record_id)
            record_event(
                session,
                self._ctx,
                procedure_id,
                f"Usunięto {_WHAT[record.form]} z {record.filled_on:%d.%m.%Y}",
            )
            procedure.other_forms.remove(record)
            session.flush()
            list_keys.refresh_procedure(procedure)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=record_id)


def _record(session: Session, procedure_id: int, record_id: int) -> FormRecord:
    record = session.get(FormRecord, record_id)
    if record is None or record.procedure_id != procedure_id or record.form == NKA:
        raise NotFoundError("Formularz nie istnieje.")
    return record


def _apply(record: FormRecord, data: FormData) -> None:
    record.filled_on = data.filled_on
    record.filled_place = data.filled_place
    record.filled_by_name = data.filled_by_name
    record.content = data.content
    record.name_people([data.person_id] if data.person_id is not None else [])
