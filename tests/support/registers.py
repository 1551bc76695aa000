"""Registers built once and copied: password-only, so any test's keyring opens them."""

import shutil
from pathlib import Path

import keyring
from keyring.backends import fail

from app.services import demo
from app.services.vault import DataFolder
from tests.conftest import FAST_KDF


def build_demo_register(folder_path: Path) -> Path:
    """The demo register (fictional data) with fast key derivation and no OS secret."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        folder = DataFolder(folder_path, kdf=FAST_KDF)
        folder.acquire()
        try:
            demo.create_demo_folder(folder)
        finally:
            folder.release()
    finally:
        keyring.set_keyring(previous)
    (folder_path / "nkdesk.lock").unlink(missing_ok=True)
    return folder_path


def copy_register(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target
