"""The group's work in a planned procedure: its GDP and the meetings that carry the
course's group steps.

`course_plan` times the GDP's first meeting, the invitations of the victim and of the
perpetrator and whether the perpetrator came. Most procedures that reached the hand-over
get here what a worker records for them: the group, created with the NK-A's hand-over;
held meetings with attendance and minutes; the victim and the perpetrator met apart, at
hours that never overlap; meetings planned for what is still to come; a few cancelled.
The rest keep those steps as plain events, as a worker may also type them. A meeting
records exactly the facts of the steps it replaces, so every deadline is judged as before.
"""

import datetime as dt
import random

from app.domain.enums import Attendance, CourseEvent, InvitationMethod, MeetingStatus
from app.domain.workdays import add_working_days, working_days_between
from app.sample_data import meeting_texts as texts
from app.sample_data.diary import Diary
from app.sample_data.plan import ContactKey, Gdp, Invited, Meeting, Procedure, Step
from app.sample_data.teams import WORKER, gdp_members

GDP_SHARE = 0.9  # procedures past the hand-over whose group the worker records
RESCHEDULED_SHARE = 0.06  # meetings with a person first set for an earlier day, cancelled
REMOTE_SHARE = 0.15  # group meetings held over a video link
ABSENT_MEMBER_SHARE = 0.1  # held group meetings one member missed
NEXT_MEETING = (5, 25)  # working days ahead: the next meeting planned in a live procedure
INVITED_AHEAD = 10  # working days: invitations to a nearer meeting have gone out
_OUTCOMES = {
    CourseEvent.VICTIM_INVITED: (CourseEvent.NKC_FILLED,),
    CourseEvent.PERPETRATOR_INVITED: (
        CourseEvent.NKD_FILLED,
        CourseEvent.PERPETRATOR_DID_NOT_COME,
    ),
}


def team_rng(seed: int) -> random.Random:
    """The teams' own generator: drawing them leaves every case drawn as it was."""
    return random.Random(f"zespoly-{seed}")


def draw_group_work(rng: random.Random, proc: Procedure, today: dt.date, diary: Diary) -> None:
    """Give `proc` its group and meetings (in most cases that reached the hand-over),
    taking out of its course the steps the meetings now record."""
    opening = next(
        (s for s in proc.course if s.kind is CourseEvent.NKA_PASSED_TO_GDP and s.nka == 0), None
    )
    if opening is None or rng.random() >= GDP_SHARE:
        return
    created = opening.occurred_on
    hands_over = all(nka.filled_on > created for nka in proc.nkas[1:])
    proc.gdp = Gdp(created, gdp_members(rng, proc.members), hands_over)
    work = _GroupWork(rng, proc, today, diary, proc.gdp)
    if hands_over:
        work.recorded.add(id(opening))
    work.group_meetings()
    work.person_meetings()
    work.next_meeting()
    proc.course = [s for s in proc.course if id(s) not in work.recorded]
    proc.meetings.sort(key=lambda m: (m.held_on, m.starts_at))


class _GroupWork:
    """One procedure's meetings; `recorded` holds the steps they now stand for."""

    def __init__(
        self, rng: random.Random, proc: Procedure, today: dt.date, diary: Diary, gdp: Gdp
    ) -> None:
        self.rng, self.proc, self.today, self.diary, self.gdp = rng, proc, today, diary, gdp
        self.live = proc.closure is None
        self.done = {id(step) for step in proc.course}  # the rest is still to come
        self.recorded: set[int] = set()

    def group_meetings(self) -> None:
        """The meetings of the members: the first, one after each new NK-A, the closing."""
        proc, created = self.proc, self.gdp.created_on
        steps = [
            step
            for step in (*proc.course, *proc.upcoming)
            if step.kind is CourseEvent.GDP_MEETING and step.occurred_on >= created
        ]
        last_held = next((step for step in reversed(steps) if id(step) in self.done), None)
        for order, step in enumerate(steps):
            day, held = step.occurred_on, id(step) in self.done
            closure = proc.closure if step is last_held else None
            if closure is not None:
                agenda, minutes, decisions = texts.CLOSING
                decisions = decisions.format(ground=closure[1].label)
            elif order == 0:
                agenda, minutes, decisions = texts.OPENING
            else:
                ordinal = sum(nka.filled_on <= day for nka in proc.nkas)
                agenda, minutes, decisions = texts.REPEAT
                agenda = agenda.format(ordinal=ordinal)
            if held:
                self.recorded.add(id(step))
                meeting = self._members_meeting(day, MeetingStatus.HELD, agenda)
                meeting.minutes, meeting.decisions = minutes, decisions
            elif self.live:
                meeting = self._members_meeting(day, MeetingStatus.PLANNED, agenda)
            else:
                meeting = self._members_meeting(day, MeetingStatus.CANCELLED, agenda)
                meeting.minutes = texts.CANCELLED_BY_CLOSURE
            proc.meetings.append(meeting)

    def person_meetings(self) -> None:
        """A meeting with each invited victim and perpetrator, on the day they came (or
        did not), planned if that day is still to come."""
        proc = self.proc
        steps = [*proc.course, *proc.upcoming]
        for invitation in steps:
            outcomes = _OUTCOMES.get(invitation.kind)
            if outcomes is None or invitation.occurred_on < self.gdp.created_on:
                continue
            outcome = next(s for s in steps if s.kind in outcomes and s.person is invitation.person)
            invited_in_time = id(invitation) in self.done
            if not (invited_in_time or self.live):
                continue
            meeting = self._person_meeting(invitation, outcome, invited_in_time)
            if meeting.status is not MeetingStatus.CANCELLED and invited_in_time:
                self.recorded.add(id(invitation))
            if outcome.kind is CourseEvent.PERPETRATOR_DID_NOT_COME and id(outcome) in self.done:
                self.recorded.add(id(outcome))
            proc.meetings.append(meeting)

    def _person_meeting(self, invitation: Step, outcome: Step, sent: bool) -> Meeting:
        rng, proc = self.rng, self.proc
        victim = invitation.kind is CourseEvent.VICTIM_INVITED
        held = id(outcome) in self.done
        status = MeetingStatus.HELD if held else MeetingStatus.PLANNED
        if not held and not self.live:
            status = MeetingStatus.CANCELLED
        came = outcome.kind is not CourseEvent.PERPETRATOR_DID_NOT_COME
        agenda, minutes, decisions = texts.VICTIM if victim else texts.PERPETRATOR
        if not came:
            minutes, decisions = texts.PERPETRATOR_ABSENT
        partner = rng.choice(self.gdp.members[1:])
        attendance = Attendance.PRESENT if held else Attendance.UNKNOWN
        invited = [
            Invited(WORKER, attendance=attendance),
            Invited(partner, attendance=attendance),
            Invited(
                person=invitation.person,
                attendance=attendance if came or not held else Attendance.ABSENT,
            ),
        ]
        how = rng.choice(
            (InvitationMethod.PHONE, InvitationMethod.LETTER, InvitationMethod.IN_PERSON)
            if victim
            else (InvitationMethod.LETTER, InvitationMethod.POLICE)
        )
        place = texts.POLICE_ROOM if not victim and rng.random() < 0.3 else texts.TALK_ROOM
        sent_on = invitation.occurred_on if sent else None
        start = rng.choice((9, 10, 11, 12, 13, 14)) * 60
        if held and sent_on is not None and rng.random() < RESCHEDULED_SHARE:
            first = add_working_days(sent_on, 1)
            if first < outcome.occurred_on:
                starts, ends = self.diary.book(first, 60, start)
                reset = [Invited(i.contact, i.person) for i in invited]
                proc.meetings.append(
                    Meeting(
                        first, starts, ends, MeetingStatus.CANCELLED, place, agenda, reset,
                        sent_on, how, minutes=rng.choice(texts.CANCELLED),
                    )
                )  # fmt: skip
        starts, ends = self.diary.book(outcome.occurred_on, 60, start)
        meeting = Meeting(
            outcome.occurred_on, starts, ends, status, place, agenda, invited, sent_on, how
        )
        if held:
            meeting.minutes, meeting.decisions = minutes, decisions
        elif status is MeetingStatus.CANCELLED:
            meeting.minutes = texts.CANCELLED_BY_CLOSURE
        return meeting

    def next_meeting(self) -> None:
        """A live procedure's group has its next meeting planned, if none is yet."""
        if not self.live or any(m.held_on > self.today for m in self.proc.meetings):
            return
        day = add_working_days(self.today, self.rng.randint(*NEXT_MEETING))
        self.proc.meetings.append(
            self._members_meeting(day, MeetingStatus.PLANNED, texts.MONITORING_AGENDA)
        )

    def _members_meeting(self, day: dt.date, status: MeetingStatus, agenda: str) -> Meeting:
        """A meeting of the group's members alone, invited by e-mail some days ahead (not
        yet, for one planned weeks ahead)."""
        rng, members, today = self.rng, self.gdp.members, self.today
        starts, ends = self.diary.book(day, 90, 10 * 60)
        sent: dt.date | None = None
        if day <= today:
            sent = day - dt.timedelta(days=rng.randint(3, 7))
        elif working_days_between(today, day) <= INVITED_AHEAD:
            sent = today - dt.timedelta(days=rng.randint(0, 3))
        if sent is not None:
            sent = max(sent, self.gdp.created_on)
        absent: ContactKey | None = None
        if status is MeetingStatus.HELD and rng.random() < ABSENT_MEMBER_SHARE:
            absent = rng.choice(members[1:])
        invited = [
            Invited(
                member,
                attendance=(
                    Attendance.UNKNOWN
                    if status is not MeetingStatus.HELD
                    else Attendance.ABSENT
                    if member == absent
                    else Attendance.PRESENT
                ),
            )
            for member in members
        ]
        remote = rng.random() < REMOTE_SHARE
        return Meeting(
            day,
            starts,
            ends,
            status,
            "" if remote else texts.GROUP_ROOM,
            agenda,
            invited,
            sent,
            InvitationMethod.EMAIL if sent is not None else None,
            remote_link=texts.REMOTE_LINK if remote else "",
        )
