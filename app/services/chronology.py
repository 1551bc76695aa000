"""Chronology of a procedure: dated notes, visits, calls, letters and register events."""

import datetime as dt

from sqlalchemy.orm import Session

from app.domain import procedure_rules
from app.domain.enums import ChronologyKind
from app.errors import NotFoundError, ValidationError
from app.services.changes import Changes, Entity
from app.services.context import ServiceContext
from app.services.guards import require_live_procedure
from app.services.settings_service import worker_name
from app.storage.models import ChronologyEntry


def record_event(
    session: Session,
    context: ServiceContext,
    procedure_id: int,
    title: str,
    occurred_on: dt.date | None = None,
) -> None:
    """Log a register event (deletion, closure, …) in the procedure's chronology.

    The author is the acting user, by default the worker named in the settings, read in
    the same transaction.
    """
    session.add(
        ChronologyEntry(
            procedure_id=procedure_id,
            occurred_on=occurred_on or context.today(),
            kind=ChronologyKind.SYSTEM,
            title=title,
            author=acting_user(session, context),
        )
    )


def acting_user(session: Session, context: ServiceContext) -> str:
    """Who the register names as the author of what it writes."""
    return context.user if context.user is not None else worker_name(session)


def new_entry(
    session: Session,
    context: ServiceContext,
    procedure_id: int,
    occurred_on: dt.date,
    kind: ChronologyKind,
    title: str,
    body: str,
    author: str | None = None,
) -> ChronologyEntry:
    """Add a checked entry to a live procedure; flushed, so its id can be linked to."""
    entry = ChronologyEntry(
        procedure_id=procedure_id,
        occurred_on=occurred_on,
        kind=ChronologyKind(kind),
        title=title.strip(),
        body=body,
        author=author if author is not None else acting_user(session, context),
    )
    session.add(entry)
    session.flush()
    return entry


def edit_entry(
    session: Session,
    entry_id: int,
    occurred_on: dt.date,
    kind: ChronologyKind,
    title: str,
    body: str,
) -> ChronologyEntry:
    """Change a checked entry the user wrote, in a live procedure."""
    entry = session.get(ChronologyEntry, entry_id)
    if entry is None:
        raise NotFoundError("Wpis chronologii nie istnieje.")
    require_live_procedure(session, entry.procedure_id)
    if entry.kind == ChronologyKind.SYSTEM:
        raise ValidationError("Zdarzeń zapisanych przez program nie można zmieniać.")
    entry.occurred_on, entry.kind = occurred_on, ChronologyKind(kind)
    entry.title, entry.body = title.strip(), body
    return entry


class ChronologyService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def add(
        self,
        procedure_id: int,
        occurred_on: dt.date,
        kind: ChronologyKind,
        title: str,
        body: str = "",
        author: str | None = None,
    ) -> Changes:
        procedure_rules.check_entry(occurred_on, title, self._ctx.today())
        with self._ctx.write() as session:
            require_live_procedure(session, procedure_id)
            entry = new_entry(
                session, self._ctx, procedure_id, occurred_on, kind, title, body, author
            )
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=entry.id)

    def update(
        self, entry_id: int, occurred_on: dt.date, kind: ChronologyKind, title: str, body: str
    ) -> Changes:
        procedure_rules.check_entry(occurred_on, title, self._ctx.today())
        with self._ctx.write() as session:
            entry = edit_entry(session, entry_id, occurred_on, kind, title, body)
            return Changes.of(Entity.PROCEDURE, procedures=[entry.procedure_id], record_id=entry.id)
