"""Whole-register checks of meetings, for the demo and the generated registers: the
separation of victims from perpetrators, judged by the rule the meeting service applies."""

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain import meetings
from app.domain.enums import MeetingStatus, Role
from app.services.context import ServiceContext
from app.storage.models import Meeting, Participation, Procedure


def assert_separated(context: ServiceContext) -> int:
    """Every meeting passes `check_separation` against all the others of its day, as if
    saved last; returns how many meetings with people of a procedure were checked."""
    with context.read() as session:
        found = session.scalars(
            select(Meeting)
            .where(Meeting.status != MeetingStatus.CANCELLED.value)
            .options(
                selectinload(Meeting.participants),
                selectinload(Meeting.procedure)
                .selectinload(Procedure.participations)
                .selectinload(Participation.person),
            )
        ).all()
        by_day: dict[dt.date, list[Meeting]] = defaultdict(list)
        for meeting in found:
            by_day[meeting.held_on].append(meeting)
        checked = 0
        for meeting in found:
            invited = [p.person_id for p in meeting.participants if p.person_id is not None]
            if meeting.procedure is None or not invited:
                continue
            roles: dict[Role, dict[int, str]] = {Role.VICTIM: {}, Role.PERPETRATOR: {}}
            for part in meeting.procedure.participations:
                if Role(part.role) in roles:
                    roles[Role(part.role)][part.person_id] = part.person.last_name
            others = [
                meetings.Slot(
                    other.held_on,
                    other.starts_at,
                    other.ends_at,
                    f"posiedzenie {other.id}",
                    frozenset(p.person_id for p in other.participants if p.person_id),
                )
                for other in by_day[meeting.held_on]
                if other.id != meeting.id
            ]
            meetings.check_separation(
                invited,
                roles[Role.VICTIM],
                roles[Role.PERPETRATOR],
                meeting.starts_at,
                meeting.ends_at,
                others,
            )
            checked += 1
        return checked
