"""nkdesk-cli as support staff use it: one clear line on expected errors, never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import cli
from app.sample_data import demo
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI uses the production Argon2 cost; tests swap in the cheap one."""
    from app.services import vault
    from tests.conftest import FAST_KDF

    monkeypatch.setattr(vault, "DEFAULT_KDF", FAST_KDF)


def run(args: list[str], monkeypatch: pytest.MonkeyPatch, password: str | None) -> int:
    if password is None:
        monkeypatch.delenv(cli.PASSWORD_ENV, raising=False)
    else:
        monkeypatch.setenv(cli.PASSWORD_ENV, password)
    return cli.main(args)


def test_init_prints_recovery_code_and_check_passes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fast_kdf: None,
) -> None:
    data = str(tmp_path / "dane")
    assert run(["--data-dir", data, "init", "--gmina", "Przykładowo"], monkeypatch, PASSWORD) == 0
    out = capsys.readouterr().out
    code_line = out.strip().splitlines()[-1]
    assert len(code_line.replace("-", "")) == 32
    assert PASSWORD not in out
    assert run(["--data-dir", data, "check"], monkeypatch, PASSWORD) == 0
    assert "spójna" in capsys.readouterr().out
    assert run(["--data-dir", data, "init"], monkeypatch, PASSWORD) == 1
    assert "istnieje już" in capsys.readouterr().err


def test_export_then_import_into_empty_register_reproduces_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fast_kdf: None,
) -> None:
    source, target = str(tmp_path / "a"), str(tmp_path / "b")
    assert run(["--data-dir", source, "demo"], monkeypatch, None) == 0
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert (
        run(["--data-dir", source, "export-json", str(first)], monkeypatch, demo.DEMO_PASSWORD) == 0
    )
    assert run(["--data-dir", target, "init"], monkeypatch, PASSWORD) == 0
    assert run(["--data-dir", target, "import-json", str(first)], monkeypatch, PASSWORD) == 0
    assert "procedury 4" in capsys.readouterr().out
    assert run(["--data-dir", target, "export-json", str(second)], monkeypatch, PASSWORD) == 0
    a, b = json.loads(first.read_text("utf-8")), json.loads(second.read_text("utf-8"))
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b
    assert len(a["procedures"]) >= 40


def test_expected_errors_are_one_polish_line_without_traceback(tmp_path: Path) -> None:
    data = tmp_path / "dane"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    env.pop(cli.PASSWORD_ENV, None)

    def nkdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", "--data-dir", str(data), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            cwd=ROOT,
        )

    missing = nkdesk("check", stdin=PASSWORD + "\n")
    assert missing.returncode == 1
    assert (
        missing.stderr.strip().startswith("Błąd: W folderze") and "Traceback" not in missing.stderr
    )
    created = nkdesk("init", stdin=f"{PASSWORD}\n")
    assert created.returncode == 0, created.stderr
    wrong = nkdesk("check", stdin="złe hasło\n")
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == "Błąd: Nieprawidłowe hasło."
    bad = tmp_path / "zly.json"
    bad.write_text('{"format": "nkdesk-exchange",\n  "format_version": 1,\n  oops}', "utf-8")
    refused = nkdesk("import-json", str(bad), stdin=PASSWORD + "\n")
    assert refused.returncode == 1
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "wiersz 3" in refused.stderr or "line 3" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_workdays_add_answers_without_a_data_folder_or_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "dane"
    args = ["--data-dir", str(data), "workdays", "add", "2026-04-03", "1"]
    assert run(args, monkeypatch, None) == 0  # Easter Monday 6.04.2026 is skipped
    assert capsys.readouterr() == ("2026-04-07\n", "")
    assert run(["workdays", "add", "2026-04-02", "0"], monkeypatch, None) == 0
    assert capsys.readouterr() == ("2026-04-02\n", "")
    assert not data.exists()


@pytest.mark.parametrize(
    ("date", "count", "said"),
    [
        ("2026-02-31", "2", "„2026-02-31” nie jest datą (RRRR-MM-DD)."),
        ("5.3.2026", "2", "„5.3.2026” nie jest datą (RRRR-MM-DD)."),
        ("20260305", "2", "„20260305” nie jest datą (RRRR-MM-DD)."),
        ("2026-03-05", "-3", "„-3” nie jest liczbą dni roboczych (liczba całkowita od 0)."),
        ("2026-03-05", "2.5", "„2.5” nie jest liczbą dni roboczych (liczba całkowita od 0)."),
        ("2026-03-05", "dwa", "„dwa” nie jest liczbą dni roboczych (liczba całkowita od 0)."),
        ("2100-12-30", "5", "Kalendarz świąt obejmuje lata 1925–2100; rok 2101 jest poza nim."),
    ],
)
def test_workdays_add_refuses_what_it_cannot_read_in_one_line(
    date: str,
    count: str,
    said: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["workdays", "add", date, count], monkeypatch, None) == 2
    assert capsys.readouterr() == ("", f"nkdesk-cli: {said}\n")


def test_workdays_add_from_the_command_line(tmp_path: Path) -> None:
    """The real entry point, with a home whose data folder must stay untouched."""
    home = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "dane")}
    env = {**os.environ, "PYTHONPATH": str(ROOT), **home}
    env.pop(cli.PASSWORD_ENV, None)

    def workdays(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", "workdays", "add", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            cwd=ROOT,
        )

    easter = workdays("2026-04-02", "2")
    assert (easter.returncode, easter.stdout, easter.stderr) == (0, "2026-04-07\n", "")
    bad = workdays("2026-02-31", "2")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr == "nkdesk-cli: „2026-02-31” nie jest datą (RRRR-MM-DD).\n"
    assert list(tmp_path.iterdir()) == []


def test_deadlines_prints_a_procedures_clock_as_text_and_json(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fast_kdf: None,
) -> None:
    import datetime as dt

    from app.domain.enums import CourseEvent
    from app.services.records import NkaData
    from app.services.register import Register
    from app.services.vault import DataFolder
    from tests.conftest import FAST_KDF
    from tests.support.nka_people import nka_people

    data = tmp_path / "dane"
    assert run(["--data-dir", str(data), "init"], monkeypatch, PASSWORD) == 0
    folder = DataFolder(data, kdf=FAST_KDF)
    folder.acquire()
    register = Register(folder.unlock(PASSWORD))
    try:
        filled = dt.date(2025, 3, 3)  # Monday; 5 working days → Monday 10.03
        created = register.procedures.create(filled).record_id
        assert created is not None
        register.nka.save(
            created,
            NkaData(
                filled_on=filled,
                filled_by_service="police",
                received_by_chair_on=dt.date(2025, 3, 12),
                content={"nkb_handed": True},
                person_ids=nka_people(register.context, created),
            ),
        )
        number = register.procedures.detail(created).number
        assert register.course.view(created).events[0].kind is CourseEvent.NKA_RECEIVED_BY_CHAIR
    finally:
        register.close()
        folder.release()
    capsys.readouterr()

    assert run(["--data-dir", str(data), "deadlines", number], monkeypatch, PASSWORD) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"Procedura {number} (w toku), stan na ")
    assert lines[1].startswith(
        "Następny krok: Utworzyć grupę diagnostyczno-pomocową i przekazać NK-A jej członkom — "
        "termin minął 17.03.2025 (3 dni robocze, § 7)"
    )
    chair_line = (
        " - NK-A u przewodniczącego ZI: po terminie, 2 dni robocze; termin 10.03.2025; "
        "wykonano 12.03.2025; § 7 (pewne)"
    )
    assert chair_line in lines

    assert run(["--data-dir", str(data), "deadlines", number, "--json"], monkeypatch, PASSWORD) == 0
    document = json.loads(capsys.readouterr().out)
    chair = document["deadlines"][0]
    assert chair == {
        "step": "nka_to_chair",
        "title": "NK-A u przewodniczącego ZI",
        "nka_ordinal": 1,
        "starts_on": "2025-03-03",
        "due_on": "2025-03-10",
        "done_on": "2025-03-12",
        "state": "late",
        "days_late": 2,
        "count": "working",
        "basis": "§ 7",
        "confidence": "high",
        "reason": "",
    }
    assert [d["state"] for d in document["deadlines"][1:3]] == ["met", "missed"]

    assert run(["--data-dir", str(data), "deadlines", "NK/999/2020"], monkeypatch, PASSWORD) == 1
    assert capsys.readouterr().err.strip() == "Błąd: Nie ma procedury o numerze NK/999/2020."


def test_print_list_names_every_form_and_letter_without_a_register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--data-dir", str(tmp_path / "brak"), "print", "--list"], monkeypatch, None) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [
        "nk-a",
        "nk-b",
        "nk-c",
        "nk-d",
        "zaproszenie-gdp",
        "zaproszenie-nkc",
        "wezwanie-nkd",
        "zakonczenie",
    ]
    assert all(len(line.split(maxsplit=1)[1]) > 20 for line in lines), "each says what it is"
    assert not (tmp_path / "brak").exists()


def test_print_writes_the_forms_pdf_and_notes_it_in_the_chronology(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fast_kdf: None,
) -> None:
    import datetime as dt

    from pypdf import PdfReader

    from app.services.records import NkaData
    from app.services.register import Register
    from app.services.vault import DataFolder
    from tests.conftest import FAST_KDF
    from tests.support.nka_people import nka_people

    data = tmp_path / "dane"
    assert run(["--data-dir", str(data), "init"], monkeypatch, PASSWORD) == 0
    folder = DataFolder(data, kdf=FAST_KDF)
    folder.acquire()
    register = Register(folder.unlock(PASSWORD))
    try:
        created = register.procedures.create(dt.date(2025, 3, 3)).record_id
        assert created is not None
        register.nka.save(
            created,
            NkaData(
                filled_on=dt.date(2025, 3, 3),
                filled_by_service="police",
                content={"description": "Zdarzenie fikcyjne — zażółć gęślą jaźń."},
                person_ids=nka_people(register.context, created),
            ),
        )
        number = register.procedures.detail(created).number
    finally:
        register.close()
        folder.release()
    out = tmp_path / "nka.pdf"
    base = ["--data-dir", str(data), "print"]

    assert run([*base, "nk-a", number, "--out", str(out)], monkeypatch, PASSWORD) == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Niebieska Karta — A" in text and number in text
    assert "Zdarzenie fikcyjne — zażółć gęślą jaźń." in text
    blank = tmp_path / "nkd.pdf"
    assert run([*base, "nk-d", "--blank", "--out", str(blank)], monkeypatch, PASSWORD) == 0
    assert "Niebieska Karta — D" in PdfReader(blank).pages[0].extract_text()
    capsys.readouterr()

    refusals = [
        ([*base, "nk-a", number, "--out", str(out)], "już istnieje"),
        ([*base, "nk-a", number, "--record", "2", "--out", str(tmp_path / "x.pdf")], "od 1 do 1"),
        ([*base, "nk-c", number, "--out", str(tmp_path / "x.pdf")], "nie ma formularza NK-C"),
        ([*base, "nk-x", number, "--out", str(tmp_path / "x.pdf")], "Nie znam dokumentu"),
        ([*base, "nk-a", "--out", str(tmp_path / "x.pdf")], "--blank"),
        ([*base, "nk-a", number, "--out", str(data / "x.pdf")], "folderze danych"),
    ]
    for args, message in refusals:
        assert run(args, monkeypatch, PASSWORD) == 1
        [line] = capsys.readouterr().err.splitlines()
        assert message in line
    assert not (tmp_path / "x.pdf").exists() and not (data / "x.pdf").exists()

    folder.acquire()
    register = Register(folder.unlock(PASSWORD))
    try:
        titles = [e.title for e in register.procedures.detail(created).chronology]
    finally:
        register.close()
        folder.release()
    assert titles.count("Zapisano jako PDF: NK-A nr 1 z 03.03.2025") == 1


def test_print_writes_a_letter_to_the_procedures_person_and_notes_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fast_kdf: None,
) -> None:
    from pypdf import PdfReader

    from app.services.register import Register
    from app.services.vault import DataFolder
    from tests.conftest import FAST_KDF
    from tests.support.clock import CLOCK
    from tests.support.letter_cases import SECRETS, build_case

    data = tmp_path / "dane"
    assert run(["--data-dir", str(data), "init"], monkeypatch, PASSWORD) == 0
    folder = DataFolder(data, kdf=FAST_KDF)

    def register_of() -> Register:
        folder.acquire()
        return Register(folder.unlock(PASSWORD), CLOCK)

    register = register_of()
    try:
        case = build_case(register)
    finally:
        register.close()
        folder.release()
    base = ["--data-dir", str(data), "print"]
    capsys.readouterr()

    summons, invitation = tmp_path / "wezwanie.pdf", tmp_path / "zaproszenie.pdf"
    assert (
        run([*base, "wezwanie-nkd", case.number, "--out", str(summons)], monkeypatch, PASSWORD) == 0
    )
    assert "Zapisano pismo wezwanie-nkd" in capsys.readouterr().out
    text = " ".join(page.extract_text() for page in PdfReader(summons).pages)
    assert "Wezwanie na posiedzenie" in text and "Jan Próbny" in text and "ul. Jawna 5" in text
    assert all(secret not in text for secret in SECRETS)
    to_officer = ["--to", "przykładowy piotr", "--out", str(invitation)]
    assert run([*base, "zaproszenie-gdp", case.number, *to_officer], monkeypatch, PASSWORD) == 0
    text = " ".join(page.extract_text() for page in PdfReader(invitation).pages)
    assert "Piotr Przykładowy" in text and "dzielnicowy" in text
    capsys.readouterr()

    other = str(tmp_path / "x.pdf")
    refusals = [
        ([*base, "zakonczenie", case.number, "--out", other], "nie jest zakończona"),
        ([*base, "wezwanie-nkd", case.number, "--to", "Anna Próbna", "--out", other], "Jan Próbny"),
        ([*base, "wezwanie-nkd", "--out", other], "Podaj numer procedury"),
        ([*base, "wezwanie-nkd", case.number, "--blank", "--out", other], "tylko formularzy"),
        ([*base, "nk-a", case.number, "--to", "Jan", "--out", other], "tylko pism"),
        ([*base, "wezwanie-nkd", "NK/999/2020", "--out", other], "Nie ma procedury"),
    ]
    for args, message in refusals:
        assert run(args, monkeypatch, PASSWORD) == 1
        [line] = capsys.readouterr().err.splitlines()
        assert message in line
    assert not (tmp_path / "x.pdf").exists()

    register = register_of()
    try:
        titles = [e.title for e in register.procedures.detail(case.procedure_id).chronology]
    finally:
        register.close()
        folder.release()
    assert (
        "Zapisano jako PDF: Wezwanie na posiedzenie grupy diagnostyczno-pomocowej — dla: "
        "Jan Próbny" in titles
    )
