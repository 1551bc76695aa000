"""Drawn cases as table rows, checked by the rules the services and the import apply.

Ids are given here (the register is empty), numbers come from the settings' pattern and
the list keys from `app.services.list_keys`, so the rows are exactly what the services
would have stored; they are inserted in large batches instead of one case per transaction.
The teams' rows (groups, meetings, the ZI, appointments) are made by `group_rows`.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.orm.attributes import set_committed_value

from app.domain import nka_form, procedure_rules
from app.domain.enums import (
    AddressKind,
    ChronologyKind,
    ContactKind,
    CourseEvent,
    InitiatorService,
    ProcedureStatus,
    Role,
)
from app.domain.permitted_data import ROLES_WITH_CONTACT_DATA
from app.errors import ValidationError
from app.sample_data.cases import Case
from app.sample_data.events import register_events
from app.sample_data.group_rows import (
    Named,
    appointment_rows,
    gdp_rows,
    meeting_rows,
    zi_rows,
)
from app.sample_data.institutions import OTHER_SERVICE
from app.sample_data.plan import Appointment as PlannedAppointment
from app.sample_data.plan import ContactKey, Member, Nka
from app.sample_data.plan import Meeting as PlannedMeeting
from app.sample_data.plan import Person as PlannedPerson
from app.sample_data.plan import Procedure as PlannedProcedure
from app.services import list_keys
from app.services.course import validate_event, validate_reason
from app.services.meetings import person_name
from app.services.nka import validate_nka
from app.services.participants import validate_details, validate_person
from app.services.records import NkaData
from app.settings import Settings
from app.storage.models import (
    NKA,
    Appointment,
    Base,
    ChronologyEntry,
    DeadlineNote,
    FormRecord,
    FormRecordPerson,
    Gdp,
    GdpMember,
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

Row = dict[str, Any]
# The tables the rows go to, parents before children (the order the foreign keys need).
TABLES: tuple[type[Base], ...] = (
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
    Gdp,
    GdpMember,
    Meeting,
    MeetingParticipant,
    Appointment,
    ZiMember,
)


@dataclass
class Counts:
    """What the rows written so far hold."""

    procedures: int = 0
    closed: int = 0
    deleted: int = 0
    persons: int = 0
    nka_records: int = 0
    course_events: int = 0
    chronology_entries: int = 0
    gdps: int = 0
    meetings: int = 0
    appointments: int = 0


@dataclass
class RowWriter:
    """Collects the rows of drawn cases and inserts them table by table with `write`.

    `institution_ids` maps the demo institution keys to their ids in the register,
    `contacts` their contact people as meetings name them; `next_ids` holds the first
    free id of every table the rows go to.
    """

    settings: Settings
    author: str
    today: dt.date
    stamp: dt.datetime
    institution_ids: dict[str, int]
    institution_names: dict[int, str]
    next_ids: dict[type[Base], int]
    contacts: dict[ContactKey, Named] = field(default_factory=dict)
    counts: Counts = field(default_factory=Counts)
    last_seq: dict[int, int] = field(default_factory=dict)
    _rows: dict[type[Base], list[Row]] = field(default_factory=dict)

    def add(self, case: Case) -> None:
        """Turn one case into rows (its new people first); raises if a rule refuses it."""
        proc = case.procedure
        year = proc.started_on.year
        seq = self.last_seq[year] = self.last_seq.get(year, 0) + 1
        number = self.settings.format_number(seq, year)
        procedure_id = self.take_id(Procedure)
        keyed = Procedure(id=procedure_id, number=number, started_on=proc.started_on)
        for member in proc.members:
            keyed.participations.append(self._participation(procedure_id, member))
        person_ids = [part.person_id for part in keyed.participations]
        for nka in proc.nkas:
            keyed.nka_records.append(self._nka_record(keyed, nka, person_ids))
        if proc.gdp is not None:
            gdp_rows(self, keyed, proc.gdp, self.contacts)
            self.counts.gdps += 1
        people = {
            id(member.person): Named(
                part.person_id, person_name(part.person), Role(part.role).label, Role(part.role)
            )
            for member, part in zip(proc.members, keyed.participations, strict=True)
        }
        judged = meeting_rows(self, keyed, proc.meetings, self.contacts, people)
        set_committed_value(keyed, "meetings", judged)
        self.counts.meetings += len(judged)
        self._course(keyed, proc)
        closed_on, ground, justification = proc.closure or (None, None, "")
        keyed.closed_on = closed_on
        list_keys.refresh_procedure(keyed)
        status = ProcedureStatus.CLOSED if proc.closure else ProcedureStatus.IN_PROGRESS
        procedure_rules.check_procedure(
            number, year, proc.started_on, status, closed_on, ground, self.today
        )
        self.add_row(
            Procedure,
            id=procedure_id,
            number=number,
            year=year,
            seq=seq,
            started_on=proc.started_on,
            status=status.value,
            closed_on=closed_on,
            closure_ground=ground.value if ground else None,
            closure_justification=justification,
            notes=proc.notes,
            search_text=keyed.search_text,
            victims_sort=keyed.victims_sort,
            perpetrators_sort=keyed.perpetrators_sort,
            nka_count=keyed.nka_count,
            next_due_on=None if case.deleted else keyed.next_due_on,
            created_at=self.stamp,
            updated_at=self.stamp,
            deleted_at=self.stamp if case.deleted else None,
        )
        self._entries(procedure_id, number, case, keyed.nka_records)
        self.add_appointments(proc.appointments, procedure_id, number)
        self.counts.procedures += 1
        self.counts.closed += proc.closure is not None
        self.counts.deleted += case.deleted

    def add_office(
        self, zi_meetings: list[PlannedMeeting], appointments: list[PlannedAppointment]
    ) -> None:
        """The ZI with its meetings, and the worker's appointments about no procedure."""
        zi_rows(self, self.contacts)
        self.counts.meetings += len(meeting_rows(self, None, zi_meetings, self.contacts, {}))
        self.add_appointments(appointments)

    def add_appointments(
        self,
        appointments: list[PlannedAppointment],
        procedure_id: int | None = None,
        number: str = "",
    ) -> None:
        appointment_rows(self, appointments, procedure_id, number)
        self.counts.appointments += len(appointments)

    def write(self, connection: Connection) -> None:
        """Insert every collected row, parents first, and start collecting anew."""
        for model in TABLES:
            rows = self._rows.pop(model, None)
            if rows:
                connection.execute(insert(model), rows)

    def take_id(self, model: type[Base]) -> int:
        taken = self.next_ids[model]
        self.next_ids[model] = taken + 1
        return taken

    def add_row(self, model: type[Base], **row: Any) -> None:
        self._rows.setdefault(model, []).append(row)

    def _participation(self, procedure_id: int, member: Member) -> Participation:
        role = Role(member.role)
        person = self._person(member.person, role)
        part_id = self.take_id(Participation)
        details = validate_details(role, member.details)
        self.add_row(
            Participation,
            id=part_id,
            procedure_id=procedure_id,
            person_id=person.id,
            role=role.value,
            details=details,
        )
        return Participation(id=part_id, person_id=person.id, role=role.value, person=person)

    def _person(self, planned: PlannedPerson, role: Role) -> Person:
        """The person's keyed record; rows for one met for the first time.

        Addresses and contacts are written with the person's first role, which must allow
        them (a household member alone may not have them).
        """
        data = validate_person(planned.data, self.today)
        keyed = Person(
            first_name=data.first_name, last_name=data.last_name, pesel=data.pesel or None
        )
        list_keys.refresh_person(keyed)
        if planned.db_id is not None:
            keyed.id = planned.db_id
            return keyed
        if (data.addresses or data.contacts) and role not in ROLES_WITH_CONTACT_DATA:
            raise ValidationError(
                "Ustawa nie przewiduje adresu ani kontaktu osoby, która jest tylko członkiem "
                "gospodarstwa domowego.",
                "addresses",
            )
        keyed.id = planned.db_id = self.take_id(Person)
        self.add_row(
            Person,
            id=keyed.id,
            first_name=keyed.first_name,
            last_name=keyed.last_name,
            pesel=keyed.pesel,
            birth_date=data.birth_date,
            sex=data.sex,
            search_text=keyed.search_text,
            name_sort=keyed.name_sort,
            created_at=self.stamp,
            updated_at=self.stamp,
            deleted_at=None,
        )
        for address in data.addresses or []:
            self.add_row(
                PersonAddress,
                id=self.take_id(PersonAddress),
                person_id=keyed.id,
                kind=AddressKind(address.kind).value,
                street=address.street.strip(),
                postal_code=address.postal_code.strip(),
                city=address.city.strip(),
                do_not_disclose=address.do_not_disclose,
            )
        for contact in data.contacts or []:
            self.add_row(
                PersonContact,
                id=self.take_id(PersonContact),
                person_id=keyed.id,
                kind=ContactKind(contact.kind).value,
                value=contact.value.strip(),
                do_not_disclose=contact.do_not_disclose,
            )
        self.counts.persons += 1
        return keyed

    def _nka_record(self, keyed: Procedure, nka: Nka, person_ids: list[int]) -> FormRecord:
        service = InitiatorService(nka.service)
        institution_id = self.institution_ids[nka.institution]
        data = validate_nka(
            NkaData(
                filled_on=nka.filled_on,
                filled_by_service=service.value,
                filled_place=nka.place,
                filled_by_service_other=OTHER_SERVICE if service is InitiatorService.OTHER else "",
                filled_by_institution_id=institution_id,
                filled_by_name=nka.filled_by,
                received_by_chair_on=nka.received,
                content=dict(nka.content),
                person_ids=person_ids,
            ),
            keyed,
            self.today,
        )
        # What NkaService.save checks besides: a typed form names a victim and a perpetrator.
        procedure_rules.check_nka_people(
            Role(p.role) for p in keyed.participations if p.person_id in data.person_ids
        )
        row: Row = {
            "id": self.take_id(FormRecord),
            "procedure_id": keyed.id,
            "form_version": nka_form.CURRENT_VERSION,
            "filled_on": data.filled_on,
            "filled_place": data.filled_place.strip(),
            "filled_by_service": service.value,
            "filled_by_service_other": data.filled_by_service_other.strip(),
            "filled_by_institution_id": institution_id,
            "filled_by_institution_name": self.institution_names[institution_id],
            "filled_by_name": data.filled_by_name.strip(),
            "content": data.content,
            "created_at": self.stamp,
        }
        self.add_row(FormRecord, **row, form=NKA)
        for person_id in data.person_ids:
            self.add_row(
                FormRecordPerson,
                id=self.take_id(FormRecordPerson),
                form_record_id=row["id"],
                person_id=person_id,
            )
        self.counts.nka_records += 1
        return FormRecord(**row, form=NKA)

    def _course(self, keyed: Procedure, proc: PlannedProcedure) -> None:
        """Each NK-A's receipt by the chair (checked with the form), the hand-over the
        group's creation records, the course's steps and reasons (checked as the course
        service checks them), also on the keyed procedure, whose next due date is computed
        from them and from its meetings."""
        records = keyed.nka_records
        events = [
            self._course_event(keyed, CourseEvent.NKA_RECEIVED_BY_CHAIR, nka.received, record.id)
            for nka, record in zip(proc.nkas, records, strict=True)
            if nka.received is not None
        ]
        if proc.gdp is not None and proc.gdp.hands_over:  # the step the group records
            handed = CourseEvent.NKA_PASSED_TO_GDP
            day = proc.gdp.created_on
            validate_event(keyed, handed, day, records[0].id, None, self.today)
            events.append(self._course_event(keyed, handed, day, records[0].id))
        for step in proc.course:
            record_id = records[step.nka].id if step.nka is not None else None
            person_id = step.person.db_id if step.person is not None else None
            validate_event(keyed, step.kind, step.occurred_on, record_id, person_id, self.today)
            events.append(
                self._course_event(keyed, step.kind, step.occurred_on, record_id, person_id)
            )
        notes: list[DeadlineNote] = []
        for reason in proc.reasons:
            row: Row = {
                "id": self.take_id(DeadlineNote),
                "procedure_id": keyed.id,
                "step": reason.step,
                "nka_record_id": records[reason.nka].id if reason.nka is not None else None,
                "reason": validate_reason(reason.step, reason.text),
                "created_at": self.stamp,
            }
            self.add_row(DeadlineNote, **row)
            notes.append(DeadlineNote(**row))
        # Set whole: appending one by one costs a backref event each, a third of the
        # generator's time for a dozen events a procedure; the keyed copy is never saved.
        set_committed_value(keyed, "events", events)
        set_committed_value(keyed, "deadline_notes", notes)

    def _course_event(
        self,
        keyed: Procedure,
        kind: CourseEvent,
        day: dt.date,
        nka_record_id: int | None,
        person_id: int | None = None,
    ) -> ProcedureEvent:
        row: Row = {
            "id": self.take_id(ProcedureEvent),
            "procedure_id": keyed.id,
            "kind": kind.value,
            "occurred_on": day,
            "nka_record_id": nka_record_id,
            "person_id": person_id,
            "note": "",
            "created_at": self.stamp,
        }
        self.add_row(ProcedureEvent, **row)
        self.counts.course_events += 1
        # The keyed copy holds what the deadline engine reads: a third of the cost of all.
        return ProcedureEvent(kind=row["kind"], occurred_on=day, nka_record_id=nka_record_id)

    def _entries(
        self, procedure_id: int, number: str, case: Case, records: list[FormRecord]
    ) -> None:
        """Case work plus the events the register itself records, in date order."""
        entries = [
            *register_events(case, number, records, self.today),
            *case.procedure.entries,
        ]
        for entry in sorted(entries, key=lambda e: e.occurred_on):
            procedure_rules.check_entry(entry.occurred_on, entry.title, self.today)
            self.add_row(
                ChronologyEntry,
                id=self.take_id(ChronologyEntry),
                procedure_id=procedure_id,
                occurred_on=entry.occurred_on,
                kind=ChronologyKind(entry.kind).value,
                title=entry.title.strip(),
                body=entry.body,
                author=self.author,
                created_at=self.stamp,
            )
        self.counts.chronology_entries += len(entries)
