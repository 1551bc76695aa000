"""Where the data folder is: per-user by default, beside the program in portable mode."""

import sys
from pathlib import Path

import platformdirs

APP_NAME = "NKDesk"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA_DIR = "NKDesk-dane"


def program_dir() -> Path:
    """Folder of the executable (frozen build) or of the installed package."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def default_data_dir(base: Path | None = None) -> Path:
    """The data folder used when no --data-dir is given.

    A `portable.txt` file beside the program switches to a folder beside it, so the
    whole program and its data can live on one USB stick.
    """
    where = base if base is not None else program_dir()
    if (where / PORTABLE_MARKER).exists():
        return where / PORTABLE_DATA_DIR
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | Path | None) -> Path:
    """The data folder for this run: the explicit one if given, else the default."""
    return Path(explicit).expanduser().resolve() if explicit else default_data_dir()
