"""The official forms (NK-A, NK-B, NK-C, NK-D) as versioned data definitions.

Each file `resources/forms/<code>-<version>.json` holds one form in one version: its
sections in order, with their numbers, fields, checkbox lists, and per section where it
comes from (`source`) and how sure that is (`confidence`). The official annexes could not
be read when the files were written, so aligning a form with the official PDF is an edit
of its file: the loader checks every file strictly, so a broken edit fails the tests,
never a worker's printout.

Besides its `fields` (the form's `content`, stored per record), a section may name a
`register` block whose values come from the register (the people, who filled the form),
with the `lines` printed for each of its entries; fixed `text` printed as it is; and the
`signatures` it ends with.
"""

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.errors import ValidationError
from resources import RESOURCES_DIR

FORMS_DIR = RESOURCES_DIR / "forms"
FORM_CODES = {"NK-A": "nka", "NK-B": "nkb", "NK-C": "nkc", "NK-D": "nkd"}
FIELD_TYPES = frozenset({"text", "longtext", "date", "choice", "checklist", "bool", "rows"})
CONFIDENCE = {
    "high": "pewne (przepis)",
    "medium": "jedno źródło wtórne",
    "2011": "tylko wzór z 2011 r.",
    "unverified": "niesprawdzone",
}


@dataclass(frozen=True)
class RegisterBlock:
    """Register data a section can print: what one entry is and what it may show.

    `items` are the values the register gives for one entry (the definition picks and
    labels them); `repeatable` blocks list several entries (every victim), and a blank
    form offers `blank_entries` empty ones to fill by hand; `table` prints the entries as
    the rows of a table, one column per line.
    """

    description: str
    items: tuple[str, ...]
    repeatable: bool = False
    blank_entries: int = 1
    table: bool = False


_PERSON = ("name", "birth", "address", "contact", "kinship", "minor")

REGISTER_BLOCKS: Mapping[str, RegisterBlock] = {
    "header": RegisterBlock("miejsce i data wypełnienia, podmiot", ("place", "date", "body")),
    "victims": RegisterBlock("osoby doznające przemocy", _PERSON, repeatable=True, blank_entries=2),
    "perpetrators": RegisterBlock(
        "osoby stosujące przemoc", _PERSON, repeatable=True, blank_entries=2
    ),
    "children": RegisterBlock(
        "małoletni w gospodarstwie domowym",
        ("name", "birth", "kinship"),
        repeatable=True,
        blank_entries=3,
        table=True,
    ),
    "filler": RegisterBlock("osoba wypełniająca formularz", ("service", "name", "institution")),
    "victim": RegisterBlock("osoba doznająca przemocy (NK-C)", _PERSON),
    "perpetrator": RegisterBlock("osoba stosująca przemoc (NK-D)", _PERSON),
    "gdp": RegisterBlock(
        "członkowie grupy obecni na posiedzeniu",
        ("name", "institution", "function", "signature"),
        repeatable=True,
        blank_entries=5,
        table=True,
    ),
    "helplines": RegisterBlock(
        "telefony pomocowe ważne w dniu wydruku (resources/helplines.json)",
        ("name", "number", "notes"),
        repeatable=True,
        blank_entries=3,
        table=True,
    ),
    "local": RegisterBlock(
        "pomoc w gminie (ustawienia)", ("text",), repeatable=True, blank_entries=4, table=True
    ),
}

_SECTION_KEYS = frozenset(
    {"id", "number", "title", "confidence", "source", "fields"}
    | {"register", "lines", "text", "signatures"}
)
_FIELD_KEYS = frozenset({"id", "type", "label", "options", "allow_other", "columns", "formerly"})


class DefinitionError(ValueError):
    """A form definition file that breaks its own format: a bug in resources/, not input."""


@dataclass(frozen=True)
class FormField:
    id: str
    type: str
    label: str
    options: tuple[str, ...] = ()
    allow_other: bool = False
    columns: tuple[str, ...] = ()  # of a "rows" field: e.g. action, responsible, deadline
    # Options whose wording was corrected: the old text, stored or in older exchange
    # files, reads as the new one.
    formerly: tuple[tuple[str, str], ...] = ()

    def current(self, option: str) -> str:
        return dict(self.formerly).get(option, option)


@dataclass(frozen=True)
class BlockLine:
    """One printed line of a register block's entry: which value, under which label."""

    item: str
    label: str


@dataclass(frozen=True)
class FormSection:
    id: str
    number: str | None
    title: str
    confidence: str
    source: str
    fields: tuple[FormField, ...]
    register: str | None = None  # a key of REGISTER_BLOCKS
    lines: tuple[BlockLine, ...] = ()
    text: tuple[str, ...] = ()  # fixed paragraphs
    signatures: tuple[str, ...] = ()  # captions under the lines to sign on

    @property
    def block(self) -> RegisterBlock | None:
        return REGISTER_BLOCKS[self.register] if self.register is not None else None


@dataclass(frozen=True)
class FormDefinition:
    form: str
    version: str
    title: str
    valid_from: str
    legal_basis: str
    verification_note: str
    sections: tuple[FormSection, ...]

    def field(self, field_id: str) -> FormField | None:
        for section in self.sections:
            for item in section.fields:
                if item.id == field_id:
                    return item
        return None


def current(form: str, day: dt.date) -> FormDefinition:
    """The version of `form` in force on `day` (the newest that had come into force)."""
    versions = [d for d in catalogue() if d.form == form and d.valid_from <= day.isoformat()]
    if not versions:
        raise DefinitionError(f"no version of {form!r} in force on {day}")
    return max(versions, key=lambda d: d.valid_from)


def file_name(form: str, version: str) -> str:
    return f"{FORM_CODES[form]}-{version}.json"


@cache
def definition(form: str, version: str) -> FormDefinition:
    """Load (once) and check one form's definition in one version."""
    if form not in FORM_CODES:
        raise DefinitionError(f"unknown form {form!r}")
    path = FORMS_DIR / file_name(form, version)
    raw = json.loads(path.read_text("utf-8"))
    loaded = _definition(raw, path.name)
    if (loaded.form, loaded.version) != (form, version):
        raise DefinitionError(f"{path.name}: names {loaded.form} {loaded.version}")
    return loaded


def catalogue() -> tuple[FormDefinition, ...]:
    """Every definition in resources/forms, by form and version."""
    found = []
    for path in sorted(FORMS_DIR.glob("*.json")):
        code, _, version = path.stem.partition("-")
        form = next((name for name, known in FORM_CODES.items() if known == code), None)
        if form is None:
            raise DefinitionError(f"{path.name}: not a known form")
        found.append(definition(form, version))
    return tuple(found)


def _definition(raw: dict[str, Any], where: str) -> FormDefinition:
    sections = tuple(_section(s, f"{where}: section {k}") for k, s in enumerate(raw["sections"]))
    ids = [f.id for s in sections for f in s.fields]
    if len(ids) != len(set(ids)) or len({s.id for s in sections}) != len(sections):
        raise DefinitionError(f"{where}: a section or field id repeats")
    return FormDefinition(
        form=raw["form"],
        version=raw["version"],
        title=raw["title"],
        valid_from=raw["valid_from"],
        legal_basis=raw["legal_basis"],
        verification_note=raw["verification_note"],
        sections=sections,
    )


def _section(raw: dict[str, Any], where: str) -> FormSection:
    unknown = set(raw) - _SECTION_KEYS
    if unknown:
        raise DefinitionError(f"{where}: unknown key {sorted(unknown)}")
    if raw["confidence"] not in CONFIDENCE:
        raise DefinitionError(f"{where}: confidence {raw['confidence']!r}")
    if not raw.get("source", "").strip():
        raise DefinitionError(f"{where}: no source")
    register = raw.get("register")
    section = FormSection(
        id=raw["id"],
        number=raw["number"],
        title=raw["title"],
        confidence=raw["confidence"],
        source=raw["source"],
        fields=tuple(_field(f, f"{where}, field {f.get('id')}") for f in raw["fields"]),
        register=register,
        lines=_lines(register, raw.get("lines"), where),
        text=_texts(raw.get("text", []), "text", where),
        signatures=_texts(raw.get("signatures", []), "signatures", where),
    )
    if not (section.fields or section.register or section.text or section.signatures):
        raise DefinitionError(f"{where}: nothing to print (no fields, register, text, signatures)")
    return section


def _lines(register: Any, raw: Any, where: str) -> tuple[BlockLine, ...]:
    """A register block's lines: each names one of the block's items, once, with a label."""
    if register is None:
        if raw is not None:
            raise DefinitionError(f"{where}: lines without a register block")
        return ()
    if register not in REGISTER_BLOCKS:
        raise DefinitionError(f"{where}: unknown register block {register!r}")
    if not isinstance(raw, list) or not raw:
        raise DefinitionError(f"{where}: register block {register!r} needs its lines")
    items = REGISTER_BLOCKS[register].items
    lines = []
    for line in raw:
        if not isinstance(line, dict) or set(line) != {"item", "label"}:
            raise DefinitionError(f"{where}: a line is {{'item': ..., 'label': ...}}")
        if line["item"] not in items:
            raise DefinitionError(f"{where}: {register!r} has no item {line['item']!r}")
        if not isinstance(line["label"], str) or not line["label"].strip():
            raise DefinitionError(f"{where}: line {line['item']!r} has no label")
        lines.append(BlockLine(line["item"], line["label"]))
    if len({line.item for line in lines}) != len(lines):
        raise DefinitionError(f"{where}: a line of {register!r} repeats")
    return tuple(lines)


def _texts(raw: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(t, str) and t.strip() for t in raw):
        raise DefinitionError(f"{where}: {key} must be a list of non-empty texts")
    return tuple(raw)


def _field(raw: dict[str, Any], where: str) -> FormField:
    unknown = set(raw) - _FIELD_KEYS
    if unknown:
        raise DefinitionError(f"{where}: unknown key {sorted(unknown)}")
    kind = raw["type"]
    if kind not in FIELD_TYPES:
        raise DefinitionError(f"{where}: type {kind!r}")
    options, columns = tuple(raw.get("options", ())), tuple(raw.get("columns", ()))
    if (kind == "choice" and not options) or (kind == "rows" and not columns):
        raise DefinitionError(f"{where}: a {kind} needs its list")
    if not set(raw.get("formerly", {}).values()) <= set(options):
        raise DefinitionError(f"{where}: a former wording must lead to an option")
    return FormField(
        id=raw["id"],
        type=kind,
        label=raw["label"],
        options=options,
        allow_other=bool(raw.get("allow_other", False)),
        columns=columns,
        formerly=tuple(raw.get("formerly", {}).items()),
    )


# Filled content: field id → value. Checklists are {"selected": [...], "other": "..."},
# choices one of their options, dates ISO strings, rows lists of rows of column texts.
Content = dict[str, Any]
EARLIEST_CONTENT_YEAR = 1900


def check_content_date(item: FormField, value: dt.date, today: dt.date) -> None:
    """A date written in a form (an incident, a birth) has already come, not absurdly
    long ago: a two-digit year read into the wrong century is refused, not stored."""
    if value > today:
        raise ValidationError(f"{item.label}: data nie może być z przyszłości.", field=item.id)
    if value.year < EARLIEST_CONTENT_YEAR:
        raise ValidationError(
            f"{item.label}: data jest zbyt odległa (przed {EARLIEST_CONTENT_YEAR} r.).",
            field=item.id,
        )


def validate_content(
    form: FormDefinition, content: Content, today: dt.date | None = None
) -> Content:
    """Check `content` against the form's definition and return it without empty values;
    a record is always checked against the version it was filled on."""
    cleaned: Content = {}
    for key, value in content.items():
        item = form.field(key)
        if item is None:
            raise ValidationError(f"Nieznane pole formularza {form.form}.", field=key)
        if value in (None, "", False, [], {}):
            continue
        checked = _validate_value(item, value)
        if checked == [] and item.type == "rows":  # only empty lines were left
            continue
        cleaned[key] = checked
        if item.type == "date" and today is not None:
            check_content_date(item, dt.date.fromisoformat(value), today)
    return cleaned


def _validate_value(item: FormField, value: Any) -> Any:
    if item.type in {"text", "longtext"}:
        if not isinstance(value, str):
            raise ValidationError(f"Pole „{item.label}” musi być tekstem.", field=item.id)
        return value
    if item.type == "date":
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"Pole „{item.label}” musi być datą.", field=item.id) from exc
        return value
    if item.type == "bool":
        if value is not True:
            raise ValidationError(f"Pole „{item.label}” musi być tak/nie.", field=item.id)
        return True
    if item.type == "choice":
        if not isinstance(value, str) or value not in item.options:
            raise ValidationError(f"Niedozwolona wartość w polu „{item.label}”.", field=item.id)
        return value
    if item.type == "rows":
        return _validate_rows(item, value)
    return _validate_checklist(item, value)


def _validate_rows(item: FormField, value: Any) -> list[list[str]]:
    """Rows of a table (e.g. the help plan): each as many texts as the columns; a row
    left wholly empty is dropped, so an empty line in the editor stores nothing."""
    wrong = ValidationError(
        f"Pole „{item.label}” ma zły format (wiersze po {len(item.columns)} kolumny).",
        field=item.id,
    )
    if not isinstance(value, list):
        raise wrong
    rows = []
    for row in value:
        if not isinstance(row, list) or len(row) != len(item.columns):
            raise wrong
        if not all(isinstance(cell, str) for cell in row):
            raise wrong
        cells = [cell.strip() for cell in row]
        if any(cells):
            rows.append(cells)
    return rows


def _validate_checklist(item: FormField, value: Any) -> Content:
    selected = value.get("selected", []) if isinstance(value, dict) else None
    if not isinstance(selected, list) or set(value) - {"selected", "other"}:
        raise ValidationError(f"Pole „{item.label}” ma zły format.", field=item.id)
    selected = [item.current(v) if isinstance(v, str) else v for v in selected]
    unknown = [v for v in selected if v not in item.options]
    if unknown:
        raise ValidationError(f"Nieznana pozycja w polu „{item.label}”.", field=item.id)
    result: Content = {}
    if selected:
        result["selected"] = [o for o in item.options if o in selected]
    other = value.get("other") or ""
    if other:
        if not isinstance(other, str):
            raise ValidationError(
                f"Pozycja „inne” w polu „{item.label}” musi być tekstem.", item.id
            )
        if not item.allow_other:
            raise ValidationError(f"Pole „{item.label}” nie ma pozycji „inne”.", field=item.id)
        result["other"] = other
    return result
