"""Damage findings of a register file, read without writing a byte of it.

The check opens the file read-only (`mode=ro`), so a damaged register is examined
exactly as it is: SQLCipher's per-page HMACs first (they name the damaged pages), then
the schema, SQLite's structure check, a full read of every table and the foreign keys.
Every finding is one Polish line; an empty list means the file is sound.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from app.storage.cipher import read_only_connection

REVISION_TABLE = "alembic_version"

_TABLE_LABELS = {
    "setting": "ustawienia",
    "institution": "instytucje",
    "contact_person": "osoby kontaktowe instytucji",
    "procedure": "procedury",
    "person": "osoby",
    "person_address": "adresy osób",
    "person_contact": "kontakty osób",
    "participation": "udział osób w procedurach",
    "form_record": "formularze NK-A, NK-B, NK-C, NK-D",
    "form_record_person": "osoby wskazane w formularzach",
    "chronology_entry": "chronologia",
    "attachment": "załączniki",
    "attachment_content": "treść załączników",
    REVISION_TABLE: "wersja schematu",
}
_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
_NO_TABLES = "spis tabel jest nieczytelny — bazy nie da się otworzyć"
_NO_SCHEMA = "brak schematu rejestru (baza pusta albo bez tabeli wersji)"
_NO_PAGE_READS = (
    "żadnej strony nie da się odczytać tym kluczem — plik kluczy (keys.json) pochodzi z innej "
    "bazy albo plik bazy jest całkowicie uszkodzony"
)
PAGE_SIZE = 4096  # SQLCipher 4's default page size
MAX_LISTED_PAGES = 20
_PAGE = re.compile(r"page (\d+)")


def table_label(name: str) -> str:
    label = _TABLE_LABELS.get(name)
    return f"tabela „{name}” ({label})" if label else f"tabela „{name}”"


@dataclass(frozen=True)
class Damage:
    """Findings in Polish, and whether the register's tables could be read at all."""

    findings: tuple[str, ...]
    has_schema: bool


def damage_findings(db_path: Path, key: bytes) -> Damage:
    """What is wrong with the register file; no findings when it is sound.

    After a failed page read SQLCipher fails every later read on that connection, so each
    step (and each table) gets a connection of its own and is judged on its own.
    """
    if db_path.stat().st_size == 0:
        return Damage((f"plik {db_path.name} jest pusty (0 bajtów) — nie zawiera rejestru",), False)
    pages = page_damage(db_path, key)
    with read_only_connection(db_path, key) as con:
        try:
            tables = [str(row[0]) for row in con.execute(_TABLES)]
        except sqlcipher3.DatabaseError:
            return Damage((*pages, _NO_TABLES), False)
    if REVISION_TABLE not in tables:
        return Damage((*pages, _NO_SCHEMA), False)
    rest = _structure_findings(db_path, key) + _table_findings(db_path, key, tables)
    return Damage((*pages, *rest), True)


def page_damage(db_path: Path, key: bytes) -> list[str]:
    """Only the per-page HMAC check: every page read once, quick enough to run after unlock.

    Long lists are shortened; when no page at all can be read, one line says why that
    usually happens (a key file of another register beside this database).
    """
    with read_only_connection(db_path, key) as con:
        rows = [str(row[0]) for row in con.execute("PRAGMA cipher_integrity_check")]
    total_pages = max(1, db_path.stat().st_size // PAGE_SIZE)
    if len(rows) >= total_pages and all("HMAC" in row for row in rows):
        return [_NO_PAGE_READS]
    findings = [_page_finding(row) for row in rows[:MAX_LISTED_PAGES]]
    if len(rows) > MAX_LISTED_PAGES:
        findings.append(f"… oraz {len(rows) - MAX_LISTED_PAGES} innych uszkodzonych stron")
    return findings


def _page_finding(text: str) -> str:
    page = _PAGE.search(text)
    if page is None:
        return f"uszkodzenie pliku: {text}"
    if "HMAC" in text:
        return f"strona {page[1]}: suma kontrolna się nie zgadza (strona uszkodzona lub zmieniona)"
    if "size" in text:
        return f"strona {page[1]}: niepełna (plik został obcięty)"
    return f"strona {page[1]}: {text}"


def _structure_findings(db_path: Path, key: bytes) -> list[str]:
    with read_only_connection(db_path, key) as con:
        try:
            rows = [str(row[0]) for row in con.execute("PRAGMA integrity_check")]
        except sqlcipher3.DatabaseError:
            return ["struktura bazy: sprawdzenie przerwane na uszkodzonych stronach"]
    problems = [row for row in rows if row != "ok"]
    if not problems:
        return []
    return [f"struktura bazy: niezgodności w drzewach tabel i indeksów ({len(problems)})"]


def _table_findings(db_path: Path, key: bytes, tables: list[str]) -> list[str]:
    findings: list[str] = []
    for name in tables:
        with read_only_connection(db_path, key) as con:
            try:
                for _row in con.execute(f'SELECT * FROM "{name}"'):
                    pass
            except sqlcipher3.DatabaseError:
                findings.append(f"{table_label(name)}: nie można odczytać wszystkich wierszy")
    with read_only_connection(db_path, key) as con:
        try:
            violations = sorted({str(row[0]) for row in con.execute("PRAGMA foreign_key_check")})
        except sqlcipher3.DatabaseError:
            return [*findings, "powiązania między tabelami: sprawdzenie przerwane"]
    return findings + [
        f"{table_label(name)}: naruszone powiązanie (klucz obcy)" for name in violations
    ]
