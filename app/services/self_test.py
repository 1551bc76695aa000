"""The checks of `nkdesk --self-test` that need no window: support staff run it on a PC.

A throw-away encrypted register in a temporary folder (fictional data, deleted after),
a record written and read back, the integrity and schema check the CLI's `check` runs,
and one secret round-tripped through the OS credential store under its own name.
"""

import datetime as dt
import json
import secrets
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import holidays

from app.domain import helplines, nka_form
from app.printing.render import render_form
from app.security.secret_store import SecretStore
from app.services.about import LICENCES_DIR
from app.services.exchange.document import READABLE_VERSIONS, schema_path
from app.services.form_printing import blank_print
from app.services.register import Register
from app.services.vault import DataFolder
from app.settings import Settings
from app.storage import migrate

FICTIONAL = Settings(
    gmina_name="Gmina Testowa (autotest)",
    office_name="Ośrodek Testowy (autotest)",
    worker_name="Autotest",
)


@dataclass(frozen=True)
class Check:
    """One line of the report; a warning does not fail the self-test."""

    name: str
    ok: bool
    detail: str = ""
    warning: bool = False

    def line(self) -> str:
        mark = "UWAGA" if self.warning else ("OK" if self.ok else "BŁĄD")
        return f"[{mark}] {self.name}" + (f" — {self.detail}" if self.detail else "")


class _NoStore(SecretStore):
    """The throw-away register never leaves a secret in the user's credential store."""

    @property
    def is_available(self) -> bool:
        return False

    def get(self, installation_id: str) -> bytes | None:
        return None

    def create(self, installation_id: str) -> bytes | None:
        return None

    def delete(self, installation_id: str) -> None:
        return None


def checked(name: str, probe: Callable[[], str]) -> Check:
    """Run one probe; any exception is a failed check with its one-line reason."""
    try:
        return Check(name, True, probe())
    except Exception as exc:  # noqa: BLE001 - the report must go on and name the failure
        return Check(name, False, f"{type(exc).__name__}: {exc}".splitlines()[0][:200])


@contextmanager
def temporary_register() -> Iterator[tuple[DataFolder, Register, str]]:
    """A new encrypted register in a temporary folder, removed with everything in it."""
    with tempfile.TemporaryDirectory(prefix="nkdesk-autotest-") as scratch:
        folder = DataFolder(Path(scratch) / "dane", secret_store=_NoStore())
        password = secrets.token_urlsafe(24)
        created = folder.create(password, FICTIONAL)
        register = Register(created.database)
        try:
            yield folder, register, password
        finally:
            register.close()
            folder.release()


def register_checks(folder: DataFolder, register: Register, password: str) -> list[Check]:
    def write_and_read() -> str:
        today = register.context.today()
        changes = register.procedures.create(today, "autotest")
        assert changes.record_id is not None, "brak identyfikatora nowej procedury"
        detail = register.procedures.detail(changes.record_id)
        if detail.notes != "autotest":
            raise RuntimeError("odczytano inne dane, niż zapisano")
        return f"procedura {detail.number} zapisana i odczytana"

    def integrity() -> str:
        problems = folder.check(password)
        if problems:
            raise RuntimeError("; ".join(problems[:3]))
        current = migrate.current_revision(register.context.db.engine)
        if current != migrate.head_revision():
            raise RuntimeError(f"schemat {current}, a program zna {migrate.head_revision()}")
        return f"baza spójna, schemat {current} (najnowszy)"

    return [
        checked("Zaszyfrowana baza: zapis i odczyt", write_and_read),
        checked("Spójność bazy i migracje", integrity),
    ]


def program_files_check(year: int) -> Check:
    """The files a frozen program must carry: a bundle that forgot one fails here, not
    when she first prints a form or imports a file."""

    def probe() -> str:
        form = nka_form.definition()
        for version in READABLE_VERSIONS:  # older files are read with their own schema
            json.loads(schema_path(version).read_text(encoding="utf-8"))
        days = holidays.country_holidays("PL", years=year, language="pl")
        if dt.date(year, 11, 11) not in days or "Niepodległości" not in days[dt.date(year, 11, 11)]:
            raise RuntimeError("brak polskich nazw świąt (dane pakietu holidays)")
        fonts = sorted(path.name for path in (LICENCES_DIR.parent / "fonts").glob("*.ttf"))
        if not fonts:
            raise RuntimeError("brak czcionek programu")
        licences = json.loads((LICENCES_DIR / "components.json").read_text(encoding="utf-8"))
        # A printout needs the bundled font and the helplines file: print one, in memory.
        pages = render_form(blank_print("NK-B", dt.date(year, 1, 1))).count(b"/Type /Page\n")
        return (
            f"formularz NK-A ({len(form.sections)} części), schematy wymiany, "
            f"{len(days)} świąt {year}, {len(fonts)} czcionki, {len(licences)} licencji, "
            f"{len(helplines.all_helplines())} telefonów pomocowych, wydruk NK-B ({pages} str.)"
        )

    return checked("Pliki programu", probe)


def credential_store_check(store: SecretStore | None = None) -> Check:
    """A secret stored, read back and deleted; no store is a warning, not a failure
    (the program then works with the password alone)."""
    store = store or SecretStore()
    name = "Schowek haseł systemu"
    if not store.is_available:
        return Check(name, True, "niedostępny — program działa z samym hasłem", warning=True)
    entry = f"autotest-{uuid.uuid4().hex}"

    def round_trip() -> str:
        try:
            secret = store.create(entry)
            if secret is None or store.get(entry) != secret:
                raise RuntimeError("zapisany sekret nie wrócił")
        finally:
            store.delete(entry)
        if store.get(entry) is not None:
            raise RuntimeError("sekretu nie dało się usunąć")
        return store.description

    return checked(name, round_trip)
