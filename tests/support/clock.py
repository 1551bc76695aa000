"""The frozen clock of the test suite: services see this date as today."""

import datetime as dt

from app.services.context import FixedClock, ServiceContext
from app.storage.db import Database

TODAY = dt.date(2026, 11, 30)
CLOCK = FixedClock.on(TODAY)


def ctx(db: Database, today: dt.date = TODAY) -> ServiceContext:
    """Services of `db` that see `today` as the current date."""
    return ServiceContext(db, FixedClock.on(today))
