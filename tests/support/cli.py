"""The real command line in a child process: its exit code and its two output streams."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(
    data_dir: Path,
    *args: str,
    password: str | None = None,
    cache: Path | None = None,
    keyring_backend: str = "keyring.backends.fail.Keyring",
) -> subprocess.CompletedProcess[str]:
    """`nkdesk-cli --data-dir DATA_DIR ARGS…`, by default with no OS credential store.

    The user's data and cache folders point beside the data folder, so nothing the child
    writes (a keyring file, viewer copies) reaches the real home folder.
    """
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHON_KEYRING_BACKEND": keyring_backend,
        "XDG_CACHE_HOME": str(cache or data_dir.parent / "cache"),
        "XDG_DATA_HOME": str(data_dir.parent / "xdg-data"),
    }
    env.pop("NKDESK_PASSWORD", None)
    if password is not None:
        env["NKDESK_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        cwd=ROOT,
    )


def one_polish_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single `Błąd: …` line of an expected failure (exit 1, no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and lines[0].startswith("Błąd: "), result.stderr
    return lines[0]
