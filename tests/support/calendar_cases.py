"""A small register for the calendar's tests: one procedure for each kind of entry.

Today is Monday 30.11.2026 (tests.support.clock). All people are fictional.
"""

import datetime as dt

from app.domain.enums import ChronologyKind, Role
from app.domain.enums import CourseEvent as E
from app.services.records import NkaData, ParticipantData, PersonData
from app.services.register import Register
from tests.support.nka_people import nka_people


def opened_procedure(register: Register, filled: dt.date, victim: str, nkb: bool = True) -> int:
    """A procedure opened by a police NK-A on `filled`, with one fictional victim (and the
    perpetrator the NK-A names besides)."""
    created = register.procedures.create(filled).record_id
    assert created is not None
    register.participants.save(
        created, ParticipantData(PersonData(victim, "Fikcyjna"), Role.VICTIM)
    )
    register.nka.save(
        created,
        NkaData(
            filled_on=filled,
            filled_by_service="police",
            content={"nkb_handed": nkb},
            person_ids=nka_people(register.context, created),
        ),
    )
    return created


def _nka(register: Register, procedure_id: int) -> int:
    return register.procedures.detail(procedure_id).nka_records[0].id


def fill(register: Register) -> dict[str, int]:
    """NK/1 overdue (the GDP was due to get its NK-A by 6.11) with a visit on 20.11;
    NK/2 due soon (to reach the ZI chair by 3.12); NK/3 on course, its GDP met on 24.11;
    NK/4 closed with a deadline missed; NK/5 deleted, with a visit."""
    course = register.course
    overdue = opened_procedure(register, dt.date(2026, 11, 2), "Olga")
    course.add_event(
        overdue, E.NKA_RECEIVED_BY_CHAIR, dt.date(2026, 11, 3), _nka(register, overdue)
    )
    register.chronology.add(
        overdue, dt.date(2026, 11, 20), ChronologyKind.VISIT, "Wizyta w miejscu zamieszkania"
    )
    register.chronology.add(overdue, dt.date(2026, 11, 20), ChronologyKind.PHONE_CALL, "Telefon")
    soon = opened_procedure(register, dt.date(2026, 11, 26), "Stefania")
    on_course = opened_procedure(register, dt.date(2026, 11, 16), "Renata")
    record = _nka(register, on_course)
    course.add_event(on_course, E.NKA_RECEIVED_BY_CHAIR, dt.date(2026, 11, 17), record)
    course.add_event(on_course, E.NKA_PASSED_TO_GDP, dt.date(2026, 11, 18), record)
    course.add_event(on_course, E.PERPETRATOR_NOTIFIED, dt.date(2026, 11, 19))
    course.add_event(on_course, E.GDP_MEETING, dt.date(2026, 11, 24), note="w ośrodku")
    closed = opened_procedure(register, dt.date(2026, 11, 4), "Celina", nkb=False)
    register.procedures.close(closed, dt.date(2026, 11, 20), "no_grounds", "")
    deleted = opened_procedure(register, dt.date(2026, 11, 5), "Dorota", nkb=False)
    register.chronology.add(deleted, dt.date(2026, 11, 20), ChronologyKind.VISIT, "Wizyta")
    register.procedures.delete(deleted)
    return {
        "overdue": overdue,
        "soon": soon,
        "on_course": on_course,
        "closed": closed,
        "deleted": deleted,
    }
