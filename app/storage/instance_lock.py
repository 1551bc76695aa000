"""One running program per data folder, through an OS file lock released on any exit."""

from pathlib import Path

from filelock import FileLock, Timeout

from app.errors import DatabaseInUseError, StorageError

LOCK_FILE_NAME = "nkdesk.lock"


class InstanceLock:
    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._lock = FileLock(folder / LOCK_FILE_NAME, timeout=0, is_singleton=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise DatabaseInUseError(
                "Baza danych w tym folderze jest już otwarta w innym oknie NK Desk. "
                "Zamknij tamten program albo przejdź do jego okna."
            ) from exc
        except OSError as exc:
            raise StorageError(
                f"Nie można zająć folderu danych {self._folder} (plik {LOCK_FILE_NAME} jest "
                "niedostępny albo folder jest tylko do odczytu)."
            ) from exc

    def release(self) -> None:
        self._lock.release()
