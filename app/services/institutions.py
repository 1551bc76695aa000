"""Institutions directory (police, schools, courts, NGOs, …) and their contact people."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain.enums import InstitutionType
from app.domain.text import polish_sort_key
from app.errors import NotFoundError, ValidationError
from app.services import list_keys, search_text
from app.services.changes import Changes, Entity
from app.services.context import ServiceContext
from app.services.records import InstitutionData, InstitutionRow
from app.storage.models import ContactPerson, Institution


def validate_institution(data: InstitutionData) -> None:
    if not data.name.strip():
        raise ValidationError("Podaj nazwę instytucji.", field="name")
    try:
        InstitutionType(data.type)
    except ValueError as exc:
        raise ValidationError("Wybierz rodzaj instytucji.", field="type") from exc
    if data.email and "@" not in data.email:
        raise ValidationError("Adres e-mail musi zawierać „@”.", field="email")
    for contact in data.contacts:
        if not (contact.first_name.strip() or contact.last_name.strip()):
            raise ValidationError("Osoba kontaktowa musi mieć imię lub nazwisko.", "contacts")
        if contact.email and "@" not in contact.email:
            raise ValidationError("Adres e-mail osoby kontaktowej musi zawierać „@”.", "contacts")


class InstitutionService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def list(self, text: str = "", type_: InstitutionType | None = None) -> list[InstitutionRow]:
        """Institutions whose name, address, phone or contact people match every word."""
        stmt = select(Institution).options(selectinload(Institution.contacts))
        if type_ is not None:
            stmt = stmt.where(Institution.type == type_)
        for term in search_text.query_terms(text):
            stmt = stmt.where(
                Institution.search_text.like(search_text.like_pattern(term), escape="\\")
            )
        with self._ctx.read() as session:
            rows = [
                InstitutionRow(
                    id=i.id,
                    name=i.name,
                    type=i.type,
                    city=i.city,
                    phone=i.phone,
                    email=i.email,
                    contacts="; ".join(
                        " ".join(
                            filter(
                                None,
                                (
                                    c.first_name,
                                    c.last_name,
                                    f"({c.function})" if c.function else "",
                                ),
                            )
                        )
                        for c in i.contacts
                    ),
                )
                for i in session.scalars(stmt).all()
            ]
        return sorted(rows, key=lambda r: polish_sort_key(r.name))

    def get(self, institution_id: int) -> Institution:
        with self._ctx.read() as session:
            institution = session.scalar(
                select(Institution)
                .where(Institution.id == institution_id)
                .options(selectinload(Institution.contacts))
            )
            if institution is None:
                raise NotFoundError("Instytucja nie istnieje.")
            return institution

    def save(self, data: InstitutionData, institution_id: int | None = None) -> Changes:
        validate_institution(data)
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
            institution.contacts = [
                ContactPerson(
                    first_name=c.first_name.strip(),
                    last_name=c.last_name.strip(),
                    function=c.function.strip(),
                    phone=c.phone.strip(),
                    email=c.email.strip(),
                )
                for c in data.contacts
            ]
            list_keys.refresh_institution(institution)
            session.flush()
            return Changes.of(Entity.INSTITUTION, record_id=institution.id)

    def delete(self, institution_id: int) -> Changes:
        """Remove an institution; NK-A records keep the name they were saved with."""
        with self._ctx.write() as session:
            institution = session.get(Institution, institution_id)
            if institution is None:
                raise NotFoundError("Instytucja nie istnieje.")
            session.delete(institution)
            return Changes.of(Entity.INSTITUTION, record_id=institution_id)
