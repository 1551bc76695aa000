"""Every filled form is one kind of record: the people it names are rows of their own, and
a register from before keeps its NK-A records, their people, course steps and files."""

import datetime as dt
import os
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, text

from app.domain.enums import CourseEvent
from app.services.register import Register
from app.storage import migrate
from app.storage.db import Database
from tests.support.clock import CLOCK
from tests.support.old_registers import insert_procedure
from tests.test_attachment_links import _alembic_config

STAMP = "'2026-11-02 10:00:00'"


def _insert_person(conn: Connection, person_id: int, last_name: str, role: str) -> None:
    execute = conn.exec_driver_sql
    execute(
        "INSERT INTO person (id, first_name, last_name, pesel, sex, search_text, name_sort, "
        f"created_at, updated_at) VALUES ({person_id}, 'Anna', '{last_name}', '', 'K', '', '', "
        f"{STAMP}, {STAMP})"
    )
    execute(
        "INSERT INTO participation (id, procedure_id, person_id, role, details) "
        f"VALUES ({person_id}, 1, {person_id}, '{role}', '{{}}')"
    )


def test_upgrade_moves_the_named_people_into_rows_and_keeps_every_link(tmp_path: Path) -> None:
    database = Database(tmp_path / "stary.db", os.urandom(32))
    try:
        with database.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0007")
            insert_procedure(conn)
            _insert_person(conn, 3, "Próbna", "victim")
            _insert_person(conn, 2, "Próbny", "perpetrator")
            # The perpetrator named first; id 99 names no stored person.
            conn.exec_driver_sql(
                "INSERT INTO nka_record (id, procedure_id, form_version, filled_on, "
                "filled_place, filled_by_service, filled_by_service_other, "
                "filled_by_institution_name, filled_by_name, content, person_ids, created_at) "
                f"VALUES (7, 1, '2023', '2026-11-02', '', 'police', '', '', '', '{{}}', "
                f"'[2, 99, 3]', {STAMP})"
            )
            conn.exec_driver_sql(
                "INSERT INTO procedure_event (id, procedure_id, kind, occurred_on, "
                f"nka_record_id, note, created_at) VALUES (1, 1, 'nka_received_by_chair', "
                f"'2026-11-04', 7, '', {STAMP})"
            )
            conn.exec_driver_sql(
                "INSERT INTO attachment (id, procedure_id, nka_record_id, file_name, media_type, "
                "size, sha256, description, created_at) VALUES (1, 1, 7, 'skan.pdf', "
                f"'application/pdf', 1, '', '', {STAMP})"
            )
            conn.exec_driver_sql(
                "INSERT INTO attachment_content (attachment_id, data) VALUES (1, x'25')"
            )

        migrate.upgrade(database.engine)
        register = Register(database, CLOCK).opened()

        assert database.integrity_problems() == []
        with database.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            referring = conn.execute(
                text(
                    "SELECT sql FROM sqlite_master WHERE name IN ('procedure_event', 'attachment')"
                )
            ).scalars()
            assert all('REFERENCES "form_record"' in sql for sql in referring), "links followed"
        detail = register.procedures.detail(1)
        [nka] = detail.nka_records
        assert nka.person_ids == (2, 3), "in the order named; the id of no person is left out"
        assert nka.received_by_chair_on == dt.date(2026, 11, 4)
        assert [a.nka_record_id for a in detail.attachments] == [7]
        [event] = register.course.view(1).events
        assert (event.kind, event.nka_record_id) == (CourseEvent.NKA_RECEIVED_BY_CHAIR, 7)
    finally:
        database.close()
