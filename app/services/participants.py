"""People in procedures: one person record, many roles, only the data the Act allows."""

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import contact_rules
from app.domain.enums import AddressKind, ContactKind, Role
from app.domain.identity import check_identity, check_name
from app.domain.permitted_data import allowed_fields, may_hold_contact_data
from app.errors import NotFoundError, ValidationError
from app.services import list_keys, search_text
from app.services.changes import Changes, Entity
from app.services.chronology import record_event
from app.services.context import ServiceContext
from app.services.guards import require_live_procedure
from app.services.meetings import check_upcoming_meetings
from app.services.procedures import load_procedure
from app.services.records import AddressData, ParticipantData, PersonData
from app.services.views import PersonView, RevealedData, person_view, revealed_data
from app.storage.models import Participation, Person, PersonAddress, PersonContact


def validate_person(data: PersonData, today: dt.date) -> PersonData:
    """Check names, PESEL (checksum and the birth date it encodes) and contacts.

    A birth date or sex left empty is taken from a valid PESEL. The import checks file
    records with this same rule.
    """
    check_name(data.first_name, "first_name", "imię")
    check_name(data.last_name, "last_name", "nazwisko")
    pesel = data.pesel.strip()
    birth_date, sex = check_identity(pesel, data.birth_date, data.sex, today)
    for contact in data.contacts or []:
        if not contact.value.strip():
            raise ValidationError("Pusty kontakt — uzupełnij albo usuń.", field="contacts")
        if contact.kind == ContactKind.EMAIL:
            contact_rules.check_email(contact.value, "contacts")
    addresses = None
    if data.addresses is not None:
        addresses = [_checked_address(address) for address in data.addresses]
    return PersonData(
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        pesel=pesel,
        birth_date=birth_date,
        sex=sex,
        addresses=addresses,
        contacts=data.contacts,
    )


def _checked_address(address: AddressData) -> AddressData:
    """An address as stored: not empty, its postal code written NN-NNN."""
    if not (address.street.strip() or address.city.strip()):
        raise ValidationError("Pusty adres — uzupełnij albo usuń.", field="addresses")
    code = contact_rules.check_postal_code(
        address.postal_code, "addresses", "Kod pocztowy w adresie"
    )
    return dataclasses.replace(address, postal_code=code)


def validate_details(role: Role, details: dict[str, str]) -> dict[str, str]:
    """Keep only non-empty items and refuse items the Act does not allow for the role."""
    cleaned = {k: v.strip() for k, v in details.items() if v and v.strip()}
    refused = set(cleaned) - allowed_fields(role)
    if refused:
        raise ValidationError(
            f"Dla roli „{role.label}” ustawa nie pozwala przetwarzać tych danych.",
            field=sorted(refused)[0],
        )
    return cleaned


class ParticipantService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def find_people(self, text: str, limit: int = 50) -> list[PersonView]:
        """People already in the register (to add one to another procedure).

        Surname first, in Polish alphabetical order, so a long result reads like a list.
        """
        terms = search_text.query_terms(text)
        if not terms:
            return []
        with self._ctx.read() as session:
            stmt = (
                select(Person)
                .where(Person.deleted_at.is_(None))
                .options(
                    selectinload(Person.addresses),
                    selectinload(Person.contacts),
                    selectinload(Person.participations).selectinload(Participation.procedure),
                )
            )
            for term in terms:
                stmt = stmt.where(
                    Person.search_text.like(search_text.like_pattern(term), escape="\\")
                )
            stmt = stmt.order_by(Person.name_sort, Person.id).limit(limit)
            return [person_view(person) for person in session.scalars(stmt)]

    def reveal_protected(self, person_id: int) -> RevealedData:
        """The text of one person's protected addresses and contacts, asked for by the worker.

        Every list and view gets them withheld (app.domain.protected_data); this is the
        one way their text reaches a screen. The audit trail (issue „bezpieczeństwo
        i RODO”) records each reveal here: who saw whose protected data, and when.
        """
        with self._ctx.read() as session:
            return revealed_data(_person(session, person_id))

    def save(
        self,
        procedure_id: int,
        data: ParticipantData,
        participation_id: int | None = None,
        person_id: int | None = None,
    ) -> Changes:
        """Add a person to a procedure (new or existing person) or edit a participation."""
        person_data = validate_person(data.person, self._ctx.today())
        role = Role(data.role)
        details = validate_details(role, data.details)
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            if participation_id is not None:
                part = _participation(session, participation_id)
                person = part.person
            else:
                person = _person(session, person_id) if person_id is not None else Person()
                if person_id is None:
                    session.add(person)
                part = Participation(procedure=procedure, person=person)
                session.add(part)
            part.role, part.details = role, details
            _check_duplicate_role(procedure.participations, part)
            _check_contact_data(person, part, person_data)
            _apply_person(person, person_data)
            session.flush()
            check_upcoming_meetings(session, person.id, self._ctx.today())
            list_keys.refresh_procedures_of(person)
            concerned = {p.procedure_id for p in person.participations}
            return Changes.of(
                Entity.PROCEDURE, Entity.PERSON, procedures=concerned, record_id=part.id
            )

    def remove(self, participation_id: int) -> Changes:
        """Take a person out of a procedure; the chronology records it."""
        with self._ctx.write() as session:
            part = _participation(session, participation_id)
            require_live_procedure(session, part.procedure_id)
            procedure, person = part.procedure, part.person
            record_event(
                session,
                self._ctx,
                procedure.id,
                f"Usunięto z procedury osobę: {person.first_name} {person.last_name} "
                f"({Role(part.role).label})",
            )
            _leave_procedure(session, part)
            return Changes.of(
                Entity.PROCEDURE,
                Entity.PERSON,
                procedures=[procedure.id],
                record_id=participation_id,
            )

    def delete_person(self, person_id: int) -> Changes:
        """Remove a person from every procedure (each records it) and hide the record."""
        with self._ctx.write() as session:
            person = _person(session, person_id)
            concerned = {p.procedure_id for p in person.participations}
            for part in list(person.participations):
                record_event(
                    session,
                    self._ctx,
                    part.procedure_id,
                    f"Usunięto osobę z rejestru: {person.first_name} {person.last_name}",
                )
                _leave_procedure(session, part)
            person.deleted_at = self._ctx.utc_now()
            return Changes.of(
                Entity.PROCEDURE, Entity.PERSON, procedures=concerned, record_id=person_id
            )


def _leave_procedure(session: Session, part: Participation) -> None:
    """Drop a participation; NK-A records stop naming the person once no role is left."""
    procedure, person_id = part.procedure, part.person_id
    session.delete(part)
    session.flush()
    session.refresh(procedure)
    if all(p.person_id != person_id for p in procedure.participations):
        for record in procedure.nka_records:
            if person_id in record.person_ids:
                record.name_people([pid for pid in record.person_ids if pid != person_id])
    list_keys.refresh_procedure(procedure)


def _participation(session: Session, participation_id: int) -> Participation:
    part = session.scalar(
        select(Participation)
        .where(Participation.id == participation_id)
        .options(selectinload(Participation.person).selectinload(Person.participations))
    )
    if part is None:
        raise NotFoundError("Ta osoba nie jest już w procedurze.")
    return part


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise NotFoundError("Osoba nie istnieje lub została usunięta.")
    return person


def _check_duplicate_role(parts: list[Participation], current: Participation) -> None:
    for other in parts:
        if other is not current and other.person is current.person and other.role == current.role:
            raise ValidationError("Ta osoba ma już tę rolę w procedurze.", field="role")


def _check_contact_data(person: Person, current: Participation, data: PersonData) -> None:
    if not (data.addresses or data.contacts):
        return
    roles = {
        Role(p.role)
        for p in person.participations
        if p is not current and p.procedure.deleted_at is None
    } | {Role(current.role)}
    if not may_hold_contact_data(roles):
        raise ValidationError(
            "Ustawa nie przewiduje przetwarzania adresu ani kontaktu członka gospodarstwa "
            "domowego, który nie jest osobą doznającą ani stosującą przemoc.",
            field="addresses",
        )


def _apply_person(person: Person, data: PersonData) -> None:
    person.first_name, person.last_name = data.first_name, data.last_name
    person.pesel = data.pesel or None
    person.birth_date, person.sex = data.birth_date, data.sex
    if data.addresses is not None:
        person.addresses = [
            PersonAddress(
                kind=AddressKind(a.kind),
                street=a.street.strip(),
                postal_code=a.postal_code.strip(),
                city=a.city.strip(),
                do_not_disclose=a.do_not_disclose,
            )
            for a in data.addresses
        ]
    if data.contacts is not None:
        person.contacts = [
            PersonContact(
                kind=ContactKind(c.kind), value=c.value.strip(), do_not_disclose=c.do_not_disclose
            )
            for c in data.contacts
        ]
    list_keys.refresh_person(person)
