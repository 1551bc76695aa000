"""Schema upgrades: every released register still opens, a newer one is left untouched.

Each released schema revision has a file tests/fixtures/schemas/<revision>.sql: its schema
and a fictional register as SQL text, written once by tests/fixtures/make_schema_fixture.py
with the program of that release and then committed, never regenerated. Every future
release that changes the schema adds one more dump (run the script after adding the
migration); `test_released_register_upgrades_with_its_records` builds an encrypted register
from each one and checks that it upgrades to the newest revision with its records intact.
"""

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.domain import pesel
from app.domain.enums import Role
from app.errors import DatabaseTooNewError
from app.security import keyfile
from app.security.keyfile import KeyFile
from app.security.secret_store import SecretStore
from app.services.attachments import AttachmentService
from app.services.institutions import InstitutionService
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.settings_service import SettingsService
from app.services.vault import DataFolder
from app.storage import migrate, search_index
from app.storage.db import Database, key_pragma_value
from app.storage.models import Base
from tests.conftest import FAST_KDF, PASSWORD
from tests.fixtures import make_schema_fixture as fixture
from tests.support.clock import ctx

SCHEMAS_DIR = Path(__file__).parent / "fixtures" / "schemas"
RELEASED = sorted(p.stem for p in SCHEMAS_DIR.glob("*.sql"))
SQLITE_HEADER = b"SQLite format 3"


def _digests(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def _database_key(folder: DataFolder) -> bytes:
    keys = KeyFile.load(folder.path)
    key = keyfile.unwrap_with_password(
        keys.password, PASSWORD, SecretStore().get(keys.installation_id)
    )
    assert key is not None
    return key


def test_first_released_schema_has_a_fixture() -> None:
    assert "0001" in RELEASED


@pytest.mark.parametrize("revision", RELEASED)
def test_released_register_upgrades_with_its_records(revision: str, tmp_path: Path) -> None:
    copy = tmp_path / "dane"
    fixture.build_register(SCHEMAS_DIR / f"{revision}.sql", copy)

    db = DataFolder(copy, kdf=FAST_KDF).unlock(fixture.FIXTURE_PASSWORD)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        assert db.integrity_problems() == []
        assert SettingsService(ctx(db)).load() == fixture.SETTINGS
        procedures = ProcedureService(ctx(db))
        [row] = procedures.list(ProcedureQuery(text="zmyślona"))
        assert row.started_on == fixture.STARTED_ON
        assert row.victims == "Zmyślona Zofia"
        assert row.perpetrators == "Zmyślony Zenon"
        assert row.nka_count == 1
        _assert_list_keys_filled(db)
        procedure = procedures.detail(row.id)
        assert procedure.notes == fixture.PROCEDURE_NOTES
        [victim] = [p.person for p in procedure.participants if p.role == Role.VICTIM]
        assert victim.pesel == fixture.VICTIM.pesel
        assert victim.birth_date == pesel.decode(fixture.VICTIM.pesel).birth_date
        [visit] = [e for e in procedure.chronology if e.title == fixture.CHRONOLOGY_TITLE]
        assert visit.body == fixture.CHRONOLOGY_BODY
        [attachment] = procedure.attachments
        assert attachment.file_name == fixture.ATTACHMENT_NAME
        assert AttachmentService(ctx(db)).read(attachment.id)[1] == fixture.ATTACHMENT_BYTES
        [nka] = procedure.nka_records
        assert nka.filled_by_name == fixture.NKA_FILLED_BY
        assert nka.filled_by_institution_name == fixture.INSTITUTION.name
        [institution] = InstitutionService(ctx(db)).list("dzielnicowy")
        assert institution.name == fixture.INSTITUTION.name
        added = procedures.detail(procedures.create(row.started_on).record_id)
        assert (added.year, added.seq) == (row.year, row.seq + 1), "numbering goes on"
    finally:
        db.close()
    safety_copies = copy / migrate.SAFETY_COPY_DIR
    assert safety_copies.exists() == (revision != migrate.head_revision())


def test_new_register_gets_the_whole_schema_and_no_safety_copy(
    db: Database, data_dir: Path
) -> None:
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": _not_the_search_index}
        )
        differences = compare_metadata(context, Base.metadata)

    search_tables = {search_index.TABLE} | {
        f"{search_index.TABLE}_{part}" for part in ("data", "idx", "docsize", "config")
    }
    assert tables == set(Base.metadata.tables) | {"alembic_version"} | search_tables
    assert differences == [], "the models and the migrations disagree"
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    assert not migrate.needs_upgrade(db.engine)
    assert not (data_dir / migrate.SAFETY_COPY_DIR).exists()


def test_register_from_a_newer_program_is_refused_and_left_untouched(
    folder: DataFolder, db: Database, data_dir: Path
) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    db.close()
    before = _digests(data_dir)

    with pytest.raises(DatabaseTooNewError, match="nowszą wersję NK Desk"):
        folder.unlock(PASSWORD)

    assert _digests(data_dir) == before
    assert not (data_dir / migrate.SAFETY_COPY_DIR).exists()


def test_safety_copy_is_encrypted_with_the_same_key(
    folder: DataFolder, db: Database, data_dir: Path
) -> None:
    ProcedureService(ctx(db)).create(dt.date(2025, 5, 5), notes="przed aktualizacją")
    key = _database_key(folder)

    copy = migrate.safety_copy(db.engine, data_dir, key_pragma_value(key))

    assert copy.parent == data_dir / migrate.SAFETY_COPY_DIR
    assert copy.name.startswith(f"nkdesk-{migrate.head_revision()}-")
    assert SQLITE_HEADER not in copy.read_bytes()
    saved = Database(copy, key)
    try:
        assert saved.integrity_problems() == []
        assert migrate.current_revision(saved.engine) == migrate.head_revision()
        [row] = ProcedureService(ctx(saved)).list(ProcedureQuery())
        assert ProcedureService(ctx(saved)).detail(row.id).notes == "przed aktualizacją"
    finally:
        saved.close()


def test_unlock_makes_a_safety_copy_before_a_real_upgrade(tmp_path: Path) -> None:
    """The released 0001 register is upgraded for real; the copy keeps it as it was."""
    data_dir = tmp_path / "dane"
    fixture.build_register(SCHEMAS_DIR / "0001.sql", data_dir)
    keys = KeyFile.load(data_dir)
    key = keyfile.unwrap_with_password(keys.password, fixture.FIXTURE_PASSWORD, None)
    assert key is not None

    upgraded = DataFolder(data_dir, kdf=FAST_KDF).unlock(fixture.FIXTURE_PASSWORD)
    try:
        with upgraded.engine.connect() as conn:
            counters = conn.exec_driver_sql("SELECT year, last_seq FROM procedure_counter").all()
        [row] = ProcedureService(ctx(upgraded)).list(ProcedureQuery())
    finally:
        upgraded.close()

    assert counters == [(row.year, row.seq)], "the counter starts from the numbers given out"
    [copy] = (data_dir / migrate.SAFETY_COPY_DIR).iterdir()
    assert copy.name.startswith("nkdesk-0001-")
    assert SQLITE_HEADER not in copy.read_bytes()
    saved = Database(copy, key)
    try:
        assert migrate.current_revision(saved.engine) == "0001"
        with saved.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            numbers = conn.exec_driver_sql("SELECT number FROM procedure").scalars().all()
        assert "procedure_counter" not in tables
        assert numbers == [row.number]
    finally:
        saved.close()


def _not_the_search_index(name: str | None, kind: str, _parents: object) -> bool:
    """The FTS5 index and its shadow tables live outside the models, by design."""
    return not (kind == "table" and (name or "").startswith(search_index.TABLE))


def _assert_list_keys_filled(db: Database) -> None:
    """The upgrade computed the stored sort keys with the rule the services use."""
    from sqlalchemy import select

    from app.domain.text import polish_sort_text
    from app.storage.models import Institution, Person, Procedure

    with db.read_session() as session:
        procedure = session.scalars(select(Procedure)).one()
        assert procedure.victims_sort == polish_sort_text("Zmyślona Zofia")
        assert procedure.perpetrators_sort == polish_sort_text("Zmyślony Zenon")
        for person in session.scalars(select(Person)):
            assert person.name_sort == polish_sort_text(f"{person.last_name} {person.first_name}")
        for institution in session.scalars(select(Institution)):
            assert institution.name_sort == polish_sort_text(institution.name)
