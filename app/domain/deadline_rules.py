"""The procedure's statutory steps and deadlines, read from `resources/rules/deadlines.json`.

The rule data is the one place the numbers live: the engine (`app.domain.deadlines`), the
guidance sentences, the F1 page and the CLI all read it. Each step may have several
versions, valid from a date; a clock is judged by the version in force on the day its
NK-A was filled, so procedures opened before the 2023 reform keep the old rules.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from resources import RESOURCES_DIR

RULES_PATH = RESOURCES_DIR / "rules" / "deadlines.json"
NKA_FILLED = "nka_filled"  # the start of a clock that runs from the NK-A's own date
CLOSURE = "closure"  # the start of a clock that runs from the closure date


class Per(StrEnum):
    """Which clocks a step runs: one per NK-A, only the opening NK-A's, or at closure."""

    NKA = "nka"
    OPENING_NKA = "opening_nka"
    CLOSURE = "closure"


class Count(StrEnum):
    WORKING = "working"
    CALENDAR = "calendar"


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label(self) -> str:
        return {"high": "pewne", "medium": "średnio pewne", "low": "niepewne"}[self.value]


@dataclass(frozen=True)
class Rule:
    """One version of one step: what starts it, what ends it, in how many days."""

    step: str
    per: Per
    title: str
    action: str
    action_repeat: str
    starts: str
    done_by: str
    waived_by: str | None
    days: int | None
    count: Count
    without_delay: bool
    basis: str
    basis_full: str
    confidence: Confidence
    confidence_note: str
    valid_from: dt.date
    valid_to: dt.date | None

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _rule(raw: dict[str, object]) -> Rule:
    valid_to = raw["valid_to"]
    days = raw["days"]
    return Rule(
        step=str(raw["step"]),
        per=Per(str(raw["per"])),
        title=str(raw["title"]),
        action=str(raw["action"]),
        action_repeat=str(raw.get("action_repeat") or raw["action"]),
        starts=str(raw["starts"]),
        done_by=str(raw["done_by"]),
        waived_by=None if raw["waived_by"] is None else str(raw["waived_by"]),
        days=None if days is None else int(str(days)),
        count=Count(str(raw["count"])),
        without_delay=bool(raw["without_delay"]),
        basis=str(raw["basis"]),
        basis_full=str(raw["basis_full"]),
        confidence=Confidence(str(raw["confidence"])),
        confidence_note=str(raw["confidence_note"]),
        valid_from=dt.date.fromisoformat(str(raw["valid_from"])),
        valid_to=None if valid_to is None else dt.date.fromisoformat(str(valid_to)),
    )


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every version of every step, in the order of the file (the order of the course)."""
    raw = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    return tuple(_rule(entry) for entry in raw["rules"])


@cache
def fingerprint() -> str:
    """Changes whenever the rule data does: stored deadlines are then recomputed."""
    return hashlib.sha256(RULES_PATH.read_bytes()).hexdigest()[:16]


def steps() -> tuple[str, ...]:
    """The steps in the order of the procedure's course, each once."""
    return tuple(dict.fromkeys(rule.step for rule in all_rules()))


def rules_in_force(day: dt.date) -> tuple[Rule, ...]:
    """The version of each step in force on `day`; steps that did not exist are absent."""
    return tuple(rule for rule in all_rules() if rule.in_force_on(day))
