"""Reading and saving the declared settings (app.settings) in the database."""

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.changes import Changes, Entity
from app.services.context import ServiceContext
from app.settings import Settings, settings_from_mapping
from app.storage.models import Setting


def worker_name(session: Session) -> str:
    """The worker named in the settings: the author of what the register writes itself."""
    stored = session.get(Setting, "worker_name")
    return str(stored.value) if stored is not None else Settings().worker_name


class SettingsService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def load(self) -> Settings:
        with self._ctx.read() as session:
            rows = session.scalars(select(Setting)).all()
            return settings_from_mapping({row.key: row.value for row in rows})

    def save(self, settings: Settings) -> Changes:
        settings.validate()
        with self._ctx.write() as session:
            for key, value in dataclasses.asdict(settings).items():
                session.merge(Setting(key=key, value=value))
        return Changes.of(Entity.SETTINGS)
