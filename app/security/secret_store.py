"""Per-installation secret in the OS credential store, behind a thin interface.

On Windows this is the Credential Manager. Where no usable backend exists (a bare
Linux, a locked store) the program falls back to password-only protection and says so.

Only the credential stores of the operating system count. `keyring` picks whichever
installed backend has the highest priority, and other packages (keyrings.alt, plug-ins)
register backends that keep "secrets" in a plain or weakly protected file in the home
folder. Mixing such a value into the key derivation adds nothing against someone who
has the disk, so those backends are treated exactly like having no store at all: the
register is protected by the password alone and the program says so instead of claiming
"hasło + klucz tego komputera".
"""

import secrets

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

SERVICE = "NK Desk"

# The only backends trusted as "the OS credential store": those shipped inside the
# `keyring` package itself that hand the secret to the operating system (Windows
# Credential Manager, macOS Keychain, Secret Service / libsecret, KWallet). Anything else —
# keyrings.alt's file and registry backends, fail/null, unknown third-party backends or
# subclasses of these — may keep the secret in a file next to the data, so it gets the
# password-only treatment. Matched on the exact class (module + qualified name), never by
# isinstance, so a subclass that stores elsewhere is not trusted by inheritance; names
# rather than imported classes, so platform modules are not imported just to be compared.
OS_CREDENTIAL_STORES: frozenset[str] = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)


def backend_id(backend_class: type) -> str:
    """The name a backend class is listed under in OS_CREDENTIAL_STORES."""
    return f"{backend_class.__module__}.{backend_class.__qualname__}"


def _is_os_store(backend: KeyringBackend) -> bool:
    """A listed backend class that is usable on this machine (priority > 0)."""
    backend_class = type(backend)
    if backend_id(backend_class) not in OS_CREDENTIAL_STORES:
        return False
    # `viable` swallows the errors a backend raises when its platform is missing.
    return bool(backend_class.viable) and backend.priority > 0


def os_store_backend() -> KeyringBackend | None:
    """The OS credential store to use, or None when there is none (password-only).

    A ChainerBackend (what `keyring` selects when several backends are installed, e.g. the
    Credential Manager plus keyrings.alt's files) is not trusted as a whole, because it
    writes to whichever chained backend comes first and reads from all of them. Instead
    the highest-priority trusted backend among those it chains is used directly, and the
    untrusted ones are never touched. This keeps the OS store usable where some helper
    package happens to be installed, while no secret is ever written to or read from an
    untrusted backend.
    """
    current = keyring.get_keyring()
    if isinstance(current, ChainerBackend):
        # `backends` is already sorted by priority, highest first.
        return next((b for b in current.backends if _is_os_store(b)), None)
    return current if _is_os_store(current) else None


class SecretStore:
    """get / set / delete of one secret per installation id; never raises on a missing one.

    Every call resolves the backend anew through os_store_backend(), so a secret is only
    ever stored in, read from or deleted from a trusted OS credential store.
    """

    @property
    def is_available(self) -> bool:
        """True when a trusted OS store can hold secrets here."""
        return os_store_backend() is not None

    @property
    def description(self) -> str:
        """Where the secret is kept, for the user."""
        backend = os_store_backend()
        return type(backend).__name__ if backend is not None else "brak"

    def get(self, installation_id: str) -> bytes | None:
        backend = os_store_backend()
        if backend is None:
            return None
        try:
            value = backend.get_password(SERVICE, installation_id)
            return bytes.fromhex(value) if value else None
        except (keyring.errors.KeyringError, ValueError):
            # A damaged entry is as good as none: the recovery code opens the register.
            return None

    def create(self, installation_id: str) -> bytes | None:
        """Store a new random secret; None when no trusted store can keep it."""
        backend = os_store_backend()
        if backend is None:
            return None
        secret = secrets.token_bytes(32)
        try:
            backend.set_password(SERVICE, installation_id, secret.hex())
        except keyring.errors.KeyringError:
            return None
        return secret if self.get(installation_id) == secret else None

    def delete(self, installation_id: str) -> None:
        backend = os_store_backend()
        if backend is None:
            return
        try:
            backend.delete_password(SERVICE, installation_id)
        except keyring.errors.KeyringError:
            return
