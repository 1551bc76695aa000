"""The letters of a procedure: templates the worker edits, a letter composed for one
recipient, its PDF, and the record of its sending.

A letter is composed from the template (the worker's, else the default), the settings'
letterhead, the procedure and the chosen recipient, address and meeting; the guard of
app.domain.disclosure decides what of the data marked „nie ujawniać” it may show.
Saving a PDF and recording a sending are both noted in the procedure's chronology.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.domain import letters, procedure_rules
from app.domain.disclosure import Audience, Guard, Protected
from app.domain.enums import AddressKind, ClosureGround, ContactKind, MeetingKind, Role
from app.domain.letters import Delivery, LetterDraft, LetterKind, RecipientKind
from app.domain.protected_data import MASKED_ADDRESS, address_line
from app.errors import NotFoundError, ValidationError
from app.services.changes import Changes, Entity
from app.services.chronology import record_event
from app.services.context import ServiceContext
from app.services.disclosure import address_key, protected_address, protected_items
from app.services.output_files import check_output_target, write_output_file
from app.services.settings_service import SettingsService
from app.settings import Settings
from app.storage.models import (
    ContactPerson,
    Gdp,
    GdpMember,
    LetterRecord,
    LetterTemplate,
    Meeting,
    Participation,
    Person,
    Procedure,
)

NO_ADDRESS = ""  # handed over in person: the letter carries no address
INSTITUTION, EMAIL = "institution", "email"
_ROLE_OF = {RecipientKind.VICTIM: Role.VICTIM, RecipientKind.PERPETRATOR: Role.PERPETRATOR}
_PROTECTED_FOR_PERPETRATOR = (
    "adres oznaczony „nie ujawniać” — nie używa się go w piśmie do osoby stosującej przemoc"
)


@dataclass(frozen=True)
class TemplateView:
    name: str
    title: str
    text: str
    description: str
    default_title: str
    default_text: str
    edited: bool
    placeholders: tuple[letters.Placeholder, ...]


@dataclass(frozen=True)
class AddressOption:
    """Where a letter can go; a protected address is shown masked here."""

    key: str
    label: str
    protected: bool = False
    usable: bool = True
    reason: str = ""  # why not usable


@dataclass(frozen=True)
class RecipientOption:
    key: str  # "person:<participation id>" or "contact:<contact person id>"
    name: str
    role: str
    perpetrator: bool
    addresses: tuple[AddressOption, ...]
    default_address: str

    @property
    def label(self) -> str:
        return f"{self.name} — {self.role}"


@dataclass(frozen=True)
class MeetingOption:
    id: int
    label: str


@dataclass(frozen=True)
class LetterChoices:
    """What the worker picks from to compose one letter in one procedure."""

    letter: str
    recipients: tuple[RecipientOption, ...]
    meetings: tuple[MeetingOption, ...]
    default_meeting: int | None
    needs_meeting: bool
    problem: str | None  # why the letter cannot be composed now


@dataclass(frozen=True)
class LetterRequest:
    procedure_id: int
    letter: str
    recipient: str
    address: str = NO_ADDRESS
    meeting_id: int | None = None


@dataclass(frozen=True)
class SentLetterView:
    id: int
    letter: str
    title: str
    sent_on: dt.date
    recipient: str
    how: Delivery
    address: str  # as lists show it: a protected one masked

    @property
    def line(self) -> str:
        """How the chronology and the list name the sending."""
        return (
            f"Wysłano pismo: {self.title} — do: {self.recipient} ({self.how.label}"
            + (f", {self.address}" if self.address else "")
            + ")"
        )


@dataclass(frozen=True)
class SavedLetter:
    """Where a letter was saved, and the notice of its chronology line."""

    path: Path
    changes: Changes


@dataclass(frozen=True)
class _Recipient:
    name: str
    sex: str | None
    perpetrator: bool
    block: tuple[str, ...]  # address lines under the name
    address: str  # the line used, for the record
    address_kind: str
    item: Protected | None  # the protected address used, if any


class LetterService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    # ---- templates ----------------------------------------------------------------

    def templates(self) -> tuple[TemplateView, ...]:
        with self._ctx.read() as session:
            stored = {t.name: t for t in session.scalars(select(LetterTemplate))}
            return tuple(
                _template_view(kind, stored.get(kind.name)) for kind in letters.catalogue()
            )

    def template(self, name: str) -> TemplateView:
        kind = letters.letter(name)
        with self._ctx.read() as session:
            return _template_view(kind, session.get(LetterTemplate, name))

    def save_template(self, name: str, title: str, text: str) -> Changes:
        """Store the worker's wording; the default's own wording needs no row."""
        kind = letters.letter(name)
        title, text = letters.check_template(kind, title, text)
        with self._ctx.write() as session:
            row = session.get(LetterTemplate, name)
            if (title, text) == (kind.title, kind.text):
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(LetterTemplate(name=name, title=title, text=text))
            else:
                row.title, row.text = title, text
        return Changes.of(Entity.SETTINGS)

    def reset_template(self, name: str) -> Changes:
        """„Przywróć domyślny”: back to the wording shipped with the program."""
        letters.letter(name)
        with self._ctx.write() as session:
            row = session.get(LetterTemplate, name)
            if row is not None:
                session.delete(row)
        return Changes.of(Entity.SETTINGS)

    # ---- composing ----------------------------------------------------------------

    def choices(self, procedure_id: int, name: str) -> LetterChoices:
        kind = letters.letter(name)
        today = self._ctx.today()
        with self._ctx.read() as session:
            procedure = _procedure(session, procedure_id)
            recipients = tuple(_recipient_options(session, procedure, kind))
            meetings = _gdp_meetings(procedure) if kind.meeting else []
            upcoming = [m for m in meetings if m.held_on >= today]
            default = (upcoming[0] if upcoming else meetings[-1]).id if meetings else None
            return LetterChoices(
                name,
                recipients,
                tuple(MeetingOption(m.id, _meeting_label(m)) for m in meetings),
                default,
                kind.meeting,
                _why_not(procedure, kind, recipients, bool(meetings)),
            )

    def compose(self, request: LetterRequest) -> LetterDraft:
        """The letter for one recipient, the guard applied; nothing is written."""
        settings = SettingsService(self._ctx).load()
        with self._ctx.read() as session:
            return self._compose(session, request, settings)

    def pdf(self, request: LetterRequest) -> bytes:
        from app.printing.letter import render_letter  # ReportLab loads at the first printout

        return render_letter(self.compose(request))

    def save_pdf(
        self, request: LetterRequest, target: Path, overwrite: bool = False
    ) -> SavedLetter:
        """Write the letter to `target` as every output file is written, and note it in
        the procedure's chronology."""
        from app.printing.letter import render_letter

        data_dir = self._ctx.db.path.parent
        check_output_target(target, data_dir, overwrite)
        draft = self.compose(request)
        written = write_output_file(target, render_letter(draft), data_dir, overwrite)
        changes = self.record_output(request.procedure_id, draft, "Zapisano jako PDF")
        return SavedLetter(written, changes)

    def record_output(self, procedure_id: int, draft: LetterDraft, how: str) -> Changes:
        """Note in the chronology that a letter was printed or saved, and for whom."""
        line = f"{how}: {draft.title} — dla: {draft.recipient_name}"
        with self._ctx.write() as session:
            _procedure(session, procedure_id)
            record_event(session, self._ctx, procedure_id, line[:300])
        return Changes.of(Entity.PROCEDURE, procedures=[procedure_id])

    def save_pdf_by_number(
        self,
        number: str,
        name: str,
        target: Path,
        to: str | None = None,
        overwrite: bool = False,
    ) -> SavedLetter:
        """The command line's letter: to the person `to` names, else the first the letter
        goes to; the first address that is not protected;
        the next GDP meeting (else the last)."""
        with self._ctx.read() as session:
            found = session.scalar(
                select(Procedure.id).where(
                    Procedure.number == number.strip(), Procedure.deleted_at.is_(None)
                )
            )
        if found is None:
            raise NotFoundError(f"Nie ma procedury o numerze {number.strip()}.")
        choices = self.choices(found, name)
        if choices.problem is not None:
            raise ValidationError(choices.problem)
        recipient = _pick(choices.recipients, to)
        request = LetterRequest(
            found, name, recipient.key, recipient.default_address, choices.default_meeting
        )
        return self.save_pdf(request, target, overwrite)

    # ---- sending ------------------------------------------------------------------

    def record_sent(self, request: LetterRequest, sent_on: dt.date, how: Delivery) -> Changes:
        """Record that the letter was sent (when, to whom, how) and note it in the
        chronology; a protected address is kept by its kind only."""
        procedure_rules.check_past_date(sent_on, self._ctx.today(), "sent_on", "Data wysłania")
        how = Delivery(how)
        settings = SettingsService(self._ctx).load()
        with self._ctx.write() as session:
            procedure = _procedure(session, request.procedure_id)
            if sent_on < procedure.started_on:
                raise ValidationError(
                    "Pismo nie mogło zostać wysłane przed wszczęciem procedury "
                    f"({procedure.started_on:%d.%m.%Y}).",
                    "sent_on",
                )
            draft = self._compose(session, request, settings)
            record = LetterRecord(
                letter=draft.letter,
                title=draft.title[:300],
                sent_on=sent_on,
                recipient=draft.recipient_name[:300],
                how=how.value,
                address="" if draft.address_protected else draft.address[:300],
                address_kind=draft.address_kind,
                address_protected=draft.address_protected,
            )
            procedure.letters.append(record)
            session.flush()
            record_event(session, self._ctx, procedure.id, sent_view(record).line[:300], sent_on)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure.id], record_id=record.id)

    def sent(self, procedure_id: int) -> tuple[SentLetterView, ...]:
        with self._ctx.read() as session:
            rows = session.scalars(
                select(LetterRecord)
                .where(LetterRecord.procedure_id == procedure_id)
                .order_by(LetterRecord.sent_on, LetterRecord.id)
            )
            return tuple(sent_view(row) for row in rows)

    # ---- the letter itself --------------------------------------------------------

    def _compose(self, session: Session, request: LetterRequest, settings: Settings) -> LetterDraft:
        kind = letters.letter(request.letter)
        procedure = _procedure(session, request.procedure_id)
        stored = session.get(LetterTemplate, kind.name)
        title, text = (stored.title, stored.text) if stored is not None else (kind.title, kind.text)
        for what, part in (("Tytuł", title), ("Treść", text)):
            wrong = letters.problem(part, kind, what)
            if wrong is not None:
                raise ValidationError(f"Wzór pisma „{kind.title}” jest błędny — {wrong}")
        recipient = _recipient(session, procedure, kind, request)
        audience = Audience(
            recipient.perpetrator, recipient.item.key if recipient.item is not None else None
        )
        guard = Guard(protected_items(session, procedure.id), audience)
        values = _values(procedure, kind, request, settings, self._ctx.today())
        used = letters.names_in(title) | letters.names_in(text)
        values.update(_people_values(procedure, guard, used))
        values["adresat"] = recipient.name
        if "adres_adresata" in used:  # a value the letter does not use is no omission
            values["adres_adresata"] = guard.value(recipient.address, recipient.item)
        values["zwrot_grzecznosciowy"] = letters.salutation(recipient.sex)
        body = guard.text(letters.fill(text, values))
        shown_title = guard.text(letters.fill(title, values))
        block = tuple(guard.text(line) for line in (recipient.name, *recipient.block))
        place = settings.letter_place.strip()
        today = letters.date_text(self._ctx.today())
        return LetterDraft(
            letter=kind.name,
            title=shown_title,
            procedure_number=procedure.number,
            letterhead=_letterhead(settings),
            place_and_date=f"{place}, dnia {today} r." if place else f"dnia {today} r.",
            recipient=block,
            body=body,
            signature=tuple(line for line in (settings.worker_name.strip(),) if line),
            notes=guard.notes,
            recipient_name=recipient.name,
            address=recipient.address,
            address_kind=recipient.address_kind,
            address_protected=recipient.item is not None,
        )


def sent_view(record: LetterRecord) -> SentLetterView:
    if record.address_protected:
        shown = f"{_kind_label(record.address_kind)}: {MASKED_ADDRESS}".lstrip(": ")
    else:
        shown = record.address
    return SentLetterView(
        record.id,
        record.letter,
        record.title,
        record.sent_on,
        record.recipient,
        Delivery(record.how),
        shown,
    )


def _kind_label(kind: str) -> str:
    try:
        return AddressKind(kind).label
    except ValueError:
        return ""


def _template_view(kind: LetterKind, stored: LetterTemplate | None) -> TemplateView:
    return TemplateView(
        kind.name,
        stored.title if stored is not None else kind.title,
        stored.text if stored is not None else kind.text,
        kind.description,
        kind.title,
        kind.text,
        stored is not None,
        kind.placeholders(),
    )


def _procedure(session: Session, procedure_id: int) -> Procedure:
    procedure = session.scalar(
        select(Procedure)
        .where(Procedure.id == procedure_id, Procedure.deleted_at.is_(None))
        .options(
            selectinload(Procedure.participations)
            .selectinload(Participation.person)
            .selectinload(Person.addresses),
            selectinload(Procedure.participations)
            .selectinload(Participation.person)
            .selectinload(Person.contacts),
        )
    )
    if procedure is None:
        raise NotFoundError("Procedura nie istnieje lub została usunięta.")
    return procedure


def _name(first: str, last: str) -> str:
    """As a letter names a person: first name first."""
    return f"{first} {last}".strip()


def _is_perpetrator(procedure: Procedure, person_id: int) -> bool:
    """Whoever uses violence in this procedure, whatever other role they also hold."""
    return any(
        p.person_id == person_id and p.role == Role.PERPETRATOR.value
        for p in procedure.participations
    )


def _gdp_members(session: Session, procedure: Procedure) -> Sequence[ContactPerson]:
    return session.scalars(
        select(ContactPerson)
        .join(GdpMember, GdpMember.contact_person_id == ContactPerson.id)
        .join(Gdp, Gdp.id == GdpMember.gdp_id)
        .where(Gdp.procedure_id == procedure.id)
        .options(selectinload(ContactPerson.institution))
        .order_by(GdpMember.id)
    ).all()


def _recipient_options(
    session: Session, procedure: Procedure, kind: LetterKind
) -> list[RecipientOption]:
    options: list[RecipientOption] = []
    if RecipientKind.GDP in kind.recipients:
        for contact in _gdp_members(session, procedure):
            addresses = _contact_addresses(contact)
            options.append(
                RecipientOption(
                    f"contact:{contact.id}",
                    _name(contact.first_name, contact.last_name),
                    ", ".join(p for p in (contact.function, contact.institution.name) if p)
                    or "członek grupy diagnostyczno-pomocowej",
                    False,
                    addresses,
                    addresses[0].key,
                )
            )
    for part in procedure.participations:
        role = Role(part.role)
        if not any(_ROLE_OF.get(k) is role for k in kind.recipients):
            continue
        perpetrator = _is_perpetrator(procedure, part.person_id)
        addresses = _person_addresses(part.person, perpetrator)
        default = next((a.key for a in addresses if a.usable and not a.protected), NO_ADDRESS)
        options.append(
            RecipientOption(
                f"person:{part.id}",
                _name(part.person.first_name, part.person.last_name),
                role.label,
                perpetrator,
                addresses,
                default,
            )
        )
    return options


def _contact_addresses(contact: ContactPerson) -> tuple[AddressOption, ...]:
    institution = contact.institution
    options = []
    line = address_line(institution.street, institution.postal_code, institution.city)
    if line:
        options.append(AddressOption(INSTITUTION, f"{institution.name}, {line}"))
    email = contact.email or institution.email
    if email:
        options.append(AddressOption(EMAIL, f"e-mail: {email}"))
    options.append(AddressOption(NO_ADDRESS, "bez adresu (doręczenie osobiste)"))
    return tuple(options)


def _person_addresses(person: Person, perpetrator: bool) -> tuple[AddressOption, ...]:
    options = []
    for address in person.addresses:
        kind = AddressKind(address.kind).label
        if address.do_not_disclose:
            options.append(
                AddressOption(
                    address_key(address),
                    f"{kind}: {MASKED_ADDRESS}",
                    protected=True,
                    usable=not perpetrator,
                    reason=_PROTECTED_FOR_PERPETRATOR if perpetrator else "",
                )
            )
        else:
            line = address_line(address.street, address.postal_code, address.city)
            options.append(AddressOption(address_key(address), f"{kind}: {line}"))
    options.append(AddressOption(NO_ADDRESS, "bez adresu (doręczenie osobiste)"))
    return tuple(options)


def _recipient(
    session: Session, procedure: Procedure, kind: LetterKind, request: LetterRequest
) -> _Recipient:
    what, _, ident = request.recipient.partition(":")
    if what == "contact" and RecipientKind.GDP in kind.recipients and ident.isdigit():
        contact = next((c for c in _gdp_members(session, procedure) if c.id == int(ident)), None)
        if contact is not None:
            return _contact_recipient(contact, request.address)
    if what == "person" and ident.isdigit():
        part = next((p for p in procedure.participations if p.id == int(ident)), None)
        if part is not None and any(_ROLE_OF.get(k) is Role(part.role) for k in kind.recipients):
            return _person_recipient(procedure, part, request.address)
    raise ValidationError("Tego pisma nie kieruje się do wybranej osoby.", "recipient")


def _contact_recipient(contact: ContactPerson, key: str) -> _Recipient:
    name = _name(contact.first_name, contact.last_name)
    institution = contact.institution
    head = tuple(p for p in (contact.function, institution.name) if p)
    if key == INSTITUTION:
        line = address_line(institution.street, institution.postal_code, institution.city)
        block = (
            *head,
            *_address_lines(institution.street, institution.postal_code, institution.city),
        )
        return _Recipient(name, None, False, block, line, INSTITUTION, None)
    if key == EMAIL and (contact.email or institution.email):
        email = contact.email or institution.email
        return _Recipient(name, None, False, (*head, f"e-mail: {email}"), email, EMAIL, None)
    if key == NO_ADDRESS:
        return _Recipient(name, None, False, head, "", "", None)
    raise ValidationError("Wybierz adres z listy.", "address")


def _person_recipient(procedure: Procedure, part: Participation, key: str) -> _Recipient:
    person = part.person
    name = _name(person.first_name, person.last_name)
    perpetrator = _is_perpetrator(procedure, person.id)
    if key == NO_ADDRESS:
        return _Recipient(name, person.sex, perpetrator, (), "", "", None)
    address = next((a for a in person.addresses if address_key(a) == key), None)
    if address is None:
        raise ValidationError("Wybierz adres z listy.", "address")
    if address.do_not_disclose and perpetrator:
        raise ValidationError(
            "Adres oznaczony „nie ujawniać” nie może być użyty w piśmie do osoby stosującej "
            "przemoc.",
            "address",
        )
    item = protected_address(address, Role(part.role)) if address.do_not_disclose else None
    return _Recipient(
        name,
        person.sex,
        perpetrator,
        _address_lines(address.street, address.postal_code, address.city),
        address_line(address.street, address.postal_code, address.city),
        address.kind,
        item,
    )


def _address_lines(street: str, postal_code: str, city: str) -> tuple[str, ...]:
    return tuple(line for line in (street.strip(), f"{postal_code} {city}".strip()) if line)


def _gdp_meetings(procedure: Procedure) -> list[Meeting]:
    return [m for m in procedure.meetings if m.kind == MeetingKind.GDP.value]


def _meeting_label(meeting: Meeting) -> str:
    where = _meeting_place(meeting)
    return f"{meeting.held_on:%d.%m.%Y} {meeting.starts_at:%H:%M}" + (f", {where}" if where else "")


def _meeting_place(meeting: Meeting) -> str:
    if meeting.place.strip():
        return meeting.place.strip()
    return f"zdalnie, {meeting.remote_link}" if meeting.remote_link else ""


def _why_not(
    procedure: Procedure,
    kind: LetterKind,
    recipients: Sequence[RecipientOption],
    has_meetings: bool,
) -> str | None:
    if kind.closure and procedure.closed_on is None:
        return (
            f"Procedura {procedure.number} nie jest zakończona — to pismo przygotowuje się "
            "po jej zakończeniu."
        )
    if kind.meeting and not has_meetings:
        return (
            f"Procedura {procedure.number} nie ma posiedzenia grupy diagnostyczno-pomocowej — "
            "dodaj je w zakładce „Grupa i posiedzenia”."
        )
    if not recipients:
        whom = {
            RecipientKind.GDP: "członka grupy diagnostyczno-pomocowej",
            RecipientKind.VICTIM: "osoby doznającej przemocy",
            RecipientKind.PERPETRATOR: "osoby stosującej przemoc",
        }
        names = " ani ".join(whom[k] for k in kind.recipients)
        return f"Procedura {procedure.number} nie ma {names}, do których kieruje się to pismo."
    return None


def _pick(recipients: Sequence[RecipientOption], to: str | None) -> RecipientOption:
    """The recipient named „Imię Nazwisko” or „Nazwisko Imię”, any case; else the first."""
    if to is None or not to.strip():
        return recipients[0]
    wanted = " ".join(to.split()).casefold()
    for option in recipients:
        words = option.name.casefold().split()
        if wanted in (" ".join(words), " ".join(reversed(words))):
            return option
    names = ", ".join(option.name for option in recipients)
    raise ValidationError(f"Nie ma adresata „{to.strip()}” — to pismo może iść do: {names}.")


def _values(
    procedure: Procedure,
    kind: LetterKind,
    request: LetterRequest,
    settings: Settings,
    today: dt.date,
) -> dict[str, str]:
    values = {
        "numer_procedury": procedure.number,
        "gmina": settings.gmina_name,
        "osrodek": settings.office_name,
        "adres_osrodka": settings.office_address,
        "telefon_osrodka": settings.office_phone,
        "email_osrodka": settings.office_email,
        "pracownik": settings.worker_name,
        "miejscowosc": settings.letter_place,
        "data": letters.date_text(today),
    }
    if kind.meeting:
        meeting = next((m for m in _gdp_meetings(procedure) if m.id == request.meeting_id), None)
        if meeting is None:
            raise ValidationError("Wybierz posiedzenie, którego dotyczy pismo.", "meeting_id")
        values["data_posiedzenia"] = letters.date_text(meeting.held_on)
        values["godzina_posiedzenia"] = f"{meeting.starts_at:%H:%M}"
        values["miejsce_posiedzenia"] = _meeting_place(meeting)
    if kind.closure:
        if procedure.closed_on is None or procedure.closure_ground is None:
            raise ValidationError(
                f"Procedura {procedure.number} nie jest zakończona — to pismo przygotowuje "
                "się po jej zakończeniu."
            )
        values["data_zakonczenia"] = letters.date_text(procedure.closed_on)
        values["podstawa_zakonczenia"] = ClosureGround(procedure.closure_ground).label
    return values


def _people_values(procedure: Procedure, guard: Guard, used: frozenset[str]) -> dict[str, str]:
    """The victims' and perpetrators' names; the first victim's address and phone,
    through the guard, when the letter uses them."""
    victims = [p.person for p in procedure.participations if p.role == Role.VICTIM.value]
    perpetrators = [p.person for p in procedure.participations if p.role == Role.PERPETRATOR.value]
    values = {
        "osoba_doznajaca": ", ".join(_name(p.first_name, p.last_name) for p in victims),
        "osoba_stosujaca": ", ".join(_name(p.first_name, p.last_name) for p in perpetrators),
        "adres_osoby_doznajacej": "",
        "telefon_osoby_doznajacej": "",
    }
    if victims and victims[0].addresses and "adres_osoby_doznajacej" in used:
        address = victims[0].addresses[0]
        line = address_line(address.street, address.postal_code, address.city)
        item = protected_address(address, Role.VICTIM) if address.do_not_disclose else None
        values["adres_osoby_doznajacej"] = guard.value(line, item)
    phones = (
        [c for c in victims[0].contacts if c.kind == ContactKind.PHONE.value] if victims else []
    )
    if phones and "telefon_osoby_doznajacej" in used:
        phone = phones[0]
        item = (
            Protected(f"contact:{phone.id}", Role.VICTIM.label, "telefon", phone.value)
            if phone.do_not_disclose
            else None
        )
        values["telefon_osoby_doznajacej"] = guard.value(phone.value, item)
    return values


def _letterhead(settings: Settings) -> tuple[str, ...]:
    office = settings.office_name.strip() or settings.gmina_name.strip()
    reach = " · ".join(
        part
        for part in (
            f"tel. {settings.office_phone.strip()}" if settings.office_phone.strip() else "",
            f"e-mail: {settings.office_email.strip()}" if settings.office_email.strip() else "",
        )
        if part
    )
    return tuple(line for line in (office, settings.office_address.strip(), reach) if line)
