"""The key file beside the database: the database key, wrapped twice, and nothing in clear.

keys.json holds a format number, the installation id (names the OS-store entry),
whether the password wrapping is mixed with the OS-store secret, and two wrapped
copies of the database key: one for the password, one for the recovery code.
"""

import base64
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import CorruptDatabaseError
from app.security import crypto
from app.security.crypto import KdfParams

KEY_FILE_NAME = "keys.json"
FORMAT = 1
PASSWORD_LABEL = b"nkdesk/password"
RECOVERY_LABEL = b"nkdesk/recovery"
RECOVERY_KDF = KdfParams(time_cost=2, memory_kib=19456, parallelism=1)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


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
    def from_dict(cls, raw: dict[str, Any]) -> "WrappedKey":
        return cls(
            salt=_unb64(raw["salt"]),
            kdf=KdfParams.from_dict(raw["kdf"]),
            nonce=_unb64(raw["nonce"]),
            blob=_unb64(raw["blob"]),
        )


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
        try:
            raw = json.loads((folder / KEY_FILE_NAME).read_text("utf-8"))
            if raw.get("format") != FORMAT:
                raise CorruptDatabaseError(
                    "Plik kluczy pochodzi z nowszej wersji programu albo jest uszkodzony."
                )
            return cls(
                installation_id=str(raw["installation_id"]),
                uses_os_secret=bool(raw["uses_os_secret"]),
                password=WrappedKey.from_dict(raw["password"]),
                recovery=WrappedKey.from_dict(raw["recovery"]),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CorruptDatabaseError(
                "Plik kluczy (keys.json) jest uszkodzony lub go brak. "
                "Przywróć go z kopii zapasowej."
            ) from exc


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


def write_atomically(target: Path, data: bytes) -> None:
    """Replace `target` so a crash leaves either the old or the new content, never half."""
    tmp = target.with_name(target.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
