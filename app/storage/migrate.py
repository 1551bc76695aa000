"""Schema upgrades with Alembic: safety copy first, never touch a newer database."""

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from app.errors import DatabaseTooNewError
from app.storage.files import SAFETY_COPY_DIR

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this program knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database (None for an empty one)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """True when the database is older than this program; refuses a newer one."""
    current = current_revision(engine)
    script = ScriptDirectory.from_config(_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNewError(
            "Ta baza danych została zapisana przez nowszą wersję NK Desk. "
            "Zainstaluj aktualną wersję programu; baza nie została zmieniona."
        )
    return current != head_revision()


def safety_copy(engine: Engine, data_dir: Path, key_literal: str) -> Path:
    """Encrypted copy of the database (same key) before an upgrade touches it."""
    target_dir = data_dir / SAFETY_COPY_DIR
    target_dir.mkdir(mode=0o700, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = target_dir / f"nkdesk-{current_revision(engine) or 'pusta'}-{stamp}.db"
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("ATTACH DATABASE ? AS safety KEY ?", (str(target), key_literal))
        try:
            raw.execute("SELECT sqlcipher_export('safety')")
        finally:
            raw.execute("DETACH DATABASE safety")
    return target


def upgrade(engine: Engine) -> None:
    """Bring the schema to the head revision in one transaction."""
    with engine.begin() as conn:
        command.upgrade(_config(conn), "head")
