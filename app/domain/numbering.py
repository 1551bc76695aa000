"""The procedure number pattern: the user's own text with the places {nr} and {rok}.

She writes the pattern in the settings (NK/{nr}/{rok} gives NK/12/2026), so its
placeholders have Polish names and it is read here, never by str.format: a brace in it
marks a placeholder and nothing else. Registers and exchange files written before the
Polish names hold {seq} and {year}; those are read as {nr} and {rok}, so both spellings
give the same numbers.
"""

import re

NUMBER = "{nr}"
YEAR = "{rok}"
DEFAULT_PATTERN = f"NK/{NUMBER}/{YEAR}"
EXAMPLE_NUMBER = 12
_FORMER_NAMES = {"{seq}": NUMBER, "{year}": YEAR}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def in_polish(pattern: str) -> str:
    """The pattern with the former placeholders {seq} and {year} given their Polish names."""
    return _PLACEHOLDER.sub(lambda found: _FORMER_NAMES.get(found[0], found[0]), pattern)


def problem(pattern: str) -> str | None:
    """What stops numbers being made from the pattern, in Polish; None when nothing does."""
    pattern = in_polish(pattern)
    unknown = [name for name in _PLACEHOLDER.findall(pattern) if name not in (NUMBER, YEAR)]
    if unknown:
        return f"Nieznane pole {unknown[0]}. Można użyć tylko {NUMBER} i {YEAR}."
    if "{" in _PLACEHOLDER.sub("", pattern) or "}" in _PLACEHOLDER.sub("", pattern):
        return f"Nawiasy {{ }} mogą otaczać tylko {NUMBER} albo {YEAR}."
    if NUMBER not in pattern or YEAR not in pattern:
        return f"Wzór musi zawierać {NUMBER} (numer w roku) i {YEAR} (rok)."
    return None


def number(pattern: str, seq: int, year: int) -> str:
    """The procedure number the pattern gives for the year's `seq`-th procedure."""
    return in_polish(pattern).replace(NUMBER, str(seq)).replace(YEAR, str(year))


def preview(pattern: str, year: int) -> tuple[str, bool]:
    """A line to show under the pattern as it is typed: an example number, or the problem."""
    wrong = problem(pattern)
    if wrong is not None:
        return wrong, False
    return f"np. {number(pattern, EXAMPLE_NUMBER, year)}", True
