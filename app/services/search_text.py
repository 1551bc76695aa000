"""Builds the folded search keys stored on procedures, people and institutions."""

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, func

from app.domain.text import fold
from app.errors import ValidationError
from app.storage.models import Institution, Person, Procedure

MAX_QUERY_CHARS = 100
MAX_QUERY_WORDS = 10


def person_key(person: Person) -> str:
    return fold(" ".join(filter(None, (person.first_name, person.last_name, person.pesel))))


def procedure_key(procedure: Procedure) -> str:
    parts = [procedure.number]
    for part in procedure.participations:
        person = part.person
        parts += [person.first_name, person.last_name, person.pesel or ""]
    return fold(" ".join(p for p in parts if p))


def institution_key(institution: Institution) -> str:
    parts = [institution.name, institution.city, institution.street, institution.phone]
    parts += institution.email.split()
    for contact in institution.contacts:
        parts += [contact.first_name, contact.last_name, contact.function, contact.phone]
    return fold(" ".join(p for p in parts if p))


def query_terms(text: str) -> list[str]:
    """Folded words of a search box entry; every word must match somewhere.

    A text longer than any name, number and PESEL together is refused: each word becomes
    one condition, and thousands of them exceed what SQLite can evaluate.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise ValidationError(
            f"Wyszukiwany tekst jest za długi (najwyżej {MAX_QUERY_CHARS} znaków).", "text"
        )
    words = [word for word in fold(text).split() if word]
    if len(words) > MAX_QUERY_WORDS:
        raise ValidationError(f"Wpisz najwyżej {MAX_QUERY_WORDS} słów do wyszukania.", "text")
    return words


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains_all(column: SQLColumnExpression[str], terms: list[str]) -> ColumnElement[bool]:
    """Every folded term occurs in the stored folded key (a plain substring test)."""
    return and_(*(func.instr(column, term) > 0 for term in terms))
