"""The pinned requirements a 64-bit Windows CPython 3.11 needs, taken from the one lock.

    python lock_for_windows.py ../requirements.lock > windows.txt

`uv pip compile --universal` writes one lock for every platform, with markers such as
`sys_platform == 'win32'`. Linux pip downloading Windows wheels would judge those markers
for Linux, so this keeps the entries whose markers hold on Windows (hashes unchanged,
markers dropped) and the Windows pip installs exactly that list, offline.
"""

import sys
from pathlib import Path

from packaging.markers import Marker

WINDOWS_311 = {
    "implementation_name": "cpython",
    "implementation_version": "3.11.9",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "platform_python_implementation": "CPython",
    "platform_system": "Windows",
    "python_full_version": "3.11.9",
    "python_version": "3.11",
    "sys_platform": "win32",
}


def entries(text: str) -> list[str]:
    """Whole requirement entries: a line and its backslash-continued hash lines."""
    joined = text.replace("\\\n", "\x00")
    return [line for line in joined.splitlines() if line and not line.lstrip().startswith("#")]


def for_windows(entry: str) -> str | None:
    head, _, hashes = entry.partition("\x00")
    requirement, _, marker = head.partition(";")
    if marker.strip() and not Marker(marker.strip()).evaluate(WINDOWS_311):
        return None
    return requirement.strip() + " \\\n" + hashes.replace("\x00", "\\\n")


if __name__ == "__main__":
    lock = Path(sys.argv[1]).read_text(encoding="utf-8")
    kept = [line for line in map(for_windows, entries(lock)) if line]
    sys.stdout.write("\n".join(kept) + "\n")
