"""Meetings of the ZI and of a procedure's GDP: when and where, who is invited, who
came, the minutes and the decisions.

A GDP meeting's invitations and attendance are facts of the procedure's course (held,
victim or perpetrator invited, perpetrator absent — app.domain.meetings), so saving one
refreshes the procedure's next deadline. The victim and the perpetrator of a procedure
are never invited together or to meetings at overlapping hours.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from app.domain import meetings, procedure_rules
from app.domain.enums import (
    Attendance,
    InvitationMethod,
    MeetingKind,
    MeetingStatus,
    Role,
)
from app.errors import NotFoundError, ValidationError
from app.services import list_keys
from app.services.changes import Changes, Entity
from app.services.context import ServiceContext
from app.services.procedures import load_procedure
from app.services.zi import contact_name, load_contact
from app.storage.models import (
    ContactPerson,
    GdpMember,
    Meeting,
    MeetingParticipant,
    Participation,
    Person,
    Procedure,
    ZiMember,
)

_ROLE_ORDER = (Role.VICTIM, Role.PERPETRATOR, Role.HOUSEHOLD_MEMBER)


@dataclass(frozen=True)
class Invitee:
    """Someone who can be invited: a team member or other contact, or a person of the
    procedure. Team members are ticked by default; people of the procedure never are."""

    contact_id: int | None
    person_id: int | None
    name: str
    function: str
    role: Role | None
    member: bool
    confidentiality_signed_on: dt.date | None = None


@dataclass
class ParticipantData:
    contact_id: int | None = None
    person_id: int | None = None
    attendance: Attendance = Attendance.UNKNOWN
    participant_id: int | None = None  # a stored one, whose contact may have left


@dataclass
class MeetingData:
    kind: MeetingKind
    held_on: dt.date
    starts_at: dt.time
    ends_at: dt.time
    procedure_id: int | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    place: str = ""
    remote_link: str = ""
    agenda: str = ""
    invitations_sent_on: dt.date | None = None
    invitations_how: InvitationMethod | None = None
    minutes: str = ""
    decisions: str = ""
    participants: list[ParticipantData] = field(default_factory=list)


@dataclass(frozen=True)
class ParticipantView:
    id: int
    contact_id: int | None
    person_id: int | None
    name: str
    function: str
    role: Role | None
    attendance: Attendance


@dataclass(frozen=True)
class MeetingView:
    id: int
    kind: MeetingKind
    procedure_id: int | None
    number: str | None
    held_on: dt.date
    starts_at: dt.time
    ends_at: dt.time
    status: MeetingStatus
    place: str
    remote_link: str
    agenda: str
    invitations_sent_on: dt.date | None
    invitations_how: InvitationMethod | None
    minutes: str
    decisions: str
    participants: tuple[ParticipantView, ...]

    @property
    def title(self) -> str:
        """„Posiedzenie GDP, NK/3/2026, 12.03.2026 10:00”."""
        which = f", {self.number}" if self.number else ""
        kind = self.kind.label[:1].upper() + self.kind.label[1:]  # „GDP” stays in capitals
        return f"{kind}{which}, {self.held_on:%d.%m.%Y} {self.starts_at:%H:%M}"


@dataclass(frozen=True)
class MeetingRow:
    id: int
    kind: MeetingKind
    procedure_id: int | None
    number: str | None
    held_on: dt.date
    starts_at: dt.time
    ends_at: dt.time
    status: MeetingStatus
    where: str  # the place, or „zdalnie”
    invited: int
    present: int
    people: str = ""  # the procedure's people invited: whom the meeting is with


class MeetingService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def for_procedure(self, procedure_id: int) -> tuple[MeetingRow, ...]:
        with self._ctx.read() as session:
            found = session.scalars(_rows_query().where(Meeting.procedure_id == procedure_id))
            return tuple(_row(m) for m in found)

    def zi_meetings(self) -> tuple[MeetingRow, ...]:
        """A ZI meeting has no procedure: the procedure's index finds the few among the
        groups' hundreds of thousands (by kind alone SQLite reads them all, 0.5 s)."""
        with self._ctx.read() as session:
            found = session.scalars(
                _rows_query().where(
                    Meeting.procedure_id.is_(None), Meeting.kind == MeetingKind.ZI.value
                )
            )
            return tuple(_row(m) for m in found)

    def get(self, meeting_id: int) -> MeetingView:
        with self._ctx.read() as session:
            meeting = _meeting(session, meeting_id)
            return MeetingView(
                meeting.id,
                MeetingKind(meeting.kind),
                meeting.procedure_id,
                meeting.procedure.number if meeting.procedure else None,
                meeting.held_on,
                meeting.starts_at,
                meeting.ends_at,
                MeetingStatus(meeting.status),
                meeting.place,
                meeting.remote_link,
                meeting.agenda,
                meeting.invitations_sent_on,
                InvitationMethod(meeting.invitations_how) if meeting.invitations_how else None,
                meeting.minutes,
                meeting.decisions,
                tuple(
                    ParticipantView(
                        p.id,
                        p.contact_person_id,
                        p.person_id,
                        p.name,
                        p.function,
                        Role(p.role) if p.role else None,
                        Attendance(p.attendance),
                    )
                    for p in meeting.participants
                ),
            )

    def invitees(self, kind: MeetingKind, procedure_id: int | None = None) -> tuple[Invitee, ...]:
        """Who a new meeting offers: the ZI's members for a ZI meeting; for a GDP
        meeting the group's members, then the procedure's people (victims first)."""
        with self._ctx.read() as session:
            if kind is MeetingKind.ZI:
                contacts = session.scalars(
                    select(ContactPerson)
                    .join(ZiMember, ZiMember.contact_person_id == ContactPerson.id)
                    .options(selectinload(ContactPerson.institution))
                    .order_by(ZiMember.is_chair.desc(), ContactPerson.last_name)
                ).all()
                return tuple(_contact_invitee(c, True) for c in contacts)
            if procedure_id is None:
                raise ValidationError("Posiedzenie GDP należy do jednej procedury.", "procedure_id")
            procedure = load_procedure(session, procedure_id)
            members: Sequence[ContactPerson] = ()
            if procedure.gdp is not None:
                members = session.scalars(
                    select(ContactPerson)
                    .join(GdpMember, GdpMember.contact_person_id == ContactPerson.id)
                    .where(GdpMember.gdp_id == procedure.gdp.id)
                    .options(selectinload(ContactPerson.institution))
                    .order_by(GdpMember.id)
                ).all()
            people = sorted(
                procedure.participations,
                key=lambda p: (_ROLE_ORDER.index(Role(p.role)), p.person.last_name, p.id),
            )
            return (
                *(_contact_invitee(c, True) for c in members),
                *(
                    Invitee(
                        None,
                        p.person_id,
                        person_name(p.person),
                        Role(p.role).label,
                        Role(p.role),
                        False,
                    )
                    for p in people
                ),
            )

    def save(self, data: MeetingData, meeting_id: int | None = None) -> Changes:
        today = self._ctx.today()
        with self._ctx.write() as session:
            procedure = _procedure_of(session, data)
            check_meeting(procedure, data, today)
            if meeting_id is None:
                meeting = Meeting(kind=data.kind.value, procedure_id=data.procedure_id)
                session.add(meeting)
            else:
                meeting = _meeting(session, meeting_id)
                if meeting.kind != data.kind.value or meeting.procedure_id != data.procedure_id:
                    raise ValidationError(
                        "Posiedzenia nie można przenieść do innego zespołu ani innej procedury.",
                        "procedure_id",
                    )
            meeting.held_on, meeting.starts_at, meeting.ends_at = (
                data.held_on,
                data.starts_at,
                data.ends_at,
            )
            meeting.status = data.status.value
            meeting.place, meeting.remote_link = data.place.strip(), data.remote_link.strip()
            meeting.agenda, meeting.minutes = data.agenda.strip(), data.minutes.strip()
            meeting.decisions = data.decisions.strip()
            meeting.invitations_sent_on = data.invitations_sent_on
            meeting.invitations_how = data.invitations_how.value if data.invitations_how else None
            meeting.participants = _participants(session, procedure, meeting, data.participants)
            session.flush()
            check_separation(session, meeting)
            return self._saved(procedure, meeting.id)

    def delete(self, meeting_id: int) -> Changes:
        with self._ctx.write() as session:
            meeting = _meeting(session, meeting_id)
            procedure = meeting.procedure
            if procedure is not None:
                procedure.meetings.remove(meeting)
            else:
                session.delete(meeting)
            session.flush()
            return self._saved(procedure, meeting_id)

    @staticmethod
    def _saved(procedure: Procedure | None, meeting_id: int) -> Changes:
        if procedure is None:
            return Changes.of(Entity.MEETING, record_id=meeting_id)
        list_keys.refresh_procedure(procedure)
        return Changes.of(
            Entity.MEETING, Entity.PROCEDURE, procedures=[procedure.id], record_id=meeting_id
        )


def check_meeting(procedure: Procedure | None, data: MeetingData, today: dt.date) -> None:
    """The rules of one meeting apart from its participants; the import checks file
    records with this same rule."""
    if data.kind is MeetingKind.GDP and procedure is None:
        raise ValidationError("Posiedzenie GDP należy do jednej procedury.", "procedure_id")
    if data.kind is MeetingKind.ZI and data.procedure_id is not None:
        raise ValidationError("Posiedzenie ZI nie należy do procedury.", "procedure_id")
    if data.held_on.year < procedure_rules.EARLIEST_YEAR or data.held_on.year > today.year + 5:
        raise ValidationError("Data posiedzenia jest poza rozsądnym zakresem.", "held_on")
    meetings.check_hours(data.starts_at, data.ends_at)
    if data.status is MeetingStatus.HELD and data.held_on > today:
        raise ValidationError(
            "Posiedzenie z przyszłą datą nie mogło się jeszcze odbyć: zostaw je jako zaplanowane.",
            "status",
        )
    if data.status is not MeetingStatus.HELD and any(
        p.attendance is not Attendance.UNKNOWN for p in data.participants
    ):
        raise ValidationError(
            "Obecność odnotowuje się dopiero po posiedzeniu: zaznacz, że się odbyło.",
            "participants",
        )
    if not data.place.strip() and not data.remote_link.strip():
        raise ValidationError("Podaj miejsce posiedzenia albo link do spotkania zdalnego.", "place")
    link = data.remote_link.strip()
    if link and not link.lower().startswith(("https://", "http://")):
        raise ValidationError(
            "Link do spotkania zdalnego zaczyna się od https:// (skopiuj go z zaproszenia).",
            "remote_link",
        )
    sent = data.invitations_sent_on
    if sent is not None:
        procedure_rules.check_past_date(sent, today, "invitations_sent_on", "Data zaproszeń")
        if sent > data.held_on:
            raise ValidationError(
                "Zaproszenia nie mogły wyjść po dniu posiedzenia.", "invitations_sent_on"
            )
    if procedure is not None:
        if procedure.gdp is None:
            raise ValidationError(
                "Najpierw utwórz grupę diagnostyczno-pomocową tej procedury "
                "(zakładka „Grupa i posiedzenia”).",
                "procedure_id",
            )
        if data.held_on < procedure.gdp.created_on:
            raise ValidationError(
                "Posiedzenie GDP nie może się odbyć przed utworzeniem grupy "
                f"({procedure.gdp.created_on:%d.%m.%Y}).",
                "held_on",
            )


def _procedure_of(session: Session, data: MeetingData) -> Procedure | None:
    if data.procedure_id is None:
        return None
    return load_procedure(session, data.procedure_id)


def _participants(
    session: Session,
    procedure: Procedure | None,
    meeting: Meeting,
    wanted: list[ParticipantData],
) -> list[MeetingParticipant]:
    """The invited as saved; each keeps its name and function as of this save, except a
    stored one whose contact has since left the directory, which keeps what it had."""
    stored = {p.id: p for p in meeting.participants}
    roles: dict[int, list[Role]] = {}
    people: dict[int, Person] = {}
    for participation in procedure.participations if procedure is not None else ():
        roles.setdefault(participation.person_id, []).append(Role(participation.role))
        people[participation.person_id] = participation.person
    seen: set[tuple[int | None, int | None]] = set()
    kept = []
    for data in wanted:
        if (data.contact_id is None) == (data.person_id is None) and data.participant_id is None:
            raise ValidationError("Wskaż, kogo zaprosić.", "participants")
        previous = stored.get(data.participant_id) if data.participant_id is not None else None
        if data.participant_id is not None and previous is None:
            raise NotFoundError("Tej osoby nie ma już na liście zaproszonych.")
        participant = previous or MeetingParticipant()
        # One taken out of the procedure since the invitation keeps what it had: the
        # minutes still say who was invited, and the meeting can still be saved.
        left = (
            previous is not None
            and data.person_id is not None
            and data.person_id == previous.person_id
            and data.person_id not in people
        )
        if data.person_id is not None and not left:
            if data.person_id not in people:
                raise ValidationError(
                    "Na posiedzenie GDP można zaprosić tylko osoby z tej procedury.",
                    "participants",
                )
            role = min(roles[data.person_id], key=_ROLE_ORDER.index)
            participant.person_id, participant.contact_person_id = data.person_id, None
            participant.name = person_name(people[data.person_id])
            participant.function, participant.role = role.label, role.value
        elif data.contact_id is not None:
            contact = load_contact(session, data.contact_id)
            participant.contact_person_id, participant.person_id = contact.id, None
            participant.name = contact_name(contact)
            participant.function = contact_function(contact)
            participant.role = None
        key = (participant.contact_person_id, participant.person_id)
        if key in seen and key != (None, None):
            raise ValidationError(
                f"{participant.name} jest na liście zaproszonych dwa razy.", "participants"
            )
        seen.add(key)
        participant.attendance = data.attendance.value
        kept.append(participant)
    return kept


def check_separation(session: Session, meeting: Meeting) -> None:
    """Refuse `meeting` (flushed) if it brings together, or puts at overlapping hours, a
    victim and a perpetrator of any one live procedure: not only the meeting's own — a
    person may be a victim in one procedure and the perpetrator in another, and the
    meetings of two procedures may share a day."""
    invited = {p.person_id for p in meeting.participants if p.person_id is not None}
    if meeting.status == MeetingStatus.CANCELLED.value or not invited:
        return
    others = session.scalars(
        select(Meeting)
        .outerjoin(Procedure, Procedure.id == Meeting.procedure_id)
        .where(
            Meeting.held_on == meeting.held_on,
            Meeting.status != MeetingStatus.CANCELLED.value,
            Meeting.id != meeting.id,
            or_(Meeting.procedure_id.is_(None), Procedure.deleted_at.is_(None)),
        )
        .options(selectinload(Meeting.participants), selectinload(Meeting.procedure))
    ).all()
    slots = [
        meetings.Slot(
            other.held_on,
            other.starts_at,
            other.ends_at,
            _what(other),
            frozenset(p.person_id for p in other.participants if p.person_id is not None),
        )
        for other in others
    ]
    everyone = invited.union(*(slot.person_ids for slot in slots))
    sides: dict[int, tuple[dict[int, str], dict[int, str]]] = {}
    for procedure_id, person_id, role, last_name, first_name in session.execute(
        select(
            Participation.procedure_id,
            Participation.person_id,
            Participation.role,
            Person.last_name,
            Person.first_name,
        )
        .join(Procedure, Procedure.id == Participation.procedure_id)
        .join(Person, Person.id == Participation.person_id)
        .where(
            Participation.person_id.in_(everyone),
            Participation.role.in_((Role.VICTIM.value, Role.PERPETRATOR.value)),
            Procedure.deleted_at.is_(None),
        )
    ):
        victims, perpetrators = sides.setdefault(procedure_id, ({}, {}))
        side = victims if role == Role.VICTIM.value else perpetrators
        side[person_id] = f"{last_name} {first_name}"
    # The meeting's own procedure first: its pair is the one the worker expects to hear of.
    for procedure_id in sorted(sides, key=lambda pid: (pid != meeting.procedure_id, pid)):
        victims, perpetrators = sides[procedure_id]
        meetings.check_separation(
            invited, victims, perpetrators, meeting.starts_at, meeting.ends_at, slots
        )


def check_upcoming_meetings(session: Session, person_id: int, today: dt.date) -> None:
    """After a person's roles change (a new procedure, a new role): the meetings from
    today on that they are invited to must still keep the victims and the perpetrators
    apart. Past meetings stay as they were recorded."""
    upcoming = session.scalars(
        select(Meeting)
        .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
        .outerjoin(Procedure, Procedure.id == Meeting.procedure_id)
        .where(
            MeetingParticipant.person_id == person_id,
            Meeting.held_on >= today,
            Meeting.status != MeetingStatus.CANCELLED.value,
            or_(Meeting.procedure_id.is_(None), Procedure.deleted_at.is_(None)),
        )
        .options(selectinload(Meeting.participants))
        .order_by(Meeting.held_on, Meeting.starts_at, Meeting.id)
    ).all()
    for meeting in upcoming:
        try:
            check_separation(session, meeting)
        except ValidationError as refused:
            raise ValidationError(
                f"{refused} Dotyczy: {_what(meeting)}, {meeting.held_on:%d.%m.%Y}. "
                "Najpierw zmień zaproszonych lub godziny tego posiedzenia.",
                "role",
            ) from refused


def _what(meeting: Meeting) -> str:
    which = f" w procedurze {meeting.procedure.number}" if meeting.procedure else ""
    return f"{MeetingKind(meeting.kind).label}{which}"


def _rows_query() -> Select[Meeting]:
    return (
        select(Meeting)
        .options(selectinload(Meeting.participants), selectinload(Meeting.procedure))
        .order_by(Meeting.held_on.desc(), Meeting.starts_at.desc(), Meeting.id.desc())
    )


def _row(meeting: Meeting) -> MeetingRow:
    present = sum(p.attendance == Attendance.PRESENT.value for p in meeting.participants)
    return MeetingRow(
        meeting.id,
        MeetingKind(meeting.kind),
        meeting.procedure_id,
        meeting.procedure.number if meeting.procedure else None,
        meeting.held_on,
        meeting.starts_at,
        meeting.ends_at,
        MeetingStatus(meeting.status),
        meeting.place or "zdalnie",
        len(meeting.participants),
        present,
        ", ".join(p.name for p in meeting.participants if p.person_id is not None),
    )


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or (meeting.procedure is not None and meeting.procedure.deleted_at):
        raise NotFoundError("Tego posiedzenia nie ma już w rejestrze.")
    return meeting


def person_name(person: Person) -> str:
    """A person of the procedure as a participant is named (the generator names them so too)."""
    return f"{person.last_name} {person.first_name}"


def contact_function(contact: ContactPerson) -> str:
    """A contact's function and institution, as kept on the participant."""
    return ", ".join(part for part in (contact.function, contact.institution.name) if part)


def _contact_invitee(contact: ContactPerson, member: bool) -> Invitee:
    return Invitee(
        contact.id,
        None,
        contact_name(contact),
        contact_function(contact),
        None,
        member,
        contact.confidentiality_signed_on,
    )
