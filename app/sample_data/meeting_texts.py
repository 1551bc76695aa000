"""What the demo's meetings and appointments say: places, agendas, minutes, decisions.

Every text is plainly fictional and short, as a worker's own notes would be.
"""

GROUP_ROOM = "GOPS w Przykładowie, ul. Przykładowa 1, sala konferencyjna (DEMO)"
TALK_ROOM = "GOPS w Przykładowie, ul. Przykładowa 1, pokój 12 (DEMO)"
POLICE_ROOM = "Komisariat Policji w Przykładowie, ul. Bezpieczna-Demo 7, pokój 3 (DEMO)"
ZI_ROOM = "Urząd Gminy Przykładowo, ul. Przykładowa 1, sala narad (DEMO)"
REMOTE_LINK = "https://wideo.gops-przykladowo.example/gdp"

# Purpose of a meeting → (agenda, minutes, decisions) of a held one.
OPENING = (
    "Analiza formularza NK-A, diagnoza sytuacji rodziny, terminy spotkań z osobą "
    "doznającą przemocy i z osobą stosującą przemoc.",
    "Członkowie grupy zapoznali się z formularzem NK-A i informacjami służb o rodzinie. "
    "(Protokół fikcyjny.)",
    "Zaprosić osobę doznającą przemocy (NK-C); wezwać osobę stosującą przemoc (NK-D); "
    "dzielnicowy — wizyta kontrolna w miejscu zamieszkania.",
)
REPEAT = (
    "Nowy formularz NK-A nr {ordinal} w toczącej się procedurze.",
    "Omówiono zdarzenie opisane w nowym formularzu i dotychczasowy plan pomocy. "
    "(Protokół fikcyjny.)",
    "Zaktualizować indywidualny plan pomocy; dzielnicowy — częstsze wizyty kontrolne.",
)
CLOSING = (
    "Ocena realizacji indywidualnego planu pomocy; decyzja o dalszym prowadzeniu procedury.",
    "Grupa oceniła sytuację rodziny na podstawie informacji członków. (Protokół fikcyjny.)",
    "Zakończyć procedurę: {ground}. Poinformować przewodniczącego ZI.",
)
MONITORING_AGENDA = "Monitorowanie sytuacji rodziny, ocena realizacji planu pomocy."
VICTIM = (
    "Spotkanie z osobą doznającą przemocy: diagnoza sytuacji, formularz NK-C, plan pomocy.",
    "Wypełniono formularz NK-C. Omówiono możliwe wsparcie: psycholog, pomoc prawna, "
    "miejsce w SOW. (Protokół fikcyjny.)",
    "Opracować indywidualny plan pomocy wspólnie z osobą doznającą przemocy.",
)
PERPETRATOR = (
    "Spotkanie z osobą stosującą przemoc: formularz NK-D, pouczenie o skutkach prawnych.",
    "Wypełniono formularz NK-D. Osobę stosującą przemoc pouczono o skutkach prawnych "
    "i o programie korekcyjno-edukacyjnym. (Protokół fikcyjny.)",
    "Skierować do programu korekcyjno-edukacyjnego; dzielnicowy monitoruje sytuację.",
)
PERPETRATOR_ABSENT = (
    "Osoba stosująca przemoc nie stawiła się mimo wezwania. (Protokół fikcyjny.)",
    "Ponowić wezwanie przez dzielnicowego; poinformować Policję o niestawiennictwie.",
)
CANCELLED_BY_CLOSURE = "Posiedzenie odwołane — procedura zakończona przed jego terminem."
CANCELLED = (
    "Posiedzenie odwołane — osoba zaproszona w szpitalu; ustalono nowy termin.",
    "Posiedzenie odwołane — choroba członka grupy; ustalono nowy termin.",
    "Posiedzenie odwołane na prośbę osoby zaproszonej (praca zmianowa); nowy termin.",
)
ZI = (
    "Sprawozdanie z pracy grup diagnostyczno-pomocowych za kwartał; sprawy bieżące.",
    "Przewodnicząca przedstawiła liczbę prowadzonych procedur i utworzonych grup. "
    "(Protokół fikcyjny.)",
    "Przyjąć sprawozdanie; zorganizować szkolenie dla członków grup; następne "
    "posiedzenie za trzy miesiące.",
)
ZI_PLANNED_AGENDA = "Sprawozdanie kwartalne; harmonogram szkoleń na kolejny rok."

# The worker's own appointments: (title, place, note).
TRAININGS = (
    ("Szkolenie: procedura „Niebieskie Karty” po nowelizacji ustawy",
     "Powiatowe Centrum Pomocy Rodzinie w Przykładowie Wielkim (DEMO)", ""),
    ("Superwizja zespołu pracowników socjalnych", "GOPS w Przykładowie, sala konferencyjna",
     "Superwizor zewnętrzny (dane fikcyjne)."),
    ("Szkolenie online: praca z osobą stosującą przemoc", "zdalnie",
     "Link w wiadomości od organizatora (DEMO)."),
    ("Spotkanie koordynatorów ds. przeciwdziałania przemocy domowej",
     "Urząd Gminy Przykładowo, sala narad (DEMO)", ""),
    ("Dzień otwarty punktu konsultacyjnego dla osób doznających przemocy",
     "GOPS w Przykładowie (DEMO)", "Dyżur cały dzień."),
)  # fmt: skip
CASE_APPOINTMENTS = (
    ("Rozprawa — Sąd Rejonowy, III Wydział Rodzinny i Nieletnich (świadek)",
     "Sąd Rejonowy w Przykładowie Wielkim, ul. Sądowa-Demo 2, sala 14",
     "Wezwanie jako świadek w sprawie opiekuńczej (dane fikcyjne)."),
    ("Wizyta w miejscu zamieszkania z dzielnicowym", "adres rodziny (w aktach)", ""),
    ("Rozmowa z pedagogiem szkolnym", "szkoła dziecka (adres w aktach)", ""),
    ("Posiedzenie sądu: wniosek GKRPA o zobowiązanie do leczenia odwykowego",
     "Sąd Rejonowy w Przykładowie Wielkim, ul. Sądowa-Demo 2, sala 7", ""),
)  # fmt: skip
