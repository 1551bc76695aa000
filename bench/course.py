"""What the procedure's clock costs at scale: judging, listing what is due, recomputing.

Everything here runs in this process on the bench register (unlocked once): the stored
next due dates recomputed for every procedure (what an unlock after a change of the rule
data does), „Dziś i zaległe”, and the first pages of the procedures list filtered to
„zaległe” and sorted by the next deadline, the .ics file of deadlines, and the Kalendarz
page's month (the one holding today, every layer) and agenda.
"""

import time
from pathlib import Path

from app.services.calendar import agenda_span, month_span
from app.services.calendar_export import calendar_bytes
from app.services.course import RULES_FINGERPRINT_KEY
from app.services.procedures import ProcedureQuery
from app.storage.models import Setting
from bench.figures import Figure, median_ms
from bench.registers import unlocked

PAGE = 100


def course_figures(data_dir: Path, runs: int) -> list[Figure]:
    with unlocked(data_dir) as register:
        with register.context.write() as session:
            stale = session.get(Setting, RULES_FINGERPRINT_KEY)
            if stale is not None:
                session.delete(stale)
        started = time.perf_counter()
        register.course.refresh_if_rules_changed()
        refresh_s = time.perf_counter() - started
        due = register.course.due()
        due_ms = median_ms(runs, register.course.due)
        overdue_ms = median_ms(
            runs, lambda: register.procedures.page(ProcedureQuery(overdue=True), 0, PAGE)
        )
        started = time.perf_counter()
        _ics, events = calendar_bytes(register.context)
        ics_s = time.perf_counter() - started
        by_due_ms = median_ms(
            runs,
            lambda: register.procedures.page(
                ProcedureQuery(sort="next_due_on", descending=False), 0, PAGE
            ),
        )
        today = register.context.today()
        month = register.calendar.items(*month_span(today))
        month_ms = median_ms(runs, lambda: register.calendar.items(*month_span(today)))
        agenda_ms = median_ms(runs, lambda: register.calendar.items(*agenda_span(today)))
    return [
        Figure("deadlines_recompute_all", refresh_s, "s"),
        Figure("today_and_overdue", due_ms, "ms", f"{due.overdue} overdue, {due.total} due"),
        Figure("list_overdue_first_page", overdue_ms, "ms"),
        Figure("list_by_next_deadline_first_page", by_due_ms, "ms"),
        Figure("deadlines_ics_export", ics_s, "s", f"{events} events"),
        Figure("calendar_month", month_ms, "ms", f"{len(month.items)} items"),
        Figure("calendar_agenda", agenda_ms, "ms"),
    ]
