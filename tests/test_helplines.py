"""The national helplines printed with NK-B: a number changes on its day, and a broken
edit of resources/helplines.json is refused with where."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from app.domain import helplines
from app.domain.helplines import HelplineError

VICTIMS_OLD, VICTIMS_NEW = "+48 222 309 900", "116 006"


def numbers(day: dt.date) -> list[str]:
    return [line.number for line in helplines.valid_on(day)]


def test_the_victims_helpline_becomes_116_006_on_1_september_2026() -> None:
    before, after = numbers(dt.date(2026, 8, 31)), numbers(dt.date(2026, 9, 1))
    assert VICTIMS_OLD in before and VICTIMS_NEW not in before
    assert VICTIMS_NEW in after and VICTIMS_OLD not in after
    for day in (dt.date(2026, 8, 31), dt.date(2026, 9, 1), dt.date(2030, 1, 1)):
        assert {"112", "800 120 002", "800 120 226", "800 107 777"} <= set(numbers(day))
    assert all(line.source for line in helplines.all_helplines())


def raw_file() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(helplines.HELPLINES_FILE.read_text("utf-8"))
    return loaded


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda raw: raw["helplines"][0].update(number=""), "needs a name and a number"),
        (lambda raw: raw["helplines"][0].update(number="800-120"), "not a phone number"),
        (lambda raw: raw["helplines"][0].update(valid_from="1.09.2026"), "not a date"),
        (lambda raw: raw["helplines"][0].update(hours="24h"), "unknown key"),
        (
            lambda raw: raw["helplines"][0].update(
                valid_from="2026-09-02", valid_until="2026-09-01"
            ),
            "after valid_until",
        ),
        (lambda raw: raw["helplines"][4].pop("valid_from"), "two numbers of"),
        (lambda raw: raw.update(helplines=[]), "no list"),
    ],
    ids=["no-number", "number", "date", "key", "dates-reversed", "overlap", "empty"],
)
def test_a_broken_helplines_file_is_refused(tmp_path: Path, breakage: Any, message: str) -> None:
    raw = raw_file()
    breakage(raw)
    path = tmp_path / "helplines.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    with pytest.raises(HelplineError, match=message):
        helplines.load(path)
