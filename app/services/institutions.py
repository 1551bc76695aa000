"""Institutions directory (police, schools, courts, NGOs, …) and their contact people."""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, select
from sqlalchemy.orm import Session, selectinload

from app.domain import contact_rules
from app.domain.enums import InstitutionType
from app.domain.text import polish_sort_key
from app.errors import NotFoundError, ValidationError
from app.services import list_keys, search_text
from app.services.changes import Changes, Entity
from app.services.context import ServiceContext
from app.services.records import ContactPersonData, InstitutionData, InstitutionRow, Page
from app.services.views import InstitutionView, institution_view
from app.services.zi import check_contacts_removable, check_signed_on
from app.storage.models import ContactPerson, Institution

SORT_KEYS = ("name", "type", "city", "phone", "email", "contacts")


@dataclass(frozen=True)
class InstitutionQuery:
    text: str = ""
    type: InstitutionType | None = None
    sort: str = "name"
    descending: bool = False


def validate_institution(data: InstitutionData) -> InstitutionData:
    """Check the institution and its contact people; return it as it is to be stored.

    Postal code and e-mail addresses follow app.domain.contact_rules, like every form
    and the import: "99100" is kept as "99-100", a broken address is refused.
    """
    if not data.name.strip():
        raise ValidationError("Podaj nazwę instytucji.", field="name")
    try:
        InstitutionType(data.type)
    except ValueError as exc:
        raise ValidationError("Wybierz rodzaj instytucji.", field="type") from exc
    postal_code = contact_rules.check_postal_code(data.postal_code, "postal_code")
    email = contact_rules.check_email(data.email, "email")
    contacts = []
    for contact in data.contacts:
        name = " ".join(filter(None, (contact.first_name.strip(), contact.last_name.strip())))
        if not name:
            raise ValidationError("Osoba kontaktowa musi mieć imię lub nazwisko.", "contacts")
        contact_email = contact_rules.check_email(
            contact.email, "contacts", f"Adres e-mail osoby kontaktowej „{name}”"
        )
        contacts.append(dataclasses.replace(contact, email=contact_email))
    return dataclasses.replace(data, postal_code=postal_code, email=email, contacts=contacts)


class InstitutionService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def list(self, text: str = "", type_: InstitutionType | None = None) -> list[InstitutionRow]:
        """Every institution matching every word, in Polish order of names (pickers, demo)."""
        return list(self.page(InstitutionQuery(text, type_), 0, None).rows)

    def page(self, query: InstitutionQuery, offset: int, limit: int | None) -> Page[InstitutionRow]:
        """Rows `offset`… of the institutions matching the query, searched and sorted in SQL.

        Every word must match the name, address, phone or a contact person (diacritics
        ignored). Names sort in Polish order by their stored key; equal sort values fall
        back to the name and then the id, in the same direction.
        """
        conditions = _filters(query)
        with self._ctx.read() as session:
            total = session.scalar(select(func.count()).select_from(Institution).where(*conditions))
            found = session.scalars(
                select(Institution)
                .where(*conditions)
                .order_by(*_order(session, query.sort, query.descending))
                .offset(offset)
                .limit(limit)
            ).all()
            contacts = _contacts_of(session, [i.id for i in found])
            rows = tuple(_row(i, contacts.get(i.id, [])) for i in found)
        return Page(rows, offset, total or 0)

    def get(self, institution_id: int) -> InstitutionView:
        """One institution with its contact people, as the dialog edits it."""
        with self._ctx.read() as session:
            institution = session.scalar(
                select(Institution)
                .where(Institution.id == institution_id)
                .options(selectinload(Institution.contacts))
            )
            if institution is None:
                raise NotFoundError("Instytucja nie istnieje.")
            return institution_view(institution)

    def save(self, data: InstitutionData, institution_id: int | None = None) -> Changes:
        data = validate_institution(data)
        for contact in data.contacts:
            check_signed_on(contact.confidentiality_signed_on, self._ctx.today())
        with self._ctx.write() as session:
            if institution_id is None:
                institution = Institution()
                session.add(institution)
            else:
                found = session.get(Institution, institution_id)
                if found is None:
                    raise NotFoundError("Instytucja nie istnieje.")
                institution = found
            institution.name = data.name.strip()
            institution.type = InstitutionType(data.type)
            institution.street, institution.postal_code = data.street.strip(), data.postal_code
            institution.city, institution.phone = data.city.strip(), data.phone.strip()
            institution.email, institution.notes = data.email.strip(), data.notes
            institution.contacts = _kept_contacts(session, institution, data.contacts)
            list_keys.refresh_institution(institution)
            session.flush()
            return Changes.of(Entity.INSTITUTION, record_id=institution.id)

    def delete(self, institution_id: int) -> Changes:
        """Remove an institution; NK-A records keep the name they were saved with."""
        with self._ctx.write() as session:
            institution = session.get(Institution, institution_id)
            if institution is None:
                raise NotFoundError("Instytucja nie istnieje.")
            check_contacts_removable(session, {c.id for c in institution.contacts})
            session.delete(institution)
            return Changes.of(Entity.INSTITUTION, record_id=institution_id)


def _kept_contacts(
    session: Session, institution: Institution, contacts: Sequence[ContactPersonData]
) -> list[ContactPerson]:
    """The institution's contacts as saved: a stored one (by id) is edited in place, so
    team memberships and meeting records keep pointing at the same person; one left out
    is removed, unless a team still counts on them."""
    stored = {c.id: c for c in institution.contacts}
    unknown = [c.id for c in contacts if c.id is not None and c.id not in stored]
    if unknown:
        raise NotFoundError("Ta osoba kontaktowa nie należy już do tej instytucji.")
    check_contacts_removable(session, set(stored) - {c.id for c in contacts})
    kept = []
    for data in contacts:
        contact = stored[data.id] if data.id is not None else ContactPerson()
        contact.first_name, contact.last_name = data.first_name.strip(), data.last_name.strip()
        contact.function, contact.phone = data.function.strip(), data.phone.strip()
        contact.email = data.email.strip()
        contact.confidentiality_signed_on = data.confidentiality_signed_on
        kept.append(contact)
    return kept


def contact_summary(contact: ContactPerson) -> str:
    """One contact person as the list shows them: "Jan Nowicki (dzielnicowy)"."""
    function = f"({contact.function})" if contact.function else ""
    return " ".join(filter(None, (contact.first_name, contact.last_name, function)))


def _row(institution: Institution, contacts: Sequence[ContactPerson]) -> InstitutionRow:
    return InstitutionRow(
        id=institution.id,
        name=institution.name,
        type=institution.type,
        city=institution.city,
        phone=institution.phone,
        email=institution.email,
        contacts="; ".join(contact_summary(c) for c in contacts),
    )


def _contacts_of(session: Session, institution_ids: list[int]) -> dict[int, list[ContactPerson]]:
    """The contact people of just the listed institutions, in the order they were added."""
    found: dict[int, list[ContactPerson]] = {}
    for start in range(0, len(institution_ids), 500):
        chunk = institution_ids[start : start + 500]
        for contact in session.scalars(
            select(ContactPerson)
            .where(ContactPerson.institution_id.in_(chunk))
            .order_by(ContactPerson.id)
        ):
            found.setdefault(contact.institution_id, []).append(contact)
    return found


def _filters(query: InstitutionQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.type is not None:
        conditions.append(Institution.type == query.type)
    terms = search_text.query_terms(query.text)
    if terms:
        conditions.append(
            and_(
                *(
                    Institution.search_text.like(search_text.like_pattern(t), escape="\\")
                    for t in terms
                )
            )
        )
    return conditions


def _first_contact_name() -> Any:
    """The name of an institution's first contact person: the start of its "Osoby" column."""
    return (
        select(func.trim(ContactPerson.first_name + " " + ContactPerson.last_name))
        .where(ContactPerson.institution_id == Institution.id)
        .order_by(ContactPerson.id)
        .limit(1)
        .scalar_subquery()
    )


def _type_rank() -> ColumnElement[int]:
    """Types sort by their Polish label, as the list shows them, not by the stored code."""
    labels = sorted(InstitutionType, key=lambda kind: polish_sort_key(kind.label))
    return case(
        {kind.value: rank for rank, kind in enumerate(labels)},
        value=Institution.type,
        else_=len(labels),
    )


def _polish_rank(session: Session, value: Any) -> ColumnElement[int]:
    """The place of `value` among all the values it takes, in Polish order.

    For texts without a stored sort key (city, contact person): their distinct values are
    few, so they are ranked here and SQL orders and pages by the rank.
    """
    distinct: Select[Any] = select(func.coalesce(value, "")).select_from(Institution).distinct()
    ordered = sorted(session.scalars(distinct).all(), key=polish_sort_key)
    if not ordered:
        return literal(0)  # nothing to rank: SQL has no CASE without a WHEN
    return case(
        {text: rank for rank, text in enumerate(ordered)},
        value=func.coalesce(value, ""),
        else_=len(ordered),
    )


def _sort_value(session: Session, key: str) -> Any:
    """What a list column sorts by, before the name and the id break ties."""
    if key == "type":
        return _type_rank()
    if key == "city":
        return _polish_rank(session, Institution.city)
    if key == "contacts":
        return _polish_rank(session, _first_contact_name())
    if key == "phone":
        return Institution.phone
    return Institution.email


def _order(session: Session, key: str, descending: bool) -> list[Any]:
    """ORDER BY for a list column: its value, then the name in Polish order, then the id."""
    if key not in SORT_KEYS:
        raise ValidationError(f"Nie można sortować według „{key}”.")
    columns: list[Any] = [Institution.name_sort, Institution.id]
    if key != "name":
        columns.insert(0, _sort_value(session, key))
    return [c.desc() if descending else c.asc() for c in columns]
