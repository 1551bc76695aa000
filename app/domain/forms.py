"""The official forms (NK-A, NK-B, NK-C, NK-D) as versioned data definitions.

Each file `resources/forms/<code>-<version>.json` holds one form in one version: its
sections in order, with their numbers, fields, checkbox lists, and per section where it
comes from (`source`) and how sure that is (`confidence`). The official annexes could not
be read when the files were written, so aligning a form with the official PDF is an edit
of its file: the loader checks every file strictly, so a broken edit fails the tests,
never a worker's printout.
"""

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

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
class FormSection:
    id: str
    number: str | None
    title: str
    confidence: str
    source: str
    fields: tuple[FormField, ...]


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
    if raw["confidence"] not in CONFIDENCE:
        raise DefinitionError(f"{where}: confidence {raw['confidence']!r}")
    if not raw.get("source", "").strip():
        raise DefinitionError(f"{where}: no source")
    return FormSection(
        id=raw["id"],
        number=raw["number"],
        title=raw["title"],
        confidence=raw["confidence"],
        source=raw["source"],
        fields=tuple(_field(f, f"{where}, field {f.get('id')}") for f in raw["fields"]),
    )


def _field(raw: dict[str, Any], where: str) -> FormField:
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
