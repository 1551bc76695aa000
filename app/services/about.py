"""What „O programie” shows: the version, where the data is, and the bundled components.

The components, their licences and where their source is are data
(`resources/licenses/components.json`); versions are read from what actually runs, so the
frozen program reports the libraries it carries.
"""

import importlib.metadata
import json
import platform
from collections.abc import Mapping
from dataclasses import dataclass

from app.storage.cipher import library_versions
from resources import RESOURCES_DIR

LICENCES_DIR = RESOURCES_DIR / "licenses"


@dataclass(frozen=True)
class Component:
    """One row of the list: a part of the program and the licence it comes under."""

    name: str
    version: str
    licence: str
    source: str
    text_files: tuple[str, ...]


def _runtime_versions() -> dict[str, str]:
    cipher, crypto = library_versions()
    return {"python": platform.python_version(), "sqlcipher": cipher, "openssl": crypto}


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""


def components(ui_versions: Mapping[str, str]) -> tuple[Component, ...]:
    """Every listed component with the version running now; the window gives Qt's."""
    known = {**_runtime_versions(), **ui_versions}
    rows = json.loads((LICENCES_DIR / "components.json").read_text(encoding="utf-8"))
    return tuple(
        Component(
            name=row["name"],
            version=known.get(row["version_of"]) or _package_version(row["version_of"])
            if row["version_of"]
            else "",
            licence=row["licence"],
            source=row["source"],
            text_files=tuple(row["text"]),
        )
        for row in rows
    )


def licence_text(component: Component) -> str:
    """The full licence texts of a component, one after another."""
    return "\n\n".join(
        (LICENCES_DIR / name).read_text(encoding="utf-8") for name in component.text_files
    )
