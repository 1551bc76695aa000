"""The procedure's clock: every rule met, late, missed; repeats, archive rules, guidance."""

import datetime as dt

import pytest

from app.domain import deadline_rules
from app.domain.deadline_rules import Count
from app.domain.deadlines import (
    Course,
    Deadline,
    DeadlineState,
    EventFact,
    NkaFacts,
    days_phrase,
    deadlines,
    next_due,
    next_step,
)
from app.domain.enums import CourseEvent as E

D = dt.date
OPENING = NkaFacts(1, D(2026, 3, 2))  # Monday


def by_step(judged: tuple[Deadline, ...], nka: int | None = 1) -> dict[str, Deadline]:
    return {d.rule.step: d for d in judged if d.nka_record_id == nka}


def course(*events: EventFact, nkas: tuple[NkaFacts, ...] = (OPENING,), **kw: object) -> Course:
    return Course(nkas=nkas, events=events, **kw)  # type: ignore[arg-type]


# ---- NK-A to the ZI chair: 5 working days from filling (§ 7) ------------------------------


@pytest.mark.parametrize(
    ("received", "today", "state", "late"),
    [
        (D(2026, 3, 6), D(2026, 3, 20), DeadlineState.MET, 0),
        (D(2026, 3, 9), D(2026, 3, 20), DeadlineState.MET, 0),  # the last day still counts
        (D(2026, 3, 11), D(2026, 3, 20), DeadlineState.LATE, 2),
        (None, D(2026, 3, 12), DeadlineState.MISSED, 3),
        (None, D(2026, 3, 9), DeadlineState.DUE_SOON, 0),
        (None, D(2026, 3, 2), DeadlineState.DUE_SOON, 0),  # „niezwłocznie”: due from day one
    ],
)
def test_nka_to_chair(
    received: dt.date | None, today: dt.date, state: DeadlineState, late: int
) -> None:
    events = [EventFact(E.NKA_RECEIVED_BY_CHAIR, received, 1)] if received else []
    deadline = by_step(deadlines(course(*events), today))["nka_to_chair"]
    assert deadline.due_on == D(2026, 3, 9)
    assert (deadline.state, deadline.days_late, deadline.done_on) == (state, late, received)


def test_the_five_days_skip_easter_monday() -> None:
    nka = NkaFacts(1, D(2026, 4, 2))  # Thursday before Easter
    deadline = by_step(deadlines(course(nkas=(nka,)), D(2026, 4, 2)))["nka_to_chair"]
    assert deadline.due_on == D(2026, 4, 10)
    assert deadline.guidance() == (
        "Przekazać NK-A przewodniczącemu zespołu interdyscyplinarnego — do 10.04.2026 "
        "(5 dni roboczych, § 7)"
    )


# ---- the chain: chair → GDP (3) → first meeting (5), perpetrator notified (3) --------------


CHAIN = (
    EventFact(E.NKA_RECEIVED_BY_CHAIR, D(2026, 3, 4), 1),  # Wednesday
    EventFact(E.NKA_PASSED_TO_GDP, D(2026, 3, 10), 1),  # due Monday 9.03: one day late
)


def test_gdp_clock_runs_from_the_chairs_receipt_and_the_meeting_from_the_gdps() -> None:
    judged = by_step(deadlines(course(*CHAIN), D(2026, 3, 16)))
    gdp = judged["nka_to_gdp"]
    assert (gdp.starts_on, gdp.due_on, gdp.state, gdp.days_late) == (
        D(2026, 3, 4),
        D(2026, 3, 9),
        DeadlineState.LATE,
        1,
    )
    meeting = judged["first_gdp_meeting"]
    assert (meeting.starts_on, meeting.due_on) == (D(2026, 3, 10), D(2026, 3, 17))
    assert meeting.state is DeadlineState.DUE_SOON
    assert meeting.guidance() == (
        "Zwołać pierwsze posiedzenie grupy diagnostyczno-pomocowej — do 17.03.2026 "
        "(5 dni roboczych, § 8)"
    )
    notified = judged["perpetrator_notified"]
    assert (notified.due_on, notified.state, notified.days_late) == (
        D(2026, 3, 13),
        DeadlineState.MISSED,
        1,
    )


def test_a_meeting_held_in_time_meets_it_and_starts_the_work_with_the_people() -> None:
    judged = by_step(
        deadlines(
            course(*CHAIN, EventFact(E.GDP_MEETING, D(2026, 3, 17))),
            D(2026, 3, 18),
        )
    )
    assert judged["first_gdp_meeting"].state is DeadlineState.MET
    nkc = judged["nkc_with_victim"]
    assert (nkc.starts_on, nkc.due_on, nkc.state) == (D(2026, 3, 17), None, DeadlineState.OPEN)
    assert nkc.guidance() == (
        "Spotkać się z osobą doznającą przemocy i wypełnić z nią NK-C — "
        "bez terminu ustawowego (§ 11)"
    )
    assert judged["help_plan"].state is DeadlineState.WAITING, "runs from NK-C"


def test_a_meeting_before_the_gdp_had_the_form_does_not_count() -> None:
    early = EventFact(E.GDP_MEETING, D(2026, 3, 3))
    judged = by_step(deadlines(course(*CHAIN, early), D(2026, 3, 18)))
    assert judged["first_gdp_meeting"].state is DeadlineState.MISSED


def test_a_perpetrator_present_at_the_opening_needs_no_notification() -> None:
    present = EventFact(E.PERPETRATOR_PRESENT_AT_OPENING, D(2026, 3, 2))
    judged = by_step(deadlines(course(*CHAIN, present), D(2026, 3, 30)))
    assert judged["perpetrator_notified"].state is DeadlineState.WAIVED
    assert judged["perpetrator_notified"].state.label == "nie dotyczy"


def test_nkb_ticked_on_the_form_is_handed_on_the_day_of_the_nka() -> None:
    ticked = NkaFacts(1, D(2026, 3, 2), nkb_in_form=True)
    assert by_step(deadlines(course(nkas=(ticked,)), D(2026, 3, 5)))["nkb_to_victim"].state is (
        DeadlineState.MET
    )
    missed = by_step(deadlines(course(), D(2026, 3, 3)))["nkb_to_victim"]
    assert (missed.due_on, missed.state, missed.days_late) == (
        D(2026, 3, 2),
        DeadlineState.MISSED,
        1,
    )
    assert missed.guidance() == (
        "Przekazać formularz NK-B osobie doznającej przemocy — termin minął 02.03.2026 "
        "(od razu, § 6); spóźnienie 1 dzień roboczy"
    )


# ---- a repeat NK-A in an open procedure -----------------------------------------------------


def test_a_repeat_nka_starts_only_its_own_clocks() -> None:
    repeat = NkaFacts(2, D(2026, 4, 30))  # Thursday before 1 May (Friday) and 3 May (Sunday)
    judged = deadlines(course(*CHAIN, nkas=(OPENING, repeat)), D(2026, 5, 4))
    second = by_step(judged, nka=2)
    assert set(second) == {"nka_to_chair", "nkb_to_victim", "nka_to_gdp"}
    assert second["nka_to_chair"].due_on == D(2026, 5, 8)
    assert second["nka_to_chair"].guidance() == (
        "Przekazać NK-A przewodniczącemu zespołu interdyscyplinarnego (NK-A nr 2) — "
        "do 08.05.2026 (5 dni roboczych, § 7)"
    )
    assert second["nka_to_gdp"].state is DeadlineState.WAITING
    received = EventFact(E.NKA_RECEIVED_BY_CHAIR, D(2026, 5, 4), 2)
    again = by_step(deadlines(course(*CHAIN, received, nkas=(OPENING, repeat)), D(2026, 5, 4)), 2)
    assert again["nka_to_gdp"].guidance() == (
        "Przekazać kolejną NK-A członkom grupy diagnostyczno-pomocowej (NK-A nr 2) — "
        "do 07.05.2026 (3 dni robocze, § 7)"
    )
    steps = [d.rule.step for d in judged]
    assert steps.count("first_gdp_meeting") == 1, "the GDP's first meeting runs once"


def test_events_of_one_nka_do_not_meet_another_nkas_clock() -> None:
    repeat = NkaFacts(2, D(2026, 4, 30))
    judged = deadlines(course(*CHAIN, nkas=(OPENING, repeat)), D(2026, 5, 20))
    assert by_step(judged, nka=1)["nka_to_chair"].state is DeadlineState.MET
    assert by_step(judged, nka=2)["nka_to_chair"].state is DeadlineState.MISSED


# ---- archive procedures: the rules before 28.09.2023 ---------------------------------------


def test_an_archive_procedure_is_judged_by_the_old_calendar_day_rules() -> None:
    old = NkaFacts(1, D(2023, 5, 10))
    received = EventFact(E.NKA_RECEIVED_BY_CHAIR, D(2023, 5, 19), 1)
    judged = by_step(deadlines(course(received, nkas=(old,)), D(2023, 6, 30)))
    chair = judged["nka_to_chair"]
    assert (chair.due_on, chair.state, chair.days_late) == (
        D(2023, 5, 17),
        DeadlineState.LATE,
        2,
    )
    assert chair.rule.count is Count.CALENDAR and chair.rule.confidence.label == "niepewne"
    assert judged["nka_to_gdp"].due_on == D(2023, 5, 22)  # 3 calendar days from 19.05
    assert "first_gdp_meeting" not in judged, "no deadline for the first meeting then"
    assert "perpetrator_notified" not in judged


def test_the_rule_in_force_follows_the_day_the_nka_was_filled() -> None:
    assert {r.step for r in deadline_rules.rules_in_force(D(2023, 9, 27))} == {
        "nka_to_chair",
        "nka_to_gdp",
    }
    new = deadline_rules.rules_in_force(D(2023, 9, 28))
    assert [r.days for r in new if r.step == "nka_to_chair"] == [5]


# ---- closure --------------------------------------------------------------------------------


def test_closure_stops_the_clocks_and_asks_to_inform_the_chair() -> None:
    judged = by_step(deadlines(course(*CHAIN, closed_on=D(2026, 3, 16)), D(2026, 4, 1)))
    assert judged["first_gdp_meeting"].state is DeadlineState.WAIVED, "closed before due"
    missed = judged["perpetrator_notified"]
    assert (missed.state, missed.days_late) == (DeadlineState.MISSED, 1), "counted to closure"
    informed = by_step(
        deadlines(course(*CHAIN, closed_on=D(2026, 3, 16)), D(2026, 4, 1)), nka=None
    )["chair_informed_of_closure"]
    assert informed.state is DeadlineState.OPEN and informed.starts_on == D(2026, 3, 16)


# ---- reasons, next step, next due -----------------------------------------------------------


def test_a_reason_typed_for_a_late_deadline_stays_with_it() -> None:
    reasons = {("nka_to_gdp", 1): "Przewodniczący na zwolnieniu lekarskim."}
    judged = by_step(deadlines(course(*CHAIN, reasons=reasons), D(2026, 3, 16)))
    assert judged["nka_to_gdp"].reason == "Przewodniczący na zwolnieniu lekarskim."
    assert judged["first_gdp_meeting"].reason == ""


def test_the_next_step_is_the_earliest_deadline_still_to_meet() -> None:
    judged = deadlines(course(*CHAIN), D(2026, 3, 16))
    step = next_step(judged)
    assert step is not None and step.rule.step == "nkb_to_victim"  # missed since 2.03
    assert next_due(judged) == D(2026, 3, 2)
    done = course(
        *CHAIN,
        EventFact(E.NKB_HANDED, D(2026, 3, 2), 1),
        EventFact(E.PERPETRATOR_NOTIFIED, D(2026, 3, 12)),
    )
    judged = deadlines(done, D(2026, 3, 16))
    step = next_step(judged)
    assert step is not None and step.rule.step == "first_gdp_meeting"
    assert next_due(judged) == D(2026, 3, 17)


def test_with_every_dated_step_done_the_next_step_has_no_date() -> None:
    done = course(
        *CHAIN,
        EventFact(E.NKB_HANDED, D(2026, 3, 2), 1),
        EventFact(E.PERPETRATOR_NOTIFIED, D(2026, 3, 12)),
        EventFact(E.GDP_MEETING, D(2026, 3, 17)),
    )
    judged = deadlines(done, D(2026, 3, 20))
    assert next_due(judged) is None
    step = next_step(judged)
    assert step is not None and step.rule.step == "nkc_with_victim"


@pytest.mark.parametrize(
    ("days", "count", "text"),
    [
        (1, Count.WORKING, "1 dzień roboczy"),
        (2, Count.WORKING, "2 dni robocze"),
        (5, Count.WORKING, "5 dni roboczych"),
        (12, Count.WORKING, "12 dni roboczych"),
        (22, Count.WORKING, "22 dni robocze"),
        (1, Count.CALENDAR, "1 dzień"),
        (7, Count.CALENDAR, "7 dni"),
    ],
)
def test_days_are_spelled_in_polish(days: int, count: Count, text: str) -> None:
    assert days_phrase(days, count) == text


def test_every_rule_names_its_basis_confidence_and_an_event_the_course_knows() -> None:
    known = {e.value for e in E} | {deadline_rules.NKA_FILLED, deadline_rules.CLOSURE}
    for rule in deadline_rules.all_rules():
        assert rule.starts in known and rule.done_by in known, rule.step
        assert rule.waived_by is None or rule.waived_by in known
        assert rule.basis and rule.basis_full and rule.confidence_note
    assert deadline_rules.steps()[0] == "nka_to_chair"
