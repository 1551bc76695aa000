"""The protected („nie ujawniać”) data of a procedure's people, for the guard of
app.domain.disclosure, and the guard applied to a printed form.

The texts gathered here are what the guard looks for in a document; they never leave
the service that prints it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain.disclosure import Audience, Guard, Protected
from app.domain.enums import ContactKind, Role
from app.domain.protected_data import address_line
from app.printing import FormPrint
from app.storage.models import Participation, Person, PersonAddress, PersonContact


def address_key(address: PersonAddress) -> str:
    return f"address:{address.id}"


def protected_address(address: PersonAddress, role: Role) -> Protected:
    return Protected(
        address_key(address),
        role.label,
        "adres",
        address_line(address.street, address.postal_code, address.city),
        address.street,
    )


def _protected_contact(contact: PersonContact, role: Role) -> Protected:
    what = {ContactKind.PHONE: "telefon", ContactKind.EMAIL: "e-mail"}.get(
        ContactKind(contact.kind), "kontakt"
    )
    return Protected(f"contact:{contact.id}", role.label, what, contact.value)


def protected_items(session: Session, procedure_id: int) -> tuple[Protected, ...]:
    """Every protected address and contact of the procedure's people.

    The note names a person by their role only: a document for the person using
    violence never names the victim.
    """
    parts = session.scalars(
        select(Participation)
        .where(Participation.procedure_id == procedure_id)
        .order_by(Participation.id)
        .options(
            selectinload(Participation.person).selectinload(Person.addresses),
            selectinload(Participation.person).selectinload(Person.contacts),
        )
    ).all()
    items: dict[str, Protected] = {}
    for part in parts:
        role = Role(part.role)
        for address in part.person.addresses:
            if address.do_not_disclose:
                items.setdefault(address_key(address), protected_address(address, role))
        for contact in part.person.contacts:
            if contact.do_not_disclose:
                item = _protected_contact(contact, role)
                items.setdefault(item.key, item)
    return tuple(items.values())


def given_to_perpetrator(doc: FormPrint, items: Sequence[Protected]) -> FormPrint:
    """A form handed to the person using violence (NK-D): whatever protected data was
    typed into its text is left out and noted, like its register blocks already are."""
    guard = Guard(items, Audience(to_perpetrator=True))
    content = {key: _guarded(value, guard) for key, value in doc.content.items()}
    blocks = {
        name: tuple(tuple(guard.text(value) for value in entry) for entry in entries)
        for name, entries in doc.blocks.items()
    }
    return replace(doc, content=content, blocks=blocks, notes=(*doc.notes, *guard.notes))


def _guarded(value: Any, guard: Guard) -> Any:
    """The stored content with each text guarded; its shape (rows, checklists) kept."""
    if isinstance(value, str):
        return guard.text(value)
    if isinstance(value, Mapping):
        return {key: _guarded(item, guard) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_guarded(item, guard) for item in value]
    return value
