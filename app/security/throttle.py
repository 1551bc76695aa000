"""Growing delay after failed unlock attempts, kept in a file so a restart does not reset it."""

import datetime as dt
import json
import math
from collections.abc import Callable
from pathlib import Path

from app.errors import ThrottledError
from app.security.keyfile import write_atomically

STATE_FILE_NAME = "unlock-attempts.json"
FREE_ATTEMPTS = 3
FIRST_DELAY_S = 5.0
MAX_DELAY_S = 300.0

Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def delay_after(failures: int) -> float:
    """Seconds to wait after `failures` consecutive failures: 0,0,0,5,10,20,… up to 5 min."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return float(min(FIRST_DELAY_S * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_S))


class UnlockThrottle:
    def __init__(self, folder: Path, clock: Clock = _utc_now) -> None:
        self._path = folder / STATE_FILE_NAME
        self._clock = clock

    def _read(self) -> tuple[int, dt.datetime | None]:
        try:
            raw = json.loads(self._path.read_text("utf-8"))
            last = raw.get("last_failure")
            return int(raw["failures"]), dt.datetime.fromisoformat(last) if last else None
        except (OSError, ValueError, KeyError, TypeError):
            return 0, None

    def seconds_left(self) -> float:
        failures, last = self._read()
        if last is None:
            return 0.0
        elapsed = (self._clock() - last).total_seconds()
        return max(0.0, delay_after(failures) - elapsed)

    def check(self) -> None:
        """Raise ThrottledError while the delay after the last failure still runs."""
        left = self.seconds_left()
        if left > 0:
            raise ThrottledError(
                f"Zbyt wiele nieudanych prób. Spróbuj ponownie za {math.ceil(left)} s.", left
            )

    def record_failure(self) -> float:
        """Count one more failure; returns the delay now in force."""
        failures, _ = self._read()
        failures += 1
        state = {"failures": failures, "last_failure": self._clock().isoformat()}
        write_atomically(self._path, json.dumps(state).encode("utf-8"))
        return delay_after(failures)

    def record_success(self) -> None:
        self._path.unlink(missing_ok=True)
