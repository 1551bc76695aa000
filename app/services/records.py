"""Plain data passed between the UI/CLI and the services (no ORM objects cross this line)."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from app.domain.enums import AddressKind, ContactKind, Role


@dataclass
class AddressData:
    kind: AddressKind = AddressKind.RESIDENCE
    street: str = ""
    postal_code: str = ""
    city: str = ""
    do_not_disclose: bool = False


@dataclass
class ContactData:
    kind: ContactKind = ContactKind.PHONE
    value: str = ""
    do_not_disclose: bool = False


@dataclass
class PersonData:
    """A person's identity and contact data.

    `addresses` / `contacts` of None mean "leave as stored" — a form that does not offer
    them (e.g. for a household member) must never wipe what another procedure recorded.
    """

    first_name: str = ""
    last_name: str = ""
    pesel: str = ""
    birth_date: dt.date | None = None
    sex: str | None = None
    addresses: list[AddressData] | None = None
    contacts: list[ContactData] | None = None


@dataclass
class ParticipantData:
    """A person together with their role and role-dependent data items in one procedure."""

    person: PersonData
    role: Role
    details: dict[str, str] = field(default_factory=dict)


@dataclass
class NkaData:
    filled_on: dt.date
    filled_by_service: str
    filled_place: str = ""
    filled_by_service_other: str = ""
    filled_by_institution_id: int | None = None
    filled_by_institution_name: str = ""
    filled_by_name: str = ""
    received_by_chair_on: dt.date | None = None
    content: dict[str, Any] = field(default_factory=dict)
    person_ids: list[int] = field(default_factory=list)


@dataclass
class FormData:
    """An NK-B handed over, an NK-C or an NK-D, as the worker records it.

    `filled_on` is the day NK-B was handed over or NK-C/NK-D filled in; `person_id` the
    person handed NK-B (optional) or with whom NK-C/NK-D was filled (required).
    """

    form: str
    filled_on: dt.date
    person_id: int | None = None
    content: dict[str, Any] = field(default_factory=dict)
    filled_place: str = ""
    filled_by_name: str = ""


@dataclass(frozen=True)
class NewFile:
    """A file to attach, already read: its name, bytes and the user's description."""

    name: str
    data: bytes
    description: str = ""


@dataclass
class ContactPersonData:
    """One contact of an institution; `id` names a stored one, so an edit keeps its
    place in the ZI, a GDP and meeting records."""

    first_name: str = ""
    last_name: str = ""
    function: str = ""
    phone: str = ""
    email: str = ""
    confidentiality_signed_on: dt.date | None = None
    id: int | None = None


@dataclass
class InstitutionData:
    name: str
    type: str
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""
    contacts: list[ContactPersonData] = field(default_factory=list)


@dataclass(frozen=True)
class ProcedureRow:
    """One line of the procedures list."""

    id: int
    number: str
    year: int
    seq: int
    started_on: dt.date
    status: str
    closed_on: dt.date | None
    victims: str
    perpetrators: str
    nka_count: int
    next_due_on: dt.date | None = None


@dataclass(frozen=True)
class InstitutionRow:
    id: int
    name: str
    type: str
    city: str
    phone: str
    email: str
    contacts: str


Row = TypeVar("Row")


@dataclass(frozen=True)
class Page(Generic[Row]):
    """One slice of a list, and how many rows the whole list has."""

    rows: tuple[Row, ...]
    offset: int
    total: int
