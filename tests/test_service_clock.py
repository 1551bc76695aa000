"""The services' clock, not the system clock, dates what they write."""

import datetime as dt

import pytest
from sqlalchemy import select

from app.domain.enums import ChronologyKind
from app.errors import ValidationError
from app.services.context import FixedClock, ServiceContext
from app.services.register import Register
from app.storage.db import Database
from app.storage.models import ChronologyEntry, Procedure

MOMENT = dt.datetime(2021, 3, 4, 9, 30, tzinfo=dt.UTC)


def test_records_and_events_carry_the_context_clock_and_user(db: Database) -> None:
    register = Register(db, FixedClock(MOMENT), user="Anna Zastępcza")
    procedure_id = register.procedures.create(dt.date(2021, 3, 1)).record_id
    assert procedure_id is not None
    register.procedures.update(procedure_id, dt.date(2021, 3, 1), "po zmianie")
    register.chronology.add(procedure_id, dt.date(2021, 3, 2), ChronologyKind.NOTE, "Telefon")

    stored = MOMENT.replace(tzinfo=None)
    with db.read_session() as session:
        procedure = session.scalars(select(Procedure)).one()
        assert (procedure.created_at, procedure.updated_at) == (stored, stored)
        entries = session.scalars(select(ChronologyEntry)).all()
    assert {e.author for e in entries} == {"Anna Zastępcza"}
    [registered] = [e for e in entries if e.title.startswith("Zarejestrowano")]
    assert registered.occurred_on == dt.date(2021, 3, 4), "a register event is dated today"


def test_a_date_after_the_context_today_is_refused_as_future(db: Database) -> None:
    context = ServiceContext(db, FixedClock.on(dt.date(2020, 6, 1)))
    register = Register(context.db, context.clock)

    with pytest.raises(ValidationError, match="nie może być z przyszłości"):
        register.procedures.create(dt.date(2020, 6, 2))
    assert register.procedures.create(dt.date(2020, 6, 1)).record_id is not None
