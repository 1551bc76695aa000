"""Writes the demo plan through the public services, so it obeys every rule real data does."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app.domain.enums import ChronologyKind, InitiatorService
from app.errors import ValidationError
from app.sample_data.demo_plan import plan_demo
from app.sample_data.demo_teams import TeamWriter
from app.sample_data.files import file_bytes
from app.sample_data.gmina import DEMO_NOTICE, DEMO_PASSWORD, DEMO_SETTINGS
from app.sample_data.institutions import INSTITUTIONS, OTHER_SERVICE
from app.sample_data.plan import Procedure
from app.sample_data.teams import ZI_MEMBERS, signed_institution
from app.services.attachments import AttachmentService
from app.services.chronology import ChronologyService
from app.services.context import Clock, ServiceContext, SystemClock
from app.services.course import CourseService
from app.services.institutions import InstitutionService
from app.services.nka import NkaService
from app.services.participants import ParticipantService
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.records import NkaData, ParticipantData
from app.services.settings_service import SettingsService
from app.services.vault import DataFolder

__all__ = [
    "DEMO_NOTICE",
    "DEMO_PASSWORD",
    "DEMO_SETTINGS",
    "DemoSummary",
    "ProgressCallback",
    "create_demo_folder",
    "populate_demo",
]

_WORKER = DEMO_SETTINGS.worker_name

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    """How much the demo added; chronology counts entries typed by hand, not register events,
    course events every dated step (the chair's receipt of each NK-A and the hand-over
    recorded with a group included), meetings those of the GDPs and of the ZI."""

    procedures: int
    persons: int
    institutions: int
    nka_records: int
    course_events: int
    attachments: int
    chronology_entries: int
    zi_members: int
    gdps: int
    meetings: int
    appointments: int


def _check_empty(context: ServiceContext, today: dt.date) -> None:
    procedures = ProcedureService(context)
    taken = bool(procedures.list(ProcedureQuery())) or any(
        procedures.next_number(year)[0] != 1 for year in range(today.year - 2, today.year + 1)
    )
    if taken or InstitutionService(context).list():
        raise ValidationError(
            "Dane demonstracyjne można wczytać tylko do pustego rejestru "
            "(bez procedur i instytucji)."
        )


def populate_demo(
    context: ServiceContext,
    progress: ProgressCallback | None = None,
    seed: int = 2026,
) -> DemoSummary:
    """Fill an empty register with the fictional gmina's demo data, through the services.

    The settings become the demo gmina's (name, office, worker). The context's date ends
    the three demo years; the same seed and date always give the same register.
    """
    day = context.today()
    _check_empty(context, day)
    plan = plan_demo(seed, day)
    procedures = plan.procedures
    total = 3 + len(INSTITUTIONS) + len(procedures)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    SettingsService(context).save(DEMO_SETTINGS)
    step()
    institutions = InstitutionService(context)
    ids: dict[str, int] = {}
    for index, entry in enumerate(INSTITUTIONS):
        changes = institutions.save(signed_institution(index, day))
        assert changes.record_id is not None
        ids[entry[0]] = changes.record_id
        step()
    teams = TeamWriter(context)
    teams.write_zi()
    step()
    nka_count = attachment_count = entry_count = 0
    for proc in procedures:
        counts = _write_procedure(context, proc, ids, teams)
        nka_count += counts[0]
        entry_count += counts[1]
        attachment_count += counts[2]
        step()
    for meeting in plan.zi_meetings:
        teams.write_meeting(meeting)
    for appointment in plan.appointments:
        teams.write_appointment(appointment)
    step()
    receipts = sum(nka.received is not None for proc in procedures for nka in proc.nkas)
    handed = sum(proc.gdp is not None and proc.gdp.hands_over for proc in procedures)
    persons = {id(m.person) for p in procedures for m in p.members}
    return DemoSummary(
        procedures=len(procedures),
        persons=len(persons),
        institutions=len(INSTITUTIONS),
        nka_records=nka_count,
        course_events=receipts + handed + sum(len(proc.course) for proc in procedures),
        attachments=attachment_count,
        chronology_entries=entry_count,
        zi_members=len(ZI_MEMBERS),
        gdps=sum(proc.gdp is not None for proc in procedures),
        meetings=len(plan.zi_meetings) + sum(len(proc.meetings) for proc in procedures),
        appointments=len(plan.appointments) + sum(len(p.appointments) for p in procedures),
    )


def _write_procedure(
    context: ServiceContext, proc: Procedure, ids: dict[str, int], teams: TeamWriter
) -> tuple[int, int, int]:
    """Save one planned procedure; returns how many NK-As, entries and files it got."""
    procedures = ProcedureService(context)
    participants = ParticipantService(context)
    created = procedures.create(proc.started_on, proc.notes)
    procedure_id = created.record_id
    assert procedure_id is not None
    part_ids: list[int] = []
    for member in proc.members:
        saved = participants.save(
            procedure_id,
            ParticipantData(member.snapshot, member.role, member.details),
            person_id=member.person.db_id,
        )
        assert saved.record_id is not None
        part_ids.append(saved.record_id)
    stored = procedures.detail(procedure_id)
    person_of = {part.id: part.person.id for part in stored.participants}
    for member, part_id in zip(proc.members, part_ids, strict=True):
        member.person.db_id = person_of[part_id]
    people = [person_of[part_id] for part_id in part_ids]
    nka = NkaService(context)
    nka_ids: list[int] = []
    for record in proc.nkas:
        saved = nka.save(
            procedure_id,
            NkaData(
                filled_on=record.filled_on,
                filled_by_service=record.service,
                filled_place=record.place,
                filled_by_service_other=(
                    OTHER_SERVICE if record.service is InitiatorService.OTHER else ""
                ),
                filled_by_institution_id=ids[record.institution],
                filled_by_name=record.filled_by,
                received_by_chair_on=record.received,
                content=dict(record.content),
                person_ids=people,
            ),
        )
        assert saved.record_id is not None
        nka_ids.append(saved.record_id)
    _write_course(CourseService(context), procedure_id, proc, nka_ids)
    teams.write_group(procedure_id, stored.number, proc)
    chronology = ChronologyService(context)
    attachments = AttachmentService(context)
    files = 0
    for entry in sorted(proc.entries, key=lambda e: e.occurred_on):
        added = chronology.add(
            procedure_id, entry.occurred_on, entry.kind, entry.title, entry.body, _WORKER
        )
        for file in entry.files:
            attachments.add(
                procedure_id,
                file.name,
                file_bytes(file, stored.number, entry),
                file.description,
                chronology_entry_id=added.record_id,
            )
            files += 1
    if proc.closure is not None:
        closed_on, ground, justification = proc.closure
        chronology.add(
            procedure_id,
            closed_on,
            ChronologyKind.NOTE,
            "Posiedzenie GDP — decyzja o zakończeniu procedury",
            justification,
            _WORKER,
        )
        procedures.close(procedure_id, closed_on, ground, justification)
    return len(proc.nkas), len(proc.entries) + (proc.closure is not None), files


def _write_course(
    course: CourseService, procedure_id: int, proc: Procedure, nka_ids: list[int]
) -> None:
    """The planned steps and reasons, each checked by the course service as typed ones are."""
    for step in proc.course:
        course.add_event(
            procedure_id,
            step.kind,
            step.occurred_on,
            nka_record_id=nka_ids[step.nka] if step.nka is not None else None,
            person_id=step.person.db_id if step.person is not None else None,
        )
    for reason in proc.reasons:
        nka_id = nka_ids[reason.nka] if reason.nka is not None else None
        course.set_reason(procedure_id, reason.step, nka_id, reason.text)


def create_demo_folder(
    folder: DataFolder,
    progress: Callable[[int, int], None] | None = None,
    clock: Clock | None = None,
) -> DemoSummary:
    """Create a database protected by DEMO_PASSWORD in an empty folder and fill it."""
    created = folder.create(DEMO_PASSWORD, DEMO_SETTINGS)
    try:
        context = ServiceContext(created.database, clock or SystemClock())
        return populate_demo(context, progress=progress)
    finally:
        created.database.close()
