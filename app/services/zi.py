"""The gmina's Zespół Interdyscyplinarny: its members, picked from the directory's
contacts, and its chair; and the confidentiality statements members sign.

A member's institution and function are the contact's own (the directory keeps them
once); the date of the confidentiality statement is kept on the contact, because GDP
members and people invited to a GDP meeting sign the same statement.
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import procedure_rules
from app.domain.text import polish_sort_text
from app.errors import NotFoundError, ValidationError
from app.services.changes import Changes, Entity
from app.services.context import ServiceContext
from app.storage.models import ContactPerson, GdpMember, ZiMember


@dataclass(frozen=True)
class ContactOption:
    """A contact of the directory as pickers and member lists show it."""

    id: int
    name: str
    institution: str
    function: str
    confidentiality_signed_on: dt.date | None

    @property
    def label(self) -> str:
        """„Nowak Jan — dzielnicowy, Komisariat Policji w Lipnie”."""
        where = ", ".join(part for part in (self.function, self.institution) if part)
        return f"{self.name} — {where}" if where else self.name


@dataclass(frozen=True)
class ZiMemberView:
    id: int
    contact: ContactOption
    is_chair: bool
    appointed_on: dt.date | None


@dataclass
class ZiMemberData:
    contact_id: int
    is_chair: bool = False
    appointed_on: dt.date | None = None
    confidentiality_signed_on: dt.date | None = None


def contact_name(contact: ContactPerson) -> str:
    """Surname first, as the lists sort people."""
    return " ".join(p for p in (contact.last_name, contact.first_name) if p)


def contact_option(contact: ContactPerson) -> ContactOption:
    return ContactOption(
        contact.id,
        contact_name(contact),
        contact.institution.name,
        contact.function,
        contact.confidentiality_signed_on,
    )


def load_contact(session: Session, contact_id: int) -> ContactPerson:
    contact = session.get(ContactPerson, contact_id)
    if contact is None:
        raise NotFoundError("Tej osoby kontaktowej nie ma już w katalogu instytucji.")
    return contact


def check_signed_on(day: dt.date | None, today: dt.date) -> None:
    if day is not None:
        procedure_rules.check_past_date(
            day, today, "confidentiality_signed_on", "Data oświadczenia o poufności"
        )


def check_member(data: ZiMemberData, today: dt.date) -> None:
    """The rule for one member's dates; the import checks file records with this same rule.
    One chair and each contact once are kept by `save_member` (and checked by the import)."""
    check_signed_on(data.confidentiality_signed_on, today)
    if data.appointed_on is not None:
        procedure_rules.check_past_date(data.appointed_on, today, "appointed_on", "Data powołania")


class ZiService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def contacts(self) -> tuple[ContactOption, ...]:
        """Every contact of the directory, by name: members are picked from these."""
        with self._ctx.read() as session:
            found = session.scalars(
                select(ContactPerson).options(selectinload(ContactPerson.institution))
            ).all()
            options = [contact_option(c) for c in found]
        return tuple(sorted(options, key=lambda o: (polish_sort_text(o.name), o.id)))

    def members(self) -> tuple[ZiMemberView, ...]:
        """The chair first, then the members by name."""
        with self._ctx.read() as session:
            found = session.scalars(
                select(ZiMember).options(
                    selectinload(ZiMember.contact).selectinload(ContactPerson.institution)
                )
            ).all()
            views = [
                ZiMemberView(m.id, contact_option(m.contact), m.is_chair, m.appointed_on)
                for m in found
            ]
        return tuple(
            sorted(views, key=lambda v: (not v.is_chair, polish_sort_text(v.contact.name), v.id))
        )

    def save_member(self, data: ZiMemberData, member_id: int | None = None) -> Changes:
        """Add a contact to the ZI or edit a member; a new chair replaces the old one."""
        check_member(data, self._ctx.today())
        with self._ctx.write() as session:
            contact = load_contact(session, data.contact_id)
            taken = session.scalar(select(ZiMember).where(ZiMember.contact_person_id == contact.id))
            if member_id is None:
                if taken is not None:
                    raise ValidationError(
                        f"{contact_name(contact)} jest już członkiem zespołu.", "contact_id"
                    )
                member = ZiMember(contact_person_id=contact.id)
                session.add(member)
            else:
                found = session.get(ZiMember, member_id)
                if found is None:
                    raise NotFoundError("Tego członka zespołu nie ma już w rejestrze.")
                if taken is not None and taken.id != member_id:
                    raise ValidationError(
                        f"{contact_name(contact)} jest już członkiem zespołu.", "contact_id"
                    )
                member = found
                member.contact_person_id = contact.id
            if data.is_chair:
                for other in session.scalars(select(ZiMember).where(ZiMember.is_chair)):
                    other.is_chair = False
            member.is_chair = data.is_chair
            member.appointed_on = data.appointed_on
            contact.confidentiality_signed_on = data.confidentiality_signed_on
            session.flush()
            return Changes.of(Entity.MEETING, Entity.INSTITUTION, record_id=member.id)

    def remove_member(self, member_id: int) -> Changes:
        with self._ctx.write() as session:
            member = session.get(ZiMember, member_id)
            if member is None:
                raise NotFoundError("Tego członka zespołu nie ma już w rejestrze.")
            session.delete(member)
            return Changes.of(Entity.MEETING, record_id=member_id)


def check_contacts_removable(session: Session, contact_ids: set[int]) -> None:
    """A contact who is a ZI or GDP member cannot leave the directory unnoticed: the
    team would lose a member. The worker first takes them off the team."""
    if not contact_ids:
        return
    in_zi = session.scalars(
        select(ZiMember).where(ZiMember.contact_person_id.in_(contact_ids))
    ).first()
    in_gdp = session.scalars(
        select(GdpMember).where(GdpMember.contact_person_id.in_(contact_ids))
    ).first()
    for member, team in ((in_zi, "Zespołu Interdyscyplinarnego"), (in_gdp, "grupy GDP")):
        if member is not None:
            name = contact_name(load_contact(session, member.contact_person_id))
            raise ValidationError(
                f"{name} jest członkiem {team}: najpierw usuń tę osobę z zespołu, "
                "potem z katalogu.",
                "contacts",
            )
