"""Cheap checks shared by services before they write."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.storage.models import Procedure


def require_live_procedure(session: Session, procedure_id: int) -> None:
    """NotFoundError unless the procedure exists and was not deleted."""
    found = session.scalar(
        select(Procedure.id).where(Procedure.id == procedure_id, Procedure.deleted_at.is_(None))
    )
    if found is None:
        raise NotFoundError("Procedura nie istnieje lub została usunięta.")
