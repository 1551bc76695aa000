"""The ZI, a procedure's GDP and meetings in a real register: what they add to the
procedure's clock and the separation of the victim from the perpetrator."""

import datetime as dt

import pytest

from app.domain.deadlines import DeadlineState
from app.domain.enums import (
    Attendance,
    CourseEvent,
    InvitationMethod,
    MeetingKind,
    MeetingStatus,
    Role,
)
from app.errors import ValidationError
from app.services.gdp import GdpData
from app.services.meetings import MeetingData, ParticipantData
from app.services.procedures import ProcedureQuery
from app.services.records import ContactPersonData, InstitutionData, PersonData
from app.services.records import ParticipantData as PersonRecord
from app.services.register import Register
from app.services.zi import ZiMemberData
from app.storage.db import Database
from tests.support import meeting_cases
from tests.support.clock import CLOCK
from tests.support.meeting_cases import FILLED, SIGNED, Team, build_team

DAY = dt.date(2026, 11, 23)  # Monday: 3 working days after the hand-over of 18.11


@pytest.fixture
def register(db: Database) -> Register:
    return Register(db, CLOCK)


@pytest.fixture
def team(register: Register) -> Team:
    return build_team(register)


def gdp_meeting(team: Team, *people: int, **changes: object) -> MeetingData:
    """On DAY, with both members of the group."""
    contacts = (team.worker_id, team.officer_id)
    return meeting_cases.gdp_meeting(team, DAY, *people, contacts=contacts, **changes)


def state(register: Register, team: Team, step: str) -> DeadlineState:
    [deadline] = [
        d for d in register.course.view(team.procedure_id).deadlines if d.rule.step == step
    ]
    return deadline.state


def test_zi_has_one_chair_and_members_from_the_directory(register: Register, team: Team) -> None:
    register.zi.save_member(ZiMemberData(team.officer_id, is_chair=True))
    members = register.zi.members()
    assert [(m.contact.name, m.is_chair) for m in members] == [
        ("Testowy Piotr", True),
        ("Próbna Ewa", False),
    ]
    assert members[1].contact.confidentiality_signed_on == SIGNED
    assert members[0].contact.label == "Testowy Piotr — dzielnicowy, Posterunek Policji w Zmyślinie"
    with pytest.raises(ValidationError, match="jest już członkiem"):
        register.zi.save_member(ZiMemberData(team.officer_id))


def test_creating_the_gdp_hands_over_the_nka_and_meets_its_deadline(
    register: Register, team: Team
) -> None:
    view = register.gdp.view(team.procedure_id)
    assert view is not None and view.nka_waiting == 0
    assert [m.name for m in view.members] == ["Próbna Ewa", "Testowy Piotr"]
    assert state(register, team, "nka_to_gdp") is DeadlineState.MET
    # The first meeting was due 5 working days after the hand-over: 25.11, now missed.
    assert state(register, team, "first_gdp_meeting") is DeadlineState.MISSED


def test_held_meeting_meets_the_first_meeting_deadline(register: Register, team: Team) -> None:
    register.course.add_event(team.procedure_id, CourseEvent.PERPETRATOR_PRESENT_AT_OPENING, FILLED)
    assert next_due(register, team) == dt.date(2026, 11, 25), "the first meeting is next"
    planned = register.meetings.save(gdp_meeting(team)).record_id
    assert state(register, team, "first_gdp_meeting") is DeadlineState.MISSED, "planned only"
    assert planned is not None
    register.meetings.save(gdp_meeting(team, status=MeetingStatus.HELD), planned)
    assert state(register, team, "first_gdp_meeting") is DeadlineState.MET
    assert next_due(register, team) != dt.date(2026, 11, 25), "the stored date moved on"


def next_due(register: Register, team: Team) -> dt.date | None:
    [row] = [r for r in register.procedures.list(ProcedureQuery()) if r.id == team.procedure_id]
    return row.next_due_on


def test_victim_and_perpetrator_are_never_in_one_meeting(register: Register, team: Team) -> None:
    with pytest.raises(ValidationError, match="osobno") as refused:
        register.meetings.save(gdp_meeting(team, team.victim_id, team.perpetrator_id))
    assert "Zmyślona Anna" in str(refused.value) and "Zmyślona Jan" in str(refused.value)
    assert register.meetings.for_procedure(team.procedure_id) == ()


def test_overlapping_meetings_with_the_victim_and_the_perpetrator_are_refused(
    register: Register, team: Team
) -> None:
    register.meetings.save(gdp_meeting(team, team.victim_id))
    overlapping = gdp_meeting(
        team, team.perpetrator_id, starts_at=dt.time(10, 30), ends_at=dt.time(11, 30)
    )
    with pytest.raises(ValidationError, match="w tym samym czasie") as refused:
        register.meetings.save(overlapping)
    assert "10:00–11:00" in str(refused.value)
    later = gdp_meeting(team, team.perpetrator_id, starts_at=dt.time(11), ends_at=dt.time(12))
    register.meetings.save(later)
    assert len(register.meetings.for_procedure(team.procedure_id)) == 2


def test_moving_a_meeting_onto_the_other_persons_hour_is_refused(
    register: Register, team: Team
) -> None:
    register.meetings.save(gdp_meeting(team, team.victim_id))
    other = register.meetings.save(
        gdp_meeting(team, team.perpetrator_id, starts_at=dt.time(12), ends_at=dt.time(13))
    ).record_id
    moved = gdp_meeting(team, team.perpetrator_id, starts_at=dt.time(9), ends_at=dt.time(10, 1))
    with pytest.raises(ValidationError, match="Zmień godziny"):
        register.meetings.save(moved, other)
    assert other is not None
    assert register.meetings.get(other).starts_at == dt.time(12), "nothing changed"


def test_a_cancelled_meeting_does_not_block_the_hour(register: Register, team: Team) -> None:
    register.meetings.save(gdp_meeting(team, team.victim_id, status=MeetingStatus.CANCELLED))
    register.meetings.save(gdp_meeting(team, team.perpetrator_id))


def test_invitations_and_absence_are_course_facts(register: Register, team: Team) -> None:
    data = gdp_meeting(
        team,
        team.perpetrator_id,
        status=MeetingStatus.HELD,
        invitations_sent_on=dt.date(2026, 11, 19),
        invitations_how=InvitationMethod.POLICE,
    )
    data.participants[-1].attendance = Attendance.ABSENT
    meeting_id = register.meetings.save(data).record_id
    assert meeting_id is not None
    view = register.meetings.get(meeting_id)
    assert [(p.name, p.attendance) for p in view.participants][-1] == (
        "Zmyślona Jan",
        Attendance.ABSENT,
    )
    assert view.invitations_how is InvitationMethod.POLICE
    assert view.title == f"Posiedzenie GDP, {view.number}, 23.11.2026 10:00"
    judged = {d.rule.step: d for d in register.course.view(team.procedure_id).deadlines}
    assert judged["first_gdp_meeting"].done_on == DAY


def test_attendance_waits_for_the_meeting(register: Register, team: Team) -> None:
    data = gdp_meeting(team)
    data.participants[0].attendance = Attendance.PRESENT
    with pytest.raises(ValidationError, match="po posiedzeniu"):
        register.meetings.save(data)
    future = gdp_meeting(team, held_on=dt.date(2026, 12, 3), status=MeetingStatus.HELD)
    with pytest.raises(ValidationError, match="nie mogło się jeszcze odbyć"):
        register.meetings.save(future)


def test_a_gdp_meeting_needs_the_gdp_and_a_place(register: Register) -> None:
    team = build_team(register, gdp=False)
    with pytest.raises(ValidationError, match="Najpierw utwórz grupę"):
        register.meetings.save(gdp_meeting(team))


def test_a_meeting_needs_a_place_or_a_link(register: Register, team: Team) -> None:
    with pytest.raises(ValidationError, match="miejsce"):
        register.meetings.save(gdp_meeting(team, place=""))
    with pytest.raises(ValidationError, match="https://"):
        register.meetings.save(gdp_meeting(team, place="", remote_link="teams/abc"))
    register.meetings.save(gdp_meeting(team, place="", remote_link="https://spotkanie.invalid/1"))


def test_zi_meeting_invites_the_zi(register: Register, team: Team) -> None:
    invitees = register.meetings.invitees(MeetingKind.ZI)
    assert [(i.name, i.member) for i in invitees] == [("Próbna Ewa", True)]
    created = register.meetings.save(
        MeetingData(
            MeetingKind.ZI,
            dt.date(2026, 12, 10),
            dt.time(9),
            dt.time(11),
            place="Urząd Gminy, sala 1",
            agenda="Sprawozdanie roczne",
            participants=[ParticipantData(contact_id=team.worker_id)],
        )
    ).record_id
    [row] = register.meetings.zi_meetings()
    assert (row.id, row.invited, row.number) == (created, 1, None)


def test_gdp_invitees_are_members_then_the_procedures_people(
    register: Register, team: Team
) -> None:
    invitees = register.meetings.invitees(MeetingKind.GDP, team.procedure_id)
    assert [(i.name, i.member) for i in invitees] == [
        ("Próbna Ewa", True),
        ("Testowy Piotr", True),
        ("Zmyślona Anna", False),
        ("Zmyślona Jan", False),
    ]


def test_editing_the_institution_keeps_its_contacts_in_the_teams(
    register: Register, team: Team
) -> None:
    [row] = register.institutions.list("GOPS w Zmyślinie")
    stored = register.institutions.get(row.id)
    [contact] = stored.contacts
    edited = ContactPersonData("Ewa", "Próbna-Nowa", "kierownik", id=contact.id)
    register.institutions.save(
        InstitutionData(stored.name, stored.type, contacts=[edited]), stored.id
    )
    [member] = register.zi.members()
    assert (member.contact.id, member.contact.name) == (contact.id, "Próbna-Nowa Ewa")
    assert member.contact.confidentiality_signed_on is None, "the form cleared the date"
    with pytest.raises(ValidationError, match="najpierw usuń"):
        register.institutions.save(InstitutionData(stored.name, stored.type), stored.id)
    with pytest.raises(ValidationError, match="najpierw usuń"):
        register.institutions.delete(stored.id)
    assert register.institutions.get(stored.id).contacts[0].id == contact.id


def test_the_group_cannot_be_dated_after_its_first_meeting(register: Register, team: Team) -> None:
    register.meetings.save(gdp_meeting(team))
    with pytest.raises(ValidationError, match="po swoim pierwszym posiedzeniu"):
        register.gdp.save(team.procedure_id, GdpData(DAY + dt.timedelta(days=1), [team.worker_id]))
    view = register.gdp.view(team.procedure_id)
    assert view is not None and view.created_on == dt.date(2026, 11, 18)


def _second_procedure(register: Register, team: Team, role: Role) -> int:
    """A second fictional procedure in which the first one's perpetrator has `role`."""
    created = register.procedures.create(FILLED).record_id
    assert created is not None
    register.participants.save(
        created, PersonRecord(PersonData("Jan", "Zmyślona"), role), person_id=team.perpetrator_id
    )
    register.gdp.save(created, GdpData(dt.date(2026, 11, 18), [team.worker_id]))
    return created


def test_the_perpetrator_is_kept_apart_through_another_procedure(
    register: Register, team: Team
) -> None:
    # Jan is the perpetrator here and a victim in a second procedure: that procedure's
    # meeting with him cannot overlap Anna's meeting of the first one.
    register.meetings.save(gdp_meeting(team, team.victim_id))
    second = _second_procedure(register, team, Role.VICTIM)
    theirs = gdp_meeting(team, team.perpetrator_id, procedure_id=second, ends_at=dt.time(12))
    theirs.participants = [ParticipantData(person_id=team.perpetrator_id)]
    with pytest.raises(ValidationError, match="w tym samym czasie") as refused:
        register.meetings.save(theirs)
    assert "Zmyślona Anna" in str(refused.value)
    assert register.meetings.for_procedure(second) == ()


def test_a_new_role_cannot_seat_the_victim_with_the_perpetrator(
    register: Register, team: Team
) -> None:
    register.participants.save(
        team.procedure_id, PersonRecord(PersonData("Ola", "Zmyślona"), Role.HOUSEHOLD_MEMBER)
    )
    [ola] = [
        p
        for p in register.procedures.detail(team.procedure_id).participants
        if p.person.first_name == "Ola"
    ]
    coming = dt.date(2026, 12, 7)
    register.meetings.save(gdp_meeting(team, team.victim_id, ola.person.id, held_on=coming))
    as_perpetrator = PersonRecord(PersonData("Ola", "Zmyślona"), Role.PERPETRATOR)
    with pytest.raises(ValidationError, match="osobno") as refused:
        register.participants.save(team.procedure_id, as_perpetrator, participation_id=ola.id)
    assert "07.12.2026" in str(refused.value)
    roles = {p.role for p in register.procedures.detail(team.procedure_id).participants}
    assert Role(ola.role) is Role.HOUSEHOLD_MEMBER and roles == {
        Role.VICTIM,
        Role.PERPETRATOR,
        Role.HOUSEHOLD_MEMBER,
    }, "nothing changed"


def test_a_meeting_keeps_a_person_taken_out_of_the_procedure(
    register: Register, team: Team
) -> None:
    register.participants.save(
        team.procedure_id, PersonRecord(PersonData("Ola", "Zmyślona"), Role.HOUSEHOLD_MEMBER)
    )
    [ola] = [
        p
        for p in register.procedures.detail(team.procedure_id).participants
        if p.person.first_name == "Ola"
    ]
    saved = register.meetings.save(gdp_meeting(team, team.victim_id, ola.person.id)).record_id
    assert saved is not None
    register.participants.remove(ola.id)
    # The dialog sends back every stored participant as it was shown.
    data = gdp_meeting(team, status=MeetingStatus.HELD, minutes="Omówiono plan pomocy.")
    data.participants = [
        ParticipantData(p.contact_id, p.person_id, participant_id=p.id)
        for p in register.meetings.get(saved).participants
    ]
    register.meetings.save(data, saved)
    kept = register.meetings.get(saved)
    assert kept.status is MeetingStatus.HELD
    assert ("Zmyślona Ola", Role.HOUSEHOLD_MEMBER) in {(p.name, p.role) for p in kept.participants}
    with pytest.raises(ValidationError, match="tylko osoby z tej procedury"):
        register.meetings.save(gdp_meeting(team, ola.person.id))
