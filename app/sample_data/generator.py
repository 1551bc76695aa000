"""Fills an empty register with fictional procedures at scale (load and speed trials).

The services write one procedure per transaction, far too slow for fifty thousand; here
the cases are drawn in start order and written in batches within one transaction, so
an interruption or a refusal leaves the register as it was. Every record passes the
rules the import applies; the same seed and the same "today" give the same register.
The demo's team works here too: the ZI and its quarterly meetings over the ten years,
most procedures' groups and meetings, the worker's own appointments.
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.sample_data.cases import CaseDrawer, first_day
from app.sample_data.demo import ProgressCallback
from app.sample_data.diary import Diary
from app.sample_data.group_plan import team_rng
from app.sample_data.group_rows import Named
from app.sample_data.institutions import INSTITUTIONS
from app.sample_data.office_plan import office_appointments, zi_meetings
from app.sample_data.plan import ContactKey
from app.sample_data.planner import Planner
from app.sample_data.rows import TABLES, RowWriter
from app.sample_data.teams import ZI_MEMBERS, signed_institution
from app.services import list_keys
from app.services.context import ServiceContext
from app.services.institutions import validate_institution
from app.services.meetings import contact_function
from app.services.settings_service import SettingsService
from app.services.zi import check_signed_on, contact_name
from app.storage.models import (
    Base,
    ContactPerson,
    Institution,
    Person,
    Procedure,
    ProcedureCounter,
)

DEFAULT_SEED = 2026
MAX_PROCEDURES = 200_000
BATCH = 1000  # procedures drawn and inserted at a time: memory stays flat at any count

COUNT_RULE = "Liczba procedur musi być liczbą całkowitą od 1 do {}.".format(
    f"{MAX_PROCEDURES:,}".replace(",", " ")
)
_NOT_EMPTY = (
    "Dane przykładowe można wygenerować tylko w pustym rejestrze, a ten zawiera już "
    "procedury, osoby lub instytucje. Nic nie zostało zmienione."
)


@dataclass(frozen=True)
class GeneratedSummary:
    """What the generator wrote; chronology counts every entry, register events included,
    course events every dated step (the chair's receipt of each NK-A and the hand-over
    recorded with a group included), meetings those of the GDPs and of the ZI."""

    procedures: int
    closed: int
    deleted: int
    persons: int
    institutions: int
    nka_records: int
    course_events: int
    chronology_entries: int
    zi_members: int
    gdps: int
    meetings: int
    appointments: int


def generate_register(
    context: ServiceContext,
    procedures: int,
    seed: int = DEFAULT_SEED,
    progress: ProgressCallback | None = None,
) -> GeneratedSummary:
    """Write `procedures` fictional procedures over the ten years ending on context.today().

    Refuses (ValidationError, nothing written) a register that already holds procedures,
    people or institutions. `progress(done, total)` follows every batch of procedures.
    """
    check_count(procedures)
    settings = SettingsService(context).load()
    today = context.today()
    teams = team_rng(seed)
    drawer = CaseDrawer(Planner(seed, today), procedures, teams)
    with context.write() as session:
        _require_empty(session)
        made = _institutions(today)
        session.add_all(made.values())
        session.flush()
        writer = RowWriter(
            settings=settings,
            author=context.user if context.user is not None else settings.worker_name,
            today=today,
            stamp=context.utc_now(),
            institution_ids={key: i.id for key, i in made.items()},
            institution_names={i.id: i.name for i in made.values()},
            next_ids={model: _first_free_id(session, model) for model in TABLES},
            contacts=_contacts(made),
        )
        connection = session.connection()
        for index in range(procedures):
            writer.add(drawer.draw(index))
            done = index + 1
            if done % BATCH == 0 or done == procedures:
                writer.write(connection)
                if progress is not None:
                    progress(done, procedures)
        since = first_day(today)
        writer.add_office(
            zi_meetings(teams, since, today, Diary()), office_appointments(teams, since, today)
        )
        writer.write(connection)
        connection.execute(
            insert(ProcedureCounter),
            [{"year": year, "last_seq": seq} for year, seq in sorted(writer.last_seq.items())],
        )
    counts = writer.counts
    return GeneratedSummary(
        procedures=counts.procedures,
        closed=counts.closed,
        deleted=counts.deleted,
        persons=counts.persons,
        institutions=len(made),
        nka_records=counts.nka_records,
        course_events=counts.course_events,
        chronology_entries=counts.chronology_entries,
        zi_members=len(ZI_MEMBERS),
        gdps=counts.gdps,
        meetings=counts.meetings,
        appointments=counts.appointments,
    )


def check_count(procedures: int) -> None:
    """Refuse a count the generator does not take (the CLI checks before the password)."""
    if not 1 <= procedures <= MAX_PROCEDURES:
        raise ValidationError(COUNT_RULE, "procedures")


def _institutions(today: dt.date) -> dict[str, Institution]:
    """The demo's institutions by their key, with contact people (the teams' statements
    dated) and list keys, unsaved."""
    made: dict[str, Institution] = {}
    for index, entry in enumerate(INSTITUTIONS):
        data = signed_institution(index, today)
        validate_institution(data)
        for contact in data.contacts:
            check_signed_on(contact.confidentiality_signed_on, today)
        institution = Institution(
            name=data.name.strip(),
            type=data.type,
            street=data.street.strip(),
            postal_code=data.postal_code,
            city=data.city.strip(),
            phone=data.phone.strip(),
            email=data.email.strip(),
            notes=data.notes,
            contacts=[
                ContactPerson(
                    first_name=c.first_name.strip(),
                    last_name=c.last_name.strip(),
                    function=c.function.strip(),
                    phone=c.phone.strip(),
                    email=c.email.strip(),
                    confidentiality_signed_on=c.confidentiality_signed_on,
                )
                for c in data.contacts
            ],
        )
        list_keys.refresh_institution(institution)
        made[entry[0]] = institution
    return made


def _contacts(made: dict[str, Institution]) -> dict[ContactKey, Named]:
    """The saved contacts by their key, named as the meeting service names participants."""
    return {
        (key, index): Named(contact.id, contact_name(contact), contact_function(contact))
        for key, institution in made.items()
        for index, contact in enumerate(institution.contacts)
    }


def _require_empty(session: Session) -> None:
    for column in (Institution.id, Person.id, Procedure.id, ProcedureCounter.year):
        if session.scalar(select(column).limit(1)) is not None:
            raise ValidationError(_NOT_EMPTY)


def _first_free_id(session: Session, model: type[Base]) -> int:
    """One past the highest id in the table (rows of a purged record may have left gaps)."""
    table = Base.metadata.tables[model.__tablename__]
    return int(session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0) + 1
