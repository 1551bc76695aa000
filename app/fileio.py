"""Writing files so that a crash, a full disk or a pulled stick never leaves half a file."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_BUFFER = 1 << 20  # a streamed file is written in many small pieces


def write_atomically(target: Path, data: bytes) -> None:
    """Replace `target` with `data`, owner-only: either the old or the new file survives.

    The bytes go to a temporary file in the same folder, are flushed to the device and
    renamed over the target; the folder is flushed too where the OS allows it. Renaming
    also means a target that was a link to another file never changes that file.
    """
    with atomic_file(target) as handle:
        handle.write(data)


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """An owner-only file to write piece by piece; it replaces `target` only when complete.

    For files too large to build in memory first. Same guarantees as `write_atomically`:
    when the block raises, the temporary file is removed and `target` stays as it was.
    """
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb", buffering=_BUFFER) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
