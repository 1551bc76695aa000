"""Every user setting, declared once: key, type, default and Polish label.

Values live in the encrypted database (table `setting`), so they travel with backups.
Later capabilities add their settings here, nowhere else.
"""

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from app.errors import ValidationError


def _setting(default: Any, label: str, help_text: str = "") -> Any:
    return field(default=default, metadata={"label": label, "help": help_text})


@dataclass(frozen=True)
class Settings:
    gmina_name: str = _setting("", "Gmina")
    office_name: str = _setting("", "Nazwa ośrodka (GOPS/OPS)")
    office_address: str = _setting("", "Adres ośrodka")
    worker_name: str = _setting("", "Imię i nazwisko pracownika")
    numbering_pattern: str = _setting(
        "NK/{seq}/{year}",
        "Wzór numeru procedury",
        "{seq} — kolejny numer w roku, {year} — rok; np. NK/{seq}/{year} daje NK/7/2026",
    )

    def validate(self) -> None:
        pattern = self.numbering_pattern
        if "{seq}" not in pattern or "{year}" not in pattern:
            raise ValidationError(
                "Wzór numeru musi zawierać {seq} i {year}.", field="numbering_pattern"
            )
        try:
            pattern.format(seq=1, year=2026)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValidationError(
                "Wzór numeru może zawierać tylko {seq} i {year}.", field="numbering_pattern"
            ) from exc

    def format_number(self, seq: int, year: int) -> str:
        return self.numbering_pattern.format(seq=seq, year=year)


def setting_fields() -> tuple[dataclasses.Field[Any], ...]:
    """Declared settings in display order (the settings dialog is built from this)."""
    return dataclasses.fields(Settings)


def settings_from_mapping(values: dict[str, Any]) -> Settings:
    """Settings from stored values; unknown keys are ignored, missing ones take defaults."""
    known = {f.name for f in setting_fields()}
    return Settings(**{k: v for k, v in values.items() if k in known})
