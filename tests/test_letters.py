"""The letters of a procedure from a real (encrypted) register: templates edited and
reset, a letter composed and rendered, its sending recorded in the chronology."""

import datetime as dt
from pathlib import Path

import pytest

from app.domain.letters import Delivery
from app.errors import ValidationError
from app.services.letters import LetterRequest
from app.services.register import Register
from app.storage.db import Database
from tests.support.clock import CLOCK, TODAY
from tests.support.letter_cases import (
    MEETING_DAY,
    SECRETS,
    SHELTER,
    LetterCase,
    build_case,
    close,
    text_of,
)


@pytest.fixture
def case(db: Database) -> LetterCase:
    return build_case(Register(db, CLOCK))


def test_the_gdp_invitation_carries_the_letterhead_the_meeting_and_the_member(
    case: LetterCase,
) -> None:
    draft = case.register.letters.compose(
        case.request("zaproszenie-gdp", f"contact:{case.member}", "institution")
    )
    assert draft.letterhead == (
        "GOPS w Przykładowie",
        "ul. Urzędowa 2, 00-100 Przykładowo",
        "tel. 00 111 22 33 · e-mail: gops@przykladowo.example",
    )
    assert draft.place_and_date == f"Przykładowo, dnia {TODAY:%d.%m.%Y} r."
    assert draft.recipient == (
        "Ewa Testowa",
        "pracownik socjalny",
        "GOPS w Przykładowie",
        "ul. Urzędowa 2",
        "00-100 Przykładowo",
    )
    assert draft.title == "Zaproszenie na posiedzenie grupy diagnostyczno-pomocowej"
    assert draft.body.startswith("Szanowna Pani / Szanowny Panie,")
    assert f"nr {case.number}." in draft.body
    assert f"Termin posiedzenia: {MEETING_DAY:%d.%m.%Y} r., godz. 10:00" in draft.body
    assert "Miejsce posiedzenia: GOPS w Przykładowie, pokój 4" in draft.body
    assert "Dz. U. z 2023 r. poz. 1870" in draft.body
    assert draft.signature == ("Ewa Testowa",)
    assert draft.notes == ()

    text = text_of(
        case.register.letters.pdf(
            case.request("zaproszenie-gdp", f"contact:{case.member}", "institution")
        )
    )
    assert "GOPS w Przykładowie" in text and "tel. 00 111 22 33" in text
    assert "Zaproszenie na posiedzenie grupy diagnostyczno-pomocowej" in text
    assert f"Procedura nr {case.number}" in text and "strona 1 z 1" in text
    assert "zażółć" not in text and "przeciwdziałaniu przemocy domowej" in text


def test_the_victims_invitation_goes_to_her_registered_address_by_default(
    case: LetterCase,
) -> None:
    choices = case.register.letters.choices(case.procedure_id, "zaproszenie-nkc")
    [anna] = choices.recipients
    assert (anna.name, anna.perpetrator) == ("Anna Próbna", False)
    assert [a.label for a in anna.addresses] == [
        "adres zamieszkania: ul. Jawna 5, 00-001 Przykładowo",
        "adres pobytu: adres chroniony",
        "bez adresu (doręczenie osobiste)",
    ]
    assert choices.default_meeting == case.meeting_id and choices.problem is None

    draft = case.register.letters.compose(
        case.request("zaproszenie-nkc", anna.key, anna.default_address)
    )
    assert draft.body.startswith("Szanowna Pani,")
    assert draft.recipient == ("Anna Próbna", "ul. Jawna 5", "00-001 Przykładowo")
    assert "Niebieska Karta – C" in draft.body
    assert "bez udziału osoby stosującej przemoc" in draft.body
    assert all(secret not in draft.text for secret in SECRETS)


def test_a_letter_sent_to_the_shelter_shows_that_address_and_nothing_else_protected(
    case: LetterCase,
) -> None:
    shelter = case.address_key(case.anna, SHELTER.street)
    case.register.letters.save_template(
        "zaproszenie-nkc", "Zaproszenie", "{adres_adresata}; tel. {telefon_osoby_doznajacej}"
    )
    draft = case.register.letters.compose(
        case.request("zaproszenie-nkc", f"person:{case.anna}", shelter)
    )
    assert draft.recipient == ("Anna Próbna", SHELTER.street, "00-950 Ukrytowo")
    assert draft.body == "ul. Schronienia-Demo 1, 00-950 Ukrytowo; tel. [pominięto: dane chronione]"
    assert draft.notes == (
        "Osoba doznająca przemocy domowej: telefon oznaczony „nie ujawniać” — pominięty, "
        "bo pismo idzie na inny adres niż chroniony.",
    )
    assert (draft.address_protected, draft.address_kind) == (True, "stay")


def test_the_perpetrator_is_summoned_at_an_address_that_is_not_protected(
    case: LetterCase,
) -> None:
    choices = case.register.letters.choices(case.procedure_id, "wezwanie-nkd")
    [jan] = choices.recipients
    assert jan.perpetrator and jan.name == "Jan Próbny"
    draft = case.register.letters.compose(
        case.request("wezwanie-nkd", jan.key, jan.default_address)
    )
    assert draft.body.startswith("Na podstawie ustawy")
    assert "Niebieska Karta – D" in draft.body
    assert "Niestawiennictwo nie wstrzymuje" in draft.body
    assert draft.recipient == ("Jan Próbny", "ul. Jawna 5", "00-001 Przykładowo")
    # Anna's shelter is no address for a letter to Jan, even typed in by hand.
    anna_shelter = case.address_key(case.anna, SHELTER.street)
    with pytest.raises(ValidationError, match="Tego pisma nie kieruje się"):
        case.register.letters.compose(
            case.request("wezwanie-nkd", f"person:{case.anna}", anna_shelter)
        )
    with pytest.raises(ValidationError, match="Wybierz adres z listy"):
        case.register.letters.compose(case.request("wezwanie-nkd", jan.key, anna_shelter))


def test_a_perpetrators_own_protected_address_is_offered_but_refused(
    case: LetterCase,
) -> None:
    """A person holding the victim's role too is still written to as a perpetrator."""
    from app.domain.enums import Role
    from app.services.records import ParticipantData, PersonData

    case.register.participants.save(
        case.procedure_id,
        ParticipantData(PersonData("Olga", "Próbna", addresses=[SHELTER]), Role.PERPETRATOR),
    )
    choices = case.register.letters.choices(case.procedure_id, "wezwanie-nkd")
    olga = next(r for r in choices.recipients if r.name == "Olga Próbna")
    [protected, none] = olga.addresses
    assert protected.protected and not protected.usable and "nie ujawniać" in protected.reason
    assert olga.default_address == none.key == ""
    with pytest.raises(ValidationError, match="nie może być użyty w piśmie do osoby stosującej"):
        case.register.letters.compose(case.request("wezwanie-nkd", olga.key, protected.key))


def test_the_closure_notice_waits_for_the_closure_and_names_its_ground(
    case: LetterCase,
) -> None:
    choices = case.register.letters.choices(case.procedure_id, "zakonczenie")
    assert choices.problem is not None and "nie jest zakończona" in choices.problem
    assert [r.name for r in choices.recipients] == ["Anna Próbna", "Jan Próbny"]
    with pytest.raises(ValidationError, match="nie jest zakończona"):
        case.register.letters.compose(case.request("zakonczenie", f"person:{case.anna}"))

    close(case)
    draft = case.register.letters.compose(case.request("zakonczenie", f"person:{case.jan}"))
    closed_on = TODAY - dt.timedelta(days=1)
    assert draft.title == "Informacja o zakończeniu procedury „Niebieskie Karty”"
    assert draft.body.startswith("Szanowny Panie,")
    assert f"została zakończona w dniu {closed_on:%d.%m.%Y} r." in draft.body
    assert "Podstawa zakończenia procedury: brak zasadności podejmowania działań." in draft.body


def test_a_meeting_letter_needs_a_gdp_meeting(db: Database) -> None:
    register = Register(db, CLOCK)
    procedure_id = register.procedures.create(TODAY).record_id
    assert procedure_id is not None
    choices = register.letters.choices(procedure_id, "zaproszenie-gdp")
    assert choices.problem is not None and "nie ma posiedzenia grupy" in choices.problem
    assert choices.recipients == () and choices.default_meeting is None
    with pytest.raises(ValidationError, match="Tego pisma nie kieruje się"):
        register.letters.compose(LetterRequest(procedure_id, "wezwanie-nkd", "person:1"))
    with pytest.raises(ValidationError, match="Nieznane pismo"):
        register.letters.choices(procedure_id, "list-do-mikolaja")


def test_a_template_is_edited_checked_and_reset(case: LetterCase) -> None:
    letters = case.register.letters
    assert not letters.template("wezwanie-nkd").edited
    letters.save_template(
        "wezwanie-nkd", "Wezwanie {numer_procedury}", "Proszę przyjść {{pilnie}}."
    )
    view = letters.template("wezwanie-nkd")
    assert view.edited and view.title == "Wezwanie {numer_procedury}"
    jan = f"person:{case.jan}"
    with pytest.raises(ValidationError, match="Wybierz posiedzenie"):
        letters.compose(LetterRequest(case.procedure_id, "wezwanie-nkd", jan))
    draft = letters.compose(case.request("wezwanie-nkd", jan))
    assert (draft.title, draft.body) == (f"Wezwanie {case.number}", "Proszę przyjść {pilnie}.")

    refusals = [
        ("{imie} przyjdź", "Treść, wiersz 1: nieznane pole {imie}"),
        ("Linia\n{numer_procedury", "Treść, wiersz 2: nawias „{” nie jest zamknięty"),
        ("a } b", "nawias „}” nie ma otwierającego"),
        ("{data_zakonczenia}", "pole {data_zakonczenia} nie dotyczy tego pisma"),
        ("  ", "Treść pisma nie może być pusta"),
    ]
    for text, message in refusals:
        with pytest.raises(ValidationError, match=message.replace("{", "\\{").replace("}", "\\}")):
            letters.save_template("wezwanie-nkd", "Tytuł", text)
    assert letters.template("wezwanie-nkd").text == "Proszę przyjść {{pilnie}}.", "kept"

    letters.reset_template("wezwanie-nkd")
    default = letters.template("wezwanie-nkd")
    assert not default.edited and default.text == default.default_text
    # Saving the default's own wording keeps no row: later defaults still reach it.
    letters.save_template("wezwanie-nkd", default.default_title, default.default_text + "\n")
    assert not letters.template("wezwanie-nkd").edited
    assert [p.name for p in default.placeholders][-3:] == [
        "data_posiedzenia",
        "godzina_posiedzenia",
        "miejsce_posiedzenia",
    ]


def test_sending_is_recorded_with_the_address_kind_only_when_protected(
    case: LetterCase,
) -> None:
    letters = case.register.letters
    shelter = case.address_key(case.anna, SHELTER.street)
    sent_on = TODAY - dt.timedelta(days=1)
    letters.record_sent(
        case.request("zaproszenie-nkc", f"person:{case.anna}", shelter),
        sent_on,
        Delivery.REGISTERED,
    )
    letters.record_sent(
        case.request("zaproszenie-gdp", f"contact:{case.officer}", "email"), TODAY, Delivery.EMAIL
    )
    first, second = letters.sent(case.procedure_id)
    assert (first.letter, first.sent_on, first.recipient, first.how) == (
        "zaproszenie-nkc",
        sent_on,
        "Anna Próbna",
        Delivery.REGISTERED,
    )
    assert first.address == "adres pobytu: adres chroniony"
    assert (second.recipient, second.address) == (
        "Piotr Przykładowy",
        "posterunek@przykladowo.example",
    )
    detail = case.register.procedures.detail(case.procedure_id)
    titles = [(e.occurred_on, e.title) for e in detail.chronology]
    assert (
        sent_on,
        "Wysłano pismo: Zaproszenie na spotkanie z grupą diagnostyczno-pomocową — do: Anna "
        "Próbna (list polecony za potwierdzeniem odbioru, adres pobytu: adres chroniony)",
    ) in titles
    assert all(secret not in str(titles) for secret in SECRETS)

    with pytest.raises(ValidationError, match="Data wysłania"):
        letters.record_sent(
            case.request("zaproszenie-nkc", f"person:{case.anna}"),
            TODAY + dt.timedelta(days=1),
            Delivery.POST,
        )
    with pytest.raises(ValidationError, match="przed wszczęciem"):
        letters.record_sent(
            case.request("zaproszenie-nkc", f"person:{case.anna}"),
            dt.date(2026, 1, 1),
            Delivery.POST,
        )


def test_save_pdf_writes_the_file_and_notes_it_for_whom(case: LetterCase, tmp_path: Path) -> None:
    target = tmp_path / "wezwanie.pdf"
    request = case.request("wezwanie-nkd", f"person:{case.jan}", "")
    saved = case.register.letters.save_pdf(request, target)
    assert saved.path == target.resolve()
    assert saved.changes.touches_procedure(case.procedure_id)
    text = text_of(target.read_bytes())
    assert "Wezwanie na posiedzenie grupy diagnostyczno-pomocowej" in text
    assert "Jan Próbny" in text and "Ewa Testowa" in text and "(podpis)" in text
    titles = [e.title for e in case.register.procedures.detail(case.procedure_id).chronology]
    assert (
        "Zapisano jako PDF: Wezwanie na posiedzenie grupy diagnostyczno-pomocowej — dla: "
        "Jan Próbny" in titles
    )
    with pytest.raises(ValidationError, match="już istnieje"):
        case.register.letters.save_pdf(request, target)


def test_a_long_letter_flows_on_to_a_second_page(case: LetterCase) -> None:
    paragraph = "Zażółć gęślą jaźń — próbny akapit długiego pisma. " * 12
    case.register.letters.save_template(
        "zaproszenie-gdp", "Długie {numer_procedury}", "\n\n".join([paragraph] * 9) + "\n\nKONIEC"
    )
    data = case.register.letters.pdf(
        case.request("zaproszenie-gdp", f"contact:{case.member}", "institution")
    )
    text = text_of(data)
    assert "strona 1 z 2" in text and "strona 2 z 2" in text
    assert text.index("KONIEC") > text.index("strona 1 z 2")
    assert "Zażółć gęślą jaźń" in text and f"Długie {case.number}" in text
