"""NK-A records: the first opens the procedure, later ones record repeat incidents."""

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.domain import nka_form, procedure_rules
from app.domain.enums import InitiatorService, Role
from app.errors import NotFoundError, ValidationError
from app.services import list_keys
from app.services.attachments import checked_files, store_files
from app.services.changes import Changes, Entity
from app.services.chronology import record_event
from app.services.context import ServiceContext
from app.services.course_facts import set_received_by_chair
from app.services.procedures import load_procedure
from app.services.records import NewFile, NkaData
from app.storage.models import NKA, FormRecord, Institution, Procedure


def validate_nka(
    data: NkaData,
    procedure: Procedure,
    today: dt.date,
    form_version: str = nka_form.CURRENT_VERSION,
) -> NkaData:
    """The NK-A as it will be stored; the import checks file records with this same rule.

    Whom it must name (procedure_rules.check_nka_people) is left to NkaService.save.
    """
    procedure_rules.check_nka_dates(
        data.filled_on, data.received_by_chair_on, procedure.started_on, today
    )
    try:
        service = InitiatorService(data.filled_by_service)
    except ValueError as exc:
        raise ValidationError(
            "Wybierz służbę, która wypełniła formularz.", "filled_by_service"
        ) from exc
    if service is InitiatorService.OTHER and not data.filled_by_service_other.strip():
        raise ValidationError("Podaj, jaka służba wypełniła formularz.", "filled_by_service_other")
    members = {p.person_id: Role(p.role) for p in procedure.participations}
    unknown = [pid for pid in data.person_ids if pid not in members]
    if unknown:
        raise ValidationError("Formularz może wskazywać tylko osoby z tej procedury.", "person_ids")
    content = nka_form.validate_content(data.content, form_version, today)
    return NkaData(**{**data.__dict__, "content": content})


class NkaService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def save(
        self,
        procedure_id: int,
        data: NkaData,
        record_id: int | None = None,
        files: Sequence[NewFile] = (),
    ) -> Changes:
        """Store the form and the files added to it (e.g. its scan), together or not at all."""
        checked = checked_files(files)
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            clean = validate_nka(data, procedure, self._ctx.today())
            # Checked here, not in validate_nka: the import checks exchange files with that,
            # and old records and backups naming nobody must still import.
            named = set(clean.person_ids)
            procedure_rules.check_nka_people(
                Role(p.role) for p in procedure.participations if p.person_id in named
            )
            if record_id is None:
                record = FormRecord(
                    procedure_id=procedure_id, form=NKA, form_version=nka_form.CURRENT_VERSION
                )
                _apply(session, record, clean)
                procedure.nka_records.append(record)
                ordinal = len(procedure.nka_records)
                record_event(
                    session,
                    self._ctx,
                    procedure_id,
                    f"Zarejestrowano formularz NK-A nr {ordinal} z {clean.filled_on:%d.%m.%Y}",
                )
            else:
                record = _record(session, procedure_id, record_id)
                _apply(session, record, clean)
            session.flush()  # the new form's id, which its course events name
            set_received_by_chair(procedure, record, clean.received_by_chair_on)
            list_keys.refresh_procedure(procedure)
            store_files(session, self._ctx, procedure_id, checked, nka_record_id=record.id)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=record.id)

    def delete(self, procedure_id: int, record_id: int) -> Changes:
        with self._ctx.write() as session:
            record = _record(session, procedure_id, record_id)
            procedure = load_procedure(session, procedure_id)
            record_event(
                session,
                self._ctx,
                procedure_id,
                f"Usunięto formularz NK-A z {record.filled_on:%d.%m.%Y}",
            )
            procedure.nka_records.remove(record)
            list_keys.refresh_procedure(procedure)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=record_id)


def _record(session: Session, procedure_id: int, record_id: int) -> FormRecord:
    record = session.get(FormRecord, record_id)
    if record is None or record.procedure_id != procedure_id or record.form != NKA:
        raise NotFoundError("Formularz NK-A nie istnieje.")
    return record


def _apply(session: Session, record: FormRecord, data: NkaData) -> None:
    institution_name = data.filled_by_institution_name.strip()
    if data.filled_by_institution_id is not None:
        institution = session.get(Institution, data.filled_by_institution_id)
        if institution is None:
            raise ValidationError("Wybrana instytucja nie istnieje.", "filled_by_institution_id")
        institution_name = institution_name or institution.name
    record.filled_on = data.filled_on
    record.filled_place = data.filled_place.strip()
    record.filled_by_service = InitiatorService(data.filled_by_service)
    record.filled_by_service_other = data.filled_by_service_other.strip()
    record.filled_by_institution_id = data.filled_by_institution_id
    record.filled_by_institution_name = institution_name
    record.filled_by_name = data.filled_by_name.strip()
    record.content = data.content
    record.name_people(list(data.person_ids))
