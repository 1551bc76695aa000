"""The official forms as data: every definition loads and says what each section rests
on, a broken edit of a definition is caught here, and docs/forms.md follows the files."""

import copy
import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from alembic import command

from app.domain import forms, nka_form
from app.domain.forms import DefinitionError, catalogue
from app.domain.forms_doc import BLANK_PICTURES, markdown
from app.services.register import Register
from app.storage import migrate
from app.storage.db import Database
from tests.support.clock import CLOCK
from tests.support.old_registers import insert_procedure
from tests.test_attachment_links import _alembic_config

DOCS = Path(__file__).resolve().parent.parent / "docs" / "forms.md"


def raw_nka() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((forms.FORMS_DIR / "nka-2023.json").read_text("utf-8"))
    return loaded


def test_the_four_forms_of_2023_and_the_archive_nka_are_defined() -> None:
    found = {(d.form, d.version) for d in catalogue()}
    assert found == {
        ("NK-A", "2011"),
        ("NK-A", "2023"),
        ("NK-B", "2023"),
        ("NK-C", "2023"),
        ("NK-D", "2023"),
    }
    for definition in catalogue():
        assert all(section.source.strip() for section in definition.sections)
        assert all(section.confidence in forms.CONFIDENCE for section in definition.sections)


def test_nk_c_holds_the_history_of_violence_and_the_help_plan_as_rows() -> None:
    nkc = forms.definition("NK-C", "2023")
    history = next(s for s in nkc.sections if s.id == "history")
    assert [f.label.split(" (")[0] for f in history.fields] == [
        "Pierwszy akt przemocy",
        "Powtarzające się akty przemocy",
        "Najbardziej niebezpieczny akt przemocy",
        "Ostatni akt przemocy",
    ]
    plan = nkc.field("help_plan")
    assert plan is not None and plan.columns == ("Działanie", "Odpowiedzialny", "Termin", "Stan")


def test_the_archive_nka_has_no_category_the_2023_reform_added() -> None:
    archive = nka_form.definition("2011")
    assert archive.field("electronic") is None and archive.field("firearm_access") is None
    content = {"physical": {"selected": ["bicie"]}, "incident_date": "2019-05-04"}
    assert nka_form.validate_content(content, "2011", dt.date(2026, 11, 30)) == content


def part(raw: dict[str, Any], section_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in raw["sections"] if s["id"] == section_id)
    return found


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda raw: part(raw, "incident").update(confidence="pewnie"), "confidence"),
        (lambda raw: part(raw, "incident").pop("source"), "no source"),
        (lambda raw: part(raw, "violence_forms")["fields"][0].update(type="slider"), "type"),
        (lambda raw: part(raw, "injuries")["fields"][0].update(options=[]), "needs its list"),
        (lambda raw: part(raw, "violence_forms")["fields"][1].update(id="physical"), "repeats"),
        (lambda raw: part(raw, "victims").update(register="sasiedzi"), "unknown register block"),
        (lambda raw: part(raw, "victims").update(lines=[]), "needs its lines"),
        (lambda raw: part(raw, "victims").pop("lines"), "needs its lines"),
        (lambda raw: part(raw, "victims")["lines"][0].update(item="pesel"), "has no item"),
        (lambda raw: part(raw, "victims")["lines"][0].update(label=" "), "has no label"),
        (lambda raw: part(raw, "victims")["lines"][1].update(item="name"), "repeats"),
        (lambda raw: part(raw, "incident").update(lines=[]), "lines without a register"),
        (lambda raw: part(raw, "filler").update(signatures=[""]), "signatures must be"),
        (lambda raw: part(raw, "incident").update(text="akapit"), "text must be"),
        (lambda raw: part(raw, "incident").update(signature=["Podpis"]), "unknown key"),
        (lambda raw: part(raw, "incident")["fields"][0].update(hint="x"), "unknown key"),
        (lambda raw: part(raw, "victims").pop("register"), "lines without a register"),
        (
            lambda raw: part(raw, "filler").update(register=None, lines=None, signatures=[]),
            "nothing to print",
        ),
    ],
    ids=[
        "confidence",
        "source",
        "field-type",
        "choice-without-options",
        "repeated-id",
        "register-block",
        "empty-lines",
        "register-without-lines",
        "line-item",
        "line-label",
        "repeated-line",
        "lines-without-register",
        "empty-signature",
        "text-not-a-list",
        "section-key-typo",
        "field-key-typo",
        "lines-of-no-block",
        "empty-section",
    ],
)
def test_a_broken_definition_is_refused_with_where(breakage: Any, message: str) -> None:
    raw = copy.deepcopy(raw_nka())
    breakage(raw)
    with pytest.raises(DefinitionError, match=message):
        forms._definition(raw, "nka-2023.json")


def test_docs_forms_md_is_written_from_the_definitions() -> None:
    assert DOCS.read_text("utf-8") == markdown(), (
        "run: python -m app.domain.forms_doc > docs/forms.md"
    )
    for definition in catalogue():
        assert f"## {definition.form} — version {definition.version}" in markdown()


def test_every_picture_docs_forms_md_shows_is_there_and_small() -> None:
    shown = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", DOCS.read_text("utf-8"))
    assert len(shown) == len(catalogue()) + len(BLANK_PICTURES)
    for name in shown:
        picture = DOCS.parent / name
        assert picture.is_file(), f"run: python -m app.printing.examples docs/forms ({name})"
        assert picture.stat().st_size < 200_000, name


OLD_ECONOMIC = "wynoszenie i sprzedawanie sprzętów domowych"
NEW_ECONOMIC = "wynoszenie sprzętów domowych oraz ich sprzedawanie"
OLD_OTHER = "zmuszanie do zażywania środków odurzających, substancji psychotropowych lub leków"
NEW_OTHER = "zmuszanie do zażywania środków odurzających lub leków"


def test_a_corrected_wording_read_from_an_older_file_becomes_the_new_one() -> None:
    content = {
        "economic": {"selected": [OLD_ECONOMIC, "demolowanie mieszkania"]},
        "other_forms": {"selected": [OLD_OTHER]},
    }
    assert nka_form.validate_content(content, "2023") == {
        "economic": {"selected": ["demolowanie mieszkania", NEW_ECONOMIC]},
        "other_forms": {"selected": [NEW_OTHER]},
    }
    nka = nka_form.definition("2023")
    electronic, other = nka.field("electronic"), nka.field("other_forms")
    assert electronic is not None and other is not None
    assert electronic.label == "przemoc za pomocą środków komunikacji elektronicznej"
    assert other.label == "inne" and OLD_OTHER not in other.options


def test_the_upgrade_rewrites_stored_records_in_the_corrected_wording(tmp_path: Path) -> None:
    database = Database(tmp_path / "stary.db", os.urandom(32))
    stored = {"economic": {"selected": [OLD_ECONOMIC]}, "other_forms": {"selected": [OLD_OTHER]}}
    try:
        with database.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0006")
            insert_procedure(conn)
            conn.exec_driver_sql(
                "INSERT INTO nka_record (id, procedure_id, form_version, filled_on, "
                "filled_place, filled_by_service, filled_by_service_other, "
                "filled_by_institution_name, filled_by_name, content, person_ids, created_at) "
                "VALUES (7, 1, '2023', '2026-11-02', '', 'police', '', '', '', ?, '[]', "
                "'2026-11-02 10:00:00')",
                (json.dumps(stored, ensure_ascii=False),),
            )
        migrate.upgrade(database.engine)
        [record] = Register(database, CLOCK).procedures.detail(1).nka_records
        assert record.content == {
            "economic": {"selected": [NEW_ECONOMIC]},
            "other_forms": {"selected": [NEW_OTHER]},
        }
    finally:
        database.close()
