"""Text helpers: diacritics-insensitive search keys and Polish alphabetical order."""

import unicodedata

_EXTRA_FOLDS = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss"})

_POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
_ORDER = {ch: i for i, ch in enumerate(_POLISH_ALPHABET)}


def fold(text: str | None) -> str:
    """Lower-case `text` and strip diacritics, so "lukasz" matches "Łukasz"."""
    if not text:
        return ""
    lowered = text.translate(_EXTRA_FOLDS).casefold()
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def polish_sort_key(text: str | None) -> tuple[tuple[int, ...], str]:
    """Key that orders strings as a Polish dictionary does (Ł after L, Ś after S).

    Letters outside the Polish alphabet sort after it by code point; ties are broken
    by the original text so the order is total.
    """
    if not text:
        return ((), "")
    base = len(_POLISH_ALPHABET)
    primary = tuple(_ORDER.get(ch, base + ord(ch)) for ch in text.casefold())
    return primary, text
