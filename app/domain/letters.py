"""The letters around the procedure: their catalogue, placeholders, filling and checking.

Each letter is one entry of `resources/letters/letters.json` with its default text in
`<name>.txt`; the worker edits copies of them in the program. A template writes a
placeholder as `{numer_procedury}` and a literal brace as `{{` or `}}`. Filling is one
pass over the template: a value is put in as it is, so text typed by a person (a name,
a meeting place) that holds braces is never expanded again.
"""

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from app.errors import ValidationError
from resources import RESOURCES_DIR

LETTERS_DIR = RESOURCES_DIR / "letters"
MAX_TITLE = 300
MAX_TEXT = 20_000


class RecipientKind(StrEnum):
    """Who a letter may go to: a GDP member or a person of the procedure in a role."""

    GDP = "gdp"
    VICTIM = "victim"
    PERPETRATOR = "perpetrator"


class Delivery(StrEnum):
    """How a letter was sent; the values are stored and exchanged."""

    POST = "post"
    REGISTERED = "registered"
    IN_PERSON = "in_person"
    EMAIL = "email"
    POLICE = "police"

    @property
    def label(self) -> str:
        return _DELIVERY_LABELS[self]


_DELIVERY_LABELS = {
    Delivery.POST: "list zwykły",
    Delivery.REGISTERED: "list polecony za potwierdzeniem odbioru",
    Delivery.IN_PERSON: "doręczone osobiście",
    Delivery.EMAIL: "e-mail",
    Delivery.POLICE: "przez dzielnicowego",
}


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str
    group: str = ""  # "" for every letter, MEETING or CLOSURE for the letters that name one
    personal: bool = False  # an address or phone: the guard decides whether it is shown


MEETING, CLOSURE = "meeting", "closure"

PLACEHOLDERS = (
    Placeholder("numer_procedury", "numer procedury"),
    Placeholder("adresat", "imię i nazwisko adresata (albo instytucja)"),
    Placeholder("adres_adresata", "adres, na który idzie pismo", personal=True),
    Placeholder("zwrot_grzecznosciowy", "„Szanowna Pani”, „Szanowny Panie” albo oba"),
    Placeholder("osoba_doznajaca", "imię i nazwisko osoby doznającej przemocy"),
    Placeholder(
        "adres_osoby_doznajacej", "adres osoby doznającej przemocy (pierwszy)", personal=True
    ),
    Placeholder(
        "telefon_osoby_doznajacej", "telefon osoby doznającej przemocy (pierwszy)", personal=True
    ),
    Placeholder("osoba_stosujaca", "imię i nazwisko osoby stosującej przemoc"),
    Placeholder("gmina", "nazwa gminy z ustawień"),
    Placeholder("osrodek", "nazwa ośrodka z ustawień"),
    Placeholder("adres_osrodka", "adres ośrodka z ustawień"),
    Placeholder("telefon_osrodka", "telefon ośrodka z ustawień"),
    Placeholder("email_osrodka", "e-mail ośrodka z ustawień"),
    Placeholder("pracownik", "imię i nazwisko pracownika z ustawień"),
    Placeholder("miejscowosc", "miejscowość z ustawień (nagłówek pisma)"),
    Placeholder("data", "dzisiejsza data (DD.MM.RRRR)"),
    Placeholder("data_posiedzenia", "data posiedzenia (DD.MM.RRRR)", MEETING),
    Placeholder("godzina_posiedzenia", "godzina rozpoczęcia posiedzenia (GG:MM)", MEETING),
    Placeholder("miejsce_posiedzenia", "miejsce posiedzenia albo link do spotkania", MEETING),
    Placeholder("data_zakonczenia", "data zakończenia procedury (DD.MM.RRRR)", CLOSURE),
    Placeholder("podstawa_zakonczenia", "podstawa zakończenia procedury", CLOSURE),
)
_BY_NAME = {p.name: p for p in PLACEHOLDERS}


@dataclass(frozen=True)
class LetterKind:
    """One letter of the catalogue with its default wording."""

    name: str  # as typed: nkdesk-cli print zaproszenie-gdp NK/1/2026
    title: str
    description: str
    recipients: tuple[RecipientKind, ...]
    meeting: bool  # names a GDP meeting (date, hour, place)
    closure: bool  # names the procedure's closure
    text: str

    def placeholders(self) -> tuple[Placeholder, ...]:
        """The placeholders this letter can fill."""
        groups = (
            {""} | ({MEETING} if self.meeting else set()) | ({CLOSURE} if self.closure else set())
        )
        return tuple(p for p in PLACEHOLDERS if p.group in groups)


@cache
def catalogue() -> tuple[LetterKind, ...]:
    index = json.loads((LETTERS_DIR / "letters.json").read_text("utf-8"))
    return tuple(
        LetterKind(
            name=entry["name"],
            title=entry["title"],
            description=entry["description"],
            recipients=tuple(RecipientKind(kind) for kind in entry["recipients"]),
            meeting=bool(entry["meeting"]),
            closure=bool(entry["closure"]),
            text=(LETTERS_DIR / f"{entry['name']}.txt").read_text("utf-8").strip(),
        )
        for entry in index["letters"]
    )


def letter(name: str) -> LetterKind:
    found = next((k for k in catalogue() if k.name == name), None)
    if found is None:
        raise ValidationError(f"Nieznane pismo „{name}”.")
    return found


def is_letter(name: str) -> bool:
    return any(k.name == name for k in catalogue())


# ---- placeholders --------------------------------------------------------------------

# `{{` and `}}` are literal braces; `{name}` a placeholder; a lone brace is unbalanced.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    literal: str | None  # a brace written twice, or a lone brace (`name` None both ways)
    name: str | None


def _tokens(text: str) -> Iterator[_Token]:
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            yield _Token(match.start(), match.end(), token[0], None)
        elif match.group(1) is not None:
            yield _Token(match.start(), match.end(), None, match.group(1))
        else:
            yield _Token(match.start(), match.end(), None, None)


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with its placeholders replaced, in one pass.

    Never fails: what is not a known placeholder (checked before saving, see `problem`)
    stays as written, so a template damaged elsewhere still gives a readable letter.
    """
    parts: list[str] = []
    position = 0
    for token in _tokens(template):
        parts.append(template[position : token.start])
        if token.literal is not None:
            parts.append(token.literal)
        elif token.name is not None and token.name in values:
            parts.append(values[token.name])
        else:
            parts.append(template[token.start : token.end])
        position = token.end
    parts.append(template[position:])
    return "".join(parts)


def names_in(text: str) -> frozenset[str]:
    """The placeholders the text uses."""
    return frozenset(t.name for t in _tokens(text) if t.name is not None)


def problem(text: str, kind: LetterKind, what: str = "Treść") -> str | None:
    """Why the template text cannot be saved for this letter (one Polish line), or None."""
    usable = {p.name for p in kind.placeholders()}
    for token in _tokens(text):
        line = text.count("\n", 0, token.start) + 1
        where = f"{what}, wiersz {line}"
        if token.literal is not None:
            continue
        if token.name is None:
            brace = text[token.start]
            if brace == "{":
                return (
                    f"{where}: nawias „{{” nie jest zamknięty. Aby wpisać sam nawias, "
                    "napisz go dwa razy: „{{”."
                )
            return (
                f"{where}: nawias „}}” nie ma otwierającego „{{”. Aby wpisać sam nawias, "
                "napisz go dwa razy: „}}”."
            )
        if token.name not in _BY_NAME:
            shown = token.name if len(token.name) <= 40 else token.name[:40] + "…"
            return (
                f"{where}: nieznane pole {{{shown}}}. Użyj jednego z pól wymienionych przy wzorze."
            )
        if token.name not in usable:
            subject = "posiedzenia" if _BY_NAME[token.name].group == MEETING else "zakończenia"
            return (
                f"{where}: pole {{{token.name}}} nie dotyczy tego pisma "
                f"(nie wskazuje ono {subject})."
            )
    return None


def check_template(kind: LetterKind, title: str, text: str) -> tuple[str, str]:
    """The title and text to store, or a ValidationError naming the field and the fault."""
    title, text = title.strip(), text.strip()
    if not title:
        raise ValidationError("Podaj tytuł pisma.", "title")
    if len(title) > MAX_TITLE or "\n" in title:
        raise ValidationError(f"Tytuł pisma to jeden wiersz do {MAX_TITLE} znaków.", "title")
    if not text:
        raise ValidationError("Treść pisma nie może być pusta.", "text")
    if len(text) > MAX_TEXT:
        raise ValidationError(f"Treść pisma może mieć najwyżej {MAX_TEXT} znaków.", "text")
    wrong = problem(title, kind, "Tytuł")
    if wrong is not None:
        raise ValidationError(wrong, "title")
    wrong = problem(text, kind)
    if wrong is not None:
        raise ValidationError(wrong, "text")
    return title, text


def salutation(sex: str | None) -> str:
    """„Szanowna Pani” or „Szanowny Panie” by the recorded sex, both when not known."""
    return {"female": "Szanowna Pani", "male": "Szanowny Panie"}.get(
        sex or "", "Szanowna Pani / Szanowny Panie"
    )


def date_text(day: dt.date) -> str:
    return f"{day:%d.%m.%Y}"


@dataclass(frozen=True)
class LetterDraft:
    """A letter composed for one recipient, ready to show and print; plain data.

    `recipient` is the address block (name, then address lines); `notes` say what the
    guard left out and why. `address` is the address line used, "" when there is none
    or it is protected („nie ujawniać”): records and lists keep only its kind then.
    """

    letter: str
    title: str
    procedure_number: str
    letterhead: tuple[str, ...]
    place_and_date: str
    recipient: tuple[str, ...]
    body: str
    signature: tuple[str, ...]
    notes: tuple[str, ...]
    recipient_name: str
    address: str
    address_kind: str
    address_protected: bool

    @property
    def text(self) -> str:
        """The whole letter as plain text (the preview)."""
        blocks = [
            "\n".join(self.letterhead),
            self.place_and_date,
            "\n".join(self.recipient),
            self.title,
            self.body,
            "\n".join(self.signature),
        ]
        if self.notes:
            blocks.append("Uwagi do pisma:\n" + "\n".join(f"– {note}" for note in self.notes))
        return "\n\n".join(block for block in blocks if block)
