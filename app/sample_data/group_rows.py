"""Rows of the teams in a generated register — each procedure's group and meetings, the
ZI and its meetings, the worker's appointments — checked by the rules the services apply.

A meeting passes `check_meeting`; one with a victim or a perpetrator also passes
`check_separation` against the procedure's other meetings of that day. Those are all of
the day's meetings that could hold its people: a household comes back in a new procedure
only after the old one closed, and a closed procedure's later meetings are cancelled
(`tests/test_generate.py` checks the whole register day by day).
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.orm.attributes import set_committed_value

from app.domain import meetings, procedure_rules
from app.domain.enums import MeetingKind, MeetingStatus, Role
from app.errors import ValidationError
from app.sample_data.meeting_data import meeting_data
from app.sample_data.plan import Appointment as PlannedAppointment
from app.sample_data.plan import ContactKey, Invited
from app.sample_data.plan import Gdp as PlannedGdp
from app.sample_data.plan import Meeting as PlannedMeeting
from app.sample_data.teams import ZI_CHAIR, ZI_MEMBERS, signed_on, zi_appointed_on
from app.services.appointments import AppointmentData, check_appointment
from app.services.gdp import GdpData, check_gdp
from app.services.meetings import MeetingData, ParticipantData, check_meeting
from app.services.zi import check_signed_on
from app.storage.models import (
    Appointment,
    Base,
    Gdp,
    GdpMember,
    Meeting,
    MeetingParticipant,
    Procedure,
    ZiMember,
)


class RowSink(Protocol):
    """Where the rows go: `app.sample_data.rows.RowWriter`."""

    today: dt.date
    stamp: dt.datetime

    def take_id(self, model: type[Base]) -> int: ...

    def add_row(self, model: type[Base], **row: Any) -> None: ...


@dataclass(frozen=True)
class Named:
    """A contact or a person of the procedure as a participant's row names them."""

    id: int
    name: str
    function: str
    role: Role | None = None


def gdp_rows(
    sink: RowSink, keyed: Procedure, gdp: PlannedGdp, contacts: Mapping[ContactKey, Named]
) -> None:
    """The group and its members; checked before the hand-over it records is in the
    course (the caller adds that step), and kept on `keyed` for its meetings' check."""
    member_ids = [contacts[member].id for member in gdp.members]
    passed = gdp.created_on if gdp.hands_over else None
    check_gdp(keyed, GdpData(gdp.created_on, member_ids, nka_passed_on=passed), sink.today)
    gdp_id = sink.take_id(Gdp)
    sink.add_row(Gdp, id=gdp_id, procedure_id=keyed.id, created_on=gdp.created_on, note="")
    for member_id in member_ids:
        sink.add_row(
            GdpMember, id=sink.take_id(GdpMember), gdp_id=gdp_id, contact_person_id=member_id
        )
    set_committed_value(keyed, "gdp", Gdp(id=gdp_id, created_on=gdp.created_on))


def meeting_rows(
    sink: RowSink,
    keyed: Procedure | None,
    planned: Sequence[PlannedMeeting],
    contacts: Mapping[ContactKey, Named],
    people: Mapping[int, Named],
) -> list[Meeting]:
    """Rows of the meetings of `keyed`'s group (or the ZI's, without it); `people` maps
    the planned people (by `id`) to the procedure's. Returns what the deadline engine
    reads of them: each meeting with the people of the procedure it invited."""
    victims = {p.id: p.name for p in people.values() if p.role is Role.VICTIM}
    perpetrators = {p.id: p.name for p in people.values() if p.role is Role.PERPETRATOR}
    slots: list[meetings.Slot] = []
    judged: list[Meeting] = []
    for meeting in planned:
        invited = [(_named(i, contacts, people), i) for i in meeting.invited]
        data = _data(keyed, meeting, invited)
        check_meeting(keyed, data, sink.today)
        if len({(n.id, i.person is None) for n, i in invited}) != len(invited):
            raise ValidationError("Ta sama osoba jest na liście zaproszonych dwa razy.")
        person_ids = [n.id for n, i in invited if i.person is not None]
        if person_ids and meeting.status is not MeetingStatus.CANCELLED:
            same_day = [s for s in slots if s.held_on == meeting.held_on]
            meetings.check_separation(
                person_ids, victims, perpetrators, meeting.starts_at, meeting.ends_at, same_day
            )
            slots.append(
                meetings.Slot(
                    meeting.held_on,
                    meeting.starts_at,
                    meeting.ends_at,
                    MeetingKind.GDP.label,
                    frozenset(person_ids),
                )
            )
        judged.append(_meeting_row(sink, data, invited))
    return judged


def _named(
    invited: Invited, contacts: Mapping[ContactKey, Named], people: Mapping[int, Named]
) -> Named:
    if invited.person is not None:
        return people[id(invited.person)]
    if invited.contact is None:
        raise ValidationError("Wskaż, kogo zaprosić.", "participants")
    return contacts[invited.contact]


def _data(
    keyed: Procedure | None,
    meeting: PlannedMeeting,
    invited: list[tuple[Named, Invited]],
) -> MeetingData:
    participants = [
        ParticipantData(
            contact_id=None if i.person is not None else named.id,
            person_id=named.id if i.person is not None else None,
            attendance=i.attendance,
        )
        for named, i in invited
    ]
    return meeting_data(meeting, keyed.id if keyed is not None else None, participants)


def _meeting_row(sink: RowSink, data: MeetingData, invited: list[tuple[Named, Invited]]) -> Meeting:
    """The meeting's rows, stored as the meeting service stores them."""
    meeting_id = sink.take_id(Meeting)
    sink.add_row(
        Meeting,
        id=meeting_id,
        kind=data.kind.value,
        procedure_id=data.procedure_id,
        held_on=data.held_on,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        status=data.status.value,
        place=data.place.strip(),
        remote_link=data.remote_link.strip(),
        agenda=data.agenda.strip(),
        invitations_sent_on=data.invitations_sent_on,
        invitations_how=data.invitations_how.value if data.invitations_how else None,
        minutes=data.minutes.strip(),
        decisions=data.decisions.strip(),
        created_at=sink.stamp,
        updated_at=sink.stamp,
    )
    judged: list[MeetingParticipant] = []
    for (named, _), participant in zip(invited, data.participants, strict=True):
        role = named.role.value if named.role is not None else None
        sink.add_row(
            MeetingParticipant,
            id=sink.take_id(MeetingParticipant),
            meeting_id=meeting_id,
            contact_person_id=participant.contact_id,
            person_id=participant.person_id,
            role=role,
            name=named.name,
            function=named.function,
            attendance=participant.attendance.value,
        )
        if participant.person_id is not None:
            judged.append(
                MeetingParticipant(
                    person_id=participant.person_id,
                    role=role,
                    attendance=participant.attendance.value,
                )
            )
    keyed = Meeting(
        kind=data.kind.value,
        status=data.status.value,
        held_on=data.held_on,
        invitations_sent_on=data.invitations_sent_on,
    )
    set_committed_value(keyed, "participants", judged)
    return keyed


def zi_rows(sink: RowSink, contacts: Mapping[ContactKey, Named]) -> None:
    """The ZI's members, checked as `ZiService.save_member` checks them (their statements
    are already on the contacts)."""
    for member in ZI_MEMBERS:
        appointed = zi_appointed_on(member, sink.today)
        check_signed_on(signed_on(member, sink.today), sink.today)
        procedure_rules.check_past_date(appointed, sink.today, "appointed_on", "Data powołania")
        sink.add_row(
            ZiMember,
            id=sink.take_id(ZiMember),
            contact_person_id=contacts[member].id,
            is_chair=member == ZI_CHAIR,
            appointed_on=appointed,
        )


def appointment_rows(
    sink: RowSink,
    appointments: Sequence[PlannedAppointment],
    procedure_id: int | None = None,
    number: str = "",
) -> None:
    """The worker's appointments (about procedure `number`, when given)."""
    for planned in appointments:
        starts, ends = planned.hours or (None, None)
        data = AppointmentData(
            planned.day, planned.title, starts, ends, planned.place, planned.note, number
        )
        check_appointment(data, sink.today)
        sink.add_row(
            Appointment,
            id=sink.take_id(Appointment),
            day=data.day,
            starts_at=starts,
            ends_at=ends,
            title=data.title.strip(),
            place=data.place.strip(),
            note=data.note.strip(),
            procedure_id=procedure_id,
            created_at=sink.stamp,
        )
