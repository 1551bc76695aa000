"""Whole-register check: the file's pages and structure, then every attachment's checksum.

It reads the file read-only and never upgrades or repairs it, so a damaged register can
be examined as often as needed without making it worse.
"""

import hashlib
from pathlib import Path

import sqlcipher3

from app.storage.cipher import read_only_connection
from app.storage.integrity import damage_findings


def check_register(db_path: Path, key: bytes) -> list[str]:
    """Problems found, in Polish; an empty list means the register is sound."""
    damage = damage_findings(db_path, key)
    if not damage.has_schema:
        return list(damage.findings)
    return [*damage.findings, *_attachment_problems(db_path, key)]


def _attachment_problems(db_path: Path, key: bytes) -> list[str]:
    problems: list[str] = []
    with read_only_connection(db_path, key) as con:
        try:
            rows = con.execute(
                "SELECT a.id, a.size, a.sha256, c.data FROM attachment AS a "
                "LEFT JOIN attachment_content AS c ON c.attachment_id = a.id"
            )
            for attachment_id, size, digest, data in rows:
                if data is None:
                    problems.append(f"załącznik nr {attachment_id}: brak treści pliku")
                elif len(data) != size or hashlib.sha256(data).hexdigest() != digest:
                    problems.append(
                        f"załącznik nr {attachment_id}: treść niezgodna z sumą kontrolną"
                    )
        except sqlcipher3.DatabaseError:
            problems.append("załączniki: sprawdzenie sum kontrolnych przerwane")
    return problems
