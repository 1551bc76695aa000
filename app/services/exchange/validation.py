"""Import checks that need no register state: JSON syntax, schema, and the values themselves."""

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from app.domain import nka_form
from app.domain.file_names import check_file_name, check_size
from app.errors import ImportFormatError, ValidationError
from app.services.exchange.document import FORMAT_NAME, FORMAT_VERSION, SCHEMA_PATH, Document
from app.settings import settings_from_mapping

_DATE_FIELDS = frozenset(
    {"birth_date", "started_on", "closed_on", "filled_on", "received_by_chair_on", "occurred_on"}
)
_TIMESTAMP_FIELDS = frozenset({"created_at", "updated_at", "deleted_at"})

_WHOLE_FILE = "cały plik"
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,40}")
MAX_SHOWN_KEY = 40
MAX_DEPTH = 12  # the deepest record path is procedures[i].nka_records[j].content.field.selected
_TOO_DEEP = "dane są zagnieżdżone głębiej, niż pozwala format"
_JSON_REASONS = {
    "Expecting value": "brak wartości albo niedozwolony znak",
    "Expecting ',' delimiter": "brak przecinka między elementami",
    "Expecting ':' delimiter": "brak dwukropka po nazwie pola",
    "Expecting property name enclosed in double quotes": (
        "nazwa pola musi być w cudzysłowie (albo zbędny przecinek przed nawiasem)"
    ),
    "Unterminated string starting at": "niezamknięty tekst (brak cudzysłowu)",
    "Invalid control character at": "niedozwolony znak sterujący w tekście",
    "Invalid \\escape": "niepoprawna sekwencja ze znakiem \\",
    "Invalid \\uXXXX escape": "niepoprawna sekwencja \\u",
    "Extra data": "nadmiarowe dane po końcu dokumentu",
}
_JSON_TYPES = {
    "string": "tekst",
    "integer": "liczba całkowita",
    "number": "liczba",
    "boolean": "true albo false",
    "object": "obiekt {…}",
    "array": "lista […]",
    "null": "null",
}
_PATTERN_HINTS = {
    "date": "oczekiwano daty w postaci RRRR-MM-DD",
    "timestamp": "oczekiwano daty i czasu w postaci RRRR-MM-DDTGG:MM:SSZ",
    "pesel": "PESEL musi mieć dokładnie 11 cyfr",
    "sha256": "oczekiwano 64 znaków szesnastkowych (małe litery)",
    "form_version": "niepoprawne oznaczenie wersji formularza",
}


# --- the document as a whole ------------------------------------------------------------


def parse(raw: bytes) -> Document:
    """The file's bytes as a JSON object; syntax errors name the line and column."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(_WHOLE_FILE, "plik nie jest zapisany w kodowaniu UTF-8") from exc
    if not text.strip():
        raise ImportFormatError(_WHOLE_FILE, "plik jest pusty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = _JSON_REASONS.get(exc.msg, "niepoprawna składnia")
        raise ImportFormatError(
            f"wiersz {exc.lineno}, kolumna {exc.colno}", f"to nie jest poprawny JSON — {reason}"
        ) from exc
    except RecursionError as exc:
        raise ImportFormatError(_WHOLE_FILE, _TOO_DEEP) from exc
    if not isinstance(data, dict):
        raise ImportFormatError(_WHOLE_FILE, "plik musi zawierać jeden obiekt JSON {…}")
    return data


def check_values(data: Document) -> None:
    """Refuse nesting deeper than any record needs and text that cannot be stored.

    Walks the document without recursion, so no nesting can exhaust the stack here or in
    the schema check that follows. A lone surrogate (`\\ud800`) is valid JSON but no text
    a database or a screen can hold.
    """
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise ImportFormatError(_place(path[:MAX_DEPTH]), _TOO_DEEP)
        if isinstance(value, str):
            _check_text(value, path)
        elif isinstance(value, float):
            raise ImportFormatError(_place(path), "ten format nie zawiera liczb ułamkowych")
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, path)
                stack.append((item, [*path, key]))
        elif isinstance(value, list):
            stack.extend((item, [*path, i]) for i, item in enumerate(value))


def _check_text(text: str, path: list[str | int]) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ImportFormatError(
            _place(path), "tekst zawiera niedozwolony znak (niesparowany surogat UTF-16)"
        ) from exc


def check_document(data: Document) -> None:
    """Refuse a document of another format or version, or one that breaks the schema."""
    check_values(data)
    # Format and version first: a newer file deserves "update the program", not schema noise.
    if data.get("format") != FORMAT_NAME:
        raise ImportFormatError(
            "format", f"to nie jest plik wymiany NK Desk (oczekiwano „{FORMAT_NAME}”)"
        )
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version != FORMAT_VERSION:
        raise ImportFormatError(
            "format_version",
            f"nieobsługiwana wersja formatu {version}; ta wersja programu czyta tylko wersję "
            f"{FORMAT_VERSION}. Plik z nowszej wersji NK Desk wymaga aktualizacji programu.",
        )
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise ImportFormatError(*_describe(error))


@cache
def _schema() -> Document:
    schema: Document = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return schema


@cache
def _validator() -> Any:
    return Draft202012Validator(_schema())


@cache
def _pattern_hints() -> dict[str, str]:
    defs = _schema()["$defs"]
    return {defs[name]["pattern"]: hint for name, hint in _PATTERN_HINTS.items()}


def _describe(error: Any) -> tuple[str, str]:
    """Readable place and Polish reason for a schema error (never echoes the value)."""
    path: list[str | int] = list(error.absolute_path)
    keyword, expected = error.validator, error.validator_value
    if keyword == "required":
        missing = [name for name in expected if name not in error.instance]
        return _place([*path, missing[0]]), "brak wymaganego pola"
    if keyword == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _place([*path, extra[0]]), "nieznane pole (literówka albo plik innego programu)"
    place = _place(path)
    if keyword == "enum":
        return place, "niedozwolona wartość; dozwolone: " + ", ".join(map(str, expected))
    if keyword == "const":
        return place, f"oczekiwano wartości {json.dumps(expected, ensure_ascii=False)}"
    if keyword == "type":
        return place, _type_reason([expected] if isinstance(expected, str) else expected)
    if keyword == "anyOf" and all(sub.validator == "type" for sub in error.context):
        return place, _type_reason([sub.validator_value for sub in error.context])
    if keyword == "pattern":
        return place, _pattern_hints().get(expected, "wartość ma niepoprawną postać")
    if keyword == "minLength":
        return place, "pole nie może być puste"
    if keyword == "minimum":
        return place, f"wartość nie może być mniejsza niż {expected}"
    if keyword == "maximum":
        return place, f"wartość nie może być większa niż {expected}"
    return place, "wartość niezgodna ze schematem formatu"


def _type_reason(types: Sequence[str]) -> str:
    return "zły typ wartości, oczekiwano: " + " albo ".join(_JSON_TYPES.get(t, t) for t in types)


def _place(path: Iterable[str | int]) -> str:
    """`procedures[3].participants[0].role` from the parts of a JSON path.

    A key that is not a plain name (it came from the file: an unknown field) is shown
    quoted, escaped and shortened, so the message stays one readable line.
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = part if _PLAIN_KEY.fullmatch(part) else _quoted(part)
            text += f".{name}" if text else name
    return text or _WHOLE_FILE


def _quoted(key: str) -> str:
    shown = json.dumps(key[:MAX_SHOWN_KEY], ensure_ascii=True)
    return shown if len(key) <= MAX_SHOWN_KEY else shown[:-1] + '…"'


# --- single records of a schema-valid document ------------------------------------------


def checked_settings(raw: Document) -> dict[str, Any]:
    """The document's settings as stored values, refused where the application refuses them."""
    settings = settings_from_mapping(raw)
    try:
        settings.validate()
    except ValidationError as exc:
        raise ImportFormatError(_at("settings", exc.field), exc.message) from exc
    return dataclasses.asdict(settings)


def nka_content(raw: Document, place: str) -> nka_form.Content:
    """The NK-A record's content, checked against the form version it names."""
    version = raw["form_version"]
    try:
        nka_form.definition(version)
    except OSError as exc:
        raise ImportFormatError(
            f"{place}.form_version", "ten program nie zna tej wersji formularza NK-A"
        ) from exc
    try:
        return nka_form.validate_content(raw["content"], version)
    except ValidationError as exc:
        raise ImportFormatError(_at(f"{place}.content", exc.field), exc.message) from exc


def attachment_data(raw: Document, place: str) -> bytes:
    """The attachment's bytes, refused when they do not match its size and checksum.

    Name and size pass the rule every added file passes: a path in the name could later
    place a decrypted copy anywhere on disk when the attachment is opened.
    """
    with at_place(place):
        check_file_name(raw["file_name"])
        check_size(raw["size"])
    try:
        data = base64.b64decode(raw["content_base64"], validate=True)
    except ValueError as exc:
        raise ImportFormatError(f"{place}.content_base64", "niepoprawny zapis base64") from exc
    if len(data) != raw["size"]:
        raise ImportFormatError(f"{place}.size", "rozmiar nie zgadza się z zawartością pliku")
    if hashlib.sha256(data).hexdigest() != raw["sha256"]:
        raise ImportFormatError(
            f"{place}.sha256",
            "suma kontrolna nie zgadza się z zawartością — plik mógł zostać uszkodzony",
        )
    return data


def column_value(raw: Document, name: str, place: str) -> Any:
    """The column's value with dates parsed; impossible dates ("2026-02-30") are refused."""
    value = raw[name]
    if value is None:
        return None
    try:
        if name in _DATE_FIELDS:
            return dt.date.fromisoformat(value)
        if name in _TIMESTAMP_FIELDS:
            return dt.datetime.fromisoformat(value).astimezone(dt.UTC).replace(tzinfo=None)
    except ValueError as exc:
        raise ImportFormatError(f"{place}.{name}", "taka data lub godzina nie istnieje") from exc
    except OverflowError as exc:
        raise ImportFormatError(
            f"{place}.{name}", "data i godzina poza zakresem (po przeliczeniu na czas UTC)"
        ) from exc
    return value


def _at(place: str, field_name: str | None) -> str:
    if not field_name:
        return place
    return f"{place}.{field_name if _PLAIN_KEY.fullmatch(field_name) else _quoted(field_name)}"


@contextmanager
def at_place(place: str) -> Iterator[None]:
    """Report a rule's ValidationError as an import error at `place` (and its field)."""
    try:
        yield
    except ValidationError as exc:
        raise ImportFormatError(_at(place, exc.field), exc.message) from exc
