"""The plain records a demo plan is made of, before anything is saved."""

import copy
import datetime as dt
from dataclasses import dataclass, field

from app.domain.enums import (
    Attendance,
    ChronologyKind,
    ClosureGround,
    CourseEvent,
    InitiatorService,
    InvitationMethod,
    MeetingStatus,
    Role,
)
from app.domain.identity import age_on
from app.services.records import PersonData

# A contact of the demo institutions: its institution's key and its index there.
ContactKey = tuple[str, int]


@dataclass
class Person:
    """One fictional person; `data` is their current record, `db_id` set once saved."""

    data: PersonData
    db_id: int | None = None


@dataclass
class Member:
    person: Person
    snapshot: PersonData
    role: Role
    details: dict[str, str]


@dataclass
class Adult:
    person: Person
    details: dict[str, str]


@dataclass
class Family:
    """The people of one household situation, reusable for a repeat case years later."""

    kind: str
    victims: list[Adult]
    perpetrators: list[Adult]
    others: list[tuple[Person, str]]
    school: str

    def members_at(self, day: dt.date, snapshot: bool = True) -> list[Member]:
        """Everyone in the procedure started on `day`, with the details of their role.

        `snapshot` copies each person's data as it is now, for a plan that changes people
        later (the demo); the generator writes every person once and needs no copy.
        """

        def data(person: Person) -> PersonData:
            return copy.deepcopy(person.data) if snapshot else person.data

        members = [
            Member(a.person, data(a.person), Role.VICTIM, dict(a.details)) for a in self.victims
        ]
        members += [
            Member(a.person, data(a.person), Role.PERPETRATOR, dict(a.details))
            for a in self.perpetrators
        ]
        for person, kinship in self.others:
            details = {"kinship": kinship}
            birth = person.data.birth_date
            assert birth is not None
            school_class = _school_class(birth, day, self.school)
            if school_class:
                details["school_class"] = school_class
            elif age_on(birth, day) >= 19:
                details["employment_income"] = "praca dorywcza, dochód własny niewielki"
            members.append(Member(person, data(person), Role.HOUSEHOLD_MEMBER, details))
        return members


@dataclass
class File:
    name: str
    description: str
    title: str
    scan: bool = False


@dataclass
class Entry:
    occurred_on: dt.date
    kind: ChronologyKind
    title: str
    body: str
    files: list[File] = field(default_factory=list)


@dataclass
class Nka:
    filled_on: dt.date
    service: InitiatorService
    institution: str
    filled_by: str
    place: str
    received: dt.date | None
    content: dict[str, object]


@dataclass(frozen=True)
class Step:
    """A dated course event; `nka` indexes the procedure's NK-As, `person` is whom it names."""

    kind: CourseEvent
    occurred_on: dt.date
    nka: int | None = None
    person: Person | None = None


@dataclass(frozen=True)
class Reason:
    """The worker's reason for a late or missed deadline of `step` (of NK-A `nka`)."""

    step: str
    nka: int | None
    text: str


@dataclass(frozen=True)
class Invited:
    """Someone invited to a meeting: a contact of the directory or a person of the case."""

    contact: ContactKey | None = None
    person: Person | None = None
    attendance: Attendance = Attendance.UNKNOWN


@dataclass
class Meeting:
    """A GDP meeting of the procedure (or a ZI meeting, outside any procedure)."""

    held_on: dt.date
    starts_at: dt.time
    ends_at: dt.time
    status: MeetingStatus
    place: str
    agenda: str
    invited: list[Invited]
    invitations_sent_on: dt.date | None = None
    invitations_how: InvitationMethod | None = None
    minutes: str = ""
    decisions: str = ""
    remote_link: str = ""


@dataclass(frozen=True)
class Gdp:
    """The procedure's group; `hands_over` the NK-A filled by `created_on` on that day."""

    created_on: dt.date
    members: tuple[ContactKey, ...]
    hands_over: bool


@dataclass(frozen=True)
class Appointment:
    """One of the worker's own appointments (in a procedure's plan: about that case)."""

    day: dt.date
    title: str
    place: str = ""
    hours: tuple[dt.time, dt.time] | None = None
    note: str = ""


@dataclass
class Procedure:
    """One planned case; `upcoming` holds the steps drawn for after the end of its course
    (planned meetings come from them); `gdp` and `meetings` are its group's work,
    `appointments` the worker's own ones about it."""

    started_on: dt.date
    members: list[Member]
    nkas: list[Nka] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    closure: tuple[dt.date, ClosureGround, str] | None = None
    notes: str = ""
    course: list[Step] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    upcoming: list[Step] = field(default_factory=list)
    gdp: Gdp | None = None
    meetings: list[Meeting] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)


def _school_class(birth: dt.date, day: dt.date, school: str) -> str:
    """School and class a child attends on `day` (Polish system: class 1 in the year of 7)."""
    school_year = day.year if day.month >= 9 else day.year - 1
    grade = school_year - birth.year - 6
    if grade <= -4:
        return ""
    if grade <= 0:
        group = ("maluchy", "średniaki", "starszaki", "zerówka")[grade + 3]
        return f"Przedszkole Samorządowe „Słoneczko-Demo”, grupa: {group}"
    if grade <= 8:
        return f"{school}, kl. {grade}{'abc'[birth.month % 3]}"
    if grade <= 12:
        return f"Zespół Szkół Ponadpodstawowych w Przykładowie Wielkim (DEMO), kl. {grade - 8}"
    return ""
