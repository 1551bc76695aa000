"""The structured content of an NK-A record, driven by a versioned form definition.

The definition (resources/forms/nka-<version>.json) lists sections, fields and
checkbox lists with their verification state. Aligning the program with the official
annex is an edit of that file; this module only loads it and checks content against it.
"""

import datetime as dt
from typing import Any

from app.domain import forms
from app.domain.forms import FormDefinition, FormField
from app.errors import ValidationError

CURRENT_VERSION = "2023"
FORM = "NK-A"

Content = dict[str, Any]


def definition(version: str = CURRENT_VERSION) -> FormDefinition:
    """The NK-A definition of the given version (app.domain.forms loads and checks it)."""
    return forms.definition(FORM, version)


EARLIEST_CONTENT_YEAR = 1900


def check_content_date(item: FormField, value: dt.date, today: dt.date) -> None:
    """A date written in the form (an incident, a birth) has already come, not absurdly
    long ago: a two-digit year read into the wrong century is refused, not stored."""
    if value > today:
        raise ValidationError(f"{item.label}: data nie może być z przyszłości.", field=item.id)
    if value.year < EARLIEST_CONTENT_YEAR:
        raise ValidationError(
            f"{item.label}: data jest zbyt odległa (przed {EARLIEST_CONTENT_YEAR} r.).",
            field=item.id,
        )


def validate_content(
    content: Content, version: str = CURRENT_VERSION, today: dt.date | None = None
) -> Content:
    """Check `content` against the definition and return it without empty values.

    Checklists are stored as {"selected": [...], "other": "..."}; choices as one of
    their options; dates as ISO strings.
    """
    form = definition(version)
    cleaned: Content = {}
    for key, value in content.items():
        item = form.field(key)
        if item is None:
            raise ValidationError("Nieznane pole formularza NK-A.", field=key)
        if value in (None, "", False, [], {}):
            continue
        cleaned[key] = _validate_value(item, value)
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
    return _validate_checklist(item, value)


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
