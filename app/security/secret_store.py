"""Per-installation secret in the OS credential store, behind a thin interface.

On Windows this is the Credential Manager. Where no usable backend exists (a bare
Linux, a locked store) the program falls back to password-only protection and says so.
"""

import secrets

import keyring
import keyring.errors
from keyring.backends import fail

SERVICE = "NK Desk"


class SecretStore:
    """get / set / delete of one secret per installation id; never raises on a missing one."""

    @property
    def is_available(self) -> bool:
        """True when the OS store can hold secrets here."""
        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and backend.priority > 0

    @property
    def description(self) -> str:
        """Where the secret is kept, for the user."""
        return type(keyring.get_keyring()).__name__

    def get(self, installation_id: str) -> bytes | None:
        try:
            value = keyring.get_password(SERVICE, installation_id)
        except keyring.errors.KeyringError:
            return None
        return bytes.fromhex(value) if value else None

    def create(self, installation_id: str) -> bytes | None:
        """Store a new random secret; None when the store cannot keep it."""
        secret = secrets.token_bytes(32)
        try:
            keyring.set_password(SERVICE, installation_id, secret.hex())
        except keyring.errors.KeyringError:
            return None
        return secret if self.get(installation_id) == secret else None

    def delete(self, installation_id: str) -> None:
        try:
            keyring.delete_password(SERVICE, installation_id)
        except keyring.errors.KeyringError:
            return
