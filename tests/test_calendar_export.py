"""The .ics file of deadlines: it opens in a calendar parser and names no one."""

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from app.domain.enums import CourseEvent, Role
from app.errors import ValidationError
from app.services.records import NkaData, ParticipantData, PersonData
from app.services.register import Register
from app.storage.db import Database
from tests.support.clock import CLOCK

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
        register.nka.save(
            created,
            NkaData(filled_on=filled, filled_by_service="police", content={"nkb_handed": True}),
        )
    first = register.procedures.detail(1).nka_records[0].id
    register.course.add_event(
        1, CourseEvent.NKA_RECEIVED_BY_CHAIR, dt.date(2026, 11, 3), nka_record_id=first
    )
    closed = register.procedures.create(dt.date(2026, 11, 4)).record_id
    assert closed is not None
    register.nka.save(closed, NkaData(filled_on=dt.date(2026, 11, 4), filled_by_service="police"))
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
    for private in (*SURNAMES, "Halina", "85010112345", "Notatka"):
        assert private not in text
    assert "NK/3/2026" not in text, "a closed procedure has nothing left to remind of"


def test_the_file_is_never_written_into_the_data_folder(register: Register) -> None:
    inside = register.path.parent / "terminy.ics"
    with pytest.raises(ValidationError, match="w folderze danych programu"):
        register.export_calendar(inside)
    assert not inside.exists()
