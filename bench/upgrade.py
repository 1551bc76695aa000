"""What a schema upgrade costs her once, on the first unlock after installing a new version.

A copy of the register is stepped back one Alembic revision, then unlocked as the new
program would: the safety copy of the whole register and the upgrade both happen in
that unlock. The next unlock of the same copy is timed too, for comparison.
"""

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config

from app.storage.files import SAFETY_COPY_DIR
from app.storage.migrate import MIGRATIONS_DIR, current_revision
from bench.registers import unlocked


@dataclass(frozen=True)
class Upgrade:
    from_revision: str
    to_revision: str
    first_unlock_s: float
    next_unlock_s: float


def schema_upgrade(data_dir: Path, scratch: Path) -> Upgrade:
    copy = scratch / "upgrade" / "data"
    shutil.copytree(data_dir, copy)
    try:
        with unlocked(copy) as register:
            engine = register.context.db.engine
            head = current_revision(engine)
            with engine.begin() as connection:
                config = Config()
                config.set_main_option("script_location", str(MIGRATIONS_DIR))
                config.attributes["connection"] = connection
                command.downgrade(config, "-1")
            previous = current_revision(engine)
        shutil.rmtree(copy / SAFETY_COPY_DIR, ignore_errors=True)
        started = time.perf_counter()
        with unlocked(copy):
            first = time.perf_counter() - started
        started = time.perf_counter()
        with unlocked(copy):
            second = time.perf_counter() - started
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    return Upgrade(previous or "-", head or "-", first, second)
