"""Growing delay after failed unlock attempts, kept in a file so a restart does not reset it."""

import contextlib
import datetime as dt
import json
import math
from collections.abc import Callable
from pathlib import Path

from app.errors import ThrottledError
from app.fileio import write_atomically

STATE_FILE_NAME = "unlock-attempts.json"
FREE_ATTEMPTS = 3
FIRST_DELAY_S = 5.0
MAX_DELAY_S = 300.0
# Doublings after which the wait has reached MAX_DELAY_S (5 s × 2**6 > 300 s): a larger
# exponent changes nothing, so it is cut here and 2**n stays small whatever the count.
_MAX_EXPONENT = math.ceil(math.log2(MAX_DELAY_S / FIRST_DELAY_S))
# The count kept in the file stops growing here; a larger one can only come from damage.
MAX_FAILURES = 1000

Clock = Callable[[], dt.datetime]
_NO_FAILURES: tuple[int, dt.datetime | None] = (0, None)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def delay_after(failures: int) -> float:
    """Seconds to wait after `failures` consecutive failures: 0,0,0,5,10,20,… up to 5 min."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    exponent = min(failures - FREE_ATTEMPTS, _MAX_EXPONENT)
    return float(min(FIRST_DELAY_S * 2**exponent, MAX_DELAY_S))


class UnlockThrottle:
    """The attempt counter in the data folder.

    The file is plain JSON anyone with access to the folder can edit, so it is read
    defensively: anything damaged (not an object, a count that is not a plain
    non-negative integer or is implausibly large, a time that is missing, unreadable or
    without a UTC offset) counts as zero failures, and no wait is ever longer than
    MAX_DELAY_S. A last failure in the future (clock moved back, or an edited file)
    counts as now and the file is corrected to say so: the wait cannot stretch beyond
    one delay.
    """

    def __init__(self, folder: Path, clock: Clock = _utc_now) -> None:
        self._path = folder / STATE_FILE_NAME
        self._clock = clock

    def _read(self) -> tuple[int, dt.datetime | None]:
        """(failures, time of the last one); damage counts as no failures."""
        try:
            raw = json.loads(self._path.read_bytes().decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return _NO_FAILURES
        if not isinstance(raw, dict):
            return _NO_FAILURES
        failures, last = raw.get("failures"), raw.get("last_failure")
        if type(failures) is not int or not 0 <= failures <= MAX_FAILURES:  # bool refused too
            return _NO_FAILURES
        if not isinstance(last, str):
            return _NO_FAILURES
        try:
            when = dt.datetime.fromisoformat(last)
        except ValueError:
            return _NO_FAILURES
        if when.utcoffset() is None:  # a naive time cannot be compared with now
            return _NO_FAILURES
        return failures, when

    def _write(self, failures: int, when: dt.datetime) -> None:
        state = {"failures": failures, "last_failure": when.isoformat()}
        write_atomically(self._path, json.dumps(state).encode("utf-8"))

    def seconds_left(self) -> float:
        failures, last = self._read()
        if last is None:
            return 0.0
        now = self._clock()
        if last > now:
            last = now
            # Kept so the delay runs from this moment; if the folder refuses the write,
            # each wait is still capped, it just starts again at the next check.
            with contextlib.suppress(OSError):
                self._write(failures, now)
        elapsed = (now - last).total_seconds()
        return min(MAX_DELAY_S, max(0.0, delay_after(failures) - elapsed))

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
        failures = min(failures + 1, MAX_FAILURES)
        # Advisory (see docs/security.md): a folder that refuses the write must not turn a
        # wrong password into an internal error.
        with contextlib.suppress(OSError):
            self._write(failures, self._clock())
        return delay_after(failures)

    def record_success(self) -> None:
        with contextlib.suppress(OSError):
            self._path.unlink(missing_ok=True)
