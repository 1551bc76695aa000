"""A damaged or edited unlock-attempts.json never locks the worker out for more than 5 minutes."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app import cli
from app.errors import ThrottledError
from app.security.throttle import MAX_DELAY_S, STATE_FILE_NAME, UnlockThrottle, delay_after
from app.services.vault import DataFolder
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS

ROOT = Path(__file__).resolve().parent.parent
NEW_PASSWORD = "Nowe-Zaklęcie#2027"
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
RECENT = (NOW - dt.timedelta(seconds=1)).isoformat()
NEXT_YEAR = (NOW + dt.timedelta(days=365)).isoformat()


class FakeClock:
    """A clock the test moves forward by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def _state(failures: object, last_failure: object) -> bytes:
    return json.dumps({"failures": failures, "last_failure": last_failure}).encode("utf-8")


CASES: dict[str, bytes] = {
    "time next year": _state(9, NEXT_YEAR),
    "time next year, few failures": _state(2, NEXT_YEAR),
    "time in year 9999": _state(9, "9999-12-31T23:59:59+00:00"),
    "time far ahead with odd offset": _state(9, "9999-12-31T23:59:59-23:59"),
    "time in year 1": _state(9, "0001-01-01T00:00:00+23:59"),
    "naive time": _state(9, "2026-03-02T08:59:59"),
    "naive future time": _state(9, "2027-03-02T08:59:59"),
    "garbage time": _state(9, "wczoraj po południu"),
    "time as a number": _state(9, 1_772_441_999),
    "time null": _state(9, None),
    "time missing": json.dumps({"failures": 9}).encode("utf-8"),
    "negative count": _state(-5, RECENT),
    "bool count": _state(True, RECENT),
    # Large enough that 5 s × 2**(n - 3) cannot be a float; an even larger one would not
    # fail the unguarded formula but exhaust the memory while computing it.
    "huge count": _state(10**6, RECENT),
    "count beyond the kept maximum": _state(5000, RECENT),
    "float count": _state(7.0, RECENT),
    "text count": _state("7", RECENT),
    "null count": _state(None, RECENT),
    "count missing": json.dumps({"last_failure": RECENT}).encode("utf-8"),
    "top-level list": json.dumps([9, RECENT]).encode("utf-8"),
    "top-level null": b"null",
    "top-level number": b"9",
    "top-level string": b'"9"',
    "empty file": b"",
    "not JSON": b'{"failures": 9,',
    "not UTF-8": b'{"failures": 9, "last_failure": "\xff\xfe"}',
    "nested too deep": b"[" * 200_000,
}


def _create(data_dir: Path, clock: FakeClock) -> tuple[DataFolder, str]:
    folder = DataFolder(data_dir, kdf=FAST_KDF, clock=clock)
    created = folder.create(PASSWORD, TEST_SETTINGS)
    created.database.close()
    return folder, created.recovery_code


def _write_state(data_dir: Path, content: bytes) -> None:
    (data_dir / STATE_FILE_NAME).write_bytes(content)


@pytest.mark.parametrize("content", CASES.values(), ids=CASES.keys())
def test_damaged_attempt_counter_never_blocks_beyond_the_cap(
    data_dir: Path, content: bytes
) -> None:
    clock = FakeClock()
    folder, code = _create(data_dir, clock)
    _write_state(data_dir, content)

    assert 0.0 <= UnlockThrottle(data_dir, clock).seconds_left() <= MAX_DELAY_S
    password = PASSWORD
    try:
        folder.unlock(password).close()
    except ThrottledError as throttled:
        assert 0 < throttled.wait_seconds <= MAX_DELAY_S
        assert "Zbyt wiele nieudanych prób" in throttled.message
    try:
        folder.unlock_with_recovery(code, NEW_PASSWORD).close()
        password = NEW_PASSWORD
    except ThrottledError as throttled:
        assert 0 < throttled.wait_seconds <= MAX_DELAY_S

    # Whatever the file said, the cap has passed: a restarted program opens at once.
    clock.advance(MAX_DELAY_S)
    assert UnlockThrottle(data_dir, clock).seconds_left() == 0.0
    DataFolder(data_dir, kdf=FAST_KDF, clock=clock).unlock(password).close()


ZERO_CASES = ("naive time", "garbage time", "bool count", "huge count", "top-level list")


@pytest.mark.parametrize("content", [CASES[name] for name in ZERO_CASES], ids=ZERO_CASES)
def test_damage_counts_as_no_failures(data_dir: Path, content: bytes) -> None:
    clock = FakeClock()
    folder, _code = _create(data_dir, clock)
    _write_state(data_dir, content)

    assert UnlockThrottle(data_dir, clock).seconds_left() == 0.0
    folder.unlock(PASSWORD).close()
    assert not (data_dir / STATE_FILE_NAME).exists()


def test_a_failure_after_damage_starts_counting_from_one(data_dir: Path) -> None:
    clock = FakeClock()
    _create(data_dir, clock)
    _write_state(data_dir, CASES["huge count"])

    assert UnlockThrottle(data_dir, clock).record_failure() == 0.0
    state = json.loads((data_dir / STATE_FILE_NAME).read_text("utf-8"))
    assert state["failures"] == 1
    assert dt.datetime.fromisoformat(state["last_failure"]) == NOW


def test_a_failure_in_the_future_counts_as_now(data_dir: Path) -> None:
    """After the clock went back a year, the wait is one delay from now, not a year."""
    clock = FakeClock()
    folder, code = _create(data_dir, clock)
    _write_state(data_dir, _state(5, NEXT_YEAR))

    with pytest.raises(ThrottledError) as throttled:
        folder.unlock(PASSWORD)
    assert throttled.value.wait_seconds == pytest.approx(delay_after(5))
    clock.advance(delay_after(5) - 1)
    with pytest.raises(ThrottledError) as still:
        folder.unlock_with_recovery(code, NEW_PASSWORD)
    assert still.value.wait_seconds == pytest.approx(1)

    clock.advance(1)
    folder.unlock(PASSWORD).close()


def test_the_delay_is_capped_for_any_count() -> None:
    assert [delay_after(n) for n in (-1, 0, 2, 3, 4, 5)] == [0, 0, 0, 5, 10, 20]
    for failures in (9, 100, 5000, 10**6):
        assert delay_after(failures) == MAX_DELAY_S


def test_the_cli_opens_at_once_despite_a_failure_time_in_the_future(
    data_dir: Path, tmp_path: Path
) -> None:
    keyring.set_keyring(fail.Keyring())  # password-only, like the CLI's environment below
    folder = DataFolder(data_dir, kdf=FAST_KDF)
    folder.create(PASSWORD, TEST_SETTINGS).database.close()
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=365)
    _write_state(data_dir, _state(2, future.isoformat()))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        cli.PASSWORD_ENV: PASSWORD,
    }

    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=ROOT,
    )

    assert result.returncode == 0, result.stderr
    assert "spójna" in result.stdout
    assert not (data_dir / STATE_FILE_NAME).exists()
