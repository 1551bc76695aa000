"""What a printout is made of: a plain record, free of the database and of Qt."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.forms import FormDefinition

Entry = tuple[str, ...]
"""One entry of a register block (a person, the header): its values in the order of the
section's `lines`; "" where nothing is known (printed as a line to write on)."""


@dataclass(frozen=True)
class FormPrint:
    """One form to print.

    `content` is the form's stored content (field id → value, as app.domain.nka_form
    stores it; a `rows` field is a list of rows, each a list in column order or a
    mapping by column label). `blocks` maps a register block name to its entries; a
    block left out prints empty entries to fill by hand. `notes` are lines printed under
    the title saying what was left out and why. `blank` prints every field empty, with
    room to write. `printed_on` dates the printout and picks what is valid that day.
    """

    definition: FormDefinition
    procedure_number: str | None
    printed_on: dt.date
    content: Mapping[str, Any] = field(default_factory=dict)
    blocks: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    blank: bool = False
    printed_by: str = ""  # the office printing it, from the settings

    @property
    def form(self) -> str:
        return self.definition.form

    @property
    def version(self) -> str:
        return self.definition.version
