"""The whole demo plan: the procedures, their groups and meetings, the ZI's meetings and
the worker's own appointments, booked in one diary so her hours never clash."""

import datetime as dt
from dataclasses import dataclass

from app.sample_data.diary import Diary
from app.sample_data.group_plan import draw_group_work, team_rng
from app.sample_data.office_plan import demo_appointments, zi_meetings
from app.sample_data.plan import Appointment, Meeting, Procedure
from app.sample_data.schedule import plan_procedures

ZI_SPAN = dt.timedelta(days=365)  # the ZI's meetings of the last year are in the demo


@dataclass(frozen=True)
class DemoPlan:
    procedures: list[Procedure]
    zi_meetings: list[Meeting]
    appointments: list[Appointment]  # the worker's own, about no procedure


def plan_demo(seed: int, today: dt.date) -> DemoPlan:
    """Every record of the demo, drawn from `seed`; the teams from a generator of their
    own, so the procedures are those `plan_procedures` draws alone."""
    procedures = plan_procedures(seed, today)
    rng, diary = team_rng(seed), Diary()
    for proc in procedures:
        draw_group_work(rng, proc, today, diary)
    zi = zi_meetings(rng, today - ZI_SPAN, today, diary)
    return DemoPlan(procedures, zi, demo_appointments(rng, procedures, today, diary))
