"""Rules of meetings: what a meeting adds to the procedure's course, and the separation
of a victim from a perpetrator of the same procedure.

The GDP meets the victim and the perpetrator separately (domain brief, step 10): the
program refuses to invite both to one meeting, or to meetings whose hours overlap, and
says who and which meeting stand in the way.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.domain.deadlines import EventFact
from app.domain.enums import Attendance, CourseEvent, MeetingKind, MeetingStatus, Role
from app.errors import ValidationError


@dataclass(frozen=True)
class Invited:
    """A person of the procedure invited to a meeting, as the course sees them."""

    role: Role | None
    attendance: Attendance


def course_facts(
    kind: MeetingKind,
    status: MeetingStatus,
    held_on: dt.date,
    invitations_sent_on: dt.date | None,
    invited: Iterable[Invited],
) -> list[EventFact]:
    """The course's facts a GDP meeting records: that it was held; that the victim or the
    perpetrator was invited (on the day the invitations went out); that the perpetrator
    did not come. A ZI meeting or a cancelled one records nothing."""
    if kind is not MeetingKind.GDP or status is MeetingStatus.CANCELLED:
        return []
    facts = []
    if status is MeetingStatus.HELD:
        facts.append(EventFact(CourseEvent.GDP_MEETING, held_on))
    roles = {person.role for person in invited}
    if invitations_sent_on is not None:
        if Role.VICTIM in roles:
            facts.append(EventFact(CourseEvent.VICTIM_INVITED, invitations_sent_on))
        if Role.PERPETRATOR in roles:
            facts.append(EventFact(CourseEvent.PERPETRATOR_INVITED, invitations_sent_on))
    absent = any(p.role is Role.PERPETRATOR and p.attendance is Attendance.ABSENT for p in invited)
    if status is MeetingStatus.HELD and absent:
        facts.append(EventFact(CourseEvent.PERPETRATOR_DID_NOT_COME, held_on))
    return facts


def check_hours(starts_at: dt.time, ends_at: dt.time) -> None:
    if ends_at <= starts_at:
        raise ValidationError(
            "Godzina zakończenia posiedzenia musi być późniejsza niż godzina rozpoczęcia.",
            "ends_at",
        )


@dataclass(frozen=True)
class Slot:
    """Another meeting on the same day, with the people of procedures invited to it."""

    held_on: dt.date
    starts_at: dt.time
    ends_at: dt.time
    what: str  # „posiedzenie GDP w procedurze NK/3/2026”
    person_ids: frozenset[int]

    def overlaps(self, starts_at: dt.time, ends_at: dt.time) -> bool:
        return self.starts_at < ends_at and starts_at < self.ends_at

    def when(self) -> str:
        return f"{self.held_on:%d.%m.%Y}, {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


def check_separation(
    invited: Iterable[int],
    victims: Mapping[int, str],
    perpetrators: Mapping[int, str],
    starts_at: dt.time,
    ends_at: dt.time,
    others: Iterable[Slot],
) -> None:
    """Refuse a victim and a perpetrator of the meeting's procedure (ids to names) in
    this meeting together, or one here while the other is at a meeting that overlaps.
    A person who is both (mutual violence) is never kept away from themselves."""
    here = set(invited)
    for victim in here & victims.keys():
        for perpetrator in (here & perpetrators.keys()) - {victim}:
            raise ValidationError(
                f"Nie można zaprosić na jedno posiedzenie osoby doznającej przemocy "
                f"({victims[victim]}) i osoby stosującej przemoc ({perpetrators[perpetrator]}) "
                "z tej samej procedury: spotkania z nimi odbywają się osobno.",
                "participants",
            )
    for slot in others:
        if not slot.overlaps(starts_at, ends_at):
            continue
        pairs = [
            (v, p, "doznającej", "stosującej")
            for v in here & victims.keys()
            for p in slot.person_ids & perpetrators.keys()
            if p != v
        ]
        pairs += [
            (p, v, "stosującej", "doznającej")
            for p in here & perpetrators.keys()
            for v in slot.person_ids & victims.keys()
            if p != v
        ]
        for mine, theirs, my_role, their_role in pairs:
            names = {**victims, **perpetrators}
            raise ValidationError(
                f"Osoba {my_role} przemocy ({names[mine]}) nie może mieć posiedzenia w tym "
                f"samym czasie co osoba {their_role} przemocy ({names[theirs]}), zaproszona na "
                f"{slot.what} ({slot.when()}). Zmień godziny jednego z posiedzeń.",
                "starts_at",
            )
