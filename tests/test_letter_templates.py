"""Letter templates without a register: the catalogue, placeholders, filling, checking,
and the „nie ujawniać” rule of app.domain.disclosure."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import letters
from app.domain.disclosure import OMITTED, Audience, Guard, Protected, may_show
from app.errors import ValidationError

NAMES = [p.name for p in letters.PLACEHOLDERS]
VALUES = {name: f"<{name}>" for name in NAMES}
TEMPLATE_TEXT = st.text(alphabet=st.sampled_from("{}ab \n_" + "".join(NAMES[:3])), max_size=80)


def test_the_catalogue_has_the_four_letters_each_valid_with_its_placeholders() -> None:
    names = [kind.name for kind in letters.catalogue()]
    assert names == ["zaproszenie-gdp", "zaproszenie-nkc", "wezwanie-nkd", "zakonczenie"]
    for kind in letters.catalogue():
        assert letters.check_template(kind, kind.title, kind.text) == (kind.title, kind.text)
        assert "przeciwdziałaniu przemocy domowej" in kind.text
        assert "Dz. U. z 2023 r. poz. 1870" in kind.text
        used = letters.names_in(kind.text)
        assert "numer_procedury" in used
        assert ("data_posiedzenia" in used) == kind.meeting
        assert ("data_zakonczenia" in used) == kind.closure
        assert len(kind.description) > 20


def test_filling_replaces_placeholders_and_doubled_braces() -> None:
    text = "Nr {numer_procedury}, {{nie pole}} i {adresat}."
    assert letters.fill(text, {"numer_procedury": "NK/1/2026", "adresat": "Anna"}) == (
        "Nr NK/1/2026, {nie pole} i Anna."
    )
    assert letters.fill("{nieznane} {", VALUES) == "{nieznane} {", "left as written"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{imie}", "Treść, wiersz 1: nieznane pole {imie}."),
        ("a\nb {numer_procedury", "Treść, wiersz 2: nawias „{” nie jest zamknięty."),
        ("}", "Treść, wiersz 1: nawias „}” nie ma otwierającego „{”."),
        ("{}", "nieznane pole {}."),
        ("{data_zakonczenia}", "pole {data_zakonczenia} nie dotyczy tego pisma"),
    ],
)
def test_a_wrong_template_is_named_in_one_polish_line(text: str, message: str) -> None:
    wrong = letters.problem(text, letters.letter("zaproszenie-gdp"))
    assert wrong is not None and message in wrong and "\n" not in wrong


def test_a_closure_placeholder_is_refused_only_where_no_closure_is_named() -> None:
    assert letters.problem("{podstawa_zakonczenia}", letters.letter("zakonczenie")) is None
    assert letters.problem("{godzina_posiedzenia}", letters.letter("zakonczenie")) is not None
    with pytest.raises(ValidationError, match="Tytuł pisma to jeden wiersz") as caught:
        letters.check_template(letters.letter("zakonczenie"), "a\nb", "treść")
    assert caught.value.field == "title"


@given(TEMPLATE_TEXT)
def test_filling_and_checking_never_crash(text: str) -> None:
    filled = letters.fill(text, VALUES)
    assert isinstance(filled, str)
    wrong = letters.problem(text, letters.letter("zakonczenie"))
    assert wrong is None or "\n" not in wrong
    if wrong is None:  # what braces remain are those written twice
        assert filled.count("{") == len(re.findall(r"\{\{", text))


@given(st.text(max_size=60))
def test_a_value_with_braces_is_never_expanded_again(value: str) -> None:
    values = {**VALUES, "adresat": value}
    assert letters.fill("{adresat}|{numer_procedury}", values) == f"{value}|<numer_procedury>"


@given(st.text(max_size=60))
def test_any_literal_text_escaped_fills_to_itself_and_passes_the_check(text: str) -> None:
    escaped = text.replace("{", "{{").replace("}", "}}")
    assert letters.fill(escaped, VALUES) == text
    assert letters.problem(escaped, letters.letter("zakonczenie")) is None


SHELTER = Protected(
    "address:1",
    "osoba doznająca przemocy domowej",
    "adres",
    "ul. Ukryta 1, 00-950 Ukrytowo",
    "ul. Ukryta 1",
)
PHONE = Protected("contact:2", "osoba doznająca przemocy domowej", "telefon", "600 700 800")


def test_the_rule_shows_a_protected_address_only_on_a_letter_sent_there() -> None:
    assert may_show(SHELTER, Audience(to_perpetrator=False, delivered_to="address:1"))
    assert not may_show(SHELTER, Audience(to_perpetrator=False, delivered_to=None))
    assert not may_show(PHONE, Audience(to_perpetrator=False, delivered_to="address:1"))
    assert not may_show(SHELTER, Audience(to_perpetrator=True, delivered_to="address:1"))


def test_the_guard_finds_protected_text_typed_by_hand_and_notes_it_once() -> None:
    guard = Guard([SHELTER, PHONE], Audience(to_perpetrator=True))
    text = guard.text(
        "Mieszka przy UL. UKRYTA 1 (ul. Ukryta 1, 00-950 Ukrytowo), tel. 600-700-800 "
        "albo +48600700800; dom nr 1."
    )
    assert text == (
        f"Mieszka przy {OMITTED} ({OMITTED}), tel. {OMITTED} albo +48{OMITTED}; dom nr 1."
    )
    assert guard.value("ul. Ukryta 1", SHELTER) == OMITTED
    assert guard.value("ul. Jawna 5", None) == "ul. Jawna 5"
    assert guard.notes == (
        "Osoba doznająca przemocy domowej: adres oznaczony „nie ujawniać” — pominięty, bo "
        "dokument jest kierowany do osoby stosującej przemoc domową.",
        "Osoba doznająca przemocy domowej: telefon oznaczony „nie ujawniać” — pominięty, bo "
        "dokument jest kierowany do osoby stosującej przemoc domową.",
    )
