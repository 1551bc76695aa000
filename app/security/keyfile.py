"""The key file beside the database: the database key, wrapped twice, and nothing in clear.

keys.json holds a format number, the installation id (names the OS-store entry),
whether the password wrapping is mixed with the OS-store secret, and two wrapped
copies of the database key: one for the password, one for the recovery code.

`KeyFile.load` checks the whole file before anything uses it — types, lengths and the
Argon2id cost (within the bounds in `crypto`) — and turns any damage into one
`CorruptDatabaseError`, so a broken or edited file never ends in an internal error or
an unlock that does not finish.
"""

import base64
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import CorruptDatabaseError
from app.fileio import write_atomically
from app.security import crypto
from app.security.crypto import KdfParams

KEY_FILE_NAME = "keys.json"
FORMAT = 1
PASSWORD_LABEL = b"nkdesk/password"
RECOVERY_LABEL = b"nkdesk/recovery"
RECOVERY_KDF = KdfParams(time_cost=2, memory_kib=19456, parallelism=1)
SALT_MIN_BYTES = 16
SALT_MAX_BYTES = 64
BLOB_BYTES = crypto.KEY_BYTES + crypto.TAG_BYTES  # the wrapped key and its GCM tag


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _damaged(reason: str) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"Plik kluczy jest uszkodzony ({KEY_FILE_NAME}: {reason}). Przywróć go z kopii zapasowej."
    )


def _bytes_field(raw: dict[str, Any], part: str, name: str, low: int, high: int) -> bytes:
    """Base64 field `name` of `part`, `low`..`high` bytes long; ValueError with the reason."""
    value = raw.get(name)
    if not isinstance(value, str):
        raise ValueError(f"pole „{part}.{name}” nie jest tekstem")
    try:
        data = _unb64(value)
    except ValueError as exc:  # not ASCII, or not base64
        raise ValueError(f"pole „{part}.{name}” nie jest poprawnym zapisem base64") from exc
    if not low <= len(data) <= high:
        size = f"{low}" if low == high else f"od {low} do {high}"
        raise ValueError(f"pole „{part}.{name}” musi mieć {size} bajtów, ma {len(data)}")
    return data


def _installation_id(value: object) -> str:
    """The id as stored (it names the OS-store entry), if it is a UUID in its usual form."""
    if isinstance(value, str):
        try:
            if str(uuid.UUID(value)) == value.lower():
                return value
        except ValueError:
            pass
    raise ValueError("pole „installation_id” nie jest identyfikatorem UUID")


@dataclass(frozen=True)
class WrappedKey:
    salt: bytes
    kdf: KdfParams
    nonce: bytes
    blob: bytes

    def as_dict(self) -> dict[str, Any]:
        return {
            "salt": _b64(self.salt),
            "kdf": self.kdf.as_dict(),
            "nonce": _b64(self.nonce),
            "blob": _b64(self.blob),
        }

    @classmethod
    def from_dict(cls, raw: object, part: str = "password") -> "WrappedKey":
        """A wrapped key read from the file; ValueError (a short Polish reason) if damaged.

        `part` names the section ("password" or "recovery") in the reason.
        """
        if not isinstance(raw, dict):
            raise ValueError(f"pole „{part}” nie jest obiektem")
        salt = _bytes_field(raw, part, "salt", SALT_MIN_BYTES, SALT_MAX_BYTES)
        nonce = _bytes_field(raw, part, "nonce", crypto.NONCE_BYTES, crypto.NONCE_BYTES)
        blob = _bytes_field(raw, part, "blob", BLOB_BYTES, BLOB_BYTES)
        if not isinstance(raw.get("kdf"), dict):
            raise ValueError(f"pole „{part}.kdf” nie jest obiektem")
        try:
            kdf = KdfParams.from_dict(raw["kdf"])
        except ValueError as exc:
            raise ValueError(f"pole „{part}.kdf”: {exc}") from exc
        return cls(salt=salt, kdf=kdf, nonce=nonce, blob=blob)


@dataclass(frozen=True)
class KeyFile:
    installation_id: str
    uses_os_secret: bool
    password: WrappedKey
    recovery: WrappedKey

    def save(self, folder: Path) -> None:
        """Write atomically (temp file + fsync + rename), owner-only."""
        payload = {
            "format": FORMAT,
            "installation_id": self.installation_id,
            "uses_os_secret": self.uses_os_secret,
            "password": self.password.as_dict(),
            "recovery": self.recovery.as_dict(),
        }
        write_atomically(folder / KEY_FILE_NAME, json.dumps(payload, indent=2).encode("utf-8"))

    @classmethod
    def load(cls, folder: Path) -> "KeyFile":
        """Read and fully check keys.json; any damage is one CorruptDatabaseError."""
        path = folder / KEY_FILE_NAME
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise CorruptDatabaseError(
                f"Brak pliku kluczy ({KEY_FILE_NAME}) w folderze {folder}. "
                "Przywróć go z kopii zapasowej."
            ) from exc
        except OSError as exc:
            raise CorruptDatabaseError(
                f"Nie można odczytać pliku kluczy ({KEY_FILE_NAME}) w folderze {folder}. "
                "Sprawdź uprawnienia albo przywróć plik z kopii zapasowej."
            ) from exc
        try:
            return cls._parse(data)
        except ValueError as exc:
            raise _damaged(str(exc)) from exc

    @classmethod
    def _parse(cls, data: bytes) -> "KeyFile":
        """The key file from its bytes; ValueError with a short Polish reason if damaged."""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError("zawartość nie jest tekstem w kodowaniu UTF-8") from exc
        try:
            raw = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise ValueError("zawartość jest nieczytelna") from exc
        if not isinstance(raw, dict):
            raise ValueError("zawartość nie ma postaci pliku kluczy")
        version = raw.get("format")
        if type(version) is not int:  # bool is an int subclass: refused too
            raise ValueError("pole „format” nie jest liczbą całkowitą")
        if version != FORMAT:
            raise ValueError(
                "nieobsługiwany numer formatu — może zapisała go nowsza wersja programu"
            )
        uses_os_secret = raw.get("uses_os_secret")
        if not isinstance(uses_os_secret, bool):
            raise ValueError("pole „uses_os_secret” nie jest wartością logiczną")
        return cls(
            installation_id=_installation_id(raw.get("installation_id")),
            uses_os_secret=uses_os_secret,
            password=WrappedKey.from_dict(raw.get("password"), "password"),
            recovery=WrappedKey.from_dict(raw.get("recovery"), "recovery"),
        )


def new_installation_id() -> str:
    return str(uuid.uuid4())


def wrap_for_password(
    db_key: bytes, password: str, pepper: bytes | None, kdf: KdfParams
) -> WrappedKey:
    salt = os.urandom(16)
    kek = crypto.derive_key(password, salt, kdf, pepper)
    nonce, blob = crypto.wrap(kek, db_key, PASSWORD_LABEL)
    return WrappedKey(salt=salt, kdf=kdf, nonce=nonce, blob=blob)


def wrap_for_recovery(db_key: bytes, normalized_code: str) -> WrappedKey:
    salt = os.urandom(16)
    kek = crypto.derive_key(normalized_code, salt, RECOVERY_KDF, None)
    nonce, blob = crypto.wrap(kek, db_key, RECOVERY_LABEL)
    return WrappedKey(salt=salt, kdf=RECOVERY_KDF, nonce=nonce, blob=blob)


def unwrap_with_password(wrapped: WrappedKey, password: str, pepper: bytes | None) -> bytes | None:
    kek = crypto.derive_key(password, wrapped.salt, wrapped.kdf, pepper)
    return crypto.unwrap(kek, wrapped.nonce, wrapped.blob, PASSWORD_LABEL)


def unwrap_with_recovery(wrapped: WrappedKey, normalized_code: str) -> bytes | None:
    kek = crypto.derive_key(normalized_code, wrapped.salt, wrapped.kdf, None)
    return crypto.unwrap(kek, wrapped.nonce, wrapped.blob, RECOVERY_LABEL)
