"""Addresses and contacts marked „nie ujawniać” (a shelter, a secret number): the one rule.

Where a victim lives may be the very thing the person using violence must not learn,
and a list on a screen is easily seen over the worker's shoulder. So a protected item
never reaches a list or a view with its text: the services leave the text out
(`withheld`) and every screen shows `MASKED_ADDRESS` / `MASKED_CONTACT` in its place.
The text is handed out only when the worker asks for one person's data
(`ParticipantService.reveal_protected`). The JSON exchange file is a full backup of the
register and carries everything.
"""

from typing import Protocol

MASKED_ADDRESS = "adres chroniony"
MASKED_CONTACT = "kontakt chroniony"


class ListedAddress(Protocol):
    @property
    def street(self) -> str: ...

    @property
    def postal_code(self) -> str: ...

    @property
    def city(self) -> str: ...

    @property
    def withheld(self) -> bool: ...


class ListedContact(Protocol):
    @property
    def value(self) -> str: ...

    @property
    def withheld(self) -> bool: ...


def withheld(do_not_disclose: bool, revealed: bool) -> bool:
    """A protected item's text stays out of a record unless its reveal was asked for."""
    return do_not_disclose and not revealed


def address_line(street: str, postal_code: str, city: str) -> str:
    """An address on one line: „ul. Polna 1, 00-950 Przykładowo”."""
    return ", ".join(part for part in (street, f"{postal_code} {city}".strip()) if part)


def shown_address(address: ListedAddress) -> str:
    """What a list shows for an address: its line, or the masked text while withheld."""
    if address.withheld:
        return MASKED_ADDRESS
    return address_line(address.street, address.postal_code, address.city)


def shown_contact(contact: ListedContact) -> str:
    """What a list shows for a phone number or e-mail address."""
    return MASKED_CONTACT if contact.withheld else contact.value
