"""Key derivation and key wrapping primitives.

The database key is random; it is never stored in clear, only wrapped (AES-256-GCM)
by key-encryption keys derived from the password (Argon2id) or the recovery code.
"""

import hashlib
import hmac
import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; stored beside each wrapped key so costs can rise later."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4

    def as_dict(self) -> dict[str, int]:
        return {"t": self.time_cost, "m": self.memory_kib, "p": self.parallelism}

    @classmethod
    def from_dict(cls, raw: dict[str, int]) -> "KdfParams":
        return cls(time_cost=raw["t"], memory_kib=raw["m"], parallelism=raw["p"])


def random_key() -> bytes:
    return os.urandom(KEY_BYTES)


def derive_key(secret: str, salt: bytes, params: KdfParams, pepper: bytes | None) -> bytes:
    """Argon2id of `secret`, then mixed with the per-installation `pepper` when there is one."""
    stretched = hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
    if pepper is None:
        return stretched
    return hmac.new(pepper, stretched, hashlib.sha256).digest()


def wrap(kek: bytes, key: bytes, label: bytes) -> tuple[bytes, bytes]:
    """Encrypt `key` under `kek`; `label` binds the blob to its purpose. Returns (nonce, blob)."""
    nonce = os.urandom(12)
    return nonce, AESGCM(kek).encrypt(nonce, key, label)


def unwrap(kek: bytes, nonce: bytes, blob: bytes, label: bytes) -> bytes | None:
    """The wrapped key, or None when `kek` is wrong (or the blob was tampered with)."""
    try:
        return AESGCM(kek).decrypt(nonce, blob, label)
    except InvalidTag:
        return None
