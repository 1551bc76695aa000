"""The „nie ujawniać” guard, proved on every printout: each of the four forms and each
letter, rendered to PDF and read back as text.

Anna's shelter address and phone, and Jan's own protected phone, never appear on a form,
nor on a letter sent anywhere but the shelter, nor on anything for Jan — even where a
template or a form's text names them or someone typed them in — and the document says
why something was left out.
"""

import datetime as dt

import pytest

from app.domain.disclosure import OMITTED
from app.services.records import FormData
from app.services.register import Register
from app.storage.db import Database
from tests.support.clock import CLOCK, TODAY
from tests.support.letter_cases import (
    EVERY_PERSONAL,
    SECRETS,
    LetterCase,
    build_case,
    close,
    text_of,
)

LEFT_OUT = "oznaczony „nie ujawniać”"
TYPED = "Twierdzi, że żona mieszka przy ul. Schronienia-Demo 1, tel. 600 700 800."


@pytest.fixture
def case(db: Database) -> LetterCase:
    return build_case(Register(db, CLOCK))


def _person_id(case: LetterCase, participation: int) -> int:
    detail = case.register.procedures.detail(case.procedure_id)
    return next(p.person.id for p in detail.participants if p.id == participation)


def _form_pdf(case: LetterCase, form: str) -> bytes:
    register, procedure_id = case.register, case.procedure_id
    filled_on = TODAY - dt.timedelta(days=1)
    if form == "NK-A":
        record_id = register.procedures.detail(procedure_id).nka_records[0].id
    else:
        person = {"NK-D": case.jan}.get(form, case.anna)
        content = {"attitude": TYPED} if form == "NK-D" else {}
        saved = register.forms.save(
            procedure_id, FormData(form, filled_on, _person_id(case, person), content)
        )
        record_id = saved.record_id
    return register.printing.pdf(procedure_id, form, record_id)


@pytest.mark.parametrize(
    ("form", "noted"), [("NK-A", True), ("NK-B", False), ("NK-C", True), ("NK-D", True)]
)
def test_no_form_prints_protected_data_and_says_what_it_left_out(
    case: LetterCase, form: str, noted: bool
) -> None:
    text = text_of(_form_pdf(case, form))

    assert f"Niebieska Karta — {form[-1]}" in text
    for secret in SECRETS:
        assert secret not in text, secret
    assert (LEFT_OUT in text) == noted


def test_the_nkd_for_the_perpetrator_drops_protected_data_typed_into_its_text(
    case: LetterCase,
) -> None:
    text = text_of(_form_pdf(case, "NK-D"))

    assert f"Twierdzi, że żona mieszka przy {OMITTED}, tel. {OMITTED}." in text
    assert (
        "Osoba doznająca przemocy domowej: adres oznaczony „nie ujawniać” — pominięty, bo "
        "dokument jest kierowany do osoby stosującej przemoc domową." in text
    )
    assert "Anna" not in text, "a document for the perpetrator names no victim"


# Each letter to someone who is not at the shelter: a GDP member, Anna at her registered
# address, Jan; the closure notice to both.
LETTERS = [
    ("zaproszenie-gdp", "member"),
    ("zaproszenie-nkc", "anna"),
    ("wezwanie-nkd", "jan"),
    ("zakonczenie", "anna"),
    ("zakonczenie", "jan"),
]


@pytest.mark.parametrize(("letter", "whom"), LETTERS)
def test_no_letter_shows_protected_data_unless_sent_to_that_address(
    case: LetterCase, letter: str, whom: str
) -> None:
    letters = case.register.letters
    if letter == "zakonczenie":
        close(case)
    kind = letters.template(letter)
    letters.save_template(letter, kind.title, f"{kind.text}\n\n{EVERY_PERSONAL}")
    recipient = {
        "member": f"contact:{case.member}",
        "anna": f"person:{case.anna}",
        "jan": f"person:{case.jan}",
    }[whom]
    choices = letters.choices(case.procedure_id, letter)
    address = next(r.default_address for r in choices.recipients if r.key == recipient)
    request = case.request(letter, recipient, address)

    draft = letters.compose(request)
    text = text_of(letters.pdf(request))

    for secret in SECRETS:
        assert secret not in text, secret
        assert secret not in draft.text, secret
    assert OMITTED in text and LEFT_OUT in text
    assert "Uwagi do pisma" in text
    reason = "dokument jest kierowany do osoby stosującej" if whom == "jan" else "inny adres"
    assert all(reason in note for note in draft.notes) and len(draft.notes) == 2
    assert "ul. Jawna 5" in text, "what is not protected is shown"
