"""A register of many procedures written straight into the tables, for tests of lists at scale.

Names are drawn from a small fictional vocabulary full of Polish letters, so sorting and
diacritics-insensitive search meet Ł, Ś and Ż everywhere. The stored list keys come from
the same functions the services use.
"""

import datetime as dt
import random

from app.domain.enums import ClosureGround, ProcedureStatus, Role
from app.services import list_keys
from app.services.context import ServiceContext
from app.storage.models import FormRecord, Participation, Person, Procedure, ProcedureCounter

FIRST_NAMES = ("Łucja", "Lucyna", "Anna", "Ąda", "Żaneta", "Zenon", "Śmiały", "Sława", "Ewa")
LAST_NAMES = ("Łoś", "Lis", "Lubicz", "Łukowska", "Śliwa", "Sowa", "Żak", "Zając", "Kowal")


def fill(context: ServiceContext, procedures: int, seed: int = 5) -> None:
    """Write `procedures` procedures (2016–2026, some closed or deleted) with 1–4 people."""
    rng = random.Random(seed)
    people = [
        Person(first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(LAST_NAMES))
        for _ in range(procedures * 2)
    ]
    for person in people:
        list_keys.refresh_person(person)
    with context.write() as session:
        session.add_all(people)
        counters: dict[int, int] = {}
        for _ in range(procedures):
            year = rng.randint(2016, 2026)
            seq = counters[year] = counters.get(year, 0) + 1
            started = dt.date(year, rng.randint(1, 11), rng.randint(1, 28))
            procedure = Procedure(
                number=f"NK/{seq}/{year}",
                year=year,
                seq=seq,
                started_on=started,
                status=ProcedureStatus.IN_PROGRESS,
            )
            if rng.random() < 0.3:
                procedure.status = ProcedureStatus.CLOSED
                procedure.closed_on = started + dt.timedelta(days=20)
                procedure.closure_ground = ClosureGround.VIOLENCE_STOPPED
            if rng.random() < 0.05:
                procedure.deleted_at = dt.datetime(2026, 11, 1)
            for person in rng.sample(people, rng.randint(1, 4)):
                role = rng.choice(
                    (Role.VICTIM, Role.VICTIM, Role.PERPETRATOR, Role.HOUSEHOLD_MEMBER)
                )
                procedure.participations.append(Participation(person=person, role=role))
            for _ in range(rng.randint(0, 3)):
                procedure.nka_records.append(
                    FormRecord(
                        form="NK-A",
                        form_version="2023",
                        filled_on=started,
                        filled_by_service="police",
                    )
                )
            list_keys.refresh_procedure(procedure)
            session.add(procedure)
        session.add_all(ProcedureCounter(year=y, last_seq=s) for y, s in counters.items())
