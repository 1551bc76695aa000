"""Recovery codes: 160 random bits written as 8 groups of 4 unambiguous characters."""

import secrets

# Crockford-like alphabet: no I, L, O, U, so the code survives handwriting.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 8
GROUP_LEN = 4
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def generate() -> str:
    """A fresh code such as 7K2M-Q9XD-…"""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LEN))
    return "-".join(chars[i : i + GROUP_LEN] for i in range(0, len(chars), GROUP_LEN))


def normalize(code: str) -> str:
    """Canonical form of a typed code: case, spaces, dashes and look-alikes forgiven."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_CONFUSABLE)
    return "-".join(cleaned[i : i + GROUP_LEN] for i in range(0, len(cleaned), GROUP_LEN))


def looks_valid(code: str) -> bool:
    """True when the typed code has the right length and only allowed characters."""
    flat = normalize(code).replace("-", "")
    return len(flat) == GROUPS * GROUP_LEN and all(ch in ALPHABET for ch in flat)
