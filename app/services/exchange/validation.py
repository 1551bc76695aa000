"""Import checks that need no register state: the schema, and the values themselves.

Each check takes one part of the document (a header value, the settings, one record) and
the path where it stands, so a file can be checked record by record as it is read.
"""

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import pathlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from app.domain import forms, nka_form, procedure_rules
from app.domain.file_names import check_file_name, check_size
from app.errors import ImportFormatError, ValidationError
from app.services.exchange.document import (
    FORMAT_NAME,
    FORMAT_VERSION,
    READABLE_VERSIONS,
    RECORD_FIELDS,
    Document,
    schema_path,
)
from app.services.exchange.fast_schema import Check, QuickSchema
from app.settings import settings_from_mapping
from app.storage.models import Base

_DATE_FIELDS = frozenset(
    {
        "birth_date",
        "started_on",
        "closed_on",
        "filled_on",
        "received_by_chair_on",
        "occurred_on",
        "confidentiality_signed_on",
        "appointed_on",
        "created_on",
        "held_on",
        "invitations_sent_on",
        "day",
        "sent_on",
    }
)
_TIME_FIELDS = frozenset({"starts_at", "ends_at"})
_TIMESTAMP_FIELDS = frozenset({"created_at", "updated_at", "deleted_at"})

WHOLE_FILE = "cały plik"
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,40}")
MAX_SHOWN_KEY = 40
MAX_DEPTH = 12  # the deepest record path is procedures[i].nka_records[j].content.field.selected
TOO_DEEP = "dane są zagnieżdżone głębiej, niż pozwala format"
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
    "time": "oczekiwano godziny w postaci GG:MM",
    "pesel": "PESEL musi mieć dokładnie 11 cyfr",
    "sha256": "oczekiwano 64 znaków szesnastkowych (małe litery)",
    "form_version": "niepoprawne oznaczenie wersji formularza",
}
_SURROGATE = "tekst zawiera niedozwolony znak (niesparowany surogat UTF-16)"

Path = Sequence[str | int]


# --- values of any part of the document -----------------------------------------------


def check_values(data: Any, path: Path = ()) -> None:
    """Refuse nesting deeper than any record needs, fractions and text that cannot be stored.

    `path` says where `data` stands in the document. Walks without recursion, so no
    nesting can exhaust the stack here or in the schema check that follows. A lone
    surrogate (`\\ud800`) is valid JSON but no text a database or a screen can hold.
    A quick walk finds whether anything is wrong; only then a second walk names where.
    """
    if not _values_fine(data, MAX_DEPTH - len(path)):
        _find_wrong_value(data, list(path))


def _values_fine(data: Any, depth_left: int) -> bool:
    """True when nothing below is wrong; scalars are judged in place, not stacked."""
    if not _scalar_fine(data):
        return False
    stack: list[tuple[Any, int]] = [(data, depth_left)]
    while stack:
        value, left = stack.pop()
        items: Iterable[Any]
        if type(value) is dict:
            if not all(key.isascii() or _encodable(key) for key in value):
                return False
            items = value.values()
        elif type(value) is list:
            items = value
        else:
            continue
        if left <= 0 and value:
            return False
        for item in items:
            kind = type(item)
            if kind is dict or kind is list:
                stack.append((item, left - 1))
            elif not _scalar_fine(item):
                return False
    return True


def _scalar_fine(value: Any) -> bool:
    kind = type(value)
    if kind is str:
        return value.isascii() or _encodable(value)
    return kind is int or kind is bool or kind is dict or kind is list or value is None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _find_wrong_value(data: Any, base: list[str | int]) -> None:
    stack: list[tuple[Any, list[str | int]]] = [(data, base)]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise ImportFormatError(place_of(path[:MAX_DEPTH]), TOO_DEEP)
        if isinstance(value, str):
            _check_text(value, path)
        elif isinstance(value, float | Decimal):
            raise ImportFormatError(place_of(path), "ten format nie zawiera liczb ułamkowych")
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, path)
                stack.append((item, [*path, key]))
        elif isinstance(value, list):
            stack.extend((item, [*path, i]) for i, item in enumerate(value))


def _check_text(text: str, path: list[str | int]) -> None:
    if not _encodable(text):
        raise ImportFormatError(place_of(path), _SURROGATE)


# --- the top level and its records ------------------------------------------------------


def check_format(value: Any) -> None:
    """Refuse a file of another program before anything else is said of it."""
    if value != FORMAT_NAME:
        raise ImportFormatError(
            "format", f"to nie jest plik wymiany NK Desk (oczekiwano „{FORMAT_NAME}”)"
        )


def check_version(value: Any) -> None:
    """A newer file deserves "update the program", not the schema's complaints about it."""
    known = isinstance(value, int) and not isinstance(value, bool)
    if known and value not in READABLE_VERSIONS:
        raise ImportFormatError(
            "format_version",
            f"nieobsługiwana wersja formatu {value}; ta wersja programu czyta wersje "
            f"{READABLE_VERSIONS[0]}–{FORMAT_VERSION}. Plik z nowszej wersji NK Desk wymaga "
            "aktualizacji programu.",
        )


def file_version(header: Document) -> int:
    """The version whose schema judges the file's records, read before any of them.

    Another format or an unknown version is refused here. A missing or mistyped version
    is refused where that field is checked; until then records are judged as current ones.
    """
    check_format(header.get("format"))
    value = header.get("format_version")
    check_version(value)
    return value if type(value) is int else FORMAT_VERSION


def top_level_keys(version: int) -> tuple[str, ...]:
    """The document's fields in the schema's order."""
    return tuple(_schema(schema_path(version))["properties"])


def required_keys(version: int) -> tuple[str, ...]:
    return tuple(_schema(schema_path(version))["required"])


def unknown_key(key: str) -> ImportFormatError:
    return ImportFormatError(place_of([key]), "nieznane pole (literówka albo plik innego programu)")


def missing_key(key: str) -> ImportFormatError:
    return ImportFormatError(place_of([key]), "brak wymaganego pola")


def repeated_key(key: str) -> ImportFormatError:
    return ImportFormatError(place_of([key]), "pole występuje w pliku więcej niż raz")


def check_top_value(key: str, value: Any, version: int) -> None:
    """One top-level field (a header value, the settings, or a list that is not a list)."""
    check_values(value, [key])
    file = schema_path(version)
    _check_schema(_top_check(key, file), _top_validator(key, file), value, [key])


def check_record(key: str, index: int, record: Any, version: int) -> None:
    """One record of the list `key` (one of STREAMED: `institutions`, `persons`, …) by the
    schema of the file's version."""
    path: list[str | int] = [key, index]
    check_values(record, path)
    file = schema_path(version)
    _check_schema(_record_check(key, file), _record_validator(key, file), record, path)


def _check_schema(quick: Check, validator: Any, value: Any, path: list[str | int]) -> None:
    """The quick check clears valid values; jsonschema judges and explains the rest."""
    if quick(value):
        return
    error = best_match(validator.iter_errors(value))
    if error is not None:
        raise ImportFormatError(*_describe(error, path))


# Each schema file is read and compiled once, however many versions it judges.


@cache
def _schema(schema_file: pathlib.Path) -> Document:
    schema: Document = json.loads(schema_file.read_text("utf-8"))
    return schema


def _sub_schema(part: Document, schema_file: pathlib.Path) -> Document:
    """`part` as a document of its own whose `$ref`s still reach the root's definitions."""
    root = _schema(schema_file)
    return {"$schema": root["$schema"], "$id": root["$id"], "$defs": root["$defs"], **part}


@cache
def _quick(schema_file: pathlib.Path) -> QuickSchema:
    return QuickSchema(_schema(schema_file))


@cache
def _top_check(key: str, schema_file: pathlib.Path) -> Check:
    return _quick(schema_file).compile(_schema(schema_file)["properties"][key])


@cache
def _top_validator(key: str, schema_file: pathlib.Path) -> Any:
    return Draft202012Validator(_sub_schema(_schema(schema_file)["properties"][key], schema_file))


@cache
def _record_check(key: str, schema_file: pathlib.Path) -> Check:
    return _quick(schema_file).compile(_schema(schema_file)["properties"][key]["items"])


@cache
def _record_validator(key: str, schema_file: pathlib.Path) -> Any:
    return Draft202012Validator(
        _sub_schema(_schema(schema_file)["properties"][key]["items"], schema_file)
    )


@cache
def _pattern_hints() -> dict[str, str]:
    defs = _schema(schema_path(FORMAT_VERSION))["$defs"]
    return {defs[name]["pattern"]: hint for name, hint in _PATTERN_HINTS.items()}


def _describe(error: Any, base: list[str | int]) -> tuple[str, str]:
    """Readable place and Polish reason for a schema error (never echoes the value)."""
    path: list[str | int] = [*base, *error.absolute_path]
    keyword, expected = error.validator, error.validator_value
    if keyword == "required":
        missing = [name for name in expected if name not in error.instance]
        return place_of([*path, missing[0]]), "brak wymaganego pola"
    if keyword == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return place_of([*path, extra[0]]), "nieznane pole (literówka albo plik innego programu)"
    place = place_of(path)
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


def place_of(path: Iterable[str | int]) -> str:
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
    return text or WHOLE_FILE


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


def form_content(raw: Document, place: str) -> forms.Content:
    """An NK-B, NK-C or NK-D record's content, checked against the version it names."""
    try:
        definition = forms.definition(raw["form"], raw["form_version"])
    except OSError as exc:
        raise ImportFormatError(
            f"{place}.form_version", f"ten program nie zna tej wersji formularza {raw['form']}"
        ) from exc
    try:
        return forms.validate_content(definition, raw["content"])
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


def check_times(raw: Document, place: str) -> None:
    """A record is not updated or deleted before it was created."""
    created = column_value(raw, "created_at", place)
    updated = column_value(raw, "updated_at", place) if "updated_at" in raw else None
    deleted = column_value(raw, "deleted_at", place) if "deleted_at" in raw else None
    with at_place(place):
        procedure_rules.check_timestamps(created, updated, deleted)


def record_columns(model: type[Base], raw: Document, place: str) -> Document:
    """Constructor arguments for `model` from a schema-valid record, with dates parsed.

    The schema of the file's version has required every field the record must have; a
    field it lets the record lack (OPTIONAL_FIELDS, or one an older version did not have
    yet) is null.
    """
    return {
        name: column_value(raw, name, place) if name in raw else None
        for name in RECORD_FIELDS[model]
    }


def column_value(raw: Document, name: str, place: str) -> Any:
    """The column's value with dates and times parsed; impossible dates ("2026-02-30") are
    refused."""
    value = raw[name]
    if value is None:
        return None
    try:
        if name in _DATE_FIELDS:
            return dt.date.fromisoformat(value)
        if name in _TIME_FIELDS:
            return dt.time.fromisoformat(value)
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
def at_place(place: str, fields: Mapping[str, str] | None = None) -> Iterator[None]:
    """Report a rule's ValidationError as an import error at `place` (and its field).

    `fields` names the file's field for a rule's field that the file calls otherwise.
    """
    try:
        yield
    except ValidationError as exc:
        name = (fields or {}).get(exc.field or "", exc.field)
        raise ImportFormatError(_at(place, name), exc.message) from exc
