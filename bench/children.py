"""Child processes of the bench: the real CLI and GUI probes, in a private environment.

Every child gets its own XDG data and cache folders (inside the bench's temp folder),
no OS credential store (the bench registers are protected by the password alone, with
the program's real Argon2id cost) and the offscreen Qt platform where no display is.
"""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from app.cli import PASSWORD_ENV
from bench.protocol import BenchError

ROOT = Path(__file__).resolve().parent.parent
BENCH_PASSWORD = "Pomiar-wydajnosci-2024!"  # fictional; protects only the bench's registers
NO_KEYRING = "keyring.backends.fail.Keyring"
CHILD_TIMEOUT_S = 3600.0


@dataclass(frozen=True)
class Finished:
    """What a child printed, and when it was started and ended (perf_counter seconds)."""

    stdout: str
    started: float
    ended: float

    @property
    def seconds(self) -> float:
        return self.ended - self.started


def _headless() -> bool:
    """A Linux session without a display (CI, a container): Qt must draw offscreen."""
    if not sys.platform.startswith("linux"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@dataclass(frozen=True)
class Children:
    """Starts children with a private home for their data and cache folders."""

    home: Path

    def __post_init__(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)

    def environment(self, password: str | None = None) -> dict[str, str]:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
            "PYTHON_KEYRING_BACKEND": NO_KEYRING,
            "XDG_DATA_HOME": str(self.home / "xdg-data"),
            "XDG_CACHE_HOME": str(self.home / "xdg-cache"),
        }
        env.pop(PASSWORD_ENV, None)
        if password is not None:
            env[PASSWORD_ENV] = password
        if "QT_QPA_PLATFORM" not in env and _headless():
            env["QT_QPA_PLATFORM"] = "offscreen"
        return env

    def python(self, *args: str, password: str | None = None) -> Finished:
        """`python ARGS…` from the repository root; a failure is a BenchError with its stderr."""
        return self.program(sys.executable, *args, password=password)

    def program(self, executable: str, *args: str, password: str | None = None) -> Finished:
        """Any program (the frozen bundle too) in the private environment."""
        started = time.perf_counter()
        result = subprocess.run(
            [executable, *args],
            env=self.environment(password),
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            check=False,
        )
        ended = time.perf_counter()
        if result.returncode != 0:
            command = " ".join((Path(executable).name, *args))
            raise BenchError(f"{command} failed:\n{result.stderr.strip()}")
        return Finished(result.stdout, started, ended)

    def cli(self, data_dir: Path, *args: str) -> Finished:
        """`nkdesk-cli --data-dir DATA_DIR ARGS…` with the bench password."""
        return self.python(
            "-m", "app.cli", "--data-dir", str(data_dir), *args, password=BENCH_PASSWORD
        )

    def cli_with_peak(self, data_dir: Path, *args: str) -> tuple[float, float | None]:
        """The seconds a CLI command took and its peak memory in MB (None: unknown)."""
        peak_file = self.home / "peak.txt"
        finished = self.python(
            "-m",
            "bench.cli_peak",
            str(peak_file),
            "--data-dir",
            str(data_dir),
            *args,
            password=BENCH_PASSWORD,
        )
        peak = peak_file.read_text(encoding="utf-8")
        peak_file.unlink()
        return finished.seconds, None if peak == "-" else float(peak)
