"""The grupa diagnostyczno-pomocowa of one procedure: created on a date, with members
from the directory, and the hand-over of the NK-A to them.

Saving the GDP with a hand-over date records the course's step „NK-A przekazana
członkom GDP” for every NK-A of the procedure filled by then and not yet handed over:
the deadline engine reads that step, so the GDP dialog is where the step gets done.
"""

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from app.domain import procedure_rules
from app.domain.enums import CourseEvent, MeetingKind
from app.errors import NotFoundError, ValidationError
from app.services import list_keys
from app.services.changes import Changes, Entity
from app.services.context import ServiceContext
from app.services.course import validate_event
from app.services.procedures import load_procedure
from app.services.zi import ContactOption, contact_option, load_contact
from app.storage.models import (
    ContactPerson,
    FormRecord,
    Gdp,
    GdpMember,
    Procedure,
    ProcedureEvent,
)


@dataclass(frozen=True)
class GdpView:
    procedure_id: int
    created_on: dt.date
    note: str
    members: tuple[ContactOption, ...]
    nka_waiting: int  # NK-A forms of the procedure not yet handed over to the members


@dataclass
class GdpData:
    created_on: dt.date
    member_ids: list[int] = field(default_factory=list)
    note: str = ""
    nka_passed_on: dt.date | None = None


class GdpService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def view(self, procedure_id: int) -> GdpView | None:
        """The procedure's GDP, or None before the chair has created one."""
        with self._ctx.read() as session:
            # Only what the tab shows: the window opens on it, so not the whole procedure.
            procedure = session.scalar(
                select(Procedure)
                .where(Procedure.id == procedure_id, Procedure.deleted_at.is_(None))
                .options(
                    selectinload(Procedure.gdp),
                    selectinload(Procedure.nka_records).load_only(
                        FormRecord.id, FormRecord.procedure_id, FormRecord.filled_on
                    ),
                    selectinload(Procedure.events),
                )
            )
            if procedure is None:
                raise NotFoundError("Procedura nie istnieje lub została usunięta.")
            gdp = procedure.gdp
            if gdp is None:
                return None
            members = session.scalars(
                _members_query(gdp.id).options(selectinload(ContactPerson.institution))
            ).all()
            return GdpView(
                procedure_id,
                gdp.created_on,
                gdp.note,
                tuple(contact_option(c) for c in members),
                len(_waiting(procedure, None)),
            )

    def save(self, procedure_id: int, data: GdpData) -> Changes:
        today = self._ctx.today()
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            check_gdp(procedure, data, today)
            contacts = [load_contact(session, contact_id) for contact_id in data.member_ids]
            gdp = procedure.gdp
            if gdp is None:
                gdp = Gdp(procedure_id=procedure_id)
                procedure.gdp = gdp
            gdp.created_on, gdp.note = data.created_on, data.note.strip()
            kept = {m.contact_person_id: m for m in gdp.members}
            gdp.members = [kept.get(c.id) or GdpMember(contact_person_id=c.id) for c in contacts]
            if data.nka_passed_on is not None:
                for record_id in _waiting(procedure, data.nka_passed_on):
                    validate_event(
                        procedure,
                        CourseEvent.NKA_PASSED_TO_GDP,
                        data.nka_passed_on,
                        record_id,
                        None,
                        today,
                    )
                    procedure.events.append(
                        ProcedureEvent(
                            kind=CourseEvent.NKA_PASSED_TO_GDP.value,
                            occurred_on=data.nka_passed_on,
                            nka_record_id=record_id,
                        )
                    )
            session.flush()
            list_keys.refresh_procedure(procedure)
            return Changes.of(
                Entity.PROCEDURE, Entity.MEETING, procedures=[procedure_id], record_id=gdp.id
            )


def check_gdp(procedure: Procedure, data: GdpData, today: dt.date) -> None:
    """The rule for a GDP; the import checks file records with this same rule."""
    procedure_rules.check_past_date(data.created_on, today, "created_on", "Data utworzenia GDP")
    if data.created_on < procedure.started_on:
        raise ValidationError(
            "Grupa diagnostyczno-pomocowa nie może powstać przed wszczęciem procedury "
            f"({procedure.started_on:%d.%m.%Y}).",
            "created_on",
        )
    first_meeting = min(
        (m.held_on for m in procedure.meetings if m.kind == MeetingKind.GDP.value), default=None
    )
    if first_meeting is not None and data.created_on > first_meeting:
        raise ValidationError(
            f"Grupa nie może powstać po swoim pierwszym posiedzeniu ({first_meeting:%d.%m.%Y}).",
            "created_on",
        )
    if not data.member_ids:
        raise ValidationError(
            "Wybierz członków grupy: co najmniej pracownika socjalnego i funkcjonariusza Policji.",
            "member_ids",
        )
    if len(set(data.member_ids)) != len(data.member_ids):
        raise ValidationError("Ta sama osoba jest wybrana do grupy dwa razy.", "member_ids")
    passed = data.nka_passed_on
    if passed is not None:
        procedure_rules.check_past_date(passed, today, "nka_passed_on", "Data przekazania NK-A")
        if passed < data.created_on:
            raise ValidationError(
                "NK-A można przekazać członkom grupy najwcześniej w dniu jej utworzenia.",
                "nka_passed_on",
            )
        if not _waiting(procedure, passed):
            raise ValidationError(
                "Nie ma formularza NK-A wypełnionego do tego dnia, który nie byłby już "
                "przekazany członkom grupy.",
                "nka_passed_on",
            )


def _waiting(procedure: Procedure, by: dt.date | None) -> list[int]:
    """NK-A forms (filled by `by`, when given) not yet handed over to the GDP."""
    passed = {
        e.nka_record_id for e in procedure.events if e.kind == CourseEvent.NKA_PASSED_TO_GDP.value
    }
    return [
        r.id
        for r in procedure_rules.in_filing_order(procedure.nka_records)
        if r.id not in passed and (by is None or r.filled_on <= by)
    ]


def _members_query(gdp_id: int) -> Select[ContactPerson]:
    return (
        select(ContactPerson)
        .join(GdpMember, GdpMember.contact_person_id == ContactPerson.id)
        .where(GdpMember.gdp_id == gdp_id)
        .order_by(GdpMember.id)
    )
