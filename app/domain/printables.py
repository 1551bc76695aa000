"""What the program prints, by the name the command line and menus use for it.

Forms come from their definitions (app.domain.forms); letters from their catalogue
(app.domain.letters).
"""

from dataclasses import dataclass

from app.domain import letters


@dataclass(frozen=True)
class Printable:
    name: str  # as typed: nkdesk-cli print nk-a NK/12/2026
    form: str  # the form's code, e.g. "NK-A"; "" for a letter
    description: str

    @property
    def letter(self) -> bool:
        return not self.form


FORMS = (
    Printable(
        "nk-a",
        "NK-A",
        "Niebieska Karta — A: wszczęcie procedury, wypełnia przedstawiciel służby "
        "(z rejestru albo pusty do wypełnienia przy interwencji).",
    ),
    Printable(
        "nk-b",
        "NK-B",
        "Niebieska Karta — B: informacja dla osoby doznającej przemocy, z telefonami "
        "pomocowymi i kontaktami w gminie.",
    ),
    Printable(
        "nk-c",
        "NK-C",
        "Niebieska Karta — C: wypełnia grupa diagnostyczno-pomocowa z osobą doznającą "
        "przemocy (z indywidualnym planem pomocy).",
    ),
    Printable(
        "nk-d",
        "NK-D",
        "Niebieska Karta — D: wypełnia grupa diagnostyczno-pomocowa z osobą stosującą "
        "przemoc (informacje i zobowiązania).",
    ),
)


LETTERS = tuple(Printable(kind.name, "", kind.description) for kind in letters.catalogue())
ALL = FORMS + LETTERS


def by_name(name: str) -> Printable | None:
    return next((p for p in ALL if p.name == name.strip().lower()), None)
