"""What the teams cost at scale: saving a GDP meeting with its people, a procedure's
meetings, the ZI's meetings, whom a GDP meeting offers, and the directory's contacts the
ZI's members are picked from.

Everything runs in this process on the bench register. The meeting is saved on the day
that holds the most meetings, with the group's members and the victim, so the check that
keeps the victim apart from the perpetrator reads the fullest day; it is deleted after
each run (not timed), so the cached register stays as generated.
"""

import datetime as dt
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.domain.enums import MeetingKind, MeetingStatus, Role
from app.services.meetings import MeetingData, ParticipantData
from app.services.register import Register
from app.storage.models import Gdp, GdpMember, Meeting, Participation, Procedure
from bench.figures import Figure, median_ms
from bench.registers import unlocked


@dataclass(frozen=True)
class _Target:
    """The live procedure with the most meetings, its group, a victim, the busiest day."""

    procedure_id: int
    member_ids: list[int]
    victim_id: int
    day: dt.date
    meetings_that_day: int


def meeting_figures(data_dir: Path, runs: int) -> list[Figure]:
    with unlocked(data_dir) as register:
        target = _target(register)
        contacts = len(register.zi.contacts())
        contacts_ms = median_ms(runs, register.zi.contacts)
        zi = len(register.meetings.zi_meetings())
        zi_ms = median_ms(runs, register.meetings.zi_meetings)
        if target is None:
            return [
                Figure("gdp_meeting_save", None, "ms"),
                Figure("procedure_meetings", None, "ms"),
                Figure("gdp_invitees", None, "ms"),
                Figure("zi_meetings", zi_ms, "ms", f"{zi} meetings"),
                Figure("zi_contacts", contacts_ms, "ms", f"{contacts} contacts"),
            ]
        pid = target.procedure_id
        save_ms = _save_ms(register, target, runs)
        rows = len(register.meetings.for_procedure(pid))
        rows_ms = median_ms(runs, lambda: register.meetings.for_procedure(pid))
        offered = len(register.meetings.invitees(MeetingKind.GDP, pid))
        offered_ms = median_ms(runs, lambda: register.meetings.invitees(MeetingKind.GDP, pid))
    return [
        Figure(
            "gdp_meeting_save",
            save_ms,
            "ms",
            f"{target.meetings_that_day} meetings that day",
        ),
        Figure("procedure_meetings", rows_ms, "ms", f"{rows} meetings"),
        Figure("gdp_invitees", offered_ms, "ms", f"{offered} offered"),
        Figure("zi_meetings", zi_ms, "ms", f"{zi} meetings"),
        Figure("zi_contacts", contacts_ms, "ms", f"{contacts} contacts"),
    ]


def _save_ms(register: Register, target: _Target, runs: int) -> float:
    """A new planned meeting (members and the victim) saved `runs` times, each deleted."""
    data = MeetingData(
        MeetingKind.GDP,
        target.day,
        dt.time(7, 0),
        dt.time(7, 45),
        procedure_id=target.procedure_id,
        status=MeetingStatus.PLANNED,
        place="Sala do pomiarów (fikcyjna)",
        participants=[
            *(ParticipantData(contact_id=member) for member in target.member_ids),
            ParticipantData(person_id=target.victim_id),
        ],
    )
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        saved = register.meetings.save(data)
        times.append((time.perf_counter() - started) * 1000)
        assert saved.record_id is not None
        register.meetings.delete(saved.record_id)
    return statistics.median(times)


def _target(register: Register) -> _Target | None:
    with register.context.read() as session:
        found = session.execute(
            select(Procedure.id, Gdp.id, Gdp.created_on)
            .join(Gdp, Gdp.procedure_id == Procedure.id)
            .join(Meeting, Meeting.procedure_id == Procedure.id)
            .where(Procedure.deleted_at.is_(None), Procedure.closed_on.is_(None))
            .group_by(Procedure.id)
            .order_by(func.count(Meeting.id).desc(), Procedure.id)
            .limit(1)
        ).first()
        if found is None:
            return None
        procedure_id, gdp_id, created_on = found
        victim = session.scalar(
            select(Participation.person_id).where(
                Participation.procedure_id == procedure_id,
                Participation.role == Role.VICTIM.value,
            )
        )
        busiest = session.execute(
            select(Meeting.held_on, func.count(Meeting.id))
            .where(Meeting.held_on >= created_on)
            .group_by(Meeting.held_on)
            .order_by(func.count(Meeting.id).desc(), Meeting.held_on)
            .limit(1)
        ).first()
        members = session.scalars(
            select(GdpMember.contact_person_id).where(GdpMember.gdp_id == gdp_id)
        ).all()
        if victim is None or busiest is None:
            return None
        return _Target(procedure_id, list(members), victim, busiest[0], busiest[1])
