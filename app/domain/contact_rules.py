"""Postal codes and e-mail addresses: one rule each for forms, services and the import.

Forms show the very sentence the services refuse with, so a worker never reads two
different verdicts on the same value. Empty values pass: both fields are optional.
"""

import re

from app.errors import ValidationError

# Two and three ASCII digits, written together, with a space or with a dash.
_POSTAL_CODE = re.compile(r"([0-9]{2})[- ]?([0-9]{3})")
_POSTAL_CODE_FORM = "{label} musi mieć postać NN-NNN, np. 99-100."


def postal_code(text: str) -> str | None:
    """The code written as NN-NNN; "" for an empty field; None when it is no Polish code.

    "99100", "99 100" and "99-100" are one code, so all three become "99-100".
    """
    stripped = text.strip()
    if not stripped:
        return ""
    found = _POSTAL_CODE.fullmatch(stripped)
    return f"{found[1]}-{found[2]}" if found else None


def postal_code_message(text: str, label: str = "Kod pocztowy") -> str | None:
    """Why `text` is refused, naming the field by `label`; None when it is acceptable."""
    return _POSTAL_CODE_FORM.format(label=label) if postal_code(text) is None else None


def check_postal_code(text: str, field: str, label: str = "Kod pocztowy") -> str:
    """The code as stored (NN-NNN or ""), or a ValidationError naming the field."""
    code = postal_code(text)
    if code is None:
        raise ValidationError(_POSTAL_CODE_FORM.format(label=label), field=field)
    return code


def shown_postal_code(stored: str) -> str:
    """What a list or form shows: older records saved as "99100" read "99-100".

    A stored value that is no code at all is shown as it is, so nothing is hidden.
    """
    return postal_code(stored) or stored


def _email_reason(text: str) -> str | None:
    """The broken part of an address, as the end of a sentence; None when it is fine.

    A pragmatic check of what a typo breaks, not the full standard: national characters
    (also in the domain) are allowed, since such addresses exist.
    """
    if any(char.isspace() for char in text):
        return "nie może zawierać spacji"
    if text.count("@") != 1:
        return "musi zawierać dokładnie jeden znak „@”"
    local, domain = text.split("@")
    if not local:
        return "musi mieć nazwę przed znakiem „@”"
    if "." not in domain:
        return "musi mieć po znaku „@” domenę z kropką, np. gops.pl"
    for label in domain.split("."):
        if not label or label.startswith("-") or label.endswith("-"):
            return "ma niepoprawną domenę po znaku „@”"
        if not all(char.isalnum() or char == "-" for char in label):
            return "ma niedozwolony znak w domenie po znaku „@”"
    return None


def email_message(text: str, label: str = "Adres e-mail") -> str | None:
    """Why `text` is refused, naming the field by `label`; None when it is acceptable."""
    stripped = text.strip()
    reason = _email_reason(stripped) if stripped else None
    return f"{label} {reason}." if reason else None


def check_email(text: str, field: str, label: str = "Adres e-mail") -> str:
    """The address as stored (without surrounding spaces), or a ValidationError."""
    message = email_message(text, label)
    if message is not None:
        raise ValidationError(message, field=field)
    return text.strip()
