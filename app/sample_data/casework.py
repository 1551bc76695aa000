"""Everyday chronology entries of a demo procedure, from the first NK-A to its end."""

import datetime as dt
import random

from app.domain.enums import ChronologyKind, CourseEvent, InitiatorService
from app.domain.identity import age_on
from app.sample_data.institutions import CONTACTS, NAMES
from app.sample_data.plan import Entry, Family, Person, Procedure


def draw_entries(rng: random.Random, proc: Procedure, family: Family, end: dt.date) -> list[Entry]:
    """Everyday case work between the start and `end`, in date order; notes of the course's
    steps (`proc.course`, drawn first) bear their days."""
    start = proc.started_on
    first_nka = proc.nkas[0]
    officer = " ".join(CONTACTS["kp"][rng.randint(0, 1)][:2])
    perp = family.perpetrators[0]
    victim = family.victims[0].person.data
    ages = [age_on(p.data.birth_date or start, start) for p, _ in family.others]
    result: list[Entry] = []

    def on(day: dt.date | None, kind: ChronologyKind, title: str, body: str) -> None:
        if day is not None and day <= end:
            result.append(Entry(day, kind, title, body))

    def add(offset: int, kind: ChronologyKind, title: str, body: str) -> None:
        on(start + dt.timedelta(days=offset + rng.randint(0, 3)), kind, title, body)

    def first(kind: CourseEvent, person: Person | None = None) -> dt.date | None:
        days = (s.occurred_on for s in proc.course if s.kind is kind and s.person is person)
        return next(days, None)

    if first_nka.service is not InitiatorService.SOCIAL_WORKER:
        on(
            first_nka.received,
            ChronologyKind.DOCUMENT_RECEIVED,
            f"Wpłynął formularz NK-A ({NAMES[first_nka.institution]})",
            "Oryginał formularza przekazano przewodniczącemu ZI.",
        )
    on(
        first(CourseEvent.GDP_MEETING),
        ChronologyKind.NOTE,
        "Pierwsze posiedzenie grupy diagnostyczno-pomocowej",
        f"Skład GDP: pracownik socjalny, dzielnicowy {officer}. Ustalono plan spotkań "
        "z osobą doznającą przemocy.",
    )
    on(
        first(CourseEvent.PERPETRATOR_INVITED, perp.person),
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
    return sorted(result, key=lambda entry: entry.occurred_on)
