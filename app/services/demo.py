"""Demo register: three years of a fictional gmina's procedures, for training and screenshots.

Everything is written through the public services, so the demo obeys every rule the
worker's own data does. All names, PESEL numbers, addresses, phones and stories are
invented; the plan is drawn from a seeded random generator, so one seed and one `today`
always give the same register.
"""

import copy
import datetime as dt
import functools
import io
import itertools
import random
import struct
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import holidays
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from app.domain import nka_form, pesel
from app.domain.enums import (
    AddressKind,
    ChronologyKind,
    ClosureGround,
    ContactKind,
    InitiatorService,
    InstitutionType,
    Role,
    Sex,
)
from app.domain.text import fold
from app.errors import ValidationError
from app.services.attachments import AttachmentService
from app.services.chronology import ChronologyService
from app.services.institutions import InstitutionService
from app.services.nka import NkaService
from app.services.participants import ParticipantService
from app.services.procedures import ProcedureQuery, ProcedureService
from app.services.records import (
    AddressData,
    ContactData,
    ContactPersonData,
    InstitutionData,
    NkaData,
    ParticipantData,
    PersonData,
)
from app.services.settings_service import SettingsService
from app.services.vault import DataFolder
from app.settings import Settings
from app.storage.db import Database
from resources import RESOURCES_DIR

DEMO_PASSWORD = "demo-nkdesk-2026"  # printed in the README on purpose

DEMO_SETTINGS = Settings(
    gmina_name="Gmina Przykładowo (DEMO)",
    office_name="GOPS w Przykładowie (DEMO)",
    office_address="ul. Przykładowa 1, 99-999 Przykładowo",
    worker_name="Ewa Demonstracyjna",
)

_WORKER = DEMO_SETTINGS.worker_name
DEMO_NOTICE = "DOKUMENT DEMONSTRACYJNY — dane fikcyjne"

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    """How much the demo added; chronology counts entries typed by hand, not register events."""

    procedures: int
    persons: int
    institutions: int
    nka_records: int
    attachments: int
    chronology_entries: int


# --- Fictional vocabularies --------------------------------------------------------------

_FAMILY_NAMES: tuple[tuple[str, str], ...] = (
    ("Przykładowy", "Przykładowa"),
    ("Testowy", "Testowa"),
    ("Fikcyjny", "Fikcyjna"),
    ("Zmyślony", "Zmyślona"),
    ("Wzorcowy", "Wzorcowa"),
    ("Próbny", "Próbna"),
    ("Makietowy", "Makietowa"),
    ("Udawany", "Udawana"),
    ("Szablonowy", "Szablonowa"),
    ("Ćwiczebny", "Ćwiczebna"),
    ("Pokazowy", "Pokazowa"),
    ("Modelowy", "Modelowa"),
    ("Roboczy", "Robocza"),
    ("Symulowany", "Symulowana"),
    ("Umowny", "Umowna"),
    ("Wirtualny", "Wirtualna"),
    ("Kowalski-Demo", "Kowalska-Demo"),
    ("Żabiński-Demo", "Żabińska-Demo"),
    ("Łączka-Demo", "Łączka-Demo"),
    ("Śliwka-Demo", "Śliwka-Demo"),
    ("Ślęzak-Demo", "Ślęzak-Demo"),
    ("Nowak-Demo", "Nowak-Demo"),
    ("Wiśniewski-Demo", "Wiśniewska-Demo"),
    ("Dąbrowski-Demo", "Dąbrowska-Demo"),
    ("Woźniak-Demo", "Woźniak-Demo"),
    ("Kozłowski-Demo", "Kozłowska-Demo"),
    ("Mazur-Demo", "Mazur-Demo"),
    ("Krawczyk-Demo", "Krawczyk-Demo"),
    ("Pawłowski-Demo", "Pawłowska-Demo"),
    ("Król-Demo", "Król-Demo"),
    ("Wróbel-Demo", "Wróbel-Demo"),
    ("Stępień-Demo", "Stępień-Demo"),
    ("Zając-Demo", "Zając-Demo"),
    ("Żurek-Demo", "Żurek-Demo"),
    ("Łoś-Demo", "Łoś-Demo"),
    ("Źdźbło-Demo", "Źdźbło-Demo"),
    ("Sikora-Demo", "Sikora-Demo"),
    ("Górski-Demo", "Górska-Demo"),
    ("Jabłoński-Demo", "Jabłońska-Demo"),
    ("Michalski-Demo", "Michalska-Demo"),
    ("Olszewski-Demo", "Olszewska-Demo"),
    ("Majewski-Demo", "Majewska-Demo"),
    ("Adamczyk-Demo", "Adamczyk-Demo"),
    ("Dudek-Demo", "Dudek-Demo"),
    ("Demowski", "Demowska"),
    ("Testowski", "Testowska"),
    ("Próbkowski", "Próbkowska"),
    ("Wzornik-Demo", "Wzornik-Demo"),
    ("Kwiatkowski-Demo", "Kwiatkowska-Demo"),
    ("Piotrowski-Demo", "Piotrowska-Demo"),
    ("Grabowski-Demo", "Grabowska-Demo"),
    ("Jaworski-Demo", "Jaworska-Demo"),
    ("Malinowski-Demo", "Malinowska-Demo"),
    ("Wieczorek-Demo", "Wieczorek-Demo"),
    ("Ślusarczyk-Demo", "Ślusarczyk-Demo"),
    ("Żak-Demo", "Żak-Demo"),
)

_WOMEN = (
    "Anna", "Żaneta", "Łucja", "Małgorzata", "Agnieszka", "Joanna", "Ewelina", "Halina",
    "Bożena", "Jadwiga", "Grażyna", "Kinga", "Urszula", "Danuta", "Renata", "Sylwia",
    "Katarzyna", "Beata", "Iwona", "Elżbieta", "Żaklina", "Świętosława",
)  # fmt: skip
_MEN = (
    "Łukasz", "Paweł", "Tomasz", "Grzegorz", "Zbigniew", "Jędrzej", "Mirosław", "Stanisław",
    "Krzysztof", "Marek", "Jacek", "Sławomir", "Bartłomiej", "Dariusz", "Ryszard", "Andrzej",
    "Wiesław", "Henryk", "Zdzisław", "Piotr", "Żelisław", "Ścibor",
)  # fmt: skip
_GIRLS = ("Zofia", "Lena", "Maja", "Zuzanna", "Hanna", "Amelia", "Oliwia", "Łucja", "Julia",
          "Alicja", "Żaneta")  # fmt: skip
_BOYS = ("Kacper", "Szymon", "Jakub", "Filip", "Antoni", "Mikołaj", "Wojciech", "Franciszek",
         "Jan", "Ignacy", "Łukasz")  # fmt: skip

_STREETS = (
    "ul. Zmyślona", "ul. Testowa", "ul. Fikcyjna", "ul. Wzorcowa", "ul. Makietowa",
    "ul. Próbna", "ul. Łąkowa-Demo", "ul. Świerkowa-Demo", "ul. Żytnia-Demo",
    "os. Demonstracyjne",
)  # fmt: skip
_PLACES = (("99-999", "Przykładowo"), ("99-998", "Zmyślona Wola"), ("99-997", "Fikcyjne Pole"))
_FAMILY_SITUATIONS: dict[str, tuple[str, ...]] = {
    "": (
        "rodzina pełna, dzieci w wieku szkolnym",
        "wychowuje dzieci, wsparcie dziadków",
        "w trakcie sprawy rozwodowej",
        "rodzina wielodzietna",
    ),
    "widowed": ("wdowa, mieszka z dorosłym synem", "owdowiała, sama prowadzi dom"),
    "couple": ("małżeństwo emerytów, mieszkają z wnukiem",),
}
_PENSIONS = ("emerytura", "renta z tytułu niezdolności do pracy")
_VICTIM_INCOMES = (
    "umowa o pracę — handel",
    "umowa zlecenie, dochód nieregularny",
    "zasiłek rodzinny i świadczenie wychowawcze",
    "bez dochodu własnego",
    "praca w administracji — pełen etat",
)
_HOUSING = (
    "mieszkanie komunalne, 2 pokoje",
    "dom jednorodzinny — współwłasność",
    "mieszkanie wynajmowane",
    "mieszkanie spółdzielcze, 3 pokoje",
)
_VICTIM_HEALTH = (
    "leczenie ortopedyczne po urazie ręki",
    "pod opieką poradni zdrowia psychicznego",
    "choroba przewlekła — nadciśnienie",
    "orzeczony umiarkowany stopień niepełnosprawności",
)
_PERPETRATOR_INCOMES = (
    "praca dorywcza w budownictwie",
    "umowa o pracę — kierowca",
    "bezrobotny, bez prawa do zasiłku",
    "własna działalność gospodarcza",
    "renta",
    "praca sezonowa za granicą",
)
_ADDICTIONS = (
    "nadużywa alkoholu",
    "uzależnienie od alkoholu — leczenie przerwane",
    "okazjonalne używanie środków odurzających",
    "hazard internetowy",
)
# One short, plainly fictional incident description per household kind.
_STORIES = {
    "couple": "Awantura domowa w nocy; mąż wyzywał żonę i szarpał ją w obecności dzieci.",
    "cohabiting": "Zgłoszenie sąsiadów o krzykach; partner zabrał kobiecie telefon i groził jej.",
    "two_victims": "Ojciec pod wpływem alkoholu wyzywał żonę i nastoletnie dziecko, "
    "popchnął dziecko na ścianę.",
    "two_perpetrators": "Mąż i dorosły syn wspólnie poniżają i zastraszają kobietę, "
    "zabierają jej pieniądze.",
    "elderly_parent": "Syn domaga się pieniędzy z emerytury matki, wyzywa ją i niszczy jej rzeczy.",
    "grandparents": "Wnuk zabiera dziadkom emeryturę, grozi im i wynosi sprzęty z domu.",
    "male_victim": "Żona wielokrotnie upokarza męża przy dzieciach i rzuca w niego przedmiotami.",
    "ex_partner": "Były mąż nachodzi byłą żonę i wysyła jej zastraszające wiadomości.",
    "siblings": "Brat pod wpływem alkoholu wyzywa siostrę i grozi jej pobiciem.",
}
_SAFE_PLACE = AddressData(
    kind=AddressKind.STAY,
    street="ul. Schronienia-Demo 5 (lokal SOW)",
    postal_code="99-990",
    city="Przykładowo Wielkie",
    do_not_disclose=True,
)


# --- Institutions ------------------------------------------------------------------------

# key, type, name, street, mail domain, contacts (first name, last name, function)
_InstitutionRow = tuple[str, InstitutionType, str, str, str, tuple[tuple[str, str, str], ...]]
_INSTITUTIONS: tuple[_InstitutionRow, ...] = (
    ("kp", InstitutionType.POLICE, "Komisariat Policji w Przykładowie (DEMO)",
     "ul. Bezpieczna-Demo 7", "kp-przykladowo.example",
     (("Marek", "Służbowy", "dzielnicowy, rejon I"),
      ("Anna", "Dyżurna", "dzielnicowa, rejon II"),
      ("Paweł", "Etatowy", "kierownik rewiru dzielnicowych"))),
    ("pp", InstitutionType.POLICE, "Posterunek Policji w Zmyślonej Woli (DEMO)",
     "ul. Spokojna-Demo 2", "pp-zmyslona-wola.example",
     (("Łukasz", "Sumienny", "dzielnicowy, rejon III"),)),
    ("kpp", InstitutionType.POLICE, "Komenda Powiatowa Policji w Przykładowie Wielkim (DEMO)",
     "ul. Komendancka-Demo 1", "kpp-przykladowo.example",
     (("Beata", "Rzetelna", "koordynatorka ds. przemocy domowej"),
      ("Jacek", "Punktualny", "Zespół ds. Nieletnich i Patologii"))),
    ("sp1", InstitutionType.SCHOOL, "Szkoła Podstawowa nr 1 w Przykładowie (DEMO)",
     "ul. Szkolna-Demo 3", "sp1-demo.example",
     (("Żaneta", "Życzliwa", "pedagog szkolny"),
      ("Iwona", "Cierpliwa", "psycholog szkolny"),
      ("Henryk", "Dokładny", "dyrektor"))),
    ("sp2", InstitutionType.SCHOOL, "Szkoła Podstawowa nr 2 w Przykładowie (DEMO)",
     "ul. Ołówkowa-Demo 8", "sp2-demo.example",
     (("Sylwia", "Staranna", "pedagog szkolny"),
      ("Renata", "Uprzejma", "wychowawczyni klas IV–VIII"))),
    ("spw", InstitutionType.SCHOOL, "Szkoła Podstawowa w Zmyślonej Woli (DEMO)",
     "ul. Szkolna-Demo 11", "sp-wola-demo.example",
     (("Łucja", "Łagodna", "pedagog szkolny"),)),
    ("zsp", InstitutionType.SCHOOL,
     "Zespół Szkół Ponadpodstawowych w Przykładowie Wielkim (DEMO)",
     "ul. Technikalna-Demo 4", "zsp-demo.example",
     (("Kinga", "Rozważna", "pedagog szkolny"),
      ("Tomasz", "Solidny", "psycholog szkolny"))),
    ("ps", InstitutionType.KINDERGARTEN, "Przedszkole Samorządowe „Słoneczko-Demo”",
     "ul. Kredkowa-Demo 1", "slonko-demo.example",
     (("Halina", "Kompetentna", "dyrektor przedszkola"),
      ("Oliwia", "Ścisła", "nauczycielka grupy starszaków"))),
    ("pz", InstitutionType.KINDERGARTEN, "Niepubliczne Przedszkole „Żabka-Demo”",
     "ul. Stawowa-Demo 6", "zabka-demo.example",
     (("Urszula", "Pomocna", "dyrektor przedszkola"),)),
    ("oz", InstitutionType.HEALTH_CARE, "Ośrodek Zdrowia w Przykładowie (DEMO)",
     "ul. Zdrowa-Demo 10", "oz-demo.example",
     (("Zbigniew", "Kontaktowy", "lekarz POZ"),
      ("Bożena", "Sumienna", "pielęgniarka środowiskowa"))),
    ("sor", InstitutionType.HEALTH_CARE,
     "Szpital Powiatowy w Przykładowie Wielkim — SOR (DEMO)",
     "ul. Szpitalna-Demo 1", "szpital-demo.example",
     (("Grzegorz", "Dyżurny", "lekarz SOR"),
      ("Elżbieta", "Urzędowa", "sekretariat oddziału"))),
    ("pzp", InstitutionType.HEALTH_CARE,
     "Poradnia Zdrowia Psychicznego w Przykładowie Wielkim (DEMO)",
     "ul. Spokojna-Demo 14", "pzp-demo.example",
     (("Agnieszka", "Referencyjna", "psycholog"),)),
    ("ptu", InstitutionType.HEALTH_CARE, "Poradnia Terapii Uzależnień i Współuzależnienia (DEMO)",
     "ul. Trzeźwa-Demo 9", "ptu-demo.example",
     (("Mirosław", "Staranny", "specjalista terapii uzależnień"),
      ("Danuta", "Punktualna", "rejestracja"))),
    ("gkrpa", InstitutionType.GKRPA,
     "Gminna Komisja Rozwiązywania Problemów Alkoholowych w Przykładowie (DEMO)",
     "ul. Przykładowa 1, pok. 12", "ug-przykladowo.example",
     (("Stanisław", "Rzetelny", "przewodniczący komisji"),
      ("Małgorzata", "Etatowa", "sekretarz komisji"))),
    ("srr", InstitutionType.COURT,
     "Sąd Rejonowy w Przykładowie Wielkim — III Wydział Rodzinny i Nieletnich (DEMO)",
     "ul. Sądowa-Demo 2", "sr-przykladowo.example",
     (("Jolanta", "Służbowa", "kuratorka zawodowa (rodzinna)"),
      ("Ryszard", "Kompetentny", "kurator społeczny"),
      ("Ewelina", "Dokładna", "sekretariat wydziału"))),
    ("zkss", InstitutionType.COURT,
     "I Zespół Kuratorskiej Służby Sądowej w Przykładowie Wielkim (DEMO)",
     "ul. Sądowa-Demo 2a", "sr-przykladowo.example",
     (("Wiesław", "Uprzejmy", "kierownik zespołu"),
      ("Joanna", "Życzliwa", "kuratorka zawodowa (karna)"))),
    ("srk", InstitutionType.COURT,
     "Sąd Rejonowy w Przykładowie Wielkim — II Wydział Karny (DEMO)",
     "ul. Sądowa-Demo 2", "sr-przykladowo.example",
     (("Katarzyna", "Ścisła", "sekretariat wydziału"),)),
    ("pr", InstitutionType.PROSECUTOR, "Prokuratura Rejonowa w Przykładowie Wielkim (DEMO)",
     "ul. Prawa-Demo 5", "pr-przykladowo.example",
     (("Dariusz", "Rozważny", "prokurator referent"),
      ("Grażyna", "Cierpliwa", "sekretariat"))),
    ("gops", InstitutionType.SOCIAL_ASSISTANCE, "GOPS w Przykładowie (DEMO)",
     "ul. Przykładowa 1", "gops-przykladowo.example",
     (("Ewa", "Demonstracyjna", "pracownik socjalny, koordynatorka NK"),
      ("Krzysztof", "Pomocny", "asystent rodziny"),
      ("Jadwiga", "Solidna", "kierownik ośrodka"))),
    ("pcpr", InstitutionType.SOCIAL_ASSISTANCE,
     "Powiatowe Centrum Pomocy Rodzinie w Przykładowie Wielkim (DEMO)",
     "ul. Rodzinna-Demo 3", "pcpr-demo.example",
     (("Sławomir", "Kontaktowy", "psycholog"),
      ("Anna", "Referencyjna", "koordynatorka pieczy zastępczej"))),
    ("mops", InstitutionType.SOCIAL_ASSISTANCE,
     "Miejski Ośrodek Pomocy Społecznej w Sąsiedniowie (DEMO)",
     "ul. Sąsiedzka-Demo 4", "mops-sasiedniowo.example",
     (("Marta", "Urzędowa", "pracownik socjalny"),)),
    ("sow", InstitutionType.SUPPORT_CENTRE,
     "Specjalistyczny Ośrodek Wsparcia dla Osób Doznających Przemocy Domowej (DEMO)",
     "adres do wiadomości służb", "sow-demo.example",
     (("Natalia", "Dyżurna", "pracownik socjalny SOW"),
      ("Piotr", "Cierpliwy", "psycholog"))),
    ("oik", InstitutionType.SUPPORT_CENTRE,
     "Ośrodek Interwencji Kryzysowej w Przykładowie Wielkim (DEMO)",
     "ul. Kryzysowa-Demo 1", "oik-demo.example",
     (("Zofia", "Pomocna", "interwentka kryzysowa"),)),
    ("fund", InstitutionType.NGO, "Fundacja „Bezpieczny Dom — Demo”",
     "ul. Przyjazna-Demo 12", "bezpieczny-dom-demo.example",
     (("Hanna", "Rzetelna", "psycholożka"),
      ("Bartłomiej", "Sumienny", "prawnik"))),
    ("stow", InstitutionType.NGO, "Stowarzyszenie Abstynenckie „Łączka-Demo”",
     "ul. Łąkowa-Demo 20", "laczka-demo.example",
     (("Andrzej", "Staranny", "prezes stowarzyszenia"),)),
    ("prog", InstitutionType.NGO,
     "Stowarzyszenie „Nowy Początek — Demo” (program korekcyjno-edukacyjny)",
     "ul. Zmiany-Demo 3", "nowy-poczatek-demo.example",
     (("Jędrzej", "Uprzejmy", "trener programu"),
      ("Kinga", "Solidna", "koordynatorka programu"))),
    ("ppp", InstitutionType.OTHER,
     "Poradnia Psychologiczno-Pedagogiczna w Przykładowie Wielkim (DEMO)",
     "ul. Rozwojowa-Demo 6", "ppp-demo.example",
     (("Maja", "Kompetentna", "psycholog dziecięcy"),)),
    ("zw", InstitutionType.OTHER, "Placówka Żandarmerii Wojskowej w Przykładowie Wielkim (DEMO)",
     "ul. Koszarowa-Demo 1", "zw-demo.example",
     (("Tomasz", "Ścisły", "żołnierz ŻW, dyżurny placówki"),)),
    ("ug", InstitutionType.OTHER, "Urząd Gminy Przykładowo — Referat Spraw Obywatelskich (DEMO)",
     "ul. Przykładowa 1", "ug-przykladowo.example",
     (("Renata", "Etatowa", "inspektor ds. ewidencji ludności"),)),
    ("pnpp", InstitutionType.OTHER, "Punkt Nieodpłatnej Pomocy Prawnej w Przykładowie (DEMO)",
     "ul. Przykładowa 1, pok. 3", "pnpp-demo.example",
     (("Henryk", "Rozważny", "radca prawny (dyżur wtorkowy)"),
      ("Iwona", "Sumienna", "adwokatka (dyżur czwartkowy)"))),
)  # fmt: skip

# Initiator service → (institution key, index of the contact who fills the form).
_INITIATORS: dict[InitiatorService, tuple[tuple[str, int], ...]] = {
    InitiatorService.POLICE: (("kp", 0), ("kp", 1), ("pp", 0), ("kpp", 1)),
    InitiatorService.SOCIAL_WORKER: (("gops", 0), ("mops", 0)),
    InitiatorService.FAMILY_ASSISTANT: (("gops", 1),),
    InitiatorService.SOW_SOCIAL_WORKER: (("sow", 0),),
    InitiatorService.TEACHER: (("sp2", 1), ("ps", 1)),
    InitiatorService.PEDAGOGUE: (("sp1", 0), ("sp2", 0), ("spw", 0), ("zsp", 0)),
    InitiatorService.MEDICAL: (("oz", 0), ("oz", 1), ("sor", 0)),
    InitiatorService.GKRPA: (("gkrpa", 0), ("gkrpa", 1)),
    InitiatorService.PSYCHOLOGIST: (("pzp", 0), ("ppp", 0), ("fund", 0)),
    InitiatorService.MILITARY_POLICE: (("zw", 0),),
    InitiatorService.OTHER: (("pz", 0),),
}
_OTHER_SERVICE = "dyrektor przedszkola (przedstawiciel oświaty)"
_SOLDIER = "żołnierz zawodowy (jednostka DEMO)"


# --- Plan --------------------------------------------------------------------------------


@dataclass
class _Person:
    """One fictional person; `data` is their current record, `db_id` set once saved."""

    data: PersonData
    db_id: int | None = None


@dataclass
class _Member:
    person: _Person
    snapshot: PersonData
    role: Role
    details: dict[str, str]


@dataclass
class _Adult:
    person: _Person
    details: dict[str, str]


@dataclass
class _Family:
    """The people of one household situation, reusable for a repeat case years later."""

    kind: str
    victims: list[_Adult]
    perpetrators: list[_Adult]
    others: list[tuple[_Person, str]]
    school: str

    def members_at(self, day: dt.date) -> list[_Member]:
        members = [
            _Member(a.person, copy.deepcopy(a.person.data), Role.VICTIM, dict(a.details))
            for a in self.victims
        ]
        members += [
            _Member(a.person, copy.deepcopy(a.person.data), Role.PERPETRATOR, dict(a.details))
            for a in self.perpetrators
        ]
        for person, kinship in self.others:
            details = {"kinship": kinship}
            birth = person.data.birth_date
            assert birth is not None
            school_class = _school_class(birth, day, self.school)
            if school_class:
                details["school_class"] = school_class
            elif _age(birth, day) >= 19:
                details["employment_income"] = "praca dorywcza, dochód własny niewielki"
            members.append(
                _Member(person, copy.deepcopy(person.data), Role.HOUSEHOLD_MEMBER, details)
            )
        return members


@dataclass
class _File:
    name: str
    description: str
    title: str


@dataclass
class _Entry:
    occurred_on: dt.date
    kind: ChronologyKind
    title: str
    body: str
    files: list[_File] = field(default_factory=list)


@dataclass
class _Nka:
    filled_on: dt.date
    service: InitiatorService
    institution: str
    filled_by: str
    place: str
    received: dt.date | None
    content: dict[str, object]


@dataclass
class _Procedure:
    started_on: dt.date
    members: list[_Member]
    nkas: list[_Nka] = field(default_factory=list)
    entries: list[_Entry] = field(default_factory=list)
    closure: tuple[dt.date, ClosureGround, str] | None = None
    notes: str = ""


def _age(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _school_class(birth: dt.date, day: dt.date, school: str) -> str:
    """School and class a child attends on `day` (Polish system: class 1 in the year of 7)."""
    school_year = day.year if day.month >= 9 else day.year - 1
    grade = school_year - birth.year - 6
    if grade <= -4:
        return ""
    if grade <= 0:
        group = ("maluchy", "średniaki", "starszaki", "zerówka")[grade + 3]
        return f"Przedszkole Samorządowe „Słoneczko-Demo”, grupa: {group}"
    if grade <= 8:
        return f"{school}, kl. {grade}{'abc'[birth.month % 3]}"
    if grade <= 12:
        return f"Zespół Szkół Ponadpodstawowych w Przykładowie Wielkim (DEMO), kl. {grade - 8}"
    return ""


class _Planner:
    """Draws the whole demo register from one seeded generator before anything is saved."""

    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        names = list(_FAMILY_NAMES)
        self.rng.shuffle(names)
        self._family_names = itertools.cycle(names)
        self._serial = 0
        self._phone = 0
        self._holidays = holidays.country_holidays(
            "PL", years=range(today.year - 3, today.year + 2)
        )
        self.contacts = {key: contacts for key, _, _, _, _, contacts in _INSTITUTIONS}
        self.names = {key: name for key, _, name, _, _, _ in _INSTITUTIONS}

    # People

    def person(
        self,
        sex: Sex,
        last: tuple[str, str],
        at: dt.date,
        ages: tuple[int, int],
        first_names: tuple[str, ...] | None = None,
        with_pesel: bool = True,
    ) -> _Person:
        rng = self.rng
        pool = first_names or (_WOMEN if sex is Sex.FEMALE else _MEN)
        birth = at - dt.timedelta(days=rng.randint(ages[0] * 365 + 20, ages[1] * 365 + 340))
        self._serial += 37
        number = pesel.encode(birth, self._serial, sex) if with_pesel else ""
        return _Person(
            PersonData(
                first_name=rng.choice(pool),
                last_name=last[1] if sex is Sex.FEMALE else last[0],
                pesel=number,
                birth_date=birth,
                sex=sex,
            )
        )

    def child(self, last: tuple[str, str], at: dt.date, ages: tuple[int, int]) -> _Person:
        sex = self.rng.choice((Sex.FEMALE, Sex.MALE))
        pool = _GIRLS if sex is Sex.FEMALE else _BOYS
        return self.person(sex, last, at, ages, pool)

    def phone(self, secret: bool = False) -> ContactData:
        self._phone += 1
        return ContactData(ContactKind.PHONE, f"500 000 {self._phone:03d}", secret)

    def address(self) -> AddressData:
        rng = self.rng
        postal, city = rng.choice(_PLACES)
        number = (
            f"{rng.randint(1, 60)}/{rng.randint(1, 24)}"
            if rng.random() < 0.6
            else str(rng.randint(1, 90))
        )
        return AddressData(AddressKind.RESIDENCE, f"{rng.choice(_STREETS)} {number}", postal, city)

    def give_contact_data(self, people: list[_Person], address: AddressData) -> None:
        for person in people:
            person.data.addresses = [copy.deepcopy(address)]
            person.data.contacts = [self.phone()]
        if self.rng.random() < 0.3:
            data = people[0].data
            mail = fold(f"{data.first_name}.{data.last_name}").replace(" ", "")
            data.contacts.append(ContactData(ContactKind.EMAIL, f"{mail}@poczta-demo.example"))

    # Families

    def family(self, kind: str, at: dt.date) -> _Family:
        """A new household of the given kind, with role-appropriate details."""
        rng = self.rng
        last = next(self._family_names)
        school = rng.choice(
            (
                "Szkoła Podstawowa nr 1 w Przykładowie (DEMO)",
                "Szkoła Podstawowa nr 2 w Przykładowie (DEMO)",
                "Szkoła Podstawowa w Zmyślonej Woli (DEMO)",
            )
        )
        home = self.address()
        victims: list[_Adult] = []
        perps: list[_Adult] = []
        others: list[tuple[_Person, str]] = []

        def kids(count: int, ages: tuple[int, int] = (1, 16)) -> None:
            for _ in range(count):
                child = self.child(last, at, ages)
                word = "córka" if child.data.sex is Sex.FEMALE else "syn"
                others.append((child, f"{word} osoby stosującej przemoc"))

        if kind in {"couple", "two_victims", "cohabiting", "two_perpetrators"}:
            wife_last = next(self._family_names) if kind == "cohabiting" else last
            wife = self.person(Sex.FEMALE, wife_last, at, (24, 52))
            husband = self.person(Sex.MALE, last, at, (26, 58))
            relation = "partnerka (związek nieformalny)" if kind == "cohabiting" else "żona"
            victims.append(_Adult(wife, self.victim_details(relation)))
            perps.append(
                _Adult(
                    husband,
                    self.perpetrator_details(
                        "partner (związek nieformalny)" if kind == "cohabiting" else "mąż",
                        "kawaler" if kind == "cohabiting" else "żonaty",
                    ),
                )
            )
            adults = [wife, husband]
            if kind == "two_victims":
                teen = self.child(last, at, (13, 17))
                word = "córka" if teen.data.sex is Sex.FEMALE else "syn"
                victims.append(
                    _Adult(
                        teen,
                        {
                            "kinship": f"{word} osoby stosującej przemoc",
                            "family_situation": "uczy się, mieszka z rodzicami",
                        },
                    )
                )
                kids(rng.randint(0, 2), (2, 11))
            elif kind == "two_perpetrators":
                son = self.person(Sex.MALE, last, at, (19, 27))
                perps.append(_Adult(son, self.perpetrator_details("syn", "kawaler")))
                adults.append(son)
                kids(1, (12, 17))
            else:
                kids(rng.randint(0, 3))
        elif kind == "elderly_parent":
            mother = self.person(Sex.FEMALE, last, at, (63, 86))
            son = self.person(Sex.MALE, last, at, (28, 52))
            victims.append(_Adult(mother, self.victim_details("matka", elderly="widowed")))
            perps.append(_Adult(son, self.perpetrator_details("syn", "rozwiedziony")))
            adults = [mother, son]
            if rng.random() < 0.5:
                sister = self.person(Sex.FEMALE, last, at, (30, 55), with_pesel=rng.random() < 0.7)
                others.append((sister, "siostra osoby stosującej przemoc"))
        elif kind == "grandparents":
            grandma = self.person(Sex.FEMALE, last, at, (66, 84))
            grandpa = self.person(Sex.MALE, last, at, (68, 88))
            grandson = self.person(Sex.MALE, last, at, (19, 29))
            victims += [
                _Adult(grandma, self.victim_details("babcia", elderly="couple")),
                _Adult(grandpa, self.victim_details("dziadek", elderly="couple")),
            ]
            perps.append(_Adult(grandson, self.perpetrator_details("wnuk", "kawaler")))
            adults = [grandma, grandpa, grandson]
        elif kind == "male_victim":
            husband = self.person(Sex.MALE, last, at, (30, 62))
            wife = self.person(Sex.FEMALE, last, at, (28, 60))
            victims.append(_Adult(husband, self.victim_details("mąż")))
            perps.append(_Adult(wife, self.perpetrator_details("żona", "mężatka")))
            adults = [husband, wife]
            kids(rng.randint(0, 2))
        elif kind == "ex_partner":
            ex_wife = self.person(Sex.FEMALE, last, at, (25, 50))
            ex_husband = self.person(Sex.MALE, last, at, (27, 55), with_pesel=rng.random() < 0.6)
            victims.append(_Adult(ex_wife, self.victim_details("była żona")))
            perps.append(_Adult(ex_husband, self.perpetrator_details("były mąż", "rozwiedziony")))
            if rng.random() < 0.5:
                perps[0].details["employment_income"] = _SOLDIER
            self.give_contact_data([ex_wife], home)
            self.give_contact_data([ex_husband], self.address())
            return _Family(kind, victims, perps, others, school)
        else:
            sister = self.person(Sex.FEMALE, last, at, (38, 64))
            brother = self.person(Sex.MALE, last, at, (35, 66))
            victims.append(_Adult(sister, self.victim_details("siostra")))
            perps.append(_Adult(brother, self.perpetrator_details("brat", "kawaler")))
            adults = [sister, brother]
            mother = self.person(Sex.FEMALE, last, at, (70, 90))
            others.append((mother, "matka osoby stosującej przemoc"))
        self.give_contact_data(adults, home)
        return _Family(kind, victims, perps, others, school)

    def victim_details(self, kinship: str, elderly: str = "") -> dict[str, str]:
        """Role-allowed items for a victim; `elderly` is "widowed", "couple" or empty."""
        rng = self.rng
        details = {
            "kinship": kinship,
            "parents_names": f"{rng.choice(_WOMEN)}, {rng.choice(_MEN)}",
            "family_situation": rng.choice(_FAMILY_SITUATIONS[elderly]),
            "employment_income": rng.choice(_PENSIONS if elderly else _VICTIM_INCOMES),
            "housing_situation": rng.choice(_HOUSING),
        }
        if rng.random() < 0.35:
            details["health_info"] = rng.choice(_VICTIM_HEALTH)
        return details

    def perpetrator_details(self, kinship: str, marital: str) -> dict[str, str]:
        """Role-allowed items for a perpetrator (marital status, addictions, convictions…)."""
        rng = self.rng
        details = {
            "kinship": kinship,
            "marital_status": marital,
            "employment_income": rng.choice(_PERPETRATOR_INCOMES),
        }
        if rng.random() < 0.55:
            details["addictions"] = rng.choice(_ADDICTIONS)
        if rng.random() < 0.2:
            details["convictions"] = "wyrok z art. 207 § 1 kk w zawieszeniu (dane fikcyjne)"
        if rng.random() < 0.15:
            details["health_info"] = "leczenie psychiatryczne w przeszłości"
        return details

    # Dates

    def working_days_after(self, day: dt.date, count: int) -> dt.date:
        while count:
            day += dt.timedelta(days=1)
            if day.weekday() < 5 and day not in self._holidays:
                count -= 1
        return day

    def day_in(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, max((last - first).days, 0)))

    # NK-A

    def nka(self, family: _Family, day: dt.date, repeat: int) -> _Nka:
        rng = self.rng
        has_children = family.kind == "two_victims" or any(
            _age(p.data.birth_date or day, day) < 18 for p, _ in family.others
        )
        choices = [InitiatorService.POLICE] * 5 + [
            InitiatorService.SOCIAL_WORKER,
            InitiatorService.SOCIAL_WORKER,
            InitiatorService.MEDICAL,
            InitiatorService.GKRPA,
            InitiatorService.SOW_SOCIAL_WORKER,
            InitiatorService.FAMILY_ASSISTANT,
            InitiatorService.PSYCHOLOGIST,
        ]
        if has_children:
            choices += [
                InitiatorService.PEDAGOGUE,
                InitiatorService.PEDAGOGUE,
                InitiatorService.TEACHER,
                InitiatorService.OTHER,
            ]
        if family.perpetrators[0].details.get("employment_income") == _SOLDIER:
            choices.append(InitiatorService.MILITARY_POLICE)
        service = rng.choice(choices)
        key, index = rng.choice(_INITIATORS[service])
        first, last, function = self.contacts[key][index]
        received = self.working_days_after(day, rng.randint(1, 4))
        victim = family.victims[0].person.data
        home = victim.addresses[0] if victim.addresses else None
        at_home = f"mieszkanie, {home.street}, {home.city}" if home else "miejsce zamieszkania"
        place = at_home if service is InitiatorService.POLICE else self.names[key]
        return _Nka(
            filled_on=day,
            service=service,
            institution=key,
            filled_by=f"{first} {last} ({function})",
            place=place,
            received=received if received <= self.today else None,
            content=self.nka_content(family, day, at_home, service, repeat),
        )

    def nka_content(
        self, family: _Family, day: dt.date, place: str, service: InitiatorService, repeat: int
    ) -> dict[str, object]:
        rng = self.rng
        kind = family.kind
        hour, minute = rng.choice((7, 16, 19, 20, 21, 22, 23)), rng.choice((0, 15, 30, 45))
        content: dict[str, object] = {
            "incident_date": (day - dt.timedelta(days=rng.randint(0, 2))).isoformat(),
            "incident_time": f"{hour:02d}:{minute:02d}",
            "incident_place": place,
            "psychological": self.ticked("psychological", 1, 3),
        }
        violent = kind not in {"ex_partner", "elderly_parent"} or rng.random() < 0.3
        if violent:
            content["physical"] = self.ticked("physical", 1, 2)
        if kind in {"elderly_parent", "grandparents"} or rng.random() < 0.3:
            content["economic"] = self.ticked("economic", 1, 2)
        if kind == "ex_partner":
            content["electronic"] = {
                "other": "obraźliwe i zastraszające wiadomości SMS oraz w komunikatorze"
            }
        if kind == "two_victims":
            content["other_forms"] = {"selected": ["zaniedbanie"]}
        drinking = rng.choice(("tak", "tak", "nie", "nie wiadomo"))
        injured = violent and rng.random() < 0.5
        content |= {
            "injuries_present": "tak" if injured else "nie",
            "medical_help": "tak" if injured and rng.random() < 0.6 else "nie",
            "perpetrator_under_influence": drinking,
            "victim_under_influence": "nie",
            "firearm_access": rng.choice(("nie", "nie", "nie", "nie wiadomo")),
            "victim_feels_safe": rng.choice(("nie", "trudno powiedzieć", "tak")),
            "nkb_handed": True,
            "nkb_handed_to": "osobie doznającej przemocy domowej",
        }
        if injured:
            content["injuries_description"] = rng.choice(
                ("zasinienie przedramienia", "zadrapania szyi", "obrzęk policzka")
            )
        story = _STORIES[kind]
        content["description"] = f"{story} (Opis fikcyjny.)"
        if drinking == "tak":
            content["safety_notes"] = (
                "Osoba doznająca przemocy boi się powrotu osoby stosującej przemoc "
                "pod wpływem alkoholu."
            )
        if family.others or len(family.victims) > 1:
            content["witnesses"] = "domownicy obecni w mieszkaniu (dane fikcyjne)"
        else:
            content["witnesses"] = "sąsiadka z tego samego piętra (dane fikcyjne)"
        if repeat:
            content["earlier_interventions"] = (
                f"Kolejny formularz w tej procedurze (nr {repeat + 1}); wcześniejsze interwencje "
                "Policji w tym roku."
            )
        actions = ["wezwano Policję"] if service is not InitiatorService.POLICE else []
        if injured:
            actions.append("udzielono pierwszej pomocy / wezwano pogotowie")
        if drinking == "tak" and rng.random() < 0.5:
            actions.append("zatrzymano osobę stosującą przemoc")
        if service is InitiatorService.POLICE and rng.random() < 0.3:
            actions.append("wydano nakaz / zakaz (Policja)")
        if actions:
            content["actions_taken"] = {"selected": actions}
        if service in {
            InitiatorService.PEDAGOGUE,
            InitiatorService.TEACHER,
            InitiatorService.OTHER,
        }:
            content["filled_without_victim"] = True
            content["without_victim_reason"] = (
                "zgłoszenie dotyczy dziecka; rodzic poinformowany telefonicznie"
            )
            parent = "matce" if family.victims[0].person.data.sex is Sex.FEMALE else "ojcu"
            content["nkb_handed_to"] = f"{parent} dziecka (rodzic niestosujący przemocy)"
        if rng.random() < 0.4:
            content["additional_info"] = "Rodzina znana GOPS z powodu trudności opiekuńczych."
        return content

    def ticked(self, field_id: str, least: int, most: int) -> dict[str, list[str]]:
        """A few boxes of an NK-A checklist, taken from the form definition itself."""
        item = nka_form.definition().field(field_id)
        assert item is not None
        chosen = set(self.rng.sample(item.options, self.rng.randint(least, most)))
        return {"selected": [option for option in item.options if option in chosen]}

    # Chronology

    def entries(self, proc: _Procedure, family: _Family, end: dt.date) -> list[_Entry]:
        """Everyday case work between the start and `end`, in date order."""
        rng = self.rng
        start = proc.started_on
        first_nka = proc.nkas[0]
        officer = " ".join(self.contacts["kp"][rng.randint(0, 1)][:2])
        perp = family.perpetrators[0]
        victim = family.victims[0].person.data
        ages = [_age(p.data.birth_date or start, start) for p, _ in family.others]
        result: list[_Entry] = []

        def add(offset: int, kind: ChronologyKind, title: str, body: str) -> None:
            day = start + dt.timedelta(days=offset + rng.randint(0, 3))
            if day <= end:
                result.append(_Entry(day, kind, title, body))

        if first_nka.service is not InitiatorService.SOCIAL_WORKER:
            add(
                1,
                ChronologyKind.DOCUMENT_RECEIVED,
                f"Wpłynął formularz NK-A ({self.names[first_nka.institution]})",
                "Oryginał formularza przekazano przewodniczącemu ZI.",
            )
        add(
            4,
            ChronologyKind.NOTE,
            "Pierwsze posiedzenie grupy diagnostyczno-pomocowej",
            f"Skład GDP: pracownik socjalny, dzielnicowy {officer}. Ustalono plan spotkań "
            "z osobą doznającą przemocy.",
        )
        add(
            6,
            ChronologyKind.LETTER_SENT,
            "Wezwanie osoby stosującej przemoc na spotkanie GDP",
            f"Adresat: {perp.person.data.first_name} {perp.person.data.last_name}; list polecony.",
        )
        add(
            12,
            ChronologyKind.VISIT,
            "Wizyta w miejscu zamieszkania",
            f"Wizyta z dzielnicowym. Rozmowa z osobą doznającą przemocy ({victim.first_name} "
            f"{victim.last_name}); w domu spokojnie. (Dane fikcyjne.)",
        )
        add(
            20,
            ChronologyKind.PHONE_CALL,
            "Rozmowa telefoniczna z dzielnicowym",
            "Dzielnicowy potwierdził brak nowych interwencji w ostatnim tygodniu.",
        )
        if any(7 <= age < 19 for age in ages):
            add(
                25,
                ChronologyKind.PHONE_CALL,
                "Rozmowa z pedagogiem szkolnym",
                "Dziecko uczęszcza regularnie, wychowawca nie zauważa niepokojących zmian.",
            )
        elif any(3 <= age < 7 for age in ages):
            add(
                25,
                ChronologyKind.PHONE_CALL,
                "Rozmowa z dyrektorem przedszkola",
                "Dziecko przyprowadzane regularnie, zadbane.",
            )
        if rng.random() < 0.5:
            add(
                30,
                ChronologyKind.POLICE_NOTICE,
                "Zawiadomienie o podejrzeniu przestępstwa z art. 207 kk",
                "Na wniosek GDP zawiadomienie przesłano do Prokuratury Rejonowej (DEMO).",
            )
        else:
            add(
                30,
                ChronologyKind.POLICE_NOTICE,
                "Informacja Policji o interwencji domowej",
                "Komisariat (DEMO) poinformował o ponownej interwencji bez zatrzymania.",
            )
        if "addictions" in perp.details:
            add(
                45,
                ChronologyKind.LETTER_SENT,
                "Wniosek do GKRPA",
                "Wniosek o podjęcie działań wobec osoby nadużywającej alkoholu.",
            )
        else:
            add(
                45,
                ChronologyKind.LETTER_SENT,
                "Skierowanie do programu korekcyjno-edukacyjnego",
                "Wniosek ZI przesłany do Stowarzyszenia „Nowy Początek — Demo”.",
            )
        add(
            60,
            ChronologyKind.DOCUMENT_RECEIVED,
            "Informacja z Ośrodka Zdrowia",
            "Potwierdzenie zgłoszenia się na konsultację (dane fikcyjne).",
        )
        add(
            90,
            ChronologyKind.NOTE,
            "Monitoring sytuacji rodziny",
            "Sytuacja stabilna, osoba doznająca przemocy korzysta ze wsparcia psychologa.",
        )
        return result


# Slots (by order within the current year) that repeat an older case: the same household
# twice, and once the same perpetrator with a new partner.
_SAME_HOUSEHOLD_SLOTS = (4, 9)
_NEW_PARTNER_SLOT = 12
_MALE_PERPETRATOR_KINDS = frozenset({"couple", "cohabiting", "two_victims", "two_perpetrators"})


def _repeat_sources(procedures: list[_Procedure], families: list[_Family]) -> dict[int, int]:
    """Slot in the current year → index of a closed procedure two years back it repeats."""
    oldest = procedures[0].started_on.year
    closed = [
        i
        for i, proc in enumerate(procedures)
        if proc.started_on.year == oldest and proc.closure is not None
    ]
    partner = next((i for i in closed if families[i].kind in _MALE_PERPETRATOR_KINDS), None)
    others = [i for i in closed if i != partner]
    chosen = dict(zip(_SAME_HOUSEHOLD_SLOTS, others, strict=False))
    if partner is not None:
        chosen[_NEW_PARTNER_SLOT] = partner
    return chosen


def _same_household(planner: _Planner, old: _Family) -> _Family:
    """The household of an older case again; the victim now stays at a secret address."""
    victim = old.victims[0].person.data
    if victim.addresses:
        victim.addresses = [*victim.addresses[:1], copy.deepcopy(_SAFE_PLACE)]
        victim.contacts = [planner.phone(secret=True)]
    return old


def _new_partner(planner: _Planner, old: _Family, start: dt.date) -> _Family:
    """The perpetrator of an older case, now living with a new partner and her children."""
    fresh = planner.family("cohabiting", start)
    perpetrator = old.perpetrators[0].person
    perpetrator.data.addresses = copy.deepcopy(fresh.perpetrators[0].person.data.addresses)
    details = dict(fresh.perpetrators[0].details) | {"marital_status": "rozwiedziony"}
    fresh.perpetrators = [_Adult(perpetrator, details)]
    fresh.others = [
        (child, kinship.replace("osoby stosującej", "partnerki osoby stosującej"))
        for child, kinship in fresh.others
    ]
    return fresh


def _plan(seed: int, today: dt.date) -> list[_Procedure]:
    """Every procedure of the demo, in start-date order (that is the order of numbers)."""
    planner = _Planner(seed, today)
    rng = planner.rng
    years = (today.year - 2, today.year - 1, today.year)
    counts = {years[0]: 13, years[1]: 14, years[2]: 15}
    kinds = (
        ["couple"] * 12
        + ["cohabiting"] * 5
        + ["two_victims"] * 5
        + ["two_perpetrators"] * 4
        + ["elderly_parent"] * 5
        + ["grandparents"] * 3
        + ["male_victim"] * 3
        + ["ex_partner"] * 3
        + ["siblings"] * 2
    )
    rng.shuffle(kinds)
    kind_iter = iter(kinds)
    procedures: list[_Procedure] = []
    families: list[_Family] = []
    repeats: dict[int, int] = {}
    for year in years:
        last = min(dt.date(year, 12, 31), today)
        first = min(dt.date(year, 1, 2), last)
        starts = sorted(planner.day_in(first, last) for _ in range(counts[year]))
        if year == years[2]:
            repeats = _repeat_sources(procedures, families)
        for index, start in enumerate(starts):
            repeat_of = repeats.get(index)
            if repeat_of is None:
                family = planner.family(next(kind_iter), start)
            elif index == _NEW_PARTNER_SLOT:
                family = _new_partner(planner, families[repeat_of], start)
            else:
                family = _same_household(planner, families[repeat_of])
            proc = _Procedure(started_on=start, members=family.members_at(start))
            closed = (year == years[0] and index % 3 != 2) or (year == years[1] and index % 2 == 0)
            end = today
            if closed:
                closed_on = min(start + dt.timedelta(days=rng.randint(80, 320)), today)
                if (closed_on - start).days >= 30:
                    ground = rng.choice(tuple(ClosureGround))
                    proc.closure = (closed_on, ground, _justification(ground))
                    end = closed_on
            proc.nkas.append(planner.nka(family, start, 0))
            if repeat_of is not None:
                earlier = procedures[repeat_of].started_on
                proc.notes = f"Ponowna procedura — te osoby były w procedurze z {earlier:%Y} r."
                proc.nkas[0].content["earlier_interventions"] = (
                    f"Procedura „Niebieskie Karty” prowadzona w {earlier:%Y} r., zakończona."
                )
            proc.entries = planner.entries(proc, family, end)
            procedures.append(proc)
            families.append(family)
    _add_repeat_nkas(planner, procedures, families)
    _add_files(planner, procedures)
    return procedures


def _justification(ground: ClosureGround) -> str:
    if ground is ClosureGround.VIOLENCE_STOPPED:
        return (
            "Ustała przemoc domowa, zrealizowano indywidualny plan pomocy; osoba stosująca "
            "przemoc ukończyła program korekcyjno-edukacyjny, monitoring bez nowych zdarzeń."
        )
    return (
        "Po wyjaśnieniu sytuacji grupa diagnostyczno-pomocowa stwierdziła brak zasadności "
        "podejmowania działań — konflikt majątkowy bez znamion przemocy domowej."
    )


def _add_repeat_nkas(
    planner: _Planner, procedures: list[_Procedure], families: list[_Family]
) -> None:
    """A second (sometimes third) NK-A after a new incident in about ten procedures."""
    rng = planner.rng
    eligible = [
        i
        for i, p in enumerate(procedures)
        if ((p.closure[0] if p.closure else planner.today) - p.started_on).days >= 60
    ]
    chosen = sorted(rng.sample(eligible, min(10, len(eligible))))
    for order, i in enumerate(chosen):
        proc = procedures[i]
        end = proc.closure[0] if proc.closure else planner.today
        span = (end - proc.started_on).days
        second = proc.started_on + dt.timedelta(days=rng.randint(14, span // 2))
        proc.nkas.append(planner.nka(families[i], second, 1))
        if order % 3 == 0 and (end - second).days >= 20:
            third = planner.day_in(second + dt.timedelta(days=10), end - dt.timedelta(days=5))
            proc.nkas.append(planner.nka(families[i], third, 2))


def _add_files(planner: _Planner, procedures: list[_Procedure]) -> None:
    """Small generated documents on a dozen or so procedures, some tied to a chronology entry."""
    rng = planner.rng
    chosen = sorted(rng.sample(range(len(procedures)), 14))
    for order, i in enumerate(chosen):
        proc = procedures[i]
        visits = [e for e in proc.entries if e.kind is ChronologyKind.VISIT]
        documents = [e for e in proc.entries if e.kind is ChronologyKind.DOCUMENT_RECEIVED]
        target = visits[0] if visits else proc.entries[0] if proc.entries else None
        note = _File(
            "notatka_sluzbowa_wizyta.pdf",
            "Notatka służbowa z wizyty (DEMO)",
            "Notatka służbowa z wizyty",
        )
        if target is None:
            proc.entries.append(
                _Entry(
                    proc.started_on,
                    ChronologyKind.NOTE,
                    "Założono teczkę sprawy",
                    "Dokumenty demonstracyjne dołączone do procedury.",
                )
            )
            target = proc.entries[-1]
        target.files.append(note)
        if order % 2 == 0:
            holder = documents[0] if documents else target
            holder.files.append(
                _File("skan_pisma_demo.png", "Skan pisma — obraz zastępczy (DEMO)", "")
            )
        if order % 3 != 1:
            target.files.append(
                _File("notatka_z_rozmowy.txt", "Notatka robocza z rozmowy (DEMO)", "")
            )


# --- Generated files ---------------------------------------------------------------------


def _png(width: int = 64, height: int = 40) -> bytes:
    """A small striped placeholder picture (pale blue with a darker band), nothing sensitive."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            band = (x + y) // 6 % 4 == 0
            rows += bytes((70, 110, 180) if band else (215, 228, 245))

    def chunk(tag: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + tag
            + body
            + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


@functools.cache
def _pdf_font() -> str:
    """DejaVu Sans when available (Polish letters), else the built-in Helvetica."""
    candidates = (
        RESOURCES_DIR / "fonts" / "DejaVuSans.ttf",
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    )
    for path in candidates:
        if path.is_file():
            if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(path)))
            return "DejaVuSans"
    return "Helvetica"


_ASCII_FOLDS: dict[str, str | int | None] = {"ł": "l", "Ł": "L", "—": "-", "„": '"', "”": '"'}


def _ascii(text: str) -> str:
    """Plain-ASCII version of a line, for the built-in PDF font that lacks Polish letters."""
    text = text.translate(str.maketrans(_ASCII_FOLDS))
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _pdf(title: str, number: str) -> bytes:
    """A one-page document that says plainly it is a demo; byte-identical on every run."""
    font = _pdf_font()
    lines = [
        DEMO_NOTICE,
        "",
        f"{title} — procedura {number}",
        DEMO_SETTINGS.office_name,
        "",
        "Ten plik wygenerował program NK Desk jako przykład załącznika.",
        "Nie zawiera danych żadnej prawdziwej osoby.",
    ]
    if font == "Helvetica":
        lines = [_ascii(line) for line in lines]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(_ascii(DEMO_NOTICE) if font == "Helvetica" else DEMO_NOTICE)
    y = A4[1] - 90
    for index, line in enumerate(lines):
        pdf.setFont(font, 16 if index == 0 else 11)
        pdf.drawString(72, y, line)
        y -= 26 if index == 0 else 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _file_bytes(file: _File, number: str, entry: _Entry) -> bytes:
    if file.name.endswith(".pdf"):
        return _pdf(file.title, number)
    if file.name.endswith(".png"):
        return _png()
    text = (
        f"{DEMO_NOTICE}\n\nProcedura {number}, {entry.occurred_on:%d.%m.%Y}\n"
        f"{entry.title}\n{entry.body}\n"
    )
    return text.encode("utf-8")


# --- Writing through the services --------------------------------------------------------


def _institution_data(index: int) -> InstitutionData:
    _, type_, name, street, domain, contacts = _INSTITUTIONS[index]
    town = "Przykładowo Wielkie" if "Wielki" in name else "Przykładowo"
    return InstitutionData(
        name=name,
        type=type_,
        street=street,
        postal_code="99-990" if town == "Przykładowo Wielkie" else "99-999",
        city=town,
        phone=f"99 000 10 {index + 1:02d}",
        email=f"sekretariat@{domain}",
        notes="Dane fikcyjne — instytucja demonstracyjna.",
        contacts=[
            ContactPersonData(
                first_name=first,
                last_name=last,
                function=function,
                phone=f"500 000 {500 + index * 3 + n:03d}",
                email=f"{fold(first[0] + '.' + last).replace(' ', '')}@{domain}",
            )
            for n, (first, last, function) in enumerate(contacts)
        ],
    )


def _check_empty(db: Database, today: dt.date) -> None:
    procedures = ProcedureService(db)
    taken = bool(procedures.list(ProcedureQuery())) or any(
        procedures.next_number(year)[0] != 1 for year in range(today.year - 2, today.year + 1)
    )
    if taken or InstitutionService(db).list():
        raise ValidationError(
            "Dane demonstracyjne można wczytać tylko do pustego rejestru "
            "(bez procedur i instytucji)."
        )


def populate_demo(
    db: Database,
    today: dt.date | None = None,
    progress: ProgressCallback | None = None,
    seed: int = 2026,
) -> DemoSummary:
    """Fill an empty register with the fictional gmina's demo data, through the services.

    The settings become the demo gmina's (name, office, worker). `today` fixes the end of
    the three demo years (default: the real date; it may not be later than that, as the
    services refuse future dates). The same seed and `today` always give the same register.
    """
    day = today or dt.date.today()
    if day > dt.date.today():
        raise ValidationError("Data końcowa danych demonstracyjnych nie może być z przyszłości.")
    _check_empty(db, day)
    procedures = _plan(seed, day)
    total = 1 + len(_INSTITUTIONS) + len(procedures)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    SettingsService(db).save(DEMO_SETTINGS)
    step()
    institutions = InstitutionService(db)
    ids: dict[str, int] = {}
    for index, entry in enumerate(_INSTITUTIONS):
        changes = institutions.save(_institution_data(index))
        assert changes.record_id is not None
        ids[entry[0]] = changes.record_id
        step()
    nka_count = attachment_count = entry_count = 0
    for proc in procedures:
        counts = _write_procedure(db, proc, ids)
        nka_count += counts[0]
        entry_count += counts[1]
        attachment_count += counts[2]
        step()
    persons = {id(m.person) for p in procedures for m in p.members}
    return DemoSummary(
        procedures=len(procedures),
        persons=len(persons),
        institutions=len(_INSTITUTIONS),
        nka_records=nka_count,
        attachments=attachment_count,
        chronology_entries=entry_count,
    )


def _write_procedure(db: Database, proc: _Procedure, ids: dict[str, int]) -> tuple[int, int, int]:
    """Save one planned procedure; returns how many NK-As, entries and files it got."""
    procedures = ProcedureService(db)
    participants = ParticipantService(db)
    created = procedures.create(proc.started_on, proc.notes)
    procedure_id = created.record_id
    assert procedure_id is not None
    part_ids: list[int] = []
    for member in proc.members:
        saved = participants.save(
            procedure_id,
            ParticipantData(member.snapshot, member.role, member.details),
            person_id=member.person.db_id,
        )
        assert saved.record_id is not None
        part_ids.append(saved.record_id)
    stored = procedures.get(procedure_id)
    person_of = {part.id: part.person_id for part in stored.participations}
    for member, part_id in zip(proc.members, part_ids, strict=True):
        member.person.db_id = person_of[part_id]
    people = [person_of[part_id] for part_id in part_ids]
    nka = NkaService(db)
    for record in proc.nkas:
        nka.save(
            procedure_id,
            NkaData(
                filled_on=record.filled_on,
                filled_by_service=record.service,
                filled_place=record.place,
                filled_by_service_other=(
                    _OTHER_SERVICE if record.service is InitiatorService.OTHER else ""
                ),
                filled_by_institution_id=ids[record.institution],
                filled_by_name=record.filled_by,
                received_by_chair_on=record.received,
                content=dict(record.content),
                person_ids=people,
            ),
        )
    chronology = ChronologyService(db)
    attachments = AttachmentService(db)
    files = 0
    for entry in sorted(proc.entries, key=lambda e: e.occurred_on):
        added = chronology.add(
            procedure_id, entry.occurred_on, entry.kind, entry.title, entry.body, _WORKER
        )
        for file in entry.files:
            attachments.add(
                procedure_id,
                file.name,
                _file_bytes(file, stored.number, entry),
                file.description,
                chronology_entry_id=added.record_id,
            )
            files += 1
    if proc.closure is not None:
        closed_on, ground, justification = proc.closure
        chronology.add(
            procedure_id,
            closed_on,
            ChronologyKind.NOTE,
            "Posiedzenie GDP — decyzja o zakończeniu procedury",
            justification,
            _WORKER,
        )
        procedures.close(procedure_id, closed_on, ground, justification)
    return len(proc.nkas), len(proc.entries) + (proc.closure is not None), files


def create_demo_folder(
    folder: DataFolder, progress: Callable[[int, int], None] | None = None
) -> DemoSummary:
    """Create a database protected by DEMO_PASSWORD in an empty folder and fill it."""
    created = folder.create(DEMO_PASSWORD, DEMO_SETTINGS)
    try:
        return populate_demo(created.database, progress=progress)
    finally:
        created.database.close()
