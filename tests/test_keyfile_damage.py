"""A damaged or edited keys.json: one clear Polish message, never an internal error or a hang."""

import base64
import copy
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import cli
from app.errors import CorruptDatabaseError
from app.security import crypto
from app.security.crypto import KdfParams
from app.security.keyfile import KEY_FILE_NAME, RECOVERY_KDF, KeyFile
from app.services.vault import DEFAULT_KDF, DataFolder
from tests.conftest import FAST_KDF, PASSWORD, TEST_SETTINGS

ROOT = Path(__file__).resolve().parent.parent
NEW_PASSWORD = "Nowe-Zaklęcie#2027"
DAMAGED = "plik kluczy jest uszkodzony"

Damage = Callable[[dict[str, Any]], bytes]


def _b64(size: int) -> str:
    return base64.b64encode(b"\x01" * size).decode("ascii")


def _json(value: object) -> bytes:
    return json.dumps(value).encode("utf-8")


def _whole(value: object) -> Damage:
    """Replace the whole file with `value` (bytes as they are, anything else as JSON)."""
    return lambda _raw: value if isinstance(value, bytes) else _json(value)


def _set(path: str, value: object) -> Damage:
    """Set the field at dotted `path` ("password.kdf.t") to `value`, the rest unchanged."""

    def damage(raw: dict[str, Any]) -> bytes:
        edited = copy.deepcopy(raw)
        *parents, last = path.split(".")
        target = edited
        for name in parents:
            target = target[name]
        target[last] = value
        return _json(edited)

    return damage


def _drop(path: str) -> Damage:
    def damage(raw: dict[str, Any]) -> bytes:
        edited = copy.deepcopy(raw)
        *parents, last = path.split(".")
        target = edited
        for name in parents:
            target = target[name]
        del target[last]
        return _json(edited)

    return damage


def _kdf(part: str, t: object = 1, m: object = 8192, p: object = 1) -> Damage:
    return _set(f"{part}.kdf", {"t": t, "m": m, "p": p})


WHOLE_FILE: dict[str, Damage] = {
    "top-level list": _whole([]),
    "top-level null": _whole(None),
    "top-level number": _whole(1),
    "top-level string": _whole("keys"),
    "empty file": _whole(b""),
    "not JSON": _whole(b'{"format": 1,'),
    "not UTF-8": _whole(b'{"format": 1, "installation_id": "\xff\xfe"}'),
    "nested too deep": _whole(b"[" * 200_000),
    "format missing": _drop("format"),
    "format as text": _set("format", "1"),
    "format as bool": _set("format", True),
    "format as float": _set("format", 1.0),
    "format from the future": _set("format", 2),
    "format null": _set("format", None),
    "installation_id missing": _drop("installation_id"),
    "installation_id a number": _set("installation_id", 12345),
    "installation_id not a UUID": _set("installation_id", "nie-uuid"),
    "installation_id null": _set("installation_id", None),
    "uses_os_secret as text": _set("uses_os_secret", "false"),
    "uses_os_secret as 0": _set("uses_os_secret", 0),
    "uses_os_secret as 1": _set("uses_os_secret", 1),
    "uses_os_secret null": _set("uses_os_secret", None),
    "uses_os_secret missing": _drop("uses_os_secret"),
}

PER_PART: dict[str, Callable[[str], Damage]] = {
    "missing": _drop,
    "null": lambda part: _set(part, None),
    "a list": lambda part: _set(part, []),
    "a string": lambda part: _set(part, "klucz"),
    "salt missing": lambda part: _drop(f"{part}.salt"),
    "salt a number": lambda part: _set(f"{part}.salt", 123),
    "salt not base64": lambda part: _set(f"{part}.salt", "***nie-base64***"),
    "salt not ASCII": lambda part: _set(f"{part}.salt", "żółwżółwżółwżółw"),
    "salt without padding": lambda part: _set(f"{part}.salt", _b64(17).rstrip("=")),
    "salt 8 bytes": lambda part: _set(f"{part}.salt", _b64(8)),
    "salt 15 bytes": lambda part: _set(f"{part}.salt", _b64(15)),
    "salt 65 bytes": lambda part: _set(f"{part}.salt", _b64(65)),
    "nonce hex": lambda part: _set(f"{part}.nonce", "00" * 12),
    "nonce not base64": lambda part: _set(f"{part}.nonce", "zz!"),
    "nonce 11 bytes": lambda part: _set(f"{part}.nonce", _b64(11)),
    "nonce 13 bytes": lambda part: _set(f"{part}.nonce", _b64(13)),
    "nonce empty": lambda part: _set(f"{part}.nonce", ""),
    "nonce a list": lambda part: _set(f"{part}.nonce", [1, 2, 3]),
    "blob 47 bytes": lambda part: _set(f"{part}.blob", _b64(47)),
    "blob 49 bytes": lambda part: _set(f"{part}.blob", _b64(49)),
    "blob 32 bytes": lambda part: _set(f"{part}.blob", _b64(32)),
    "blob null": lambda part: _set(f"{part}.blob", None),
    "kdf missing": lambda part: _drop(f"{part}.kdf"),
    "kdf null": lambda part: _set(f"{part}.kdf", None),
    "kdf a list": lambda part: _set(f"{part}.kdf", [1, 8192, 1]),
    "kdf t missing": lambda part: _drop(f"{part}.kdf.t"),
    "kdf t as text": lambda part: _kdf(part, t="1"),
    "kdf t as float": lambda part: _kdf(part, t=1.0),
    "kdf t as bool": lambda part: _kdf(part, t=True),
    "kdf t zero": lambda part: _kdf(part, t=0),
    "kdf t negative": lambda part: _kdf(part, t=-1),
    "kdf t 11": lambda part: _kdf(part, t=11),
    "kdf t a million": lambda part: _kdf(part, t=10**6),
    "kdf t astronomic": lambda part: _kdf(part, t=10**40),
    "kdf m negative": lambda part: _kdf(part, m=-8192),
    "kdf m zero": lambda part: _kdf(part, m=0),
    "kdf m below 8 per lane": lambda part: _kdf(part, m=31, p=4),
    "kdf m over 256 MiB": lambda part: _kdf(part, m=262_145),
    "kdf m astronomic": lambda part: _kdf(part, m=2**64),
    "kdf m as bool": lambda part: _kdf(part, m=True),
    "kdf p zero": lambda part: _kdf(part, p=0),
    "kdf p negative": lambda part: _kdf(part, p=-4),
    "kdf p 17": lambda part: _kdf(part, p=17),
    "kdf p as bool": lambda part: _kdf(part, p=True),
    "kdf t times m over 1 GiB": lambda part: _kdf(part, t=5, m=262_144),
}

CASES: dict[str, Damage] = {
    **WHOLE_FILE,
    **{
        f"{part} {name}": make(part)
        for part in ("password", "recovery")
        for name, make in PER_PART.items()
    },
}


def _refuse_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on any key derivation fails the test: damage is refused before it starts."""

    def refuse(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("key derivation ran on a damaged key file")

    monkeypatch.setattr(crypto, "hash_secret_raw", refuse)


def _create(folder: DataFolder) -> str:
    """A closed register in `folder`; returns its recovery code."""
    created = folder.create(PASSWORD, TEST_SETTINGS)
    created.database.close()
    return created.recovery_code


def _damage(data_dir: Path, damage: Damage) -> None:
    path = data_dir / KEY_FILE_NAME
    path.write_bytes(damage(json.loads(path.read_text("utf-8"))))


def _assert_damaged_message(error: CorruptDatabaseError) -> None:
    assert DAMAGED in error.message.lower()
    assert "\n" not in error.message
    assert "kopii zapasowej" in error.message


@pytest.mark.parametrize("damage", CASES.values(), ids=CASES.keys())
def test_a_damaged_key_file_is_refused_with_one_clear_message(
    folder: DataFolder, data_dir: Path, damage: Damage, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _create(folder)
    _damage(data_dir, damage)
    _refuse_key_derivation(monkeypatch)
    reopened = DataFolder(data_dir, kdf=FAST_KDF)

    started = time.monotonic()
    with pytest.raises(CorruptDatabaseError) as by_password:
        reopened.unlock(PASSWORD)
    with pytest.raises(CorruptDatabaseError) as by_code:
        reopened.unlock_with_recovery(code, NEW_PASSWORD)
    with pytest.raises(CorruptDatabaseError) as asked:
        reopened.uses_os_secret()
    assert time.monotonic() - started < 5

    for error in (by_password.value, by_code.value, asked.value):
        _assert_damaged_message(error)


def test_the_edits_above_start_from_a_file_that_opens(folder: DataFolder, data_dir: Path) -> None:
    """Rewriting an intact file the way the cases do keeps it valid: only the damage counts."""
    code = _create(folder)
    _damage(data_dir, _set("format", 1))
    reopened = DataFolder(data_dir, kdf=FAST_KDF)
    reopened.unlock(PASSWORD).close()
    reopened.unlock_with_recovery(code, NEW_PASSWORD).close()
    reopened.unlock(NEW_PASSWORD).close()


def test_the_id_is_kept_exactly_as_written(folder: DataFolder, data_dir: Path) -> None:
    """It names the entry in the credential store, so it is checked but never rewritten."""
    _create(folder)
    written = json.loads((data_dir / KEY_FILE_NAME).read_text("utf-8"))["installation_id"]
    assert KeyFile.load(data_dir).installation_id == written


def test_a_missing_key_file_is_reported_as_missing(tmp_path: Path) -> None:
    with pytest.raises(CorruptDatabaseError) as missing:
        KeyFile.load(tmp_path)
    assert "brak pliku kluczy" in missing.value.message.lower()
    assert "kopii zapasowej" in missing.value.message


@pytest.mark.parametrize(
    "params",
    [FAST_KDF, DEFAULT_KDF, RECOVERY_KDF, KdfParams(10, 262_144 * 4 // 10, 16)],
    ids=["tests", "default", "recovery", "upper edge"],
)
def test_the_costs_the_program_writes_are_within_the_bounds(params: KdfParams) -> None:
    params.check()
    assert KdfParams.from_dict(params.as_dict()) == params


def test_out_of_bounds_cost_is_refused_before_key_derivation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Even a caller that builds the cost by hand cannot start a derivation that never ends."""
    _refuse_key_derivation(monkeypatch)
    with pytest.raises(ValueError, match="„t”"):
        crypto.derive_key("hasło", b"\x00" * 16, KdfParams(10**6, 8192, 1), None)


def _cli(data_dir: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        cli.PASSWORD_ENV: PASSWORD,
    }
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    "name", ["recovery kdf t a million", "password salt not base64", "top-level null"]
)
def test_the_cli_reports_a_damaged_key_file_in_one_line(
    data_dir: Path, tmp_path: Path, name: str
) -> None:
    _create(DataFolder(data_dir, kdf=FAST_KDF))
    _damage(data_dir, CASES[name])

    result = _cli(data_dir, tmp_path, "check")

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Błąd:")
    assert DAMAGED in lines[0].lower()
    assert "Traceback" not in result.stderr
