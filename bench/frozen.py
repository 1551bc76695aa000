"""The frozen program against the same code run by Python: `--self-test` end to end.

The bundle (packaging/build_linux.sh) unpacks nothing at start (one folder), but loads
every module from its archive; the self-test touches the register, Qt, PDF and the main
window, so its wall time shows what freezing costs a user at each start.
"""

import statistics
from pathlib import Path

from bench.children import ROOT, Children
from bench.figures import Figure, ratio

BUNDLE = ROOT / "build" / "linux" / "dist" / "NKDesk" / "NKDesk"


def frozen_self_test(children: Children, runs: int, bundle: Path = BUNDLE) -> Figure:
    """Median ms of the frozen self-test; the note is its ratio to the unfrozen one."""
    if not bundle.exists():
        return Figure("frozen_self_test", None, "ms", "not built (packaging/build_linux.sh)")
    frozen, unfrozen = [], []
    for _ in range(runs):  # alternating, so a busier moment hits both
        frozen.append(children.program(str(bundle), "--self-test").seconds * 1000)
        unfrozen.append(children.python("-m", "ui.main", "--self-test").seconds * 1000)
    value, baseline = statistics.median(frozen), statistics.median(unfrozen)
    return Figure("frozen_self_test", value, "ms", ratio(value, baseline))
