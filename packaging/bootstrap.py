"""Set up a private virtual environment and run NK Desk or its tests (standard library only).

    python3 packaging/bootstrap.py demo   # install, then start the GUI on the demo database
    python3 packaging/bootstrap.py test   # install with test extras, lint, type-check, test, bench

Works the same on Debian/Ubuntu and Windows (use `py` instead of `python3` there).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
DEMO_DATA = ROOT / "demo-data"


def _bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def _run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], cwd=ROOT, check=True)


def _ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - runs on whatever python3 the user has
        sys.exit("NK Desk wymaga Pythona 3.11 lub nowszego.")
    if not _bin("python").exists():
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError):
            sys.exit(
                "Nie można utworzyć środowiska. Na Debianie/Ubuntu: sudo apt install python3-venv"
            )
    _run(_bin("python"), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(_bin("python"), "-m", "pip", "install", "--quiet", "-e", f".{extras}")


def demo() -> None:
    _ensure_venv("")
    _run(_bin("nkdesk"), "--data-dir", DEMO_DATA, "--demo")


def test() -> None:
    _ensure_venv("[test]")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _run(_bin("ruff"), "check", "app", "ui", "tests", "packaging", "bench")
    _run(_bin("ruff"), "format", "--check", "app", "ui", "tests", "packaging", "bench")
    _run(_bin("lint-imports"))
    _run(_bin("mypy"))
    _run(_bin("python"), "-m", "pytest", "-q", "-p", "no:cacheprovider")
    _run(_bin("python"), "-m", "bench", "--procedures", "200", "--runs", "1")  # smoke run


if __name__ == "__main__":
    commands = {"demo": demo, "test": test}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(f"użycie: python3 {Path(__file__).name} demo|test")
    try:
        commands[sys.argv[1]]()
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
