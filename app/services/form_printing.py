"""Printouts of the official forms, built from the register's plain views.

The builders take a `ProcedureDetail` (whose protected addresses and contacts are already
withheld) and return a `FormPrint` for app.printing to lay out. What the register marks
„nie ujawniać” is never printed, even from a view someone has revealed: the printout
says instead that it was left out. A form the register does not hold records of yet
(NK-C, NK-D) prints blank; its filled builder is one more entry in `_FILLED`.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from app.domain import form_rules, forms, helplines
from app.domain.enums import AddressKind, InitiatorService, Role
from app.domain.forms import FormDefinition
from app.domain.identity import ADULT_AGE, age_on, known_birth_date
from app.domain.protected_data import MASKED_ADDRESS, MASKED_CONTACT, address_line
from app.errors import NotFoundError, ValidationError
from app.printing import Entry, FormPrint
from app.services.changes import Changes, Entity
from app.services.chronology import record_event
from app.services.context import ServiceContext
from app.services.disclosure import given_to_perpetrator, protected_items
from app.services.gdp import GdpService
from app.services.output_files import check_output_target, write_output_file
from app.services.procedures import ProcedureService, load_procedure
from app.services.settings_service import SettingsService
from app.services.views import (
    FormRecordView,
    NkaView,
    ParticipantView,
    PersonView,
    ProcedureDetail,
)
from app.services.zi import ContactOption
from app.settings import Settings

LEFT_OUT = "pominięty na wydruku"
ADDRESS_NOTE = "adres oznaczony „nie ujawniać” — pominięty na wydruku."
CONTACT_NOTE = "telefon lub e-mail oznaczony „nie ujawniać” — pominięty na wydruku."

Values = Mapping[str, str]  # one entry's values by the block's item names

PRINTED, SAVED_AS_PDF = "Wydrukowano", "Zapisano jako PDF"  # how, in the chronology
HANDOVER_SHEET = "NK-B do przekazania"  # NK-B printed to hand over, before any record


def record_label(form: str, ordinal: int, filled_on: dt.date) -> str:
    """How the chronology and the print queue name a record: „NK-A nr 1 z 28.11.2026”
    (the same from the CLI and every window; no names of people)."""
    return f"{form} nr {ordinal} z {filled_on:%d.%m.%Y}"


def blank_label(form: str) -> str:
    return f"{form} (pusty)"


@dataclass(frozen=True)
class SavedPdf:
    """A printout written to a file, and the chronology note's change notice."""

    path: Path
    changes: Changes


def nka_print(
    detail: ProcedureDetail, record_id: int, settings: Settings, today: dt.date
) -> FormPrint:
    """One NK-A of the procedure as filled: its header, people, content and section XIV.

    Victims and perpetrators are those the form names (all of the procedure's when it
    names nobody, as older records may); minors of the household are those under 18 on
    the day the form was filled, by their date of birth.
    """
    record = next((r for r in detail.nka_records if r.id == record_id), None)
    if record is None:
        raise NotFoundError("Formularz NK-A nie istnieje.")
    definition = forms.definition("NK-A", record.form_version)
    named = [p for p in detail.participants if p.person.id in record.person_ids]
    people = named or list(detail.participants)
    victims = [p for p in people if p.role is Role.VICTIM]
    perpetrators = [p for p in people if p.role is Role.PERPETRATOR]
    printed = {p.person.id for p in (*victims, *perpetrators)}
    children = [
        p
        for p in detail.participants
        if p.role is Role.HOUSEHOLD_MEMBER
        and p.person.id not in printed
        and _is_minor(p.person, record.filled_on)
    ]
    notes: list[str] = []
    service = _service(record)
    values: dict[str, list[Values]] = {
        "header": [
            {
                "place": record.filled_place,
                "date": f"{record.filled_on:%d.%m.%Y}",
                "body": record.filled_by_institution_name or service,
            }
        ],
        "victims": [_person(p, record.filled_on, notes) for p in victims],
        "perpetrators": [_person(p, record.filled_on, notes) for p in perpetrators],
        "children": [_person(p, record.filled_on, notes) for p in children],
        "filler": [
            {
                "service": service,
                "name": record.filled_by_name,
                "institution": record.filled_by_institution_name,
            }
        ],
    }
    return FormPrint(
        definition,
        detail.number,
        today,
        content=dict(record.content),
        blocks=_blocks(definition, values),
        notes=tuple(notes),
        printed_by=settings.office_name,
    )


def nkb_print(detail: ProcedureDetail | None, settings: Settings, today: dt.date) -> FormPrint:
    """NK-B to hand over: the helplines valid today and the gmina's own contacts."""
    definition = forms.current("NK-B", today)
    return FormPrint(
        definition,
        detail.number if detail is not None else None,
        today,
        blocks=_blocks(definition, _nkb_values(settings, today)),
        printed_by=settings.office_name,
    )


def blank_print(form: str, today: dt.date, settings: Settings | None = None) -> FormPrint:
    """The form in force today, empty, to fill by hand (at an intervention).

    Only what is the same for everyone is printed in it: NK-B's helplines and, given
    the settings, the gmina's contacts.
    """
    if form not in forms.FORM_CODES:
        raise ValidationError(f"Nieznany formularz {form}.")
    definition = forms.current(form, today)
    values = _nkb_values(settings, today) if form == "NK-B" else {}
    return FormPrint(definition, None, today, blocks=_blocks(definition, values), blank=True)


FilledBuilder = Callable[[ProcedureDetail, int | None, Settings, dt.date], FormPrint]


def _filled_nka(
    detail: ProcedureDetail, record_id: int | None, settings: Settings, today: dt.date
) -> FormPrint:
    if record_id is None:
        raise ValidationError("Wybierz formularz NK-A do wydruku.")
    return nka_print(detail, record_id, settings, today)


def _filled_nkb(
    detail: ProcedureDetail, record_id: int | None, settings: Settings, today: dt.date
) -> FormPrint:
    """NK-B to hand over now, or (a hand-over record named) as it was handed over."""
    printed = nkb_print(detail, settings, today)
    if record_id is None:
        return printed
    record = _other_record(detail, "NK-B", record_id)
    handed = {**record.content, form_rules.DATE_FIELD["NK-B"]: record.filled_on.isoformat()}
    return replace(printed, content=handed)


def recorded_print(
    detail: ProcedureDetail,
    record_id: int,
    form: str,
    gdp_members: Iterable[ContactOption],
    settings: Settings,
    today: dt.date,
) -> FormPrint:
    """A filled NK-C or NK-D: the person it was filled with, its content, the GDP's
    members to sign. Shown against the record's own version."""
    record = _other_record(detail, form, record_id)
    definition = forms.definition(form, record.form_version)
    notes: list[str] = []
    person_block = {"NK-C": "victim", "NK-D": "perpetrator"}[form]
    named = [p for p in detail.participants if p.person.id == record.person_id][:1]
    values: dict[str, list[Values]] = {
        person_block: [_person(p, record.filled_on, notes) for p in named],
        "gdp": [{"name": m.name, "institution": m.institution} for m in gdp_members],
    }
    return FormPrint(
        definition,
        detail.number,
        today,
        content={**record.content, form_rules.DATE_FIELD[form]: record.filled_on.isoformat()},
        blocks=_blocks(definition, values),
        notes=tuple(notes),
        printed_by=settings.office_name,
    )


def _other_record(detail: ProcedureDetail, form: str, record_id: int) -> FormRecordView:
    record = next((r for r in detail.forms if r.id == record_id and r.form == form), None)
    if record is None:
        raise NotFoundError(f"Formularz {form} nie istnieje.")
    return record


_FILLED: dict[str, FilledBuilder] = {"NK-A": _filled_nka, "NK-B": _filled_nkb}


class FormPrintService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def pdf(
        self,
        procedure_id: int | None,
        form: str,
        record_id: int | None = None,
        blank: bool = False,
    ) -> bytes:
        """The printout as PDF bytes: a record of the procedure, or the blank form."""
        from app.printing.render import render_form  # ReportLab loads at the first printout

        today = self._ctx.today()
        settings = SettingsService(self._ctx).load()
        if blank:
            return render_form(blank_print(form, today, settings))
        if form not in forms.FORM_CODES:
            raise ValidationError(f"Nieznany formularz {form}.")
        if procedure_id is None:
            raise ValidationError("Wybierz procedurę, z której drukować formularz.")
        detail = ProcedureService(self._ctx).detail(procedure_id)
        builder = _FILLED.get(form)
        if builder is not None:
            return render_form(builder(detail, record_id, settings, today))
        if record_id is None:
            raise ValidationError(f"Wybierz formularz {form} do wydruku.")
        gdp = GdpService(self._ctx).view(procedure_id)
        members = gdp.members if gdp is not None else ()
        doc = recorded_print(detail, record_id, form, members, settings, today)
        if form == "NK-D":  # handed to the person using violence
            with self._ctx.read() as session:
                doc = given_to_perpetrator(doc, protected_items(session, procedure_id))
        return render_form(doc)

    def save_pdf(
        self,
        number: str | None,
        form: str,
        target: Path,
        ordinal: int | None = None,
        blank: bool = False,
        overwrite: bool = False,
    ) -> Path:
        """Write the printout of procedure `number` (its `ordinal`-th record of the form,
        the latest by default; blank needs no procedure) to `target`, checked as every
        output file is, and note it in the chronology."""
        check_output_target(target, self._ctx.db.path.parent, overwrite)
        procedure_id, record_id, label = (None, None, blank_label(form))
        if not blank:
            if not number:
                raise ValidationError("Podaj numer procedury albo --blank dla pustego formularza.")
            procedure_id, record_id, label = self._record_of(number, form, ordinal)
        return self.write_pdf(
            procedure_id,
            form,
            record_id,
            blank=blank,
            target=target,
            overwrite=overwrite,
            document=label,
        ).path

    def write_pdf(
        self,
        procedure_id: int | None,
        form: str,
        record_id: int | None = None,
        *,
        blank: bool = False,
        target: Path,
        overwrite: bool = False,
        document: str,
        for_whom: str = "",
    ) -> SavedPdf:
        """Write the printout to `target` by the one rule for output files, then note
        „Zapisano jako PDF: {document}” in the procedure's chronology (a blank form
        belongs to no procedure: nothing is noted)."""
        data_dir = self._ctx.db.path.parent
        check_output_target(target, data_dir, overwrite)  # refuse before rendering
        data = self.pdf(procedure_id, form, record_id, blank)
        written = write_output_file(target, data, data_dir, overwrite)
        if procedure_id is None or blank:
            return SavedPdf(written, Changes.of())
        changes = self.record_output(procedure_id, document, SAVED_AS_PDF, for_whom)
        return SavedPdf(written, changes)

    def _record_of(
        self, number: str, form: str, ordinal: int | None
    ) -> tuple[int, int | None, str]:
        """The procedure, the chosen record of the form and how the chronology names it."""
        detail = ProcedureService(self._ctx).detail_by_number(number)
        records: list[tuple[int, dt.date]] = (
            [(r.id, r.filled_on) for r in detail.nka_records]
            if form == "NK-A"
            else [(r.id, r.filled_on) for r in detail.forms if r.form == form]
        )
        if not records:
            if form == "NK-B" and ordinal is None:  # the sheet to hand over now
                return detail.id, None, HANDOVER_SHEET
            raise NotFoundError(f"Procedura {detail.number} nie ma formularza {form}.")
        chosen = len(records) if ordinal is None else ordinal
        if not 1 <= chosen <= len(records):
            raise ValidationError(
                f"Procedura {detail.number} ma formularzy {form}: {len(records)} — "
                f"podaj numer od 1 do {len(records)}."
            )
        record_id, filled_on = records[chosen - 1]
        return detail.id, record_id, record_label(form, chosen, filled_on)

    def record_output(
        self, procedure_id: int, document: str, how: str, for_whom: str = ""
    ) -> Changes:
        """Note in the procedure's chronology that a document was printed or saved: which,
        how and for whom (today, by the acting user)."""
        line = f"{how}: {document}" + (f" — dla: {for_whom}" if for_whom.strip() else "")
        with self._ctx.write() as session:
            load_procedure(session, procedure_id)
            record_event(session, self._ctx, procedure_id, line[:300])
        return Changes.of(Entity.PROCEDURE, procedures=[procedure_id])


def _blocks(
    definition: FormDefinition, values: Mapping[str, Iterable[Values]]
) -> dict[str, tuple[Entry, ...]]:
    """Each block the definition prints, its entries ordered by the section's lines."""
    blocks = {}
    for section in definition.sections:
        if section.register is not None and section.register in values:
            blocks[section.register] = tuple(
                tuple(entry.get(line.item, "") for line in section.lines)
                for entry in values[section.register]
            )
    return blocks


def _nkb_values(settings: Settings | None, today: dt.date) -> dict[str, list[Values]]:
    values: dict[str, list[Values]] = {
        "helplines": [
            {"name": line.name, "number": line.number, "notes": line.notes}
            for line in helplines.valid_on(today)
        ]
    }
    local = settings.local_contacts() if settings is not None else ()
    if local:  # none set: the blank lines stay to write them in by hand
        values["local"] = [{"text": line} for line in local]
    return values


def _service(record: NkaView) -> str:
    try:
        service = InitiatorService(record.filled_by_service)
    except ValueError:
        return record.filled_by_service_other
    if service is InitiatorService.OTHER:
        return record.filled_by_service_other or service.label
    return service.label


def _person(part: ParticipantView, on: dt.date, notes: list[str]) -> Values:
    """One person's printed values; protected items are left out and noted."""
    person = part.person
    name = f"{person.first_name} {person.last_name}".strip()
    who = f"{name} ({part.role.label})"
    addresses = [a for a in person.addresses if not (a.withheld or a.do_not_disclose)]
    several = len(addresses) > 1
    shown = [
        (f"{AddressKind(a.kind).label}: " if several else "")
        + address_line(a.street, a.postal_code, a.city)
        for a in addresses
    ]
    if len(addresses) < len(person.addresses):
        shown.append(f"{MASKED_ADDRESS} — {LEFT_OUT}")
        notes.append(f"{who}: {ADDRESS_NOTE}")
    contacts = [c.value for c in person.contacts if not (c.withheld or c.do_not_disclose)]
    if len(contacts) < len(person.contacts):
        contacts.append(f"{MASKED_CONTACT} — {LEFT_OUT}")
        notes.append(f"{who}: {CONTACT_NOTE}")
    birth = known_birth_date(person.birth_date, person.pesel)
    minor = "" if birth is None else ("tak" if age_on(birth, on) < ADULT_AGE else "nie")
    return {
        "name": name,
        "birth": f"{birth:%d.%m.%Y}" if birth is not None else "",
        "address": "; ".join(shown),
        "contact": ", ".join(contacts),
        "kinship": part.details.get("kinship", ""),
        "minor": minor,
    }


def _is_minor(person: PersonView, on: dt.date) -> bool:
    birth = known_birth_date(person.birth_date, person.pesel)
    return birth is not None and age_on(birth, on) < ADULT_AGE
