"""What names a procedure on the screen beside one of its entries: its number, its
victims and the numbering of its NK-A forms — read for many procedures at once as plain
rows (a calendar month holds thousands of entries)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.domain import procedure_rules
from app.domain.enums import Role
from app.domain.roles import names_in_role
from app.storage.models import NKA, FormRecord, Participation, Person, Procedure

BATCH = 500


@dataclass(frozen=True)
class Head:
    """The procedure an entry belongs to, as the entry's title shows it."""

    number: str
    order: tuple[int, int]
    victims: str
    ordinals: dict[int, int]  # NK-A record id -> its number in filing order (1: opening)


def heads(session: Session, ids: Iterable[int]) -> dict[int, Head]:
    """Number, victims and NK-A numbering of these procedures, read in batches as plain
    rows: a month holds thousands of meetings, and objects for their procedures, people
    and forms would cost seconds."""
    owners = {}
    for batch in batches(sorted(ids)):
        victims: dict[int, list[Row[int, str, str]]] = defaultdict(list)
        for person in session.execute(
            select(Participation.procedure_id, Person.first_name, Person.last_name)
            .join(Person, Person.id == Participation.person_id)
            .where(Participation.procedure_id.in_(batch), Participation.role == Role.VICTIM.value)
            .order_by(Participation.id)
        ):
            victims[person.procedure_id].append(person)
        records: dict[int, list[Row[int, int, dt.date]]] = defaultdict(list)
        for record in session.execute(
            select(FormRecord.procedure_id, FormRecord.id, FormRecord.filled_on).where(
                FormRecord.procedure_id.in_(batch), FormRecord.form == NKA
            )
        ):
            records[record.procedure_id].append(record)
        for procedure in session.execute(
            select(Procedure.id, Procedure.number, Procedure.year, Procedure.seq).where(
                Procedure.id.in_(batch)
            )
        ):
            filed = procedure_rules.in_filing_order(records[procedure.id])
            owners[procedure.id] = Head(
                procedure.number,
                (procedure.year, procedure.seq),
                names_in_role(((Role.VICTIM, v) for v in victims[procedure.id]), Role.VICTIM),
                {record.id: number for number, record in enumerate(filed, start=1)},
            )
    return owners


def batches(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]
