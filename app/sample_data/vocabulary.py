"""Invented names, streets, incomes and stories the demo people are drawn from."""

from app.domain.enums import AddressKind
from app.services.records import AddressData

FAMILY_NAMES: tuple[tuple[str, str], ...] = (
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

WOMEN = (
    "Anna", "Żaneta", "Łucja", "Małgorzata", "Agnieszka", "Joanna", "Ewelina", "Halina",
    "Bożena", "Jadwiga", "Grażyna", "Kinga", "Urszula", "Danuta", "Renata", "Sylwia",
    "Katarzyna", "Beata", "Iwona", "Elżbieta", "Żaklina", "Świętosława",
)  # fmt: skip
MEN = (
    "Łukasz", "Paweł", "Tomasz", "Grzegorz", "Zbigniew", "Jędrzej", "Mirosław", "Stanisław",
    "Krzysztof", "Marek", "Jacek", "Sławomir", "Bartłomiej", "Dariusz", "Ryszard", "Andrzej",
    "Wiesław", "Henryk", "Zdzisław", "Piotr", "Żelisław", "Ścibor",
)  # fmt: skip
GIRLS = ("Zofia", "Lena", "Maja", "Zuzanna", "Hanna", "Amelia", "Oliwia", "Łucja", "Julia",
          "Alicja", "Żaneta")  # fmt: skip
BOYS = ("Kacper", "Szymon", "Jakub", "Filip", "Antoni", "Mikołaj", "Wojciech", "Franciszek",
         "Jan", "Ignacy", "Łukasz")  # fmt: skip

STREETS = (
    "ul. Zmyślona", "ul. Testowa", "ul. Fikcyjna", "ul. Wzorcowa", "ul. Makietowa",
    "ul. Próbna", "ul. Łąkowa-Demo", "ul. Świerkowa-Demo", "ul. Żytnia-Demo",
    "os. Demonstracyjne",
)  # fmt: skip
PLACES = (("99-999", "Przykładowo"), ("99-998", "Zmyślona Wola"), ("99-997", "Fikcyjne Pole"))
FAMILY_SITUATIONS: dict[str, tuple[str, ...]] = {
    "": (
        "rodzina pełna, dzieci w wieku szkolnym",
        "wychowuje dzieci, wsparcie dziadków",
        "w trakcie sprawy rozwodowej",
        "rodzina wielodzietna",
    ),
    "widowed": ("wdowa, mieszka z dorosłym synem", "owdowiała, sama prowadzi dom"),
    "couple": ("małżeństwo emerytów, mieszkają z wnukiem",),
}
PENSIONS = ("emerytura", "renta z tytułu niezdolności do pracy")
VICTIM_INCOMES = (
    "umowa o pracę — handel",
    "umowa zlecenie, dochód nieregularny",
    "zasiłek rodzinny i świadczenie wychowawcze",
    "bez dochodu własnego",
    "praca w administracji — pełen etat",
)
HOUSING = (
    "mieszkanie komunalne, 2 pokoje",
    "dom jednorodzinny — współwłasność",
    "mieszkanie wynajmowane",
    "mieszkanie spółdzielcze, 3 pokoje",
)
VICTIM_HEALTH = (
    "leczenie ortopedyczne po urazie ręki",
    "pod opieką poradni zdrowia psychicznego",
    "choroba przewlekła — nadciśnienie",
    "orzeczony umiarkowany stopień niepełnosprawności",
)
PERPETRATOR_INCOMES = (
    "praca dorywcza w budownictwie",
    "umowa o pracę — kierowca",
    "bezrobotny, bez prawa do zasiłku",
    "własna działalność gospodarcza",
    "renta",
    "praca sezonowa za granicą",
)
ADDICTIONS = (
    "nadużywa alkoholu",
    "uzależnienie od alkoholu — leczenie przerwane",
    "okazjonalne używanie środków odurzających",
    "hazard internetowy",
)
# Household situations (keys of STORIES) and how many of every 42 cases are of each kind.
HOUSEHOLD_KINDS: tuple[tuple[str, int], ...] = (
    ("couple", 12),
    ("cohabiting", 5),
    ("two_victims", 5),
    ("two_perpetrators", 4),
    ("elderly_parent", 5),
    ("grandparents", 3),
    ("male_victim", 3),
    ("ex_partner", 3),
    ("siblings", 2),
)
# One short, plainly fictional incident description per household kind.
STORIES = {
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
SAFE_PLACE = AddressData(
    kind=AddressKind.STAY,
    street="ul. Schronienia-Demo 5 (lokal SOW)",
    postal_code="99-990",
    city="Przykładowo Wielkie",
    do_not_disclose=True,
)
# A perpetrator's work that makes the Military Police a possible NK-A initiator.
SOLDIER = "żołnierz zawodowy (jednostka DEMO)"
# What a worker writes when a deadline of the rule data (by its step) was late or is missed.
DEADLINE_REASONS: dict[str, tuple[str, ...]] = {
    "nka_to_chair": (
        "Formularz NK-A wysłany z komisariatu (DEMO) pocztą, nie doręczony osobiście.",
        "Przewodniczący ZI na urlopie.",
    ),
    "nkb_to_victim": (
        "Osoba doznająca przemocy w szpitalu od dnia zdarzenia.",
        "NK-A wypełniona pod nieobecność osoby doznającej przemocy.",
    ),
    "nka_to_gdp": (
        "Przewodniczący ZI na urlopie.",
        "Przewodniczący ZI na zwolnieniu lekarskim, zastępstwo wyznaczone z opóźnieniem.",
    ),
    "first_gdp_meeting": (
        "Niepełny skład GDP w terminie (szkolenie dzielnicowego).",
        "Posiedzenie przełożone na prośbę pedagoga szkolnego.",
        "Przewodniczący ZI na urlopie.",
    ),
    "perpetrator_notified": (
        "Osoba stosująca przemoc nie przebywa pod znanym adresem; list polecony wrócił "
        "niedoręczony.",
        "Osoba stosująca przemoc w szpitalu od dnia zdarzenia.",
    ),
}
