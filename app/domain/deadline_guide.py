"""The user guide's section on the procedure's steps and deadlines, written from the rule
data itself, so the guide can never disagree with what the program computes."""

from html import escape

from app.domain.deadline_rules import CLOSURE, NKA_FILLED, Rule, all_rules
from app.domain.deadlines import DUE_SOON_WORKING_DAYS, days_phrase
from app.domain.enums import CourseEvent

MARKER = "<!-- terminy: generowane z resources/rules/deadlines.json -->"
REFORM_DAY = "28.09.2023"


def _event(name: str) -> str:
    if name == NKA_FILLED:
        return "wypełnienie formularza NK-A"
    if name == CLOSURE:
        return "zakończenie procedury"
    return CourseEvent(name).label


def limit_text(rule: Rule) -> str:
    if rule.days is None:
        return "bez terminu ustawowego"
    if rule.days == 0:
        return "od razu (tego samego dnia)"
    unit = days_phrase(rule.days, rule.count)
    return f"najpóźniej {unit}" + (", niezwłocznie" if rule.without_delay else "")


def _item(rule: Rule) -> str:
    waived = (
        f" Nie dotyczy, gdy zapisano: {escape(_event(rule.waived_by))}."
        if rule.waived_by is not None
        else ""
    )
    return (
        f"<li><b>{escape(rule.title)}</b> — {escape(rule.action)}.<br>"
        f"Liczy się od: {escape(_event(rule.starts))}; spełnia: "
        f"{escape(_event(rule.done_by))}. Termin: {escape(limit_text(rule))}.{waived}<br>"
        f"Podstawa: {escape(rule.basis_full)}. Pewność: <i>{rule.confidence.label}</i> — "
        f"{escape(rule.confidence_note)}</li>"
    )


def guide_with_deadlines(guide_html: str) -> str:
    """The guide's page with this section where its marker stands."""
    return guide_html.replace(MARKER, section_html())


def section_html() -> str:
    """The h2 section with its h3 subsections, in the order of the course."""
    rules = all_rules()
    current = [rule for rule in rules if rule.valid_to is None]
    archive = [rule for rule in rules if rule.valid_to is not None]
    return "\n".join(
        [
            '<h2 id="terminy">Kroki i terminy procedury</h2>',
            "<p>Program liczy terminy sam, z dat zapisanych w procedurze: dat formularzy "
            "NK-A, kroków zapisanych na zakładce „Przebieg i terminy” i zakończenia. "
            "Okno procedury pokazuje następny krok, a lista procedur — najbliższy termin.</p>",
            "<p><b>Dni robocze</b> to poniedziałek–piątek bez świąt ustawowych (także "
            "Wigilii od 2025 r.); soboty się nie liczą. Termin liczy się od dnia po "
            "zdarzeniu. Termin oznaczony „niezwłocznie” jest pokazany jako bliski od "
            f"pierwszego dnia; inne — gdy zostały {DUE_SOON_WORKING_DAYS} dni robocze lub "
            "mniej.</p>",
            "<p><b>Kolejna NK-A</b> w procedurze w toku uruchamia tylko własne terminy: "
            "przekazanie przewodniczącemu ZI, przekazanie NK-B i przekazanie członkom GDP. "
            "Pierwsze posiedzenie GDP i praca z osobami liczą się raz, od NK-A, która "
            "wszczęła procedurę (przepisy nie mówią o kolejnych formularzach).</p>",
            "<p><b>Pewność</b> mówi, na ile źródło reguły jest pewne: <i>pewne</i> — "
            "sprawdzone w tekście rozporządzenia; <i>średnio pewne</i> — z dwóch źródeł "
            "wtórnych; <i>niepewne</i> — z jednego źródła lub bez przepisu.</p>",
            f'<h3 id="terminy-kroki">Kroki od {REFORM_DAY}</h3>',
            "<ol>",
            *(_item(rule) for rule in current),
            "</ol>",
            f'<h3 id="terminy-archiwalne">Procedury wszczęte przed {REFORM_DAY}</h3>',
            "<p>Procedurę ocenia się regułami obowiązującymi w dniu wypełnienia NK-A. "
            "Dla procedur archiwalnych obowiązywały:</p>",
            "<ul>",
            *(_item(rule) for rule in archive),
            "</ul>",
        ]
    )
