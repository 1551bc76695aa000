"""Where the program may write a file the user asked for (exports, saved copies, sheets).

One rule for the CLI and every window: never into the data folder — an export named
`keys.json` or `nkdesk.db` there would destroy the register — and never over an existing
file unless the user confirmed it (`--force` in the CLI, the save dialog's question in
the GUI). Files are written atomically and readable by their owner only.
"""

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.errors import StorageError, ValidationError
from app.fileio import atomic_file, write_atomically


def _same_or_inside(path: Path, folder: Path) -> bool:
    """By name, and by identity: a bind mount or a second share reaches the same folder."""
    path_text, folder_text = os.path.normcase(path), os.path.normcase(folder)
    if path_text == folder_text or path_text.startswith(folder_text.rstrip(os.sep) + os.sep):
        return True
    for place in (path, *path.parents):
        try:
            if place.exists() and os.path.samefile(place, folder):
                return True
        except OSError:
            continue
    return False


def _resolved(target: Path) -> Path:
    try:
        return target.expanduser().resolve()
    except (OSError, RuntimeError) as exc:  # a link loop, an unknown ~user
        raise ValidationError(f"Nie można użyć ścieżki {target} (błędna ścieżka).") from exc


def check_output_target(target: Path, data_dir: Path, overwrite: bool) -> Path:
    """The resolved target, or a ValidationError saying in Polish why it may not be written."""
    resolved = _resolved(target)
    if _same_or_inside(resolved, data_dir.resolve()):
        raise ValidationError(
            f"Nie zapisuję pliku {resolved.name} w folderze danych programu ({data_dir}): "
            "mógłby zastąpić bazę albo plik kluczy. Wybierz inny folder."
        )
    try:
        is_folder, parent_exists, exists = (
            resolved.is_dir(),
            resolved.parent.is_dir(),
            resolved.exists(),
        )
    except OSError as exc:
        raise ValidationError(f"Nie można użyć ścieżki {target} ({_reason(exc)}).") from exc
    if is_folder:
        raise ValidationError(f"{resolved} to folder — podaj nazwę pliku.")
    if not parent_exists:
        raise ValidationError(f"Folder {resolved.parent} nie istnieje.")
    if exists and not overwrite:
        raise ValidationError(
            f"Plik {resolved} już istnieje i nie zostanie zastąpiony bez potwierdzenia "
            "(w wierszu poleceń: --force)."
        )
    return resolved


def write_output_file(target: Path, data: bytes, data_dir: Path, overwrite: bool) -> Path:
    """Check the target, then write `data` there atomically and owner-only."""
    resolved = check_output_target(target, data_dir, overwrite)
    try:
        write_atomically(resolved, data)
    except OSError as exc:
        raise StorageError(
            f"Nie można zapisać pliku {resolved} ({_reason(exc)}). Nic nie zostało zapisane."
        ) from exc
    return resolved


def write_output_stream(
    target: Path, write: Callable[[BinaryIO], None], data_dir: Path, overwrite: bool
) -> Path:
    """Check the target, then let `write` fill it piece by piece, atomically and owner-only.

    For files too large to build in memory first; whatever `write` raises leaves no file.
    """
    resolved = check_output_target(target, data_dir, overwrite)
    try:
        with atomic_file(resolved) as handle:
            write(handle)
    except OSError as exc:
        raise StorageError(
            f"Nie można zapisać pliku {resolved} ({_reason(exc)}). Nic nie zostało zapisane."
        ) from exc
    return resolved


def _reason(exc: OSError) -> str:
    return {
        errno.ENOSPC: "brak miejsca na dysku",
        errno.EACCES: "brak uprawnień do zapisu",
        errno.EPERM: "brak uprawnień do zapisu",
        errno.EROFS: "nośnik tylko do odczytu",
        errno.ENOENT: "folder zniknął — nośnik mógł zostać odłączony",
        errno.EIO: "błąd nośnika",
        errno.ENAMETOOLONG: "nazwa pliku jest za długa",
    }.get(exc.errno or 0, "błąd dostępu do pliku")
