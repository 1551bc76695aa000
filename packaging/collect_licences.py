"""Write resources/licenses/pakiety-python.txt: the licence files of every bundled package.

    python packaging/collect_licences.py     # in a venv made from packaging/requirements.lock

Run after changing the pinned list; „O programie” shows the file. The texts come from
each wheel's own metadata, so they match the versions pinned in the lock.
"""

import importlib.metadata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "packaging" / "requirements.lock"
TARGET = ROOT / "resources" / "licenses" / "pakiety-python.txt"
BUILD_ONLY = {
    "pyinstaller",
    "pyinstaller-hooks-contrib",
    "altgraph",
    "macholib",
    "pefile",
    "setuptools",
    "packaging",
}


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned() -> dict[str, str]:
    """Name → version of every runtime package; the marker says on which systems."""
    found = re.findall(
        r"^([A-Za-z0-9_.-]+)==([^\s;]+)(?: ; ([^\\\n]+))?", LOCK.read_text(encoding="utf-8"), re.M
    )
    return {
        normal(name): marker.strip()
        for name, _version, marker in found
        if normal(name) not in BUILD_ONLY
    }


def licence_text(dist: importlib.metadata.Distribution) -> str:
    files = [f for f in dist.files or [] if re.search(r"licen[cs]e|copying|notice", f.name, re.I)]
    texts = [Path(str(f.locate())).read_text("utf-8", errors="replace").strip() for f in files]
    return "\n\n".join(t for t in texts if t) or (dist.metadata.get("License") or "").strip()


def main() -> None:
    wanted = pinned()
    installed = {normal(d.metadata["Name"]): d for d in importlib.metadata.distributions()}
    parts = []
    for name, marker in sorted(wanted.items()):
        if name not in installed:
            if not marker:
                sys.exit(f"brak w tym venv: {name}")
            note = f"{name} — tylko gdy {marker}: licencja w metadanych pakietu"
            parts.append(f"{'=' * 78}\n{note}\n")
            continue
        dist = installed[name]
        licence = dist.metadata.get("License-Expression") or dist.metadata.get("License") or ""
        first_line = licence.splitlines()[0] if licence else ""
        header = f"{dist.metadata['Name']} {dist.version} — {first_line}"
        parts.append(f"{'=' * 78}\n{header}\n{'=' * 78}\n\n{licence_text(dist)}\n")
    TARGET.write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
