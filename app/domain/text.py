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


# Stored key characters are printable, above the space and below the surrogates.
_FIRST_CODE = 0x21
_LAST_CODE = 0xD7FF


def polish_sort_text(text: str | None) -> str:
    """The Polish order as a plain string, stored beside a name so SQL sorts by it.

    Letters keep their place in the Polish alphabet (Ł after L, Ś after S); anything else
    sorts after the alphabet by code point. Compared by code point — as Python compares
    strings and SQLite compares UTF-8 text — these keys give the Polish order.
    """
    if not text:
        return ""
    base = _FIRST_CODE + len(_POLISH_ALPHABET)
    return "".join(
        chr(_FIRST_CODE + _ORDER[ch] if ch in _ORDER else min(base + ord(ch), _LAST_CODE))
        for ch in text.casefold()
    )


def polish_sort_key(text: str | None) -> tuple[str, str]:
    """Key that orders strings as a Polish dictionary does; ties broken by the text itself."""
    return polish_sort_text(text), text or ""
