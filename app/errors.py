"""Exception hierarchy of the core.

`UserError` and its subclasses are expected situations: the UI shows their message
(Polish, free of personal data) as a plain notice and the CLI prints it as one line.
Anything else is a bug and gets the bug-report treatment.
"""


class UserError(Exception):
    """An expected problem the user can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotInitializedError(UserError):
    """The data folder holds no database yet."""


class AlreadyInitializedError(UserError):
    """A database already exists where a new one was to be created."""


class WrongPasswordError(UserError):
    """The password (or recovery code) does not unwrap the database key."""


class ThrottledError(UserError):
    """Too many failed attempts: the next try must wait."""

    def __init__(self, message: str, wait_seconds: float) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


class MissingInstallationSecretError(UserError):
    """The per-installation secret is not in this computer's credential store."""


class DatabaseInUseError(UserError):
    """Another running program holds the data folder."""


class DatabaseTooNewError(UserError):
    """The database was written by a newer version of the program."""


class CorruptDatabaseError(UserError):
    """The database or its key file is damaged."""


class StorageError(UserError):
    """The disk or medium failed: full, read-only, unreadable or removed."""


class ValidationError(UserError):
    """Input that breaks a rule; `field` names the offending field when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(UserError):
    """A record that was asked for does not exist (any more)."""


class ImportFormatError(UserError):
    """An exchange file that is malformed or breaks the schema; `place` says where."""

    def __init__(self, place: str, reason: str) -> None:
        super().__init__(f"Błąd w pliku w miejscu {place}: {reason}")
        self.place = place
        self.reason = reason
