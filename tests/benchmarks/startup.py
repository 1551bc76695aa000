"""Benchmark: time from starting the program to the unlocked main window on the demo data.

    python -m tests.benchmarks.startup [--runs 5]

Creates the demo database once in a temp folder (timed), then starts a fresh Python
process per run that does what `nkdesk` does after the password is typed: QApplication,
Polish translations, claim the folder, unlock with the real Argon2 cost, show the main
window with the procedures list filled. Prints the figures; asserts nothing.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import sys, time
from PySide6.QtWidgets import QApplication
from app.services import demo
from app.services.vault import DataFolder
from ui.context import AppContext
from ui.i18n import install_polish
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
app = QApplication([])
install_polish(app)
folder = DataFolder(__import__("pathlib").Path(sys.argv[1]))
folder.acquire()
t_unlock = time.perf_counter()
db = folder.unlock(demo.DEMO_PASSWORD)
unlock_s = time.perf_counter() - t_unlock
TaskRunner.synchronous = True
window = MainWindow(AppContext(folder, db, TaskRunner()))
window.show()
app.processEvents()
assert window.procedures_view.model.rowCount() >= 40
print("READY", f"{unlock_s:.3f}", flush=True)
db.close()
folder.release()
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": str(root),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "app.cli", "--data-dir", str(data), "demo"],
            env=env,
            check=True,
            capture_output=True,
            cwd=root,
        )
        print(f"demo database created in {time.perf_counter() - started:.2f} s")
        totals, unlocks = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(data)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
                cwd=root,
            ).stdout
            totals.append(time.perf_counter() - started)
            unlocks.append(float(out.split()[1]))
        print(
            f"start → unlocked main window: median {statistics.median(totals):.2f} s "
            f"(min {min(totals):.2f}, max {max(totals):.2f}, {args.runs} runs); "
            "of which unlock (Argon2id + SQLCipher open): "
            f"median {statistics.median(unlocks):.2f} s"
        )


if __name__ == "__main__":
    main()
