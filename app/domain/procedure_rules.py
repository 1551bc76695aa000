"""Dates and states of a procedure and of what is recorded in it.

The services check a user's input with these rules and the import checks every record of
an exchange file with the very same ones, so the register never holds what the program
itself would refuse. `today` comes from the caller (the service clock).
"""

import datetime as dt
from collections.abc import Iterable
from typing import Protocol, TypeVar

from app.domain.enums import ClosureGround, ProcedureStatus, Role
from app.errors import ValidationError

EARLIEST_YEAR = 2000  # the register keeps no procedure, form or entry from before this year


def check_past_date(value: dt.date, today: dt.date, field: str, what: str = "Data") -> None:
    """A date of something that happened: not in the future, not absurdly old."""
    if value > today:
        raise ValidationError(f"{what} nie może być z przyszłości.", field=field)
    if value.year < EARLIEST_YEAR:
        raise ValidationError(f"{what} jest zbyt odległa (przed {EARLIEST_YEAR} r.).", field=field)


def check_start(started_on: dt.date, today: dt.date) -> None:
    check_past_date(started_on, today, "started_on", "Data wszczęcia")


def check_number_year(year: int, started_on: dt.date, number: str) -> None:
    """The number belongs to the year of the start date for good."""
    if started_on.year != year:
        raise ValidationError(
            f"Numer {number} jest związany z rokiem {year}; data wszczęcia musi pozostać "
            "w tym roku.",
            field="started_on",
        )


def check_closure(started_on: dt.date, closed_on: dt.date, today: dt.date) -> None:
    check_past_date(closed_on, today, "closed_on", "Data zakończenia")
    if closed_on < started_on:
        raise ValidationError(
            "Data zakończenia nie może być wcześniejsza niż data wszczęcia.", field="closed_on"
        )


def check_status(
    status: ProcedureStatus, closed_on: dt.date | None, ground: ClosureGround | None
) -> None:
    """A closed procedure has a closure date and ground; one in progress has neither."""
    if status is ProcedureStatus.CLOSED:
        if closed_on is None:
            raise ValidationError("Zakończona procedura musi mieć datę zakończenia.", "closed_on")
        if ground is None:
            raise ValidationError(
                "Zakończona procedura musi mieć podstawę zakończenia.", "closure_ground"
            )
    elif closed_on is not None or ground is not None:
        raise ValidationError(
            "Procedura w toku nie może mieć daty ani podstawy zakończenia.", "closed_on"
        )


def check_procedure(
    number: str,
    year: int,
    started_on: dt.date,
    status: ProcedureStatus,
    closed_on: dt.date | None,
    ground: ClosureGround | None,
    today: dt.date,
) -> None:
    """Every rule of a whole procedure record at once (import, consistency checks)."""
    check_start(started_on, today)
    check_number_year(year, started_on, number)
    check_status(status, closed_on, ground)
    if closed_on is not None:
        check_closure(started_on, closed_on, today)


def check_nka_dates(
    filled_on: dt.date, received_on: dt.date | None, started_on: dt.date, today: dt.date
) -> None:
    """An NK-A is filled within its procedure and reaches the ZI chair after that."""
    check_past_date(filled_on, today, "filled_on", "Data wypełnienia NK-A")
    if filled_on < started_on:
        raise ValidationError(
            "Data wypełnienia NK-A nie może być wcześniejsza niż wszczęcie procedury.",
            "filled_on",
        )
    if received_on is None:
        return
    check_past_date(
        received_on, today, "received_by_chair_on", "Data wpływu do przewodniczącego ZI"
    )
    if received_on < filled_on:
        raise ValidationError(
            "Przewodniczący ZI nie mógł otrzymać formularza przed jego wypełnieniem.",
            "received_by_chair_on",
        )


def check_entry(occurred_on: dt.date, title: str, today: dt.date) -> None:
    """A chronology entry: a title and a date that has already come."""
    if not title.strip():
        raise ValidationError("Podaj tytuł wpisu.", field="title")
    check_past_date(occurred_on, today, "occurred_on", "Data wpisu")


def check_timestamps(
    created_at: dt.datetime, updated_at: dt.datetime | None, deleted_at: dt.datetime | None
) -> None:
    """A record is changed and deleted only after it was created."""
    if updated_at is not None and updated_at < created_at:
        raise ValidationError("Rekord zmieniono przed jego utworzeniem.", "updated_at")
    if deleted_at is not None and deleted_at < created_at:
        raise ValidationError("Rekord usunięto przed jego utworzeniem.", "deleted_at")


class _Filed(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def filled_on(self) -> dt.date: ...


Filed = TypeVar("Filed", bound=_Filed)


def in_filing_order(records: Iterable[Filed]) -> list[Filed]:
    """NK-A records oldest first: the first opened the procedure, later ones are repeats.

    Records filled on the same day keep the order they were registered in.
    """
    return sorted(records, key=lambda r: (r.filled_on, r.id))


NKA_NAMES_BOTH = (
    "NK-A wskazuje wszystkie osoby doznające przemocy domowej i wszystkie osoby stosujące "
    "przemoc domową (rozp. § 2 ust. 4): zaznacz co najmniej jedną osobę z każdej z tych grup."
)


def names_victim_and_perpetrator(named_roles: Iterable[Role]) -> bool:
    """`named_roles`, the roles the people an NK-A names hold in its procedure, include a
    victim and a perpetrator (Reg. § 2 ust. 4)."""
    return {Role.VICTIM, Role.PERPETRATOR} <= set(named_roles)


def check_nka_people(named_roles: Iterable[Role]) -> None:
    if not names_victim_and_perpetrator(named_roles):
        raise ValidationError(NKA_NAMES_BOTH, "person_ids")


def left_out_of_nka(named: Iterable[int], participants: Iterable[tuple[int, Role]]) -> list[int]:
    """Victims and perpetrators of the procedure (person id, role) an NK-A does not name.

    The law has it name all of them; leaving one out is the worker's call, confirmed
    rather than refused.
    """
    chosen = set(named)
    return list(
        dict.fromkeys(
            person
            for person, role in participants
            if role in (Role.VICTIM, Role.PERPETRATOR) and person not in chosen
        )
    )
