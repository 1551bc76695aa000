"""Screen-shaped read models: what the services hand to windows, printouts and the CLI.

Plain frozen records, built inside the service's session; no ORM object leaves
`app/services`. Rules (which NK-A opened the procedure, who may hold contact data)
are applied here from `app/domain`, so a view only displays the answer.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from app.domain import procedure_rules
from app.domain.contact_rules import shown_postal_code
from app.domain.enums import ChronologyKind, Role
from app.domain.permitted_data import may_hold_contact_data
from app.domain.protected_data import withheld
from app.domain.roles import display_name
from app.services.course_facts import received_by_chair
from app.storage.models import (
    Attachment,
    ChronologyEntry,
    FormRecord,
    Institution,
    Participation,
    Person,
    PersonAddress,
    PersonContact,
    Procedure,
)


@dataclass(frozen=True)
class AddressView:
    """One address; a protected one is `withheld`: street, postal code and city are empty.

    See app.domain.protected_data; the text comes only from a reveal.
    """

    kind: str
    street: str
    postal_code: str
    city: str
    do_not_disclose: bool
    withheld: bool = False


@dataclass(frozen=True)
class ContactView:
    """One phone number or e-mail address; a protected one is `withheld` (empty value)."""

    kind: str
    value: str
    do_not_disclose: bool
    withheld: bool = False


@dataclass(frozen=True)
class RevealedData:
    """One person's addresses and contacts in full, protected ones included, on request."""

    person_id: int
    addresses: tuple[AddressView, ...]
    contacts: tuple[ContactView, ...]


@dataclass(frozen=True)
class PersonView:
    """A person with the roles they hold in live procedures.

    `roles` spans every live procedure; a form editing one participation asks
    `roles_besides` to learn what the other participations allow.
    """

    id: int
    first_name: str
    last_name: str
    pesel: str
    birth_date: dt.date | None
    sex: str | None
    addresses: tuple[AddressView, ...]
    contacts: tuple[ContactView, ...]
    participations: tuple[tuple[int, Role], ...]  # (participation id, role), live procedures

    @property
    def name(self) -> str:
        return display_name(self)

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(role for _, role in self.participations)

    @property
    def address_protected(self) -> bool:
        """Some address is withheld here: lists show it masked until revealed."""
        return any(a.withheld for a in self.addresses)

    @property
    def data_withheld(self) -> bool:
        """Some address or contact is withheld here."""
        return self.address_protected or any(c.withheld for c in self.contacts)

    def revealed(self, data: RevealedData) -> "PersonView":
        """This person with the text of their protected addresses and contacts shown."""
        return replace(self, addresses=data.addresses, contacts=data.contacts)

    def roles_besides(self, participation_id: int | None) -> frozenset[Role]:
        return frozenset(role for pid, role in self.participations if pid != participation_id)

    def may_hold_contact_data(self, role: Role, participation_id: int | None = None) -> bool:
        """Whether the Act lets the register keep this person's address and contacts."""
        return may_hold_contact_data({role} | self.roles_besides(participation_id))


@dataclass(frozen=True)
class ParticipantView:
    id: int  # the participation
    person: PersonView
    role: Role
    details: dict[str, str]


@dataclass(frozen=True)
class NkaView:
    id: int
    ordinal: int  # 1 = the form that opened the procedure
    form_version: str
    filled_on: dt.date
    filled_place: str
    filled_by_service: str
    filled_by_service_other: str
    filled_by_institution_id: int | None
    filled_by_institution_name: str
    filled_by_name: str
    received_by_chair_on: dt.date | None
    content: dict[str, Any]
    person_ids: tuple[int, ...]

    @property
    def opened_procedure(self) -> bool:
        return self.ordinal == 1

    @property
    def label(self) -> str:
        """How the procedure's chronology and its attachments name this form."""
        return nka_label(self.ordinal, self.filled_on)


@dataclass(frozen=True)
class FormRecordView:
    """A filled NK-B, NK-C or NK-D; `person_id` is the person it was filled with or given to."""

    id: int
    form: str
    form_version: str
    filled_on: dt.date
    filled_place: str
    filled_by_name: str
    content: dict[str, Any]
    person_id: int | None

    @property
    def label(self) -> str:
        return f"{self.form} z {self.filled_on:%d.%m.%Y}"


@dataclass(frozen=True)
class ChronologyView:
    id: int
    occurred_on: dt.date
    kind: ChronologyKind
    title: str
    body: str
    author: str
    created_at: dt.datetime

    @property
    def editable(self) -> bool:
        """Entries the register wrote itself are evidence and never change."""
        return self.kind != ChronologyKind.SYSTEM


@dataclass(frozen=True)
class AttachmentView:
    """A stored file; `link` names what it belongs to ("" when to the procedure only)."""

    id: int
    procedure_id: int
    chronology_entry_id: int | None
    nka_record_id: int | None
    file_name: str
    media_type: str
    size: int
    sha256: str
    description: str
    created_at: dt.datetime
    link: str


@dataclass(frozen=True)
class ProcedureDetail:
    """One procedure as its window shows it, with everything recorded in it."""

    id: int
    number: str
    year: int
    seq: int
    started_on: dt.date
    status: str
    closed_on: dt.date | None
    closure_ground: str | None
    closure_justification: str
    notes: str
    participants: tuple[ParticipantView, ...]
    nka_records: tuple[NkaView, ...]  # in filing order: the first opened the procedure
    chronology: tuple[ChronologyView, ...]
    attachments: tuple[AttachmentView, ...]
    forms: tuple[FormRecordView, ...] = ()  # NK-B, NK-C, NK-D in date order

    @property
    def opening_nka(self) -> NkaView | None:
        return self.nka_records[0] if self.nka_records else None

    def people_in(self, role: Role) -> tuple[ParticipantView, ...]:
        return tuple(p for p in self.participants if p.role == role)


@dataclass(frozen=True)
class ContactPersonView:
    id: int
    first_name: str
    last_name: str
    function: str
    phone: str
    email: str
    confidentiality_signed_on: dt.date | None = None


@dataclass(frozen=True)
class InstitutionView:
    id: int
    name: str
    type: str
    street: str
    postal_code: str
    city: str
    phone: str
    email: str
    notes: str
    contacts: tuple[ContactPersonView, ...]


def address_view(address: PersonAddress, reveal: bool = False) -> AddressView:
    if withheld(address.do_not_disclose, reveal):
        return AddressView(address.kind, "", "", "", address.do_not_disclose, withheld=True)
    return AddressView(
        address.kind,
        address.street,
        shown_postal_code(address.postal_code),
        address.city,
        address.do_not_disclose,
    )


def contact_view(contact: PersonContact, reveal: bool = False) -> ContactView:
    if withheld(contact.do_not_disclose, reveal):
        return ContactView(contact.kind, "", contact.do_not_disclose, withheld=True)
    return ContactView(contact.kind, contact.value, contact.do_not_disclose)


def revealed_data(person: Person) -> RevealedData:
    """Needs the person's addresses and contacts."""
    return RevealedData(
        person.id,
        tuple(address_view(a, reveal=True) for a in person.addresses),
        tuple(contact_view(c, reveal=True) for c in person.contacts),
    )


def person_view(person: Person) -> PersonView:
    """Needs the person's addresses, contacts and participations with their procedures.

    Protected addresses and contacts are withheld: no list or view gets their text.
    """
    return PersonView(
        id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        pesel=person.pesel or "",
        birth_date=person.birth_date,
        sex=person.sex,
        addresses=tuple(address_view(a) for a in person.addresses),
        contacts=tuple(contact_view(c) for c in person.contacts),
        participations=tuple(
            (p.id, Role(p.role)) for p in person.participations if p.procedure.deleted_at is None
        ),
    )


def participant_view(part: Participation) -> ParticipantView:
    return ParticipantView(part.id, person_view(part.person), Role(part.role), dict(part.details))


def nka_view(record: FormRecord, ordinal: int, received_by_chair_on: dt.date | None) -> NkaView:
    return NkaView(
        id=record.id,
        ordinal=ordinal,
        form_version=record.form_version,
        filled_on=record.filled_on,
        filled_place=record.filled_place,
        filled_by_service=record.filled_by_service,
        filled_by_service_other=record.filled_by_service_other,
        filled_by_institution_id=record.filled_by_institution_id,
        filled_by_institution_name=record.filled_by_institution_name,
        filled_by_name=record.filled_by_name,
        received_by_chair_on=received_by_chair_on,
        content=dict(record.content),
        person_ids=tuple(record.person_ids),
    )


def form_record_view(record: FormRecord) -> FormRecordView:
    named = record.person_ids
    return FormRecordView(
        id=record.id,
        form=record.form,
        form_version=record.form_version,
        filled_on=record.filled_on,
        filled_place=record.filled_place,
        filled_by_name=record.filled_by_name,
        content=dict(record.content),
        person_id=named[0] if named else None,
    )


def chronology_view(entry: ChronologyEntry) -> ChronologyView:
    return ChronologyView(
        entry.id,
        entry.occurred_on,
        ChronologyKind(entry.kind),
        entry.title,
        entry.body,
        entry.author,
        entry.created_at,
    )


def nka_label(ordinal: int, filled_on: dt.date) -> str:
    """ "NK-A nr 2 z 05.03.2025": the form's place in filing order and its date."""
    return f"NK-A nr {ordinal} z {filled_on:%d.%m.%Y}"


def attachment_view(
    attachment: Attachment, nka_labels: Mapping[int, str], entry_titles: Mapping[int, str]
) -> AttachmentView:
    """`nka_labels` and `entry_titles` name the procedure's forms and entries by id."""
    if attachment.nka_record_id is not None:
        link = nka_labels.get(attachment.nka_record_id, "")
    elif attachment.chronology_entry_id is not None:
        link = entry_titles.get(attachment.chronology_entry_id, "")
    else:
        link = ""
    return AttachmentView(
        id=attachment.id,
        procedure_id=attachment.procedure_id,
        chronology_entry_id=attachment.chronology_entry_id,
        nka_record_id=attachment.nka_record_id,
        file_name=attachment.file_name,
        media_type=attachment.media_type,
        size=attachment.size,
        sha256=attachment.sha256,
        description=attachment.description,
        created_at=attachment.created_at,
        link=link,
    )


def procedure_detail(procedure: Procedure) -> ProcedureDetail:
    """Needs everything `procedures.load_procedure` loads."""
    filed = procedure_rules.in_filing_order(procedure.nka_records)
    nka_records = tuple(
        nka_view(r, i, received_by_chair(procedure, r)) for i, r in enumerate(filed, start=1)
    )
    chronology = tuple(
        chronology_view(e)
        for e in sorted(procedure.chronology, key=lambda e: (e.occurred_on, e.id))
    )
    nka_labels = {record.id: record.label for record in nka_records}
    entry_titles = {entry.id: entry.title for entry in chronology}
    return ProcedureDetail(
        id=procedure.id,
        number=procedure.number,
        year=procedure.year,
        seq=procedure.seq,
        started_on=procedure.started_on,
        status=procedure.status,
        closed_on=procedure.closed_on,
        closure_ground=procedure.closure_ground,
        closure_justification=procedure.closure_justification,
        notes=procedure.notes,
        participants=tuple(participant_view(p) for p in procedure.participations),
        nka_records=nka_records,
        chronology=chronology,
        attachments=tuple(
            attachment_view(a, nka_labels, entry_titles) for a in procedure.attachments
        ),
        forms=tuple(form_record_view(r) for r in procedure.other_forms),
    )


def institution_view(institution: Institution) -> InstitutionView:
    return InstitutionView(
        id=institution.id,
        name=institution.name,
        type=institution.type,
        street=institution.street,
        postal_code=shown_postal_code(institution.postal_code),
        city=institution.city,
        phone=institution.phone,
        email=institution.email,
        notes=institution.notes,
        contacts=tuple(
            ContactPersonView(
                c.id,
                c.first_name,
                c.last_name,
                c.function,
                c.phone,
                c.email,
                c.confidentiality_signed_on,
            )
            for c in institution.contacts
        ),
    )
