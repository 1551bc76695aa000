"""Deadlines still to meet, meetings and the worker's own appointments from today on,
as an iCalendar file for Outlook or a phone.

The file leaves the encrypted register, so it carries only what a calendar needs to
remind her: the procedure's number and the kind of step or meeting, on its day and hour.
Never a name, an address, a place, a link or a note — a calendar synchronised to a
phone or a server must not learn who the procedure is about. Her own appointment is
named only „Termin własny”: its title is free text and may name someone.
"""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from icalendar import Calendar, Event
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.deadlines import Deadline, deadlines
from app.domain.enums import MeetingKind, MeetingStatus
from app.services.context import ServiceContext
from app.services.course_facts import in_ids, plain_courses
from app.services.output_files import write_output_file
from app.storage.models import Appointment, Meeting, Procedure

PRODUCT_ID = "-//NK Desk//terminy procedury//PL"
OWN_SUMMARY = "Termin własny"
_BATCH = 500


def deadline_summary(number: str, deadline: Deadline) -> str:
    """„NK/12/2026: NK-A u przewodniczącego ZI” — the number and the kind of step only."""
    return f"{number}: {deadline.title()}"


def _open_deadlines(session: Session, today: dt.date) -> Iterator[tuple[int, str, Deadline]]:
    """Every deadline still to meet with a date: (procedure id, its number, the deadline)."""
    last = 0
    while True:
        batch = session.execute(
            select(Procedure.id, Procedure.number)
            .where(
                Procedure.deleted_at.is_(None),
                Procedure.next_due_on.is_not(None),
                Procedure.id > last,
            )
            .order_by(Procedure.id)
            .limit(_BATCH)
        ).all()
        if not batch:
            return
        courses = plain_courses(session, in_ids([row.id for row in batch]))
        for procedure_id, number in batch:
            for deadline in deadlines(courses[procedure_id].course, today):
                if deadline.state.needs_action and deadline.due_on is not None:
                    yield procedure_id, number, deadline
        last = batch[-1].id


def _meetings(session: Session, today: dt.date) -> Iterator[Event]:
    """Meetings not cancelled from today on: „NK/3/2026: posiedzenie GDP”, its hours."""
    found = session.execute(
        select(Meeting, Procedure.number)
        .outerjoin(Procedure, Procedure.id == Meeting.procedure_id)
        .where(
            Meeting.held_on >= today,
            Meeting.status != MeetingStatus.CANCELLED.value,
            or_(Meeting.procedure_id.is_(None), Procedure.deleted_at.is_(None)),
        )
        .order_by(Meeting.held_on, Meeting.starts_at, Meeting.id)
    )
    for meeting, number in found:
        label = MeetingKind(meeting.kind).label
        event = Event()
        event.add("uid", f"nkdesk-meeting-{meeting.id}")
        event.add("dtstart", dt.datetime.combine(meeting.held_on, meeting.starts_at))
        event.add("dtend", dt.datetime.combine(meeting.held_on, meeting.ends_at))
        event.add("summary", f"{number}: {label}" if number else label[:1].upper() + label[1:])
        yield event


def _appointments(session: Session, today: dt.date) -> Iterator[Event]:
    found = session.execute(
        select(Appointment, Procedure.number)
        .outerjoin(Procedure, Procedure.id == Appointment.procedure_id)
        .where(
            Appointment.day >= today,
            or_(Appointment.procedure_id.is_(None), Procedure.deleted_at.is_(None)),
        )
        .order_by(Appointment.day, Appointment.id)
    )
    for appointment, number in found:
        event = Event()
        event.add("uid", f"nkdesk-own-{appointment.id}")
        if appointment.starts_at is None:
            event.add("dtstart", appointment.day)
        else:
            event.add("dtstart", dt.datetime.combine(appointment.day, appointment.starts_at))
            if appointment.ends_at is not None:
                event.add("dtend", dt.datetime.combine(appointment.day, appointment.ends_at))
        event.add("summary", f"{number}: {OWN_SUMMARY.lower()}" if number else OWN_SUMMARY)
        yield event


def calendar_bytes(context: ServiceContext) -> tuple[bytes, int]:
    """The .ics text of every deadline still to meet and every meeting and appointment
    from today on, and how many events it holds."""
    today, stamp = context.today(), context.utc_now().replace(tzinfo=dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    count = 0
    with context.read() as session:
        for procedure_id, number, deadline in _open_deadlines(session, today):
            step, nka = deadline.key
            event = Event()
            event.add("uid", f"nkdesk-{procedure_id}-{step}-{nka or 0}")
            event.add("dtstamp", stamp)
            event.add("dtstart", deadline.due_on)
            event.add("summary", deadline_summary(number, deadline))
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
            count += 1
        for event in (*_meetings(session, today), *_appointments(session, today)):
            event.add("dtstamp", stamp)
            calendar.add_component(event)
            count += 1
    return calendar.to_ical(), count


def export_deadlines(context: ServiceContext, target: Path, overwrite: bool = False) -> int:
    """Write the .ics file (never into the data folder); the number of deadlines in it."""
    data, count = calendar_bytes(context)
    write_output_file(target, data, context.db.path.parent, overwrite)
    return count
