"""National helplines printed with NK-B (resources/helplines.json).

Numbers change (the victims' helpline becomes 116 006 on 1 September 2026), so each
entry may carry the dates it is valid from and until, both inclusive: a form printed on
a given day lists the numbers valid that day, and a change needs no new program. The
file is checked strictly; a broken edit fails the tests, never a printout.
"""

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from resources import RESOURCES_DIR

HELPLINES_FILE = RESOURCES_DIR / "helplines.json"
_KEYS = frozenset({"name", "number", "notes", "source", "valid_from", "valid_until"})


class HelplineError(ValueError):
    """resources/helplines.json breaks its format: a bug in resources/, not input."""


@dataclass(frozen=True)
class Helpline:
    name: str
    number: str
    notes: str = ""
    source: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        starts, ends = self.valid_from or dt.date.min, self.valid_until or dt.date.max
        return starts <= day <= ends


def valid_on(day: dt.date) -> tuple[Helpline, ...]:
    """The helplines to print on `day`, in the file's order."""
    return tuple(line for line in all_helplines() if line.valid_on(day))


@cache
def all_helplines() -> tuple[Helpline, ...]:
    return load(HELPLINES_FILE)


def load(path: Path) -> tuple[Helpline, ...]:
    raw = json.loads(path.read_text("utf-8"))
    entries = raw.get("helplines") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        raise HelplineError(f"{path.name}: no list of helplines")
    found = tuple(_helpline(entry, f"{path.name}: entry {k}") for k, entry in enumerate(entries))
    for k, first in enumerate(found):
        for second in found[k + 1 :]:
            if first.name == second.name and _overlap(first, second):
                raise HelplineError(f"{path.name}: two numbers of {first.name!r} on one day")
    return found


def _overlap(first: Helpline, second: Helpline) -> bool:
    """A line replaced by a new number must end the day before the new one starts."""
    starts = max(first.valid_from or dt.date.min, second.valid_from or dt.date.min)
    ends = min(first.valid_until or dt.date.max, second.valid_until or dt.date.max)
    return starts <= ends


def _helpline(raw: Any, where: str) -> Helpline:
    if not isinstance(raw, dict):
        raise HelplineError(f"{where}: not an object")
    unknown = set(raw) - _KEYS
    if unknown:
        raise HelplineError(f"{where}: unknown key {sorted(unknown)}")
    texts = {key: raw.get(key, "") for key in ("name", "number", "notes", "source")}
    if not all(isinstance(value, str) for value in texts.values()):
        raise HelplineError(f"{where}: name, number, notes and source are texts")
    if not texts["name"].strip() or not texts["number"].strip():
        raise HelplineError(f"{where}: needs a name and a number")
    if not all(ch.isdigit() or ch in " +" for ch in texts["number"]):
        raise HelplineError(f"{where}: number {texts['number']!r} is not a phone number")
    starts, ends = _date(raw, "valid_from", where), _date(raw, "valid_until", where)
    if starts is not None and ends is not None and starts > ends:
        raise HelplineError(f"{where}: valid_from after valid_until")
    return Helpline(texts["name"], texts["number"], texts["notes"], texts["source"], starts, ends)


def _date(raw: dict[str, Any], key: str, where: str) -> dt.date | None:
    value = raw.get(key)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise HelplineError(f"{where}: {key} {value!r} is not a date (RRRR-MM-DD)") from exc
