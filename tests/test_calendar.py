"""The calendar's items: each layer on its days, the overdue repeated on today, only
candidates loaded, nothing of closed or deleted procedures' deadlines."""

import datetime as dt

import pytest

from app.domain.deadlines import earliest_start
from app.domain.enums import CourseEvent as E
from app.domain.enums import MeetingKind, MeetingStatus
from app.domain.workdays import add_working_days
from app.services import calendar as calendar_module
from app.services.appointments import AppointmentData
from app.services.calendar import (
    CalendarItem,
    Layer,
    Tone,
    add_months,
    agenda_span,
    month_span,
    week_span,
)
from app.services.meetings import MeetingData
from app.services.records import NkaData
from app.services.register import Register
from app.storage.db import Database
from tests.support.calendar_cases import fill
from tests.support.clock import CLOCK, TODAY
from tests.support.meeting_cases import build_team, gdp_meeting
from tests.support.nka_people import nka_people

NOVEMBER = (dt.date(2026, 10, 26), dt.date(2026, 12, 6))  # the month grid of November 2026


@pytest.fixture
def register(db: Database) -> Register:
    return Register(db, CLOCK)


@pytest.fixture
def ids(register: Register) -> dict[str, int]:
    return fill(register)


def shown(items: tuple[CalendarItem, ...]) -> list[tuple[str, str, str, str]]:
    return [(f"{i.day:%d.%m}", i.layer.value, i.tone.value, i.title) for i in items]


def test_each_layer_puts_its_items_on_their_days(register: Register, ids: dict[str, int]) -> None:
    result = register.calendar.items(*NOVEMBER)
    assert shown(result.items) == [
        ("03.11", "steps", "done", "NK/1/2026: NK-A otrzymana przez przewodniczącego ZI"),
        ("06.11", "deadlines", "overdue", "NK/1/2026: NK-A u członków GDP"),
        ("17.11", "steps", "done", "NK/3/2026: NK-A otrzymana przez przewodniczącego ZI"),
        ("18.11", "steps", "done", "NK/3/2026: NK-A przekazana członkom GDP"),
        ("19.11", "steps", "done", "NK/3/2026: osoba stosująca przemoc powiadomiona o wszczęciu"),
        ("20.11", "visits", "done", "NK/1/2026: wizyta"),
        ("24.11", "gdp_meetings", "done", "NK/3/2026: posiedzenie GDP"),
        ("30.11", "deadlines", "overdue", "NK/1/2026: NK-A u członków GDP"),
        ("03.12", "deadlines", "due_soon", "NK/2/2026: NK-A u przewodniczącego ZI"),
    ]
    assert result.overdue == 1
    visit = result.items[5]
    assert (visit.victims, visit.detail, visit.procedure_id) == (
        "Fikcyjna Olga",
        "Wizyta w miejscu zamieszkania",
        ids["overdue"],
    )
    meeting = result.items[6]
    assert (meeting.detail, meeting.procedure_id) == ("w ośrodku", ids["on_course"])


def test_an_overdue_deadline_is_repeated_first_on_today(
    register: Register, ids: dict[str, int]
) -> None:
    first, *rest = register.calendar.items(TODAY, TODAY + dt.timedelta(days=3)).items
    assert (first.day, first.due_on, first.carried, first.tone) == (
        TODAY,
        dt.date(2026, 11, 6),
        True,
        Tone.OVERDUE,
    )
    assert first.detail.startswith("Utworzyć grupę diagnostyczno-pomocową")
    assert "termin minął 06.11.2026" in first.detail
    assert [i.title for i in rest] == ["NK/2/2026: NK-A u przewodniczącego ZI"]
    later = register.calendar.items(TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=7))
    assert [i.carried for i in later.items] == [False], "only a range holding today repeats it"
    assert later.overdue == 0


def test_today_repeats_only_the_most_overdue_and_counts_them_all(
    register: Register, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = register.procedures.create(dt.date(2026, 10, 1)).record_id
    assert stale is not None
    register.nka.save(
        stale,
        NkaData(
            filled_on=dt.date(2026, 10, 1),
            filled_by_service="police",
            person_ids=nka_people(register.context, stale),
        ),
    )
    monkeypatch.setattr(calendar_module, "OVERDUE_ON_TODAY", 1)
    result = register.calendar.items(TODAY, TODAY, [Layer.DEADLINES])
    assert result.overdue == 2
    # NK/6 has missed two deadlines since 1.10 (NK-B at once, NK-A to the chair by 8.10).
    assert [(i.number, i.due_on) for i in result.items] == [
        ("NK/6/2026", dt.date(2026, 10, 1)),
        ("NK/6/2026", dt.date(2026, 10, 8)),
    ]


def test_layers_switched_off_are_left_out(register: Register, ids: dict[str, int]) -> None:
    def layers(*wanted: Layer) -> set[str]:
        return {i.layer.value for i in register.calendar.items(*NOVEMBER, wanted).items}

    assert layers(Layer.GDP_MEETINGS) == {"gdp_meetings"}
    assert layers(Layer.STEPS, Layer.VISITS) == {"steps", "visits"}
    assert register.calendar.items(*NOVEMBER, [Layer.VISITS]).overdue == 0
    assert layers() == set()


def test_closed_and_deleted_procedures_show_no_deadlines(
    register: Register, ids: dict[str, int]
) -> None:
    numbers = {i.number for i in register.calendar.items(dt.date(2026, 1, 1), TODAY).items}
    assert "NK/4/2026" not in numbers, "closed: its missed NK-B is no reminder any more"
    assert "NK/5/2026" not in numbers, "deleted: not even its visit"
    register.procedures.reopen(ids["closed"])
    reopened = register.calendar.items(dt.date(2026, 11, 4), dt.date(2026, 11, 4)).items
    assert [i.title for i in reopened] == ["NK/4/2026: NK-B u osoby doznającej przemocy"]


def test_a_deadline_that_started_after_an_earlier_overdue_one_is_found(
    register: Register, ids: dict[str, int]
) -> None:
    """NK/1's next due date stays 6.11 (missed); a repeat NK-A on 30.11 starts new clocks
    in December, found though the stored date lies before the range."""
    people = nka_people(register.context, ids["overdue"])
    register.nka.save(
        ids["overdue"], NkaData(filled_on=TODAY, filled_by_service="police", person_ids=people)
    )
    december = register.calendar.items(dt.date(2026, 12, 1), dt.date(2026, 12, 31)).items
    assert [(i.day, i.title) for i in december] == [
        (dt.date(2026, 12, 3), "NK/2/2026: NK-A u przewodniczącego ZI"),
        (dt.date(2026, 12, 7), "NK/1/2026: NK-A u przewodniczącego ZI (NK-A nr 2)"),
    ]


def test_a_repeat_nka_s_step_is_named_by_its_number(
    register: Register, ids: dict[str, int]
) -> None:
    people = nka_people(register.context, ids["on_course"])
    register.nka.save(
        ids["on_course"], NkaData(filled_on=TODAY, filled_by_service="police", person_ids=people)
    )
    second = register.procedures.detail(ids["on_course"]).nka_records[1].id
    register.course.add_event(ids["on_course"], E.NKA_RECEIVED_BY_CHAIR, TODAY, second)
    steps = register.calendar.items(TODAY, TODAY, [Layer.STEPS]).items
    assert [i.title for i in steps] == [
        "NK/3/2026: NK-A otrzymana przez przewodniczącego ZI (NK-A nr 2)"
    ]


def test_the_candidates_look_back_as_far_as_any_clock_can_run() -> None:
    """Rules in force: 5 and 3 working days, at once; before 28.09.2023: 7 calendar days."""
    for offset in range(0, 800, 3):
        due_from = dt.date(2025, 1, 1) + dt.timedelta(days=offset)
        working = due_from
        while add_working_days(working - dt.timedelta(days=1), 5) >= due_from:
            working -= dt.timedelta(days=1)
        assert earliest_start(due_from) == min(working, due_from - dt.timedelta(days=7))


def test_the_spans_of_the_views() -> None:
    assert month_span(dt.date(2026, 12, 15)) == (dt.date(2026, 11, 30), dt.date(2027, 1, 10))
    assert month_span(dt.date(2026, 6, 1)) == (dt.date(2026, 6, 1), dt.date(2026, 7, 12))
    assert week_span(dt.date(2026, 12, 6)) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert agenda_span(TODAY) == (TODAY, dt.date(2026, 12, 27))
    assert add_months(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 1)
    assert add_months(dt.date(2026, 1, 15), -1) == dt.date(2025, 12, 1)


def test_meetings_and_own_appointments_are_at_their_hours_in_their_layers(
    register: Register,
) -> None:
    team = build_team(register)
    number = register.procedures.detail(team.procedure_id).number
    planned = register.meetings.save(gdp_meeting(team, dt.date(2026, 12, 2))).record_id
    register.meetings.save(
        MeetingData(
            MeetingKind.ZI,
            dt.date(2026, 12, 2),
            dt.time(8, 30),
            dt.time(9, 30),
            status=MeetingStatus.CANCELLED,
            remote_link="https://spotkanie.invalid/zi",
        )
    )
    own = register.appointments.save(
        AppointmentData(dt.date(2026, 12, 2), "Szkolenie", procedure_number=number)
    ).record_id
    items = register.calendar.items(dt.date(2026, 12, 2), dt.date(2026, 12, 2)).items
    assert [(i.time, i.layer, i.tone, i.title) for i in items] == [
        (None, Layer.OWN, Tone.PENDING, f"{number}: Szkolenie"),
        (dt.time(8, 30), Layer.ZI_MEETINGS, Tone.DONE, "posiedzenie ZI (odwołane)"),
        (dt.time(10), Layer.GDP_MEETINGS, Tone.PENDING, f"{number}: posiedzenie GDP"),
    ]
    assert [(i.meeting_id, i.appointment_id) for i in items] == [
        (None, own),
        (items[1].meeting_id, None),
        (planned, None),
    ]
    assert items[2].victims == "Zmyślona Anna" and items[1].detail == "spotkanie zdalne"
    only_zi = register.calendar.items(
        dt.date(2026, 12, 2), dt.date(2026, 12, 2), [Layer.ZI_MEETINGS]
    )
    assert [i.layer for i in only_zi.items] == [Layer.ZI_MEETINGS]
    register.procedures.delete(team.procedure_id)
    left = register.calendar.items(dt.date(2026, 12, 2), dt.date(2026, 12, 2)).items
    assert [i.layer for i in left] == [Layer.ZI_MEETINGS], "a deleted procedure's are gone"
