"""Who acts and when: every service takes the clock and the acting user from here.

No service reads the system clock itself, so tests freeze time at a fixed date, and
later capabilities (deadlines, the audit trail, several workers) name the acting user.
"""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.orm import Session

from app.storage.db import Database


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current moment, time-zone aware."""


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone()


@dataclass(frozen=True)
class FixedClock:
    """A clock stopped at one moment (tests, and the generator's "today")."""

    moment: dt.datetime

    @classmethod
    def on(cls, day: dt.date) -> "FixedClock":
        """Noon of `day` in the local time zone."""
        return cls(dt.datetime.combine(day, dt.time(12)).astimezone())

    def now(self) -> dt.datetime:
        return self.moment


@dataclass(frozen=True)
class ServiceContext:
    """The open register, the clock and the acting user, passed to every service.

    `user` names who acts; None means the worker named in the settings (the desktop
    program has one worker).
    """

    db: Database
    clock: Clock = field(default_factory=SystemClock)
    user: str | None = None

    def today(self) -> dt.date:
        """Today's date where the worker sits: it judges "in the future" and deadlines."""
        return self.clock.now().astimezone().date()

    def utc_now(self) -> dt.datetime:
        """The moment as stored in the register (naive UTC, whole seconds)."""
        return self.clock.now().astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work whose new and changed records are stamped with this clock."""
        with self.db.session(stamp=self.utc_now()) as session:
            yield session

    def read(self) -> Session:
        """A session for reading only (caller closes it)."""
        return self.db.read_session()
