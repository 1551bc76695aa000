"""The stored keys that let lists search, sort and page in SQL, kept current in one place.

Whatever changes a procedure's number, people, NK-A records, course events or closure, a
person's name or an institution calls the matching `refresh_*` before its transaction
ends; the import and the generator call the same functions.
"""

from app.domain.enums import Role
from app.domain.roles import names_in_role
from app.domain.text import polish_sort_text
from app.services import search_text
from app.services.course_facts import next_due_of
from app.storage.models import Institution, Person, Procedure


def procedure_names(procedure: Procedure, role: Role) -> str:
    """The names in `role`, as the procedures list shows them."""
    return names_in_role(((p.role, p.person) for p in procedure.participations), role)


def refresh_procedure(procedure: Procedure) -> None:
    procedure.search_text = search_text.procedure_key(procedure)
    procedure.victims_sort = polish_sort_text(procedure_names(procedure, Role.VICTIM))
    procedure.perpetrators_sort = polish_sort_text(procedure_names(procedure, Role.PERPETRATOR))
    procedure.nka_count = len(procedure.nka_records)
    procedure.next_due_on = next_due_of(procedure) if procedure.deleted_at is None else None


def refresh_person(person: Person) -> None:
    person.search_text = search_text.person_key(person)
    person.name_sort = polish_sort_text(f"{person.last_name} {person.first_name}")


def refresh_institution(institution: Institution) -> None:
    institution.search_text = search_text.institution_key(institution)
    institution.name_sort = polish_sort_text(institution.name)


def refresh_procedures_of(person: Person) -> None:
    """Re-key every procedure the person takes part in (after a name or PESEL change)."""
    for part in person.participations:
        refresh_procedure(part.procedure)
