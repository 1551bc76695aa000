"""What a letter or a printed form may show of data marked „nie ujawniać”: the one rule.

A protected address or phone is shown only on a letter sent to that very address, and
never on a document addressed or given to a person using violence — not even the
victim's, not even typed into a template or a form's text by hand. Everything else is
replaced by `OMITTED`, and a note says why. The rule is applied twice: to each personal
placeholder's value, and to the finished text, where it finds a protected item by its
text (a street, a phone number in any spacing, an e-mail address).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

OMITTED = "[pominięto: dane chronione]"
TO_PERPETRATOR = "dokument jest kierowany do osoby stosującej przemoc domową"
ELSEWHERE = "pismo idzie na inny adres niż chroniony"
_MIN_DIGITS = 6  # a phone number is recognised by its digits from this many
_MIN_TEXT = 4  # shorter texts (a house number) would match too much


@dataclass(frozen=True)
class Protected:
    """One address or contact marked „nie ujawniać”, with its text.

    `key` tells items apart (the person and which of their addresses or contacts);
    `owner` names whose it is in a note, `what` says what it is.
    """

    key: str
    owner: str
    what: str
    text: str
    street: str = ""  # an address's street, recognised alone in free text


@dataclass(frozen=True)
class Audience:
    """Whom a document is addressed or given to, and the protected address it goes to."""

    to_perpetrator: bool
    delivered_to: str | None = None  # the key of a protected address used for delivery


def may_show(item: Protected, audience: Audience) -> bool:
    """The rule: only the protected address the letter is sent to, never to a perpetrator."""
    return not audience.to_perpetrator and item.key == audience.delivered_to


def note(item: Protected, audience: Audience) -> str:
    """Why the item was left out, without its text."""
    reason = TO_PERPETRATOR if audience.to_perpetrator else ELSEWHERE
    owner = item.owner[:1].upper() + item.owner[1:]
    return f"{owner}: {item.what} oznaczony „nie ujawniać” — pominięty, bo {reason}."


class Guard:
    """Applies the rule for one document and gathers its notes, each said once."""

    def __init__(self, items: Iterable[Protected], audience: Audience) -> None:
        self.audience = audience
        self._hidden = [item for item in items if not may_show(item, audience)]
        self._notes: dict[str, str] = {}
        self._patterns = [(item, _pattern(item)) for item in self._hidden]

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(self._notes.values())

    def value(self, text: str, item: Protected | None) -> str:
        """A personal placeholder's value: the text, or OMITTED when the rule hides it."""
        if item is None or may_show(item, self.audience):
            return text
        self._left_out(item)
        return OMITTED

    def text(self, text: str) -> str:
        """Free text with every hidden item found in it replaced."""
        for item, pattern in self._patterns:
            if pattern is None:
                continue
            text, found = pattern.subn(OMITTED, text)
            if found:
                self._left_out(item)
        return text

    def _left_out(self, item: Protected) -> None:
        self._notes.setdefault(item.key, note(item, self.audience))


def _pattern(item: Protected) -> re.Pattern[str] | None:
    """How the item is recognised: its whole text or street, or a phone's digits spaced
    any way („600 700 800”, „600-700-800”, „+48600700800”)."""
    choices: list[str] = []
    digits = re.sub(r"\D", "", item.text)
    if len(digits) >= _MIN_DIGITS and not re.search(r"[^\d\s()+\-./]", item.text):
        choices.append(r"[\s\-./()]*".join(re.escape(d) for d in digits))
    for text in sorted({item.text.strip(), item.street.strip()}, key=len, reverse=True):
        if len(text) >= _MIN_TEXT:
            choices.append(r"\s+".join(re.escape(word) for word in text.split()))
    if not choices:
        return None
    return re.compile("|".join(f"(?:{c})" for c in choices), re.IGNORECASE)
