"""Key derivation and key wrapping primitives.

The database key is random; it is never stored in clear, only wrapped (AES-256-GCM)
by key-encryption keys derived from the password (Argon2id) or the recovery code.
"""

import hashlib
import hmac
import os
from dataclasses import dataclass

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import UserError

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16

# Bounds on the Argon2id cost accepted from keys.json. The lower ones are Argon2's own
# minimums (the cheap test cost t=1, m=8 MiB, p=1 stays valid); the upper ones keep one
# unlock to seconds on office hardware, so a damaged or edited key file cannot make the
# program hang or exhaust memory. The default and recovery costs sit well inside them.
KDF_MIN_TIME_COST = 1
KDF_MAX_TIME_COST = 10
KDF_MIN_PARALLELISM = 1
KDF_MAX_PARALLELISM = 16
KDF_MIN_MEMORY_PER_LANE_KIB = 8  # Argon2 needs at least 8 KiB per lane: m >= 8 * p
KDF_MAX_MEMORY_KIB = 262_144  # 256 MiB: four times the default, within an office PC's reach
KDF_MAX_WORK_KIB = 4 * KDF_MAX_MEMORY_KIB  # time cost × memory: at most 1 GiB of passes


def _whole_number(name: str, value: object) -> int:
    if type(value) is not int:  # bool is an int subclass: refused too
        raise ValueError(f"koszt „{name}” nie jest liczbą całkowitą")
    return value


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; stored beside each wrapped key so costs can rise later."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4

    def as_dict(self) -> dict[str, int]:
        return {"t": self.time_cost, "m": self.memory_kib, "p": self.parallelism}

    def check(self) -> None:
        """Raise ValueError (a short Polish reason) unless the cost is within the bounds above."""
        for name, value in (("t", self.time_cost), ("m", self.memory_kib), ("p", self.parallelism)):
            _whole_number(name, value)
        if not KDF_MIN_TIME_COST <= self.time_cost <= KDF_MAX_TIME_COST:
            raise ValueError(
                f"koszt czasowy „t” spoza zakresu {KDF_MIN_TIME_COST}–{KDF_MAX_TIME_COST}"
            )
        if not KDF_MIN_PARALLELISM <= self.parallelism <= KDF_MAX_PARALLELISM:
            raise ValueError(
                f"równoległość „p” spoza zakresu {KDF_MIN_PARALLELISM}–{KDF_MAX_PARALLELISM}"
            )
        lowest = KDF_MIN_MEMORY_PER_LANE_KIB * self.parallelism
        if not lowest <= self.memory_kib <= KDF_MAX_MEMORY_KIB:
            raise ValueError(f"pamięć „m” spoza zakresu {lowest}–{KDF_MAX_MEMORY_KIB} KiB")
        if self.time_cost * self.memory_kib > KDF_MAX_WORK_KIB:
            raise ValueError(f"iloczyn „t” × „m” przekracza {KDF_MAX_WORK_KIB} KiB")

    @classmethod
    def from_dict(cls, raw: object) -> "KdfParams":
        """The cost read from a file; ValueError (a short Polish reason) unless it is sane."""
        if not isinstance(raw, dict):
            raise ValueError("koszt nie jest obiektem z polami t, m, p")
        params = cls(
            time_cost=_whole_number("t", raw.get("t")),
            memory_kib=_whole_number("m", raw.get("m")),
            parallelism=_whole_number("p", raw.get("p")),
        )
        params.check()
        return params


def random_key() -> bytes:
    return os.urandom(KEY_BYTES)


def derive_key(secret: str, salt: bytes, params: KdfParams, pepper: bytes | None) -> bytes:
    """Argon2id of `secret`, then mixed with the per-installation `pepper` when there is one.

    Refuses (ValueError) a cost outside the bounds before Argon2 runs.
    """
    params.check()
    try:
        stretched = hash_secret_raw(
            secret.encode("utf-8"),
            salt,
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )
    except HashingError as exc:  # in practice: the memory it needs cannot be had
        raise UserError(
            "Za mało wolnej pamięci, aby sprawdzić hasło. Zamknij inne programy i spróbuj ponownie."
        ) from exc
    if pepper is None:
        return stretched
    return hmac.new(pepper, stretched, hashlib.sha256).digest()


def wrap(kek: bytes, key: bytes, label: bytes) -> tuple[bytes, bytes]:
    """Encrypt `key` under `kek`; `label` binds the blob to its purpose. Returns (nonce, blob)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, key, label)


def unwrap(kek: bytes, nonce: bytes, blob: bytes, label: bytes) -> bytes | None:
    """The wrapped key, or None when `kek` is wrong (or the blob was tampered with)."""
    try:
        return AESGCM(kek).decrypt(nonce, blob, label)
    except InvalidTag:
        return None
