"""The .ics file of deadlines: it opens in a calendar parser and names no one."""

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from app.domain.enums import CourseEvent, MeetingKind, MeetingStatus, Role
from app.errors import ValidationError
from app.services.appointments import AppointmentData
from app.services.meetings import MeetingData
from app.services.meetings import ParticipantData as Invited
from app.services.records import NkaData, ParticipantData, PersonData
from app.services.register import Register
from app.storage.db import Database
from tests.support.clock import CLOCK
from tests.support.meeting_cases import build_team
from tests.support.nka_people import nka_people

SURNAMES = ("Zawiślak", "Ćwiertnia")


@pytest.fixture
def register(db: Database) -> Register:
    register = Register(db, CLOCK)
    for filled, surname in (
        (dt.date(2026, 11, 2), SURNAMES[0]),
        (dt.date(2026, 11, 26), SURNAMES[1]),
    ):
        created = register.procedures.create(
            filled, notes=f"Notatka o rodzinie {surname}"
        ).record_id
        assert created is not None
        register.participants.save(
            created,
            ParticipantData(PersonData("Halina", surname, pesel="85010112345"), Role.VICTIM),
        )
        register.participants.save(
            created, ParticipantData(PersonData("Marek", surname), Role.PERPETRATOR)
        )
        register.nka.save(
            created,
            NkaData(
                filled_on=filled,
                filled_by_service="police",
                content={"nkb_handed": True},
                person_ids=nka_people(register.context, created),
            ),
        )
    first = register.procedures.detail(1).nka_records[0].id
    register.course.add_event(
        1, CourseEvent.NKA_RECEIVED_BY_CHAIR, dt.date(2026, 11, 3), nka_record_id=first
    )
    closed = register.procedures.create(dt.date(2026, 11, 4)).record_id
    assert closed is not None
    register.nka.save(
        closed,
        NkaData(
            filled_on=dt.date(2026, 11, 4),
            filled_by_service="police",
            person_ids=nka_people(register.context, closed),
        ),
    )
    register.procedures.close(closed, dt.date(2026, 11, 5), "no_grounds", "")
    return register


def test_the_file_holds_each_open_deadline_on_its_day_and_nothing_personal(
    register: Register, tmp_path: Path
) -> None:
    target = tmp_path / "terminy.ics"
    assert register.export_calendar(target) == 2
    data = target.read_bytes()
    calendar = Calendar.from_ical(data)
    events = sorted(
        (str(event["summary"]), event.decoded("dtstart")) for event in calendar.walk("VEVENT")
    )
    # NK/1: with the chair on 3.11, the GDP was due by 6.11 (missed, still to do);
    # NK/2: filled on Thursday 26.11, due to reach the chair by 3.12.
    assert events == [
        ("NK/1/2026: NK-A u członków GDP", dt.date(2026, 11, 6)),
        ("NK/2/2026: NK-A u przewodniczącego ZI", dt.date(2026, 12, 3)),
    ]
    text = data.decode("utf-8")
    for private in (*SURNAMES, "Halina", "Marek", "Przykładow", "85010112345", "Notatka"):
        assert private not in text
    assert "NK/3/2026" not in text, "a closed procedure has nothing left to remind of"


def test_the_file_is_never_written_into_the_data_folder(register: Register) -> None:
    inside = register.path.parent / "terminy.ics"
    with pytest.raises(ValidationError, match="w folderze danych programu"):
        register.export_calendar(inside)
    assert not inside.exists()


def test_meetings_and_own_appointments_carry_their_hour_and_no_place_or_title(
    db: Database, tmp_path: Path
) -> None:
    register = Register(db, CLOCK)
    team = build_team(register)
    register.meetings.save(
        MeetingData(
            MeetingKind.GDP,
            dt.date(2026, 12, 2),
            dt.time(10),
            dt.time(11, 30),
            procedure_id=team.procedure_id,
            place="ul. Zmyślona 7 (mieszkanie rodziny)",
            agenda="Rozmowa z Anną",
            participants=[Invited(person_id=team.victim_id)],
        )
    )
    register.meetings.save(
        MeetingData(
            MeetingKind.GDP,
            dt.date(2026, 12, 3),
            dt.time(9),
            dt.time(10),
            procedure_id=team.procedure_id,
            status=MeetingStatus.CANCELLED,
            remote_link="https://spotkanie.invalid/abc",
        )
    )
    register.meetings.save(
        MeetingData(MeetingKind.ZI, dt.date(2026, 12, 10), dt.time(9), dt.time(11), place="UG")
    )
    register.appointments.save(
        AppointmentData(dt.date(2026, 12, 4), "Rozprawa Zmyślonej w sądzie", dt.time(13))
    )
    register.appointments.save(AppointmentData(dt.date(2026, 11, 27), "Szkolenie (już było)"))
    target = tmp_path / "terminy.ics"
    register.export_calendar(target)
    text = target.read_bytes().decode("utf-8")
    found = [
        (str(event["summary"]), event.decoded("dtstart"), event.get("dtend"))
        for event in Calendar.from_ical(text).walk("VEVENT")
    ]
    events = {summary: (start, end) for summary, start, end in found}
    number = register.procedures.detail(team.procedure_id).number
    start, end = events[f"{number}: posiedzenie GDP"]
    assert (start, end.dt) == (dt.datetime(2026, 12, 2, 10), dt.datetime(2026, 12, 2, 11, 30))
    assert events["Posiedzenie ZI"][0] == dt.datetime(2026, 12, 10, 9)
    assert events["Termin własny"][0] == dt.datetime(2026, 12, 4, 13)
    meetings = [summary for summary, _start, _end in found if summary.endswith(": posiedzenie GDP")]
    assert len(meetings) == 1, "the cancelled one is left out"
    for private in ("Zmyślon", "Anna", "Anną", "ul.", "https://", "Rozprawa", "Szkolenie", "UG"):
        assert private not in text
