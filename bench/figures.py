"""The bench's results: one figure per line, `name<TAB>median<TAB>unit<TAB>ratio-or-note`."""

import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

NOT_MEASURED = "-"
_DECIMALS = {"ms": 1, "s": 2, "MB": 1}


@dataclass(frozen=True)
class Figure:
    """One line of the table; `value` None means not measurable here."""

    name: str
    value: float | None
    unit: str
    note: str = NOT_MEASURED

    def line(self) -> str:
        return "\t".join((self.name, self.shown_value(), self.unit, self.note))

    def shown_value(self) -> str:
        if self.value is None:
            return NOT_MEASURED
        return f"{self.value:.{_DECIMALS.get(self.unit, 2)}f}"


def median(values: Sequence[float | None]) -> float | None:
    """The median of the runs, or None when any run could not measure it."""
    if not values or any(value is None for value in values):
        return None
    return statistics.median(value for value in values if value is not None)


def median_ms(runs: int, work: Callable[[], object]) -> float:
    """The median of `runs` timings of `work`, in milliseconds (in this process)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def ratio(value: float | None, baseline: float | None) -> str:
    """`value / baseline` with two decimals, or a dash when either is missing."""
    if value is None or not baseline:
        return NOT_MEASURED
    return f"{value / baseline:.2f}"


def table(figures: Iterable[Figure]) -> str:
    return "\n".join(figure.line() for figure in figures)
