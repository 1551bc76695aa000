"""Procedures: registration with numbering, list and search, closure, soft deletion."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    ScalarSelect,
    String,
    UnaryExpression,
    func,
    select,
    type_coerce,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from app.domain import procedure_rules
from app.domain.enums import ClosureGround, ProcedureStatus, Role
from app.domain.roles import names_in_role
from app.errors import NotFoundError, ValidationError
from app.services import list_keys, search_text
from app.services.changes import Changes, Entity
from app.services.chronology import record_event
from app.services.context import ServiceContext
from app.services.records import Page, ProcedureRow
from app.services.settings_service import SettingsService
from app.services.views import ProcedureDetail, procedure_detail
from app.settings import Settings
from app.storage import search_index
from app.storage.models import (
    Attachment,
    FormRecord,
    Participation,
    Person,
    Procedure,
    ProcedureCounter,
)

SORT_KEYS = (
    "number",
    "started_on",
    "status",
    "victims",
    "perpetrators",
    "nka_count",
    "next_due_on",
)


@dataclass(frozen=True)
class ProcedureQuery:
    text: str = ""
    status: ProcedureStatus | None = None
    year: int | None = None
    overdue: bool = False  # only procedures with a deadline gone by („zaległe”)
    sort: str = "number"
    descending: bool = True


def load_procedure(session: Session, procedure_id: int) -> Procedure:
    """A live procedure with everything the procedure window shows, or NotFoundError."""
    procedure = session.scalar(
        select(Procedure)
        .where(Procedure.id == procedure_id, Procedure.deleted_at.is_(None))
        .options(
            selectinload(Procedure.participations)
            .selectinload(Participation.person)
            .selectinload(Person.addresses),
            selectinload(Procedure.participations)
            .selectinload(Participation.person)
            .selectinload(Person.contacts),
            selectinload(Procedure.participations)
            .selectinload(Participation.person)
            .selectinload(Person.participations)
            .selectinload(Participation.procedure),
            selectinload(Procedure.nka_records).selectinload(FormRecord.people),
            selectinload(Procedure.other_forms).selectinload(FormRecord.people),
            selectinload(Procedure.chronology),
            selectinload(Procedure.attachments),
            selectinload(Procedure.events),
            selectinload(Procedure.deadline_notes),
        )
    )
    if procedure is None:
        raise NotFoundError("Procedura nie istnieje lub została usunięta.")
    return procedure


class ProcedureService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def next_number(self, year: int) -> tuple[int, str]:
        with self._ctx.read() as session:
            seq = _peek_seq(session, year)
        return seq, SettingsService(self._ctx).load().format_number(seq, year)

    def create(self, started_on: dt.date, notes: str = "") -> Changes:
        """Register a new procedure with the next number of its start year."""
        procedure_rules.check_start(started_on, self._ctx.today())
        settings = SettingsService(self._ctx).load()
        with self._ctx.write() as session:
            seq, number = _free_number(session, settings, started_on.year)
            procedure = Procedure(
                number=number,
                year=started_on.year,
                seq=seq,
                started_on=started_on,
                status=ProcedureStatus.IN_PROGRESS,
                notes=notes,
            )
            list_keys.refresh_procedure(procedure)
            session.add(procedure)
            session.flush()
            record_event(
                session,
                self._ctx,
                procedure.id,
                f"Zarejestrowano procedurę {procedure.number}",
            )
            return Changes.of(Entity.PROCEDURE, procedures=[procedure.id], record_id=procedure.id)

    def detail(self, procedure_id: int) -> ProcedureDetail:
        """The procedure as its window shows it, or NotFoundError when it is gone."""
        with self._ctx.read() as session:
            return procedure_detail(load_procedure(session, procedure_id))

    def detail_by_number(self, number: str) -> ProcedureDetail:
        """The live procedure with this number (as typed on the command line)."""
        with self._ctx.read() as session:
            found = session.scalar(
                select(Procedure.id).where(
                    Procedure.number == number.strip(), Procedure.deleted_at.is_(None)
                )
            )
            if found is None:
                raise NotFoundError(f"Nie ma procedury o numerze {number.strip()}.")
            return procedure_detail(load_procedure(session, found))

    def update(self, procedure_id: int, started_on: dt.date, notes: str) -> Changes:
        procedure_rules.check_start(started_on, self._ctx.today())
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            _check_start_date(procedure, started_on)
            procedure.started_on, procedure.notes = started_on, notes
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=procedure_id)

    def close(
        self, procedure_id: int, closed_on: dt.date, ground: ClosureGround, justification: str
    ) -> Changes:
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            procedure_rules.check_closure(procedure.started_on, closed_on, self._ctx.today())
            procedure.status = ProcedureStatus.CLOSED
            procedure.closed_on = closed_on
            procedure.closure_ground = ClosureGround(ground)
            procedure.closure_justification = justification
            list_keys.refresh_procedure(procedure)
            record_event(
                session,
                self._ctx,
                procedure_id,
                f"Zakończono procedurę ({ClosureGround(ground).label})",
                occurred_on=closed_on,
            )
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=procedure_id)

    def reopen(self, procedure_id: int) -> Changes:
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            if procedure.status != ProcedureStatus.CLOSED:
                raise ValidationError("Procedura nie jest zakończona.")
            procedure.status = ProcedureStatus.IN_PROGRESS
            procedure.closed_on, procedure.closure_ground = None, None
            procedure.closure_justification = ""
            list_keys.refresh_procedure(procedure)
            record_event(
                session, self._ctx, procedure_id, "Wznowiono procedurę (cofnięto zakończenie)"
            )
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=procedure_id)

    def delete(self, procedure_id: int) -> Changes:
        """Hide the procedure from every list; the record and its chronology entry stay."""
        with self._ctx.write() as session:
            procedure = load_procedure(session, procedure_id)
            procedure.deleted_at = self._ctx.utc_now()
            list_keys.refresh_procedure(procedure)
            record_event(session, self._ctx, procedure_id, f"Usunięto procedurę {procedure.number}")
            return Changes.of(
                Entity.PROCEDURE, Entity.PERSON, procedures=[procedure_id], record_id=procedure_id
            )

    def years(self) -> list[int]:
        with self._ctx.read() as session:
            rows = session.scalars(
                select(Procedure.year).where(Procedure.deleted_at.is_(None)).distinct()
            ).all()
        return sorted(rows, reverse=True)

    def list(self, query: ProcedureQuery) -> list[ProcedureRow]:
        """Every procedure matching the query, in its order (small registers, the CLI)."""
        return list(self.page(query, 0, None).rows)

    def page(self, query: ProcedureQuery, offset: int, limit: int | None) -> Page[ProcedureRow]:
        """Rows `offset`… of the procedures matching the query, searched and sorted in SQL.

        Every word of the search text must match (diacritics ignored). Names sort in
        Polish order by their stored keys; equal keys sort by number, in the same
        direction.
        """
        terms = search_text.query_terms(query.text)
        today = self._ctx.today()
        with self._ctx.read() as session:
            if terms:
                total, ordering, conditions = _searched(session, query, terms, today)
            else:
                conditions = [Procedure.deleted_at.is_(None), *_filters(query, today)]
                total = _count(session, conditions)
                ordering = _order(query.sort, query.descending, use_index=True)
            found = session.execute(
                select(*_ROW_COLUMNS)
                .where(*conditions)
                .order_by(*ordering)
                .offset(offset)
                .limit(limit)
            ).all()
            names = _names_of(session, [row.id for row in found])
        rows = tuple(
            ProcedureRow(
                id=row.id,
                number=row.number,
                year=row.year,
                seq=row.seq,
                started_on=row.started_on,
                status=row.status,
                closed_on=row.closed_on,
                victims=names_in_role(names.get(row.id, []), Role.VICTIM),
                perpetrators=names_in_role(names.get(row.id, []), Role.PERPETRATOR),
                nka_count=row.nka_count,
                next_due_on=row.next_due_on,
            )
            for row in found
        )
        return Page(rows, offset, total)

    def attachment_count(self, procedure_id: int) -> int:
        with self._ctx.read() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(Attachment)
                    .where(Attachment.procedure_id == procedure_id)
                )
                or 0
            )


_SORT_COLUMNS: dict[str, ColumnElement[Any] | InstrumentedAttribute[Any]] = {
    "started_on": Procedure.started_on,
    "status": Procedure.status,
    "victims": Procedure.victims_sort,
    "perpetrators": Procedure.perpetrators_sort,
    "nka_count": Procedure.nka_count,
    # Procedures with nothing due sort after every date, whichever way the list runs up.
    "next_due_on": func.coalesce(Procedure.next_due_on, "9999-12-31"),
}


def _order(key: str, descending: bool, use_index: bool) -> list[UnaryExpression[Any]]:
    """ORDER BY for a list column: the column's key, then the number, one direction.

    Without `use_index` the terms are wrapped (`+ 0`, `|| ''`), which keeps SQLite from
    walking the sort index and makes it sort the matching rows instead.
    """
    if key not in SORT_KEYS:
        raise ValidationError(f"Nie można sortować według „{key}”.")
    columns: list[ColumnElement[Any] | InstrumentedAttribute[Any]] = [
        Procedure.year,
        Procedure.seq,
    ]
    if key != "number":
        columns.insert(0, _SORT_COLUMNS[key])
    terms = columns if use_index else [_unindexed(c) for c in columns]
    return [t.desc() if descending else t.asc() for t in terms]


def _unindexed(column: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    """The same values, but an expression no index can serve."""
    if isinstance(column.expression.type, Integer):
        return column + 0
    return type_coerce(column, String).concat("")  # dates are stored as ISO text


class _Named:
    """A participant's name as the list needs it (no ORM object for a few strings)."""

    __slots__ = ("first_name", "last_name")

    def __init__(self, first_name: str, last_name: str) -> None:
        self.first_name, self.last_name = first_name, last_name


def _names_of(session: Session, procedure_ids: list[int]) -> dict[int, list[tuple[str, _Named]]]:
    """Each listed procedure's participants (role, name), in the order they were added."""
    found: dict[int, list[tuple[str, _Named]]] = {}
    for start in range(0, len(procedure_ids), 500):
        chunk = procedure_ids[start : start + 500]
        for procedure_id, role, first, last in session.execute(
            select(
                Participation.procedure_id, Participation.role, Person.first_name, Person.last_name
            )
            .join(Person, Person.id == Participation.person_id)
            .where(Participation.procedure_id.in_(chunk))
            .order_by(Participation.id)
        ):
            found.setdefault(procedure_id, []).append((role, _Named(first, last)))
    return found


_ROW_COLUMNS = (
    Procedure.id,
    Procedure.number,
    Procedure.year,
    Procedure.seq,
    Procedure.started_on,
    Procedure.status,
    Procedure.closed_on,
    Procedure.nka_count,
    Procedure.next_due_on,
)
# Up to this many matches are "scattered": found in one pass and sorted, not walked.
_SCATTERED_MATCHES = 2000


def _filters(query: ProcedureQuery, today: dt.date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.overdue:
        conditions.append(Procedure.next_due_on < today)
    if query.status is not None:
        conditions.append(Procedure.status == query.status)
    if query.year is not None:
        conditions.append(Procedure.year == query.year)
    return conditions


def _count(session: Session, conditions: list[ColumnElement[bool]]) -> int:
    return session.scalar(select(func.count()).select_from(Procedure).where(*conditions)) or 0


def _searched(
    session: Session, query: ProcedureQuery, terms: list[str], today: dt.date
) -> tuple[int, list[UnaryExpression[Any]], list[ColumnElement[bool]]]:
    """The count, the ORDER BY and the WHERE of a searched list, planned by how many match.

    Words of three letters or more are looked up in the trigram index; shorter ones are
    matched against the stored keys. When few procedures match, the page is sorted from
    them; when many do, it walks the sort index, tests each key and stops after a page.
    """
    indexed = [term for term in terms if len(term) >= search_index.MIN_INDEXED_CHARS]
    matches = search_text.contains_all(Procedure.search_text, terms)
    walk = [Procedure.deleted_at.is_(None), *_filters(query, today), matches]
    if indexed:
        found = [
            Procedure.deleted_at.is_(None),
            *_filters(query, today),
            Procedure.id.in_(search_index.matching_ids(indexed)),
            matches,
        ]
        total = _count(session, found)
        if total <= _SCATTERED_MATCHES:
            return total, _order(query.sort, query.descending, use_index=False), found
        return total, _order(query.sort, query.descending, use_index=True), walk
    # Short words only: one pass over the keys, written so that no index applies.
    scan = [func.coalesce(Procedure.deleted_at, "") == "", *_filters(query, today), matches]
    ids = session.scalars(select(Procedure.id).where(*scan).limit(_SCATTERED_MATCHES + 1)).all()
    if len(ids) <= _SCATTERED_MATCHES:
        ordering = _order(query.sort, query.descending, use_index=False)
        return len(ids), ordering, [Procedure.id.in_(ids)]
    return _count(session, scan), _order(query.sort, query.descending, use_index=True), walk


def _check_start_date(procedure: Procedure, started_on: dt.date) -> None:
    """A new start date must keep the number's year and precede everything recorded."""
    procedure_rules.check_number_year(procedure.year, started_on, procedure.number)
    if procedure.closed_on is not None and started_on > procedure.closed_on:
        raise ValidationError(
            "Data wszczęcia nie może być późniejsza niż data zakończenia.", field="started_on"
        )
    earliest = min((r.filled_on for r in procedure.nka_records), default=None)
    if earliest is not None and started_on > earliest:
        raise ValidationError(
            f"Data wszczęcia nie może być późniejsza niż pierwszy formularz NK-A "
            f"({earliest:%d.%m.%Y}).",
            field="started_on",
        )


def _highest_seq(year: int) -> ScalarSelect[int]:
    return (
        select(func.coalesce(func.max(Procedure.seq), 0))
        .where(Procedure.year == year)
        .scalar_subquery()
    )


def _peek_seq(session: Session, year: int) -> int:
    """The number the next procedure of `year` would get (for showing, not for taking)."""
    counted = session.scalar(select(ProcedureCounter.last_seq).where(ProcedureCounter.year == year))
    return (counted if counted is not None else session.scalar(select(_highest_seq(year))) or 0) + 1


def _free_number(session: Session, settings: Settings, year: int) -> tuple[int, str]:
    """The next sequence number whose formatted number no procedure holds yet.

    A number can already be taken when the numbering pattern changed or an imported
    register numbered differently; that sequence number is then skipped, never reused.
    """
    while True:
        seq = _take_seq(session, year)
        number = settings.format_number(seq, year)
        if session.scalar(select(Procedure.id).where(Procedure.number == number)) is None:
            return seq, number


def _take_seq(session: Session, year: int) -> int:
    """Raise the year's counter and return the new number, in the caller's transaction.

    A year without a counter row starts after the highest number already in the register,
    so a row that went missing can never hand out a number twice.
    """
    insert = sqlite_insert(ProcedureCounter).values(year=year, last_seq=_highest_seq(year) + 1)
    taken = session.scalar(
        insert.on_conflict_do_update(
            index_elements=[ProcedureCounter.year],
            set_={"last_seq": ProcedureCounter.last_seq + 1},
        ).returning(ProcedureCounter.last_seq)
    )
    assert taken is not None
    return int(taken)
