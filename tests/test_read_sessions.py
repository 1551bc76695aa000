"""A long read (an export, a report) never holds the write lock."""

import datetime as dt
import threading

from sqlalchemy import select

from app.services.procedures import ProcedureQuery, ProcedureService
from app.storage.db import Database
from app.storage.models import Procedure
from tests.support.clock import ctx


def test_a_write_goes_through_while_a_read_transaction_is_open(db: Database) -> None:
    procedures = ProcedureService(ctx(db))
    procedures.create(dt.date(2026, 3, 2))
    written: list[int | None] = []
    with db.read_session() as session, session.begin():
        before = session.scalars(select(Procedure.number)).all()
        writer = threading.Thread(
            target=lambda: written.append(procedures.create(dt.date(2026, 3, 3)).record_id)
        )
        writer.start()
        writer.join(timeout=5)
        assert not writer.is_alive(), "the write waited for the reader"
        # The reader keeps its snapshot: one consistent view for the whole export.
        assert session.scalars(select(Procedure.number)).all() == before
    assert written and written[0] is not None
    assert len(procedures.list(ProcedureQuery())) == 2
