"""nkdesk-cli: set-up, fictional data, JSON exchange, integrity check, forms and letters
as PDF and working days without the GUI.

The password comes from NKDESK_PASSWORD, else a prompt on a terminal, else one line
on standard input. Expected errors end with one Polish line on stderr and exit 1.
`workdays` is only a calendar question: it needs no data folder, password or register,
and a date or number it cannot read is one Polish line with exit 2, like argparse's own.
"""

import argparse
import contextlib
import datetime as dt
import getpass
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.domain import printables
from app.domain.deadlines import Deadline, days_phrase
from app.domain.workdays import add_working_days
from app.errors import UserError, ValidationError
from app.paths import resolve_data_dir
from app.sample_data import demo, generator
from app.services import exchange
from app.services.context import ServiceContext
from app.services.course import CourseService, CourseView
from app.services.form_printing import FormPrintService
from app.services.letters import LetterService
from app.services.vault import RECOVERY_SHEET_HINT, DataFolder
from app.settings import Settings

EXIT_USER_ERROR = 1
EXIT_BAD_ARGUMENT = 2  # what argparse returns for a mistyped command line
EXIT_INTERNAL_ERROR = 70
PASSWORD_ENV = "NKDESK_PASSWORD"
GENERATE_REPORT_EVERY = 5000  # procedures between progress lines of `generate`
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def read_password(prompt: str = "Hasło: ", confirm: bool = False) -> str:
    """Password from the environment, a terminal prompt, or one line of stdin."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    if sys.stdin.isatty():
        password = getpass.getpass(prompt)
        if confirm and getpass.getpass("Powtórz hasło: ") != password:
            raise ValidationError("Hasła się różnią.")
        return password
    line = sys.stdin.readline()
    if not line:
        raise ValidationError(f"Brak hasła: ustaw zmienną {PASSWORD_ENV} albo podaj je na wejściu.")
    return line.rstrip("\r\n")


def _cmd_init(folder: DataFolder, args: argparse.Namespace) -> None:
    settings = Settings(gmina_name=args.gmina, office_name=args.office, worker_name=args.worker)
    created = folder.create(read_password("Nowe hasło: ", confirm=True), settings)
    created.database.close()
    print("Utworzono zaszyfrowaną bazę danych w", folder.path)
    if not created.uses_os_secret:
        print("Uwaga: brak schowka haseł systemu — baza chroniona tylko hasłem.")
    print(RECOVERY_SHEET_HINT)
    print("KOD ODZYSKIWANIA (zapisz go i przechowuj w bezpiecznym miejscu; nie zostanie")
    print("pokazany ponownie):")
    print(created.recovery_code)


def _cmd_demo(folder: DataFolder, _args: argparse.Namespace) -> None:
    summary = demo.create_demo_folder(folder)
    print(
        f"Utworzono bazę demonstracyjną: {summary.procedures} procedur, "
        f"{summary.institutions} instytucji. Hasło: {demo.DEMO_PASSWORD}"
    )


def _with_db(
    action: Callable[[ServiceContext, argparse.Namespace], None],
) -> Callable[[DataFolder, argparse.Namespace], None]:
    def run(folder: DataFolder, args: argparse.Namespace) -> None:
        db = folder.unlock(read_password())
        try:
            action(ServiceContext(db), args)
        finally:
            db.close()

    return run


def _export(context: ServiceContext, args: argparse.Namespace) -> None:
    written = exchange.export_to_file(context, Path(args.file), overwrite=args.force)
    print(
        "Zapisano kopię danych w pliku wymiany", written, "(plik NIE jest zaszyfrowany — chroń go)."
    )


def _import(context: ServiceContext, args: argparse.Namespace) -> None:
    summary = exchange.import_from_file(context, Path(args.file))
    print(
        f"Wczytano z pliku wymiany: procedury {summary.procedures}, osoby {summary.persons}, "
        f"instytucje {summary.institutions}, formularze NK-A {summary.nka_records}, "
        f"formularze NK-B, NK-C i NK-D {summary.other_forms}, "
        f"wpisy chronologii {summary.chronology_entries}, załączniki {summary.attachments}, "
        f"posiedzenia {summary.meetings}, terminy {summary.appointments}."
    )


def _generate(context: ServiceContext, args: argparse.Namespace) -> None:
    def report(done: int, total: int) -> None:
        if done % GENERATE_REPORT_EVERY == 0 and done < total:
            print(f"Wygenerowano {done} z {total} procedur…", flush=True)

    summary = generator.generate_register(context, args.procedures, args.seed, report)
    print(
        f"Wygenerowano fikcyjne dane: procedury {summary.procedures} (zakończone "
        f"{summary.closed}, usunięte {summary.deleted}), osoby {summary.persons}, "
        f"instytucje {summary.institutions}, formularze NK-A {summary.nka_records}, "
        f"kroki procedury {summary.course_events}, "
        f"wpisy chronologii {summary.chronology_entries}, grupy GDP {summary.gdps}, "
        f"posiedzenia {summary.meetings}, terminy pracownika {summary.appointments}."
    )


def _cmd_generate(folder: DataFolder, args: argparse.Namespace) -> None:
    """Check the numbers before asking for the password: a typo costs no unlock."""
    procedures = _whole_number("--procedures", args.procedures)
    seed = _whole_number("--seed", args.seed)
    generator.check_count(procedures)
    _with_db(_generate)(folder, argparse.Namespace(procedures=procedures, seed=seed))


def _positive(text: str) -> int:
    """argparse type: a whole number from 1 (argparse reports a refusal with exit 2)."""
    if text.isascii() and text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(f"„{_one_line(text)}” nie jest liczbą od 1")


def _whole_number(option: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValidationError(f"{option}: podaj liczbę całkowitą.") from None


def _cmd_check(folder: DataFolder, _args: argparse.Namespace) -> None:
    problems = folder.check(read_password())
    if problems:
        print(f"Sprawdzenie bazy {folder.db_path} — znalezione problemy:")
        for problem in problems:
            print(" -", problem)
        raise UserError(
            f"Baza danych jest uszkodzona lub niespójna (problemów: {len(problems)}). "
            "Przywróć ją z kopii zapasowej."
        )
    print("Baza danych jest spójna.")


def _deadlines(context: ServiceContext, args: argparse.Namespace) -> None:
    view = CourseService(context).view_by_number(args.number)
    if args.json:
        print(json.dumps(deadlines_document(view), ensure_ascii=False, indent=2))
        return
    status = "zakończona" if view.closed else "w toku"
    print(f"Procedura {view.number} ({status}), stan na {context.today():%d.%m.%Y}")
    step = view.next_step
    print("Następny krok:", step.guidance() if step is not None else "brak")
    for deadline in view.deadlines:
        print(" -", deadline_line(deadline))


def deadline_line(deadline: Deadline) -> str:
    """One deadline as a line of text: step, dates, state, basis, the worker's reason."""
    state = deadline.state.label
    if deadline.days_late:
        state += f", {days_phrase(deadline.days_late, deadline.rule.count)}"
    parts = [f"{deadline.title()}: {state}"]
    if deadline.due_on is not None:
        parts.append(f"termin {deadline.due_on:%d.%m.%Y}")
    if deadline.done_on is not None:
        parts.append(f"wykonano {deadline.done_on:%d.%m.%Y}")
    parts.append(f"{deadline.rule.basis} ({deadline.rule.confidence.label})")
    if deadline.reason:
        parts.append(f"powód: {deadline.reason}")
    return "; ".join(parts)


def deadlines_document(view: CourseView) -> dict[str, object]:
    """The `deadlines --json` output: dates as ISO text, states as their stored values."""

    def iso(day: dt.date | None) -> str | None:
        return day.isoformat() if day is not None else None

    return {
        "number": view.number,
        "closed": view.closed,
        "next_step": view.next_step.guidance() if view.next_step is not None else None,
        "deadlines": [
            {
                "step": d.rule.step,
                "title": d.rule.title,
                "nka_ordinal": d.nka_ordinal,
                "starts_on": iso(d.starts_on),
                "due_on": iso(d.due_on),
                "done_on": iso(d.done_on),
                "state": d.state.value,
                "days_late": d.days_late,
                "count": d.rule.count.value,
                "basis": d.rule.basis,
                "confidence": d.rule.confidence.value,
                "reason": d.reason,
            }
            for d in view.deadlines
        ],
    }


def _print(context: ServiceContext, args: argparse.Namespace) -> None:
    printable = _printable(args.document)
    if args.out is None:
        raise ValidationError("Podaj plik wynikowy: --out PLIK.pdf.")
    if printable.letter:
        _print_letter(context, args, printable.name)
        return
    if args.to is not None:
        raise ValidationError("--to dotyczy tylko pism; formularz drukuje się z rejestru.")
    written = FormPrintService(context).save_pdf(
        args.number, printable.form, Path(args.out), args.record, args.blank, args.force
    )
    print(f"Zapisano {printable.form} w pliku {written}.")


def _print_letter(context: ServiceContext, args: argparse.Namespace, name: str) -> None:
    if args.blank or args.record is not None:
        raise ValidationError("--blank i --record dotyczą tylko formularzy, nie pism.")
    if not args.number:
        raise ValidationError("Podaj numer procedury, której dotyczy pismo.")
    saved = LetterService(context).save_pdf_by_number(
        args.number, name, Path(args.out), args.to, args.force
    )
    print(f"Zapisano pismo {name} w pliku {saved.path}.")


def _printable(name: str | None) -> printables.Printable:
    if name is None:
        raise ValidationError("Podaj, co wydrukować (lista: nkdesk-cli print --list).")
    found = printables.by_name(name)
    if found is None:
        raise ValidationError(
            f"Nie znam dokumentu „{_one_line(name)}” (lista: nkdesk-cli print --list)."
        )
    return found


def _cmd_print_list(_args: argparse.Namespace) -> int:
    for printable in printables.ALL:
        print(f"{printable.name:<16} {printable.description}")
    return 0


def _cmd_workdays_add(args: argparse.Namespace) -> int:
    try:
        due = add_working_days(_iso_date(args.date), _day_count(args.count))
    except ValidationError as exc:
        print("nkdesk-cli:", exc.message, file=sys.stderr)
        return EXIT_BAD_ARGUMENT
    print(due.isoformat())
    return 0


def _iso_date(text: str) -> dt.date:
    """Only RRRR-MM-DD: a day-first or two-digit-year date would need today to be read."""
    if _ISO_DATE.fullmatch(text):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(text)
    raise ValidationError(f"„{_one_line(text)}” nie jest datą (RRRR-MM-DD).")


def _day_count(text: str) -> int:
    if text.isascii() and text.isdigit():
        return int(text)
    raise ValidationError(
        f"„{_one_line(text)}” nie jest liczbą dni roboczych (liczba całkowita od 0)."
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nkdesk-cli", description="NK Desk — wiersz poleceń")
    parser.add_argument("--data-dir", help="folder danych (domyślnie folder użytkownika)")
    parser.add_argument("--version", action="version", version=f"NK Desk {__version__}")
    parser.add_argument("--debug", action="store_true", help="pokaż szczegóły błędów programu")
    parser.set_defaults(run_creates=False, without_folder=None)
    commands = parser.add_subparsers(dest="command", required=True, metavar="POLECENIE")
    init = commands.add_parser("init", help="utwórz nową zaszyfrowaną bazę danych")
    init.add_argument("--gmina", default="")
    init.add_argument("--office", default="")
    init.add_argument("--worker", default="")
    init.set_defaults(run=_cmd_init, run_creates=True)
    commands.add_parser("demo", help="utwórz bazę z fikcyjnymi danymi").set_defaults(
        run=_cmd_demo, run_creates=True
    )
    export = commands.add_parser(
        "export-json", help="zapisz kopię wszystkich danych do pliku wymiany (niezaszyfrowanego)"
    )
    export.add_argument("file")
    export.add_argument("--force", action="store_true", help="zastąp istniejący plik")
    export.set_defaults(run=_with_db(_export))
    imp = commands.add_parser("import-json", help="wczytaj dane z pliku wymiany do pustej bazy")
    imp.add_argument("file")
    imp.set_defaults(run=_with_db(_import))
    commands.add_parser("check", help="sprawdź spójność bazy danych").set_defaults(run=_cmd_check)
    generate = commands.add_parser(
        "generate", help="wypełnij pustą bazę dużą liczbą fikcyjnych procedur (próby wydajności)"
    )
    generate.add_argument("--procedures", required=True, help="liczba procedur")
    generate.add_argument(
        "--seed",
        default=str(generator.DEFAULT_SEED),
        help="ziarno losowania: to samo ziarno i ten sam dzień dają te same dane",
    )
    generate.set_defaults(run=_cmd_generate)
    deadlines = commands.add_parser(
        "deadlines", help="terminy procedury o podanym numerze i ich stan na dziś"
    )
    deadlines.add_argument("number", metavar="NUMER", help="np. NK/12/2026")
    deadlines.add_argument("--json", action="store_true", help="wynik jako JSON")
    deadlines.set_defaults(run=_with_db(_deadlines))
    printing = commands.add_parser(
        "print",
        help="zapisz formularz albo pismo jako PDF; --list pokazuje, co można",
    )
    printing.add_argument(
        "document", nargs="?", metavar="DOKUMENT", help="np. nk-a albo wezwanie-nkd"
    )
    printing.add_argument("number", nargs="?", metavar="NUMER", help="numer procedury")
    printing.add_argument("--out", metavar="PLIK", help="plik PDF do zapisania")
    printing.add_argument(
        "--record",
        type=_positive,
        metavar="N",
        help="który formularz tego rodzaju w procedurze (1 — pierwszy; domyślnie ostatni)",
    )
    printing.add_argument("--blank", action="store_true", help="pusty, do wypełnienia ręcznie")
    printing.add_argument(
        "--to",
        metavar="ADRESAT",
        help="imię i nazwisko adresata pisma (domyślnie pierwszy, do którego pismo się kieruje)",
    )
    printing.add_argument("--force", action="store_true", help="zastąp istniejący plik")
    printing.add_argument("--list", action="store_true", help="wypisz dokumenty do druku")
    printing.set_defaults(run=_with_db(_print))
    workdays = commands.add_parser(
        "workdays", help="dni robocze w Polsce (bez bazy danych i bez hasła)"
    ).add_subparsers(dest="workdays_command", required=True, metavar="POLECENIE")
    add = workdays.add_parser("add", help="data N dni roboczych po DACIE (0 — ten sam dzień)")
    add.add_argument("date", metavar="DATA", help="RRRR-MM-DD")
    add.add_argument("count", metavar="N", help="liczba dni roboczych, od 0")
    add.set_defaults(without_folder=_cmd_workdays_add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "list", False):  # `print --list` needs no register
        args.without_folder = _cmd_print_list
    without_folder: Callable[[argparse.Namespace], int] | None = args.without_folder
    try:
        if without_folder is not None:
            return without_folder(args)
        folder = DataFolder(resolve_data_dir(args.data_dir))
        folder.acquire(create=args.run_creates)
        try:
            args.run(folder, args)
        finally:
            folder.release()
    except UserError as exc:
        print("Błąd:", " ".join(exc.message.split()), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("Przerwano.", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"Błąd wewnętrzny programu ({type(exc).__name__}). Uruchom z --debug, aby zobaczyć "
            "szczegóły.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR
    return 0


if __name__ == "__main__":
    sys.exit(main())
