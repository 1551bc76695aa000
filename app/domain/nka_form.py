"""The structured content of an NK-A record, driven by a versioned form definition.

The definition (resources/forms/nka-<version>.json) lists sections, fields and
checkbox lists with their verification state. Aligning the program with the official
annex is an edit of that file; this module only loads it and checks content against it.
"""

import datetime as dt
from typing import Any

from app.domain import forms
from app.domain.forms import FormDefinition, FormField

CURRENT_VERSION = "2023"
FORM = "NK-A"

Content = dict[str, Any]


def definition(version: str = CURRENT_VERSION) -> FormDefinition:
    """The NK-A definition of the given version (app.domain.forms loads and checks it)."""
    return forms.definition(FORM, version)


def check_content_date(item: FormField, value: dt.date, today: dt.date) -> None:
    """See app.domain.forms.check_content_date (the NK-A editor's date fields call it)."""
    forms.check_content_date(item, value, today)


def validate_content(
    content: Content, version: str = CURRENT_VERSION, today: dt.date | None = None
) -> Content:
    """Check NK-A `content` against its definition (app.domain.forms.validate_content)."""
    return forms.validate_content(definition(version), content, today)
