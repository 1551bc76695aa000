"""The PDF layout of every form definition, read back with pypdf.

Each definition is printed blank and filled with content generated from the definition
itself, so a section or field added to a definition file is checked without touching
this file: titles and labels come out in definition order, values right after their
labels, Polish letters intact, long text flows on to the next page whole, user text is
printed literally, and every page says which page of how many it is.
"""

import dataclasses
import datetime as dt
import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from app.domain import forms
from app.domain.forms import FormDefinition, FormField, FormSection
from app.printing import Entry, FormPrint
from app.printing.render import date_text, form_name, render_form

DAY = dt.date(2026, 3, 14)
NUMBER = "NK/7/2026"
POLISH = "zażółć gęślą jaźń — Łódź"
INCIDENT = "2026-03-12"


def pages(data: bytes) -> list[str]:
    """The text of each page, whitespace (no-break spaces too) folded to one space."""
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def body_text(doc: FormPrint) -> str:
    """All pages' text as one, without the footers: what flows across pages reads on."""
    name = re.escape(form_name(doc))
    footer = rf" ?{name} (?:Procedura nr \S+|Nr procedury: \.+) strona \d+ z \d+$"
    return " ".join(re.sub(footer, "", page) for page in pages(render_form(doc)))


def title(section: FormSection) -> str:
    return f"{section.number}. {section.title}" if section.number else section.title


def value_for(item: FormField) -> Any:
    """A value for one field, as the register stores it, with Polish letters in it."""
    if item.type == "checklist":
        chosen: dict[str, Any] = {"selected": list(item.options[:2])}
        if item.allow_other:
            chosen["other"] = f"inne {item.id} {POLISH}"
        return chosen
    if item.type == "rows":
        return [[f"{column} {item.id} Łódź" for column in item.columns]]
    return {
        "text": f"{item.id}: {POLISH}",
        "longtext": f"{item.id}: {POLISH}\ndruga linia {item.id}",
        "date": INCIDENT,
        "choice": item.options[-1] if item.options else None,
        "bool": True,
    }[item.type]


def content_for(definition: FormDefinition) -> dict[str, Any]:
    return {item.id: value_for(item) for s in definition.sections for item in s.fields}


def blocks_for(definition: FormDefinition) -> dict[str, tuple[Entry, ...]]:
    """Two entries of every repeatable register block, one of the others."""
    found = {}
    for section in definition.sections:
        if section.block is None or section.register is None:
            continue
        count = 2 if section.block.repeatable else 1
        found[section.register] = tuple(
            tuple(f"{line.item}{n} Łódź" for line in section.lines) for n in range(1, count + 1)
        )
    return found


def filled(definition: FormDefinition) -> FormPrint:
    return FormPrint(
        definition,
        NUMBER,
        DAY,
        content=content_for(definition),
        blocks=blocks_for(definition),
        notes=(f"Uwaga do wydruku: {POLISH}",),
        printed_by="GOPS w Przykładowie",
    )


def in_order(text: str, expected: list[str]) -> None:
    """Each string is found at or after where the one before it starts (a field whose
    label repeats its section's title is printed once)."""
    at = 0
    for item in expected:
        found = text.find(flat(item), at)
        assert found >= 0, f"{item!r} missing after position {at}: …{text[at : at + 200]}…"
        at = found


def printed_labels(definition: FormDefinition) -> list[str]:
    expected = []
    for section in definition.sections:
        expected.append(title(section))
        expected += [line.label for line in section.lines]
        expected += [item.label for item in section.fields]
        expected += list(section.signatures)
    return expected


DEFINITIONS = forms.catalogue()
IDS = [f"{d.form}-{d.version}" for d in DEFINITIONS]


@pytest.mark.parametrize("definition", DEFINITIONS, ids=IDS)
@pytest.mark.parametrize("blank", [False, True], ids=["filled", "blank"])
def test_titles_and_labels_are_printed_in_definition_order(
    definition: FormDefinition, blank: bool
) -> None:
    doc = dataclasses.replace(filled(definition), blank=blank)
    text = " ".join(pages(render_form(doc)))

    assert text.startswith(flat(definition.title))
    assert flat(definition.legal_basis) in text
    in_order(text, printed_labels(definition))
    for section in definition.sections:
        for paragraph in section.text:
            assert flat(paragraph) in text


@pytest.mark.parametrize("definition", DEFINITIONS, ids=IDS)
def test_filled_values_follow_their_labels(definition: FormDefinition) -> None:
    doc = filled(definition)
    text = body_text(doc)

    assert "zażółć gęślą jaźń — Łódź" in text
    assert "strona 1 z" not in text
    assert f"Uwaga do wydruku: {POLISH}" in text
    for section in definition.sections:
        for item in section.fields:
            value = doc.content[item.id]
            label = "" if item.label == section.title else f"{item.label} "
            if item.type == "date":
                assert f"{label}{date_text(value)}" in text
            elif item.type in {"text", "longtext"}:
                assert f"{label}{flat(value)}" in text
            elif item.type == "choice":
                marks = " ".join(("☒ " if o == value else "☐ ") + o for o in item.options)
                assert f"{label}{marks}" in text
            elif item.type == "bool":
                assert f"☒ {item.label}" in text
            elif item.type == "checklist":
                ticked = " ".join(f"☒ {o}" for o in value["selected"])
                assert f"{label}{ticked}" in text
                if item.allow_other:
                    assert f"☒ inne: {value['other']}" in text
            else:
                assert f"{label}{' '.join(item.columns)} {' '.join(value[0])}" in text
        if section.register is not None and not (section.block and section.block.table):
            first = doc.blocks[section.register][0]
            in_order(
                text, [f"{line.label} {v}" for line, v in zip(section.lines, first, strict=True)]
            )


def test_the_incident_date_follows_its_label_as_dd_mm_rrrr() -> None:
    text = " ".join(pages(render_form(filled(forms.definition("NK-A", "2023")))))
    assert "Data zdarzenia 12.03.2026" in text
    assert "2026-03-12" not in text


def only(definition: FormDefinition, section_id: str) -> FormDefinition:
    return dataclasses.replace(
        definition, sections=tuple(s for s in definition.sections if s.id == section_id)
    )


def test_a_long_description_flows_to_the_second_page_whole() -> None:
    words = [f"{'żółw' if k % 3 else 'słowo'}{k:04d}" for k in range(640)]
    long_text = " ".join(words)
    assert 5800 < len(long_text) < 6500
    nka = only(forms.definition("NK-A", "2023"), "incident")
    doc = FormPrint(nka, NUMBER, DAY, content={"description": long_text})

    first, second = pages(render_form(doc))

    assert first.endswith(f"NK-A, wzór z 2023 r. Procedura nr {NUMBER} strona 1 z 2")
    assert second.endswith(f"NK-A, wzór z 2023 r. Procedura nr {NUMBER} strona 2 z 2")
    assert words[0] in first and words[-1] in second
    # Every word once, whole, in order: none cut at a line or page end.
    found = re.findall(r"(?:żółw|słowo)\d{4}", first + " " + second)
    assert found == words
    assert re.search(r"(?:żółw|słowo)\d{0,3}\s", first + second) is None


def test_user_text_with_markup_characters_is_printed_literally() -> None:
    nka = forms.definition("NK-A", "2023")
    tricky = "Krzyczał <b>głośno</b> & groził; a < b > c &amp; d"
    doc = dataclasses.replace(
        filled(nka),
        content={"description": tricky, "incident_place": "<i>Łódź</i> & okolice"},
        blocks={"victims": (("<b>Anna</b> & Co", "", "", "", "", ""),)},
        notes=("Uwaga <u>ważna</u> & pilna",),
    )
    text = " ".join(pages(render_form(doc)))
    for literal in (tricky, "<i>Łódź</i> & okolice", "<b>Anna</b> & Co", "Uwaga <u>ważna</u> &"):
        assert literal in text


def test_a_table_of_rows_repeats_its_header_on_the_next_page() -> None:
    nkc = forms.definition("NK-C", "2023")
    plan = [[f"Działanie nr {k} — wsparcie", "GOPS", "31.12.2026", "w toku"] for k in range(70)]
    doc = FormPrint(only(nkc, "help_plan"), NUMBER, DAY, content={"help_plan": plan})

    printed = pages(render_form(doc))

    assert len(printed) >= 2
    header = "Działanie Odpowiedzialny Termin Stan"
    assert all(header in page for page in printed)
    text = " ".join(printed)
    in_order(text, [f"Działanie nr {k} — wsparcie" for k in range(70)])


def test_a_blank_form_has_no_number_and_prints_nothing_of_the_content() -> None:
    nka = forms.definition("NK-A", "2023")
    doc = dataclasses.replace(filled(nka), blank=True, blocks={})

    printed = pages(render_form(doc))

    assert all(re.search(r"Nr procedury: \.+ strona \d+ z \d+$", page) for page in printed)
    text = " ".join(printed)
    assert NUMBER not in text and POLISH not in text.replace(f"Uwaga do wydruku: {POLISH}", "")
    assert "dd.mm.rrrr" in text
    assert text.count("Imię i nazwisko") >= 2 + 2 + 1 + 1  # two victims, two perpetrators…


def test_the_same_printout_gives_the_same_bytes() -> None:
    doc = filled(forms.definition("NK-D", "2023"))
    assert render_form(doc) == render_form(doc)


def test_entries_that_do_not_match_their_lines_are_refused() -> None:
    nka = forms.definition("NK-A", "2023")
    with pytest.raises(ValueError, match="has 2 values"):
        render_form(FormPrint(nka, NUMBER, DAY, blocks={"victims": (("Anna", "Próbna"),)}))
    with pytest.raises(ValueError, match="no register block 'gdp'"):
        render_form(FormPrint(nka, NUMBER, DAY, blocks={"gdp": ()}))
