"""The office around the procedures: the ZI's quarterly meetings and the worker's own
appointments (trainings, hearings, visits), some about one procedure."""

import datetime as dt
import random

from app.domain.enums import Attendance, InvitationMethod, MeetingStatus
from app.domain.workdays import add_working_days, is_working_day
from app.sample_data import meeting_texts as texts
from app.sample_data.diary import Diary
from app.sample_data.plan import Appointment, Invited, Meeting, Procedure
from app.sample_data.teams import ZI_MEMBERS, zi_appointed_on

QUARTER_MONTHS = (3, 6, 9, 12)
ABSENT_SHARE = 0.12  # ZI members who missed a held meeting
CASE_APPOINTMENT_SHARE = 0.1  # generated procedures with an appointment of the worker's
# Demo: (days from today, start or None for all day, minutes) of the worker's own
# appointments (TRAININGS, in order) and of those about procedures (CASE_APPOINTMENTS).
_DEMO_OWN = (
    (-16, (9, 0), 300),
    (-3, (12, 0), 120),
    (9, (10, 0), 180),
    (30, (11, 0), 90),
    (23, None, 0),
)
_DEMO_CASES = ((6, (10, 30), 90), (2, (14, 0), 60), (-8, (11, 0), 30), (15, (9, 0), 60))


def working_on_or_after(day: dt.date) -> dt.date:
    """Appointments and the ZI's meetings fall on working days."""
    return day if is_working_day(day) else add_working_days(day, 1)


def zi_meetings(rng: random.Random, since: dt.date, today: dt.date, diary: Diary) -> list[Meeting]:
    """A held meeting in the middle of each quarter's last month from `since`, with
    minutes and decisions, and the next one planned in the coming month."""
    meetings = []
    for year in range(since.year, today.year + 1):
        for month in QUARTER_MONTHS:
            day = working_on_or_after(dt.date(year, month, 15))
            if since <= day < today:
                meetings.append(_zi_meeting(rng, day, today, diary))
    coming = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=12)
    meetings.append(_zi_meeting(rng, working_on_or_after(coming), today, diary))
    return meetings


def _zi_meeting(rng: random.Random, day: dt.date, today: dt.date, diary: Diary) -> Meeting:
    held = day < today
    members = [m for m in ZI_MEMBERS if zi_appointed_on(m, today) <= day]
    invited = [
        Invited(
            member,
            attendance=(
                Attendance.UNKNOWN
                if not held
                else Attendance.ABSENT
                if rng.random() < ABSENT_SHARE
                else Attendance.PRESENT
            ),
        )
        for member in members
    ]
    starts, ends = diary.book(day, 120, 12 * 60)
    sent = day - dt.timedelta(days=14)
    agenda, minutes, decisions = texts.ZI
    meeting = Meeting(
        day,
        starts,
        ends,
        MeetingStatus.HELD if held else MeetingStatus.PLANNED,
        texts.ZI_ROOM,
        agenda if held else texts.ZI_PLANNED_AGENDA,
        invited,
        sent if sent <= today else None,
        InvitationMethod.EMAIL if sent <= today else None,
    )
    if held:
        meeting.minutes, meeting.decisions = minutes, decisions
    return meeting


def demo_appointments(
    rng: random.Random, procedures: list[Procedure], today: dt.date, diary: Diary
) -> list[Appointment]:
    """The worker's weeks around today: trainings of her own (returned), and hearings,
    visits and talks about procedures in progress (added to those procedures)."""
    own = [
        _appointment(today, days, hours, minutes, texts.TRAININGS[n], diary)
        for n, (days, hours, minutes) in enumerate(_DEMO_OWN)
    ]
    live = [p for p in procedures if p.closure is None and (today - p.started_on).days >= 30]
    chosen = rng.sample(live, min(len(live), len(_DEMO_CASES)))
    for proc, (days, hours, minutes), what in zip(
        chosen, _DEMO_CASES, texts.CASE_APPOINTMENTS, strict=False
    ):
        proc.appointments.append(_appointment(today, days, hours, minutes, what, diary))
    return own


def _appointment(
    today: dt.date,
    days: int,
    hours: tuple[int, int] | None,
    minutes: int,
    what: tuple[str, str, str],
    diary: Diary,
) -> Appointment:
    day = working_on_or_after(today + dt.timedelta(days=days))
    span = None
    if hours is not None:
        day, *booked = diary.book_at(day, minutes, hours[0] * 60 + hours[1])
        span = (booked[0], booked[1])
    title, place, note = what
    return Appointment(day, title, place, span, note)


def case_appointment(
    rng: random.Random, proc: Procedure, today: dt.date, diary: Diary
) -> Appointment | None:
    """Now and then the worker's own appointment about a generated case, between its
    third week and its closure (or the coming month, for one in progress)."""
    if rng.random() >= CASE_APPOINTMENT_SHARE:
        return None
    first = proc.started_on + dt.timedelta(days=20)
    last = proc.closure[0] if proc.closure is not None else today + dt.timedelta(days=30)
    room = (last - first).days - 4  # for the next working day before the end
    if room < 0:
        return None
    day = working_on_or_after(first + dt.timedelta(days=rng.randint(0, room)))
    title, place, note = rng.choice(texts.CASE_APPOINTMENTS)
    hours = diary.book(day, 60, rng.choice((9, 10, 11, 13)) * 60)
    return Appointment(day, title, place, hours, note)


def office_appointments(rng: random.Random, since: dt.date, today: dt.date) -> list[Appointment]:
    """A training or team meeting of the worker's own in every month from `since` to two
    months ahead."""
    found = []
    month = since.replace(day=1)
    end = today + dt.timedelta(days=60)
    while month <= end:
        day = working_on_or_after(month + dt.timedelta(days=rng.randint(0, 25)))
        title, place, note = rng.choice(texts.TRAININGS)
        start = rng.choice((9, 10, 12))
        found.append(Appointment(day, title, place, (dt.time(start), dt.time(start + 2)), note))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return found
