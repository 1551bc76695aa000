"""Who is who in a procedure: the roles the register lists and prints by name."""

from collections.abc import Iterable
from typing import Protocol

from app.domain.enums import Role

LISTED_ROLES = (Role.VICTIM, Role.PERPETRATOR)


class Named(Protocol):
    @property
    def first_name(self) -> str: ...

    @property
    def last_name(self) -> str: ...


def display_name(person: Named) -> str:
    """A person as lists show them: surname first, so lists read in alphabetical order."""
    return f"{person.last_name} {person.first_name}".strip()


def names_in_role(members: Iterable[tuple[str, Named]], role: Role) -> str:
    """The names of the people holding `role`, in the order they were added."""
    return ", ".join(display_name(person) for member_role, person in members if member_role == role)
