"""Three demo years of procedures: starts, closures, repeat cases, extra NK-As, course, files."""

import copy
import datetime as dt

from app.domain.enums import ChronologyKind, ClosureGround
from app.sample_data.casework import draw_entries
from app.sample_data.course_plan import draw_course
from app.sample_data.nka_forms import draw_nka
from app.sample_data.plan import Adult, Entry, Family, File, Procedure
from app.sample_data.planner import Planner
from app.sample_data.vocabulary import HOUSEHOLD_KINDS, SAFE_PLACE

# Slots (by order within the current year) that repeat an older case: the same household
# twice, and once the same perpetrator with a new partner.
_SAME_HOUSEHOLD_SLOTS = (4, 9)
_NEW_PARTNER_SLOT = 12
_MALE_PERPETRATOR_KINDS = frozenset({"couple", "cohabiting", "two_victims", "two_perpetrators"})
_RECENT_DAYS = ((6, 12), (0, 2))  # how many days ago the year's last two cases started
_UNREACHABLE = 2  # procedures in progress whose perpetrator could not be notified


def _repeat_sources(procedures: list[Procedure], families: list[Family]) -> dict[int, int]:
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


def _same_household(planner: Planner, old: Family) -> Family:
    """The household of an older case again; the victim now stays at a secret address."""
    victim = old.victims[0].person.data
    if victim.addresses:
        victim.addresses = [*victim.addresses[:1], copy.deepcopy(SAFE_PLACE)]
        victim.contacts = [planner.phone(secret=True)]
    return old


def _new_partner(planner: Planner, old: Family, start: dt.date) -> Family:
    """The perpetrator of an older case, now living with a new partner and her children."""
    fresh = planner.family("cohabiting", start)
    perpetrator = old.perpetrators[0].person
    perpetrator.data.addresses = copy.deepcopy(fresh.perpetrators[0].person.data.addresses)
    details = dict(fresh.perpetrators[0].details) | {"marital_status": "rozwiedziony"}
    fresh.perpetrators = [Adult(perpetrator, details)]
    fresh.others = [
        (child, kinship.replace("osoby stosującej", "partnerki osoby stosującej"))
        for child, kinship in fresh.others
    ]
    return fresh


def plan_procedures(seed: int, today: dt.date) -> list[Procedure]:
    """Every procedure of the demo, in start-date order (that is the order of numbers)."""
    planner = Planner(seed, today)
    rng = planner.rng
    years = (today.year - 2, today.year - 1, today.year)
    counts = {years[0]: 13, years[1]: 14, years[2]: 15}
    kinds = [kind for kind, count in HOUSEHOLD_KINDS for _ in range(count)]
    rng.shuffle(kinds)
    kind_iter = iter(kinds)
    procedures: list[Procedure] = []
    families: list[Family] = []
    repeats: dict[int, int] = {}
    for year in years:
        last = min(dt.date(year, 12, 31), today)
        first = min(dt.date(year, 1, 2), last)
        starts = sorted(planner.day_in(first, last) for _ in range(counts[year]))
        if year == years[2]:
            starts = _with_recent_starts(planner, starts, first)
            repeats = _repeat_sources(procedures, families)
        for index, start in enumerate(starts):
            repeat_of = repeats.get(index)
            if repeat_of is None:
                family = planner.family(next(kind_iter), start)
            elif index == _NEW_PARTNER_SLOT:
                family = _new_partner(planner, families[repeat_of], start)
            else:
                family = _same_household(planner, families[repeat_of])
            proc = Procedure(started_on=start, members=family.members_at(start))
            closed = (year == years[0] and index % 3 != 2) or (year == years[1] and index % 2 == 0)
            if closed:
                closed_on = min(start + dt.timedelta(days=rng.randint(80, 320)), today)
                if (closed_on - start).days >= 30:
                    ground = rng.choice(tuple(ClosureGround))
                    proc.closure = (closed_on, ground, closure_justification(ground))
            proc.nkas.append(draw_nka(planner, family, start, 0))
            if repeat_of is not None:
                earlier = procedures[repeat_of].started_on
                proc.notes = f"Ponowna procedura — te osoby były w procedurze z {earlier:%Y} r."
                proc.nkas[0].content["earlier_interventions"] = (
                    f"Procedura „Niebieskie Karty” prowadzona w {earlier:%Y} r., zakończona."
                )
            procedures.append(proc)
            families.append(family)
    _add_repeat_nkas(planner, procedures, families)
    _add_fresh_nka(planner, procedures, families)
    _add_course(planner, procedures, families)
    _add_files(planner, procedures)
    return procedures


def _with_recent_starts(planner: Planner, starts: list[dt.date], first: dt.date) -> list[dt.date]:
    """The year's last two cases started in the last days: their clocks still run."""
    ago = [planner.rng.randint(*days) for days in _RECENT_DAYS]
    recent = [max(first, planner.today - dt.timedelta(days=days)) for days in ago]
    return sorted(starts[: len(starts) - len(recent)] + recent)


def closure_justification(ground: ClosureGround) -> str:
    """Why the group ended the procedure, in the words a worker would record."""
    if ground is ClosureGround.VIOLENCE_STOPPED:
        return (
            "Ustała przemoc domowa, zrealizowano indywidualny plan pomocy; osoba stosująca "
            "przemoc ukończyła program korekcyjno-edukacyjny, monitoring bez nowych zdarzeń."
        )
    return (
        "Po wyjaśnieniu sytuacji grupa diagnostyczno-pomocowa stwierdziła brak zasadności "
        "podejmowania działań — konflikt majątkowy bez znamion przemocy domowej."
    )


def _add_repeat_nkas(planner: Planner, procedures: list[Procedure], families: list[Family]) -> None:
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
        proc.nkas.append(draw_nka(planner, families[i], second, 1))
        if order % 3 == 0 and (end - second).days >= 20:
            third = planner.day_in(second + dt.timedelta(days=10), end - dt.timedelta(days=5))
            proc.nkas.append(draw_nka(planner, families[i], third, 2))


def _add_files(planner: Planner, procedures: list[Procedure]) -> None:
    """Small generated documents on a dozen or so procedures, some tied to a chronology entry."""
    rng = planner.rng
    chosen = sorted(rng.sample(range(len(procedures)), 14))
    for order, i in enumerate(chosen):
        proc = procedures[i]
        visits = [e for e in proc.entries if e.kind is ChronologyKind.VISIT]
        documents = [e for e in proc.entries if e.kind is ChronologyKind.DOCUMENT_RECEIVED]
        target = visits[0] if visits else proc.entries[0] if proc.entries else None
        note = File(
            "notatka_sluzbowa_wizyta.pdf",
            "Notatka służbowa z wizyty (DEMO)",
            "Notatka służbowa z wizyty",
        )
        if target is None:
            proc.entries.append(
                Entry(
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
                File(
                    "skan_pisma_demo.pdf",
                    "Skan pisma — obraz zastępczy (DEMO)",
                    "Skan pisma (obraz zastępczy)",
                    scan=True,
                )
            )
        if order % 3 != 1:
            target.files.append(
                File("notatka_z_rozmowy.txt", "Notatka robocza z rozmowy (DEMO)", "")
            )


def _add_fresh_nka(planner: Planner, procedures: list[Procedure], families: list[Family]) -> None:
    """A new incident in a procedure in progress last week: a repeat NK-A whose own clocks
    still run."""
    rng, today = planner.rng, planner.today
    eligible = [
        i
        for i, p in enumerate(procedures)
        if p.closure is None and len(p.nkas) < 3 and (today - p.nkas[-1].filled_on).days > 30
    ]
    if eligible:
        i = rng.choice(eligible)
        day = today - dt.timedelta(days=rng.randint(1, 6))
        procedures[i].nkas.append(draw_nka(planner, families[i], day, len(procedures[i].nkas)))


def _add_course(planner: Planner, procedures: list[Procedure], families: list[Family]) -> None:
    """Every procedure's dated course, then its case work (whose notes follow the course).

    In two procedures in progress for some months the perpetrator could not be notified:
    the demo shows deadlines missed as well as met, late and running.
    """
    rng, today = planner.rng, planner.today
    old_enough = [
        i
        for i, p in enumerate(procedures)
        if p.closure is None and (today - p.started_on).days >= 60
    ]
    unreachable = set(rng.sample(old_enough, min(_UNREACHABLE, len(old_enough))))
    for i, (proc, family) in enumerate(zip(procedures, families, strict=True)):
        draw_course(rng, proc, today, unreachable=i in unreachable)
        end = proc.closure[0] if proc.closure is not None else today
        proc.entries = draw_entries(rng, proc, family, end)
