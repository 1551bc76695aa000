"""Every user setting, declared once: key, type, default and Polish label.

Values live in the encrypted database (table `setting`), so they travel with backups.
Later capabilities add their settings here, nowhere else.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.domain import numbering
from app.errors import ValidationError

Preview = Callable[[str, dt.date], tuple[str, bool]]  # (typed, today) -> (line, valid)


def _setting(
    default: Any,
    label: str,
    help_text: str = "",
    preview: Preview | None = None,
    multiline: bool = False,
) -> Any:
    """A declared setting; `preview` gives a live line under the field as it is typed;
    a `multiline` text is edited in a box of several lines."""
    metadata = {"label": label, "help": help_text, "preview": preview, "multiline": multiline}
    return field(default=default, metadata=metadata)


def _number_preview(pattern: str, today: dt.date) -> tuple[str, bool]:
    """The example number is this year's, by the register's clock."""
    return numbering.preview(pattern, today.year)


@dataclass(frozen=True)
class Settings:
    gmina_name: str = _setting("", "Gmina")
    office_name: str = _setting("", "Nazwa ośrodka (GOPS/OPS)")
    office_address: str = _setting("", "Adres ośrodka")
    office_phone: str = _setting("", "Telefon ośrodka (na pismach)")
    office_email: str = _setting("", "E-mail ośrodka (na pismach)")
    letter_place: str = _setting(
        "", "Miejscowość (na pismach)", "Drukowana przed datą pisma: „Przykładowo, dnia …”."
    )
    worker_name: str = _setting("", "Imię i nazwisko pracownika")
    numbering_pattern: str = _setting(
        numbering.DEFAULT_PATTERN,
        "Wzór numeru procedury",
        f"{numbering.NUMBER} — kolejny numer w roku, {numbering.YEAR} — rok.",
        _number_preview,
    )
    nkb_local_contacts: str = _setting(
        "",
        "Pomoc w gminie (drukowana na NK-B)",
        "Każda linia to jeden kontakt, np. „Zespół interdyscyplinarny, ul. …, tel. …”. "
        "Drukowane w części „Pomoc w Twojej gminie” formularza NK-B.",
        multiline=True,
    )

    def __post_init__(self) -> None:
        """A pattern saved with the former {seq} and {year} is read with the Polish names."""
        if isinstance(self.numbering_pattern, str):
            object.__setattr__(
                self, "numbering_pattern", numbering.in_polish(self.numbering_pattern)
            )

    def validate(self) -> None:
        wrong = numbering.problem(self.numbering_pattern)
        if wrong is not None:
            raise ValidationError(wrong, field="numbering_pattern")

    def format_number(self, seq: int, year: int) -> str:
        return numbering.number(self.numbering_pattern, seq, year)

    def local_contacts(self) -> tuple[str, ...]:
        """The NK-B local contacts, one per non-empty line."""
        return tuple(line.strip() for line in self.nkb_local_contacts.splitlines() if line.strip())


def setting_fields() -> tuple[dataclasses.Field[Any], ...]:
    """Declared settings in display order (the settings dialog is built from this)."""
    return dataclasses.fields(Settings)


def settings_from_mapping(values: dict[str, Any]) -> Settings:
    """Settings from stored values; unknown keys are ignored, missing ones take defaults."""
    known = {f.name for f in setting_fields()}
    return Settings(**{k: v for k, v in values.items() if k in known})
