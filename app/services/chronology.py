"""Chronology of a procedure: dated notes, visits, calls, letters and register events."""

import datetime as dt

from sqlalchemy.orm import Session

from app.domain import procedure_rules
from app.domain.enums import ChronologyKind
from app.errors import NotFoundError, ValidationError
from app.services.changes import Changes, Entity
from app.services.guards import require_live_procedure
from app.services.settings_service import worker_name
from app.storage.db import Database
from app.storage.models import ChronologyEntry


def record_event(
    session: Session,
    procedure_id: int,
    title: str,
    occurred_on: dt.date | None = None,
) -> None:
    """Log a register event (deletion, closure, …) in the procedure's chronology.

    The author is the worker named in the settings, read in the same transaction.
    """
    session.add(
        ChronologyEntry(
            procedure_id=procedure_id,
            occurred_on=occurred_on or dt.date.today(),
            kind=ChronologyKind.SYSTEM,
            title=title,
            author=worker_name(session),
        )
    )


class ChronologyService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self,
        procedure_id: int,
        occurred_on: dt.date,
        kind: ChronologyKind,
        title: str,
        body: str = "",
        author: str | None = None,
    ) -> Changes:
        _validate(occurred_on, title)
        with self._db.session() as session:
            require_live_procedure(session, procedure_id)
            entry = ChronologyEntry(
                procedure_id=procedure_id,
                occurred_on=occurred_on,
                kind=ChronologyKind(kind),
                title=title.strip(),
                body=body,
                author=author if author is not None else worker_name(session),
            )
            session.add(entry)
            session.flush()
            return Changes.of(Entity.PROCEDURE, record_id=entry.id)

    def update(
        self, entry_id: int, occurred_on: dt.date, kind: ChronologyKind, title: str, body: str
    ) -> Changes:
        _validate(occurred_on, title)
        with self._db.session() as session:
            entry = session.get(ChronologyEntry, entry_id)
            if entry is None:
                raise NotFoundError("Wpis chronologii nie istnieje.")
            require_live_procedure(session, entry.procedure_id)
            if entry.kind == ChronologyKind.SYSTEM:
                raise ValidationError("Zdarzeń zapisanych przez program nie można zmieniać.")
            entry.occurred_on, entry.kind = occurred_on, ChronologyKind(kind)
            entry.title, entry.body = title.strip(), body
            return Changes.of(Entity.PROCEDURE, record_id=entry.id)


def _validate(occurred_on: dt.date, title: str) -> None:
    procedure_rules.check_entry(occurred_on, title, dt.date.today())
