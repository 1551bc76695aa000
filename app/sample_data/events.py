"""The chronology entries the register writes itself, dated when each thing happened.

The services date such events on the day they are recorded; a generated register is
ten years of past work, so each event takes the day it would have been recorded then.
"""

import datetime as dt

from app.domain.enums import ChronologyKind
from app.sample_data.cases import Case
from app.sample_data.plan import Entry
from app.services.course_facts import received_by_chair
from app.storage.models import FormRecord


def register_events(
    case: Case, number: str, records: list[FormRecord], today: dt.date
) -> list[Entry]:
    """Registration, each NK-A, the closure and the deletion, worded as the services word them."""
    proc = case.procedure
    events = [_event(proc.started_on, f"Zarejestrowano procedurę {number}")]
    events += [
        _event(
            received_by_chair(record.procedure, record) or record.filled_on,
            f"Zarejestrowano formularz NK-A nr {ordinal} z {record.filled_on:%d.%m.%Y}",
        )
        for ordinal, record in enumerate(records, start=1)
    ]
    if proc.closure is not None:
        closed_on, ground, _ = proc.closure
        events.append(_event(closed_on, f"Zakończono procedurę ({ground.label})"))
    if case.deleted:
        events.append(_event(today, f"Usunięto procedurę {number}"))
    return events


def _event(day: dt.date, title: str) -> Entry:
    return Entry(day, ChronologyKind.SYSTEM, title, "")
