"""The ZI, each procedure's GDP, meetings and the worker's appointments in a document.

Each record passes the rule the services apply when the worker saves it (app.services.zi,
gdp, meetings, appointments) and becomes table rows. A meeting participant keeps the name,
function and role written when they were invited, so a contact who has since left the
directory, or a person since taken out of the procedure, stays in the minutes as the
program keeps them. For the same reason the victim and the perpetrator are kept apart by
the roles recorded at the invitation: a role given to someone later can never make the
program's own export fail to import.
"""

import datetime as dt
from dataclasses import dataclass, field

from app.domain import meetings
from app.domain.enums import Attendance, InvitationMethod, MeetingKind, MeetingStatus, Role
from app.errors import ImportFormatError
from app.services.appointments import AppointmentData, check_appointment
from app.services.exchange.document import Document
from app.services.exchange.id_index import IdIndex
from app.services.exchange.validation import at_place, check_times, record_columns
from app.services.gdp import GdpData, check_gdp
from app.services.meetings import MeetingData, ParticipantData, check_meeting
from app.services.zi import ZiMemberData, check_member
from app.storage.models import Appointment, Gdp, Meeting, MeetingParticipant, Procedure, ZiMember


@dataclass(frozen=True)
class Known:
    """The ids of contact persons, persons and procedures read so far."""

    contacts: IdIndex
    persons: IdIndex
    procedures: IdIndex


@dataclass
class ZiTeam:
    """The ZI members read so far: each contact is a member once, and one is the chair."""

    members: set[int] = field(default_factory=set)
    chair: bool = False

    def member(self, raw: Document, place: str, known: Known, today: dt.date) -> Document:
        """The member's row."""
        row = record_columns(ZiMember, raw, place)
        contact = row["contact_person_id"]
        _check_contact(f"{place}.contact_person_id", contact, known)
        if contact in self.members:
            raise ImportFormatError(
                f"{place}.contact_person_id", "ta osoba kontaktowa jest już członkiem zespołu"
            )
        self.members.add(contact)
        if row["is_chair"]:
            if self.chair:
                raise ImportFormatError(
                    f"{place}.is_chair", "zespół ma już przewodniczącego, a może mieć jednego"
                )
            self.chair = True
        with at_place(place):
            check_member(ZiMemberData(contact, row["is_chair"], row["appointed_on"]), today)
        return row


def gdp(
    raw: Document, place: str, procedure: Procedure, known: Known, today: dt.date
) -> tuple[Gdp, list[Document]]:
    """The procedure's GDP and the rows of its members. The file gives a GDP no id; it
    takes its procedure's, which is as unique (one GDP per procedure)."""
    columns = record_columns(Gdp, raw, place)
    members: list[int] = raw["contact_person_ids"]
    for k, contact in enumerate(members):
        _check_contact(f"{place}.contact_person_ids[{k}]", contact, known)
    with at_place(place, {"member_ids": "contact_person_ids"}):
        check_gdp(procedure, GdpData(columns["created_on"], list(members), columns["note"]), today)
    rows = [{"gdp_id": procedure.id, "contact_person_id": contact} for contact in members]
    return Gdp(id=procedure.id, **columns), rows


def meeting(
    raw: Document, place: str, procedure: Procedure | None, known: Known, today: dt.date
) -> Meeting:
    """A GDP meeting of `procedure`, or a ZI meeting when it is None, with its participants.

    `procedure` has its GDP already: the rule compares the meeting's day with it.
    """
    columns = record_columns(Meeting, raw, place)
    check_times(raw, place)
    participants = [
        _participant(item, f"{place}.participants[{k}]", procedure is None, known)
        for k, item in enumerate(raw["participants"])
    ]
    _check_invited_once(participants, place)
    how = columns["invitations_how"]
    data = MeetingData(
        kind=MeetingKind(columns["kind"]),
        held_on=columns["held_on"],
        starts_at=columns["starts_at"],
        ends_at=columns["ends_at"],
        procedure_id=procedure.id if procedure is not None else None,
        status=MeetingStatus(columns["status"]),
        place=columns["place"],
        remote_link=columns["remote_link"],
        agenda=columns["agenda"],
        invitations_sent_on=columns["invitations_sent_on"],
        invitations_how=InvitationMethod(how) if how is not None else None,
        minutes=columns["minutes"],
        decisions=columns["decisions"],
        participants=[
            ParticipantData(p["contact_person_id"], p["person_id"], Attendance(p["attendance"]))
            for p in participants
        ],
    )
    # The file says whose meeting it is by where it stands, the rule by its procedure.
    with at_place(place, {"procedure_id": "kind"}):
        check_meeting(procedure, data, today)
    if procedure is not None and data.status is not MeetingStatus.CANCELLED:
        _check_separation(participants, procedure, data, place)
    return Meeting(**columns, participants=[MeetingParticipant(**p) for p in participants])


def appointment(raw: Document, place: str, known: Known, today: dt.date) -> Document:
    """The appointment's row; it may name any procedure of the file, a deleted one too."""
    row = record_columns(Appointment, raw, place)
    check_times(raw, place)
    linked = row["procedure_id"]
    if linked is not None and linked not in known.procedures:
        raise ImportFormatError(f"{place}.procedure_id", f"w pliku nie ma procedury o id {linked}")
    data = AppointmentData(
        row["day"], row["title"], row["starts_at"], row["ends_at"], row["place"], row["note"]
    )
    with at_place(place):
        check_appointment(data, today)
    return row


def _participant(raw: Document, place: str, zi: bool, known: Known) -> Document:
    """Someone invited: a directory contact, a person of the procedure, or (once the
    contact has left the directory) neither, with the name and function recorded."""
    row = record_columns(MeetingParticipant, raw, place)
    contact, person, role = row["contact_person_id"], row["person_id"], row["role"]
    if contact is not None and person is not None:
        raise ImportFormatError(
            place, "uczestnik jest albo osobą kontaktową, albo osobą z procedury, nie obiema"
        )
    _check_contact(f"{place}.contact_person_id", contact, known)
    if person is None:
        if role is not None:
            raise ImportFormatError(
                f"{place}.role", "rolę w procedurze ma tylko zaproszona osoba z procedury"
            )
        return row
    if zi:
        raise ImportFormatError(
            f"{place}.person_id", "na posiedzenie ZI nie zaprasza się osób z procedur"
        )
    if person not in known.persons:
        raise ImportFormatError(f"{place}.person_id", f"w pliku nie ma osoby o id {person}")
    if role is None:
        raise ImportFormatError(f"{place}.role", "brak roli osoby w procedurze")
    return row


def _check_invited_once(participants: list[Document], place: str) -> None:
    seen: set[tuple[int | None, int | None]] = set()
    for k, participant in enumerate(participants):
        who = (participant["contact_person_id"], participant["person_id"])
        if who == (None, None):
            continue
        if who in seen:
            raise ImportFormatError(
                f"{place}.participants[{k}]", "ta osoba jest już na liście zaproszonych"
            )
        seen.add(who)


def _check_separation(
    participants: list[Document], procedure: Procedure, data: MeetingData, place: str
) -> None:
    """The procedure's victim and perpetrator are not invited to one meeting. A role is
    the procedure's own (its participants) as well as what the invitation says, so a file
    cannot hide a perpetrator by naming them another role. People are named by id: an
    import message never repeats personal data from the file."""
    invited = [p["person_id"] for p in participants if p["person_id"] is not None]

    def in_role(role: Role) -> dict[int, str]:
        ids = {p["person_id"] for p in participants if p["role"] == role.value}
        ids |= {p.person_id for p in procedure.participations if p.role == role.value}
        return {person: f"osoba o id {person}" for person in ids}

    with at_place(place):
        meetings.check_separation(
            invited,
            in_role(Role.VICTIM),
            in_role(Role.PERPETRATOR),
            data.starts_at,
            data.ends_at,
            (),
        )


def _check_contact(place: str, contact: int | None, known: Known) -> None:
    if contact is not None and contact not in known.contacts:
        raise ImportFormatError(place, f"w pliku nie ma osoby kontaktowej o id {contact}")


@dataclass(frozen=True)
class _Booked:
    """A GDP meeting of the file with people of its procedure invited, as the check of
    overlapping hours needs it once every procedure has been read."""

    place: str
    held_on: dt.date
    starts_at: dt.time
    ends_at: dt.time
    invited: frozenset[int]
    victims: frozenset[int]
    perpetrators: frozenset[int]


@dataclass
class Bookings:
    """The file's GDP meetings by day: a victim and a perpetrator of one procedure are
    not at meetings whose hours overlap, whichever procedures those meetings belong to."""

    _days: dict[dt.date, list[_Booked]] = field(default_factory=dict)

    def add(self, held: Meeting, procedure: Procedure, place: str) -> None:
        invited = frozenset(p.person_id for p in held.participants if p.person_id is not None)
        if not invited or held.status == MeetingStatus.CANCELLED.value:
            return

        def in_role(role: Role) -> frozenset[int]:
            named = {
                p.person_id
                for p in held.participants
                if p.role == role.value and p.person_id is not None
            }
            return frozenset(
                named | {p.person_id for p in procedure.participations if p.role == role.value}
            )

        booked = _Booked(
            place,
            held.held_on,
            held.starts_at,
            held.ends_at,
            invited,
            in_role(Role.VICTIM),
            in_role(Role.PERPETRATOR),
        )
        self._days.setdefault(held.held_on, []).append(booked)

    def check(self) -> None:
        """Refuse the first meeting whose victim or perpetrator is at an overlapping one."""
        for day in self._days.values():
            for booked in day:
                others = [
                    meetings.Slot(
                        other.held_on,
                        other.starts_at,
                        other.ends_at,
                        f"posiedzenie {other.place}",
                        other.invited,
                    )
                    for other in day
                    if other is not booked
                ]
                with at_place(booked.place):
                    meetings.check_separation(
                        booked.invited,
                        {person: f"osoba o id {person}" for person in booked.victims},
                        {person: f"osoba o id {person}" for person in booked.perpetrators},
                        booked.starts_at,
                        booked.ends_at,
                        others,
                    )
