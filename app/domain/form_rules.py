"""Who and when a filled NK-B, NK-C or NK-D may name, and what each adds to the course.

NK-C is filled with a victim, NK-D with a perpetrator, each at a GDP meeting (Reg. § 11,
§ 12 per one secondary source); NK-B goes to the victim (or a parent or guardian who does
not use violence), never to a perpetrator. NK-A has its own rules (app.services.nka).
"""

import datetime as dt
from collections.abc import Mapping

from app.domain.enums import CourseEvent, Role
from app.domain.procedure_rules import check_past_date
from app.errors import ValidationError

RECORDED_FORMS = ("NK-B", "NK-C", "NK-D")
CURRENT_VERSIONS = {"NK-A": "2023", "NK-B": "2023", "NK-C": "2023", "NK-D": "2023"}
COURSE_STEP = {
    "NK-B": CourseEvent.NKB_HANDED,
    "NK-C": CourseEvent.NKC_FILLED,
    "NK-D": CourseEvent.NKD_FILLED,
}
# The content field that is the record's own date (NK-B handed over, NK-C/NK-D filled at a
# meeting): the record's `filled_on` holds it, the editor asks it once, the printout shows it.
DATE_FIELD = {"NK-B": "handed_on", "NK-C": "meeting_date", "NK-D": "meeting_date"}
_NAMED_ROLE = {
    "NK-C": (Role.VICTIM, "osobą doznającą przemocy domowej"),
    "NK-D": (Role.PERPETRATOR, "osobą stosującą przemoc domową"),
}
_DATE_LABEL = {
    "NK-B": "Data przekazania NK-B",
    "NK-C": "Data wypełnienia NK-C",
    "NK-D": "Data wypełnienia NK-D",
}


def check_form_record(
    form: str,
    filled_on: dt.date,
    person_id: int | None,
    roles: Mapping[int, frozenset[Role]],
    started_on: dt.date,
    today: dt.date,
) -> None:
    """`roles`: the roles each person holds in this procedure."""
    if form not in RECORDED_FORMS:
        raise ValidationError(f"Nieznany formularz {form}.", "form")
    check_form_date(form, filled_on, started_on, today)
    held = roles.get(person_id, frozenset()) if person_id is not None else frozenset()
    if person_id is not None and person_id not in roles:
        raise ValidationError("Formularz może wskazywać tylko osoby z tej procedury.", "person_id")
    if form in _NAMED_ROLE and not may_name(form, held):
        raise ValidationError(
            f"{form} wypełnia się z {_NAMED_ROLE[form][1]} z tej procedury — wybierz ją.",
            "person_id",
        )
    if form == "NK-B" and not may_name(form, held):
        raise ValidationError(
            "NK-B nie może trafić do osoby stosującej przemoc — przekaż go osobie doznającej "
            "przemocy albo jej rodzicowi lub opiekunowi, który nie stosuje przemocy.",
            "person_id",
        )


def requires_person(form: str) -> bool:
    """NK-C and NK-D are filled with someone; NK-B may be noted without naming anyone."""
    return form in _NAMED_ROLE


def may_name(form: str, held: frozenset[Role]) -> bool:
    """Whether a person holding `held` roles in the procedure may be named by `form`."""
    if form in _NAMED_ROLE:
        return _NAMED_ROLE[form][0] in held
    return Role.PERPETRATOR not in held


def check_form_date(form: str, filled_on: dt.date, started_on: dt.date, today: dt.date) -> None:
    """The day NK-B was handed over or NK-C/NK-D filled: within the procedure, not ahead."""
    check_past_date(filled_on, today, "filled_on", _DATE_LABEL[form])
    if filled_on < started_on:
        raise ValidationError(
            f"{_DATE_LABEL[form]} nie może być wcześniejsza niż wszczęcie procedury "
            f"({started_on:%d.%m.%Y}).",
            "filled_on",
        )


def step_nka(filled_on: dt.date, nkas: list[tuple[int, dt.date]]) -> int | None:
    """The NK-A an NK-B handed on `filled_on` goes with: the latest filled by that day."""
    before = [(day, nka_id) for nka_id, day in nkas if day <= filled_on]
    return max(before)[1] if before else None
