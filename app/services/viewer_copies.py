"""Where "Otwórz" puts the plaintext copy of an attachment, and how every copy is removed.

Light on purpose: the program clears old copies at start, before the database layer loads.
"""

import shutil
from pathlib import Path

import platformdirs

from app.paths import APP_NAME

VIEW_APP_NAME = f"{APP_NAME}-podglad"


def view_dir() -> Path:
    """The per-user folder for viewer copies, outside the data folder and any backup.

    It has a name of its own: on Windows the program's usual cache folder
    (`%LOCALAPPDATA%\\NKDesk\\Cache`) lies inside the default data folder, so plaintext
    copies would sit beside the register and travel with a copy of the whole folder.
    """
    return platformdirs.user_cache_path(VIEW_APP_NAME, appauthor=False, opinion=False)


def purge_view_copies() -> None:
    """Remove every viewer copy (call at lock, exit and start)."""
    shutil.rmtree(view_dir(), ignore_errors=True)


def discard_view_copy(path: Path) -> None:
    """Remove one copy that no program opened, with its own folder.

    Only a copy inside the viewer folder is touched, whatever path is given.
    """
    folder = path.parent
    if folder.parent.resolve() == view_dir().resolve():
        shutil.rmtree(folder, ignore_errors=True)
