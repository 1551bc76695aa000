"""Names and sizes of attached files: what Windows can hold and what cannot mislead.

An attachment's name becomes a real file name when it is opened or saved, on Windows
and elsewhere; a name that Windows refuses, a device name such as `CON`, a control
character or a right-to-left override (which makes `faktura‮fdp.exe` look like a PDF)
is refused when the file is added, whether by the user or by an import.
"""

import unicodedata

from app.errors import ValidationError

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
MAX_NAME_CHARS = 150  # leaves room for the viewer folder within Windows' 260-character paths
MAX_NAME_BYTES = 255  # one file-name component on ext4 and NTFS (in UTF-8 / UTF-16 units)
MAX_DESCRIPTION_CHARS = 300  # the register's column holds no more
_FORBIDDEN = frozenset('<>:"/\\|?*')
_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]}
)


def bare_name(name: str) -> str:
    """The last part of a path-like name, without folders or a drive."""
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip()


def check_file_name(name: str) -> None:
    """Refuse a name that cannot be an attachment's file name, saying why in Polish."""
    problem = _name_problem(name)
    if problem is not None:
        raise ValidationError(problem, field="file_name")


def check_size(size: int) -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"Plik jest większy niż {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.", field="size"
        )


def checked_description(description: str) -> str:
    """An attachment's description as stored: trimmed, and short enough to be kept whole."""
    text = description.strip()
    if len(text) > MAX_DESCRIPTION_CHARS:
        raise ValidationError(
            f"Opis pliku może mieć najwyżej {MAX_DESCRIPTION_CHARS} znaków (wpisano {len(text)}).",
            field="description",
        )
    return text


def _name_problem(name: str) -> str | None:
    if not name or name in {".", ".."}:
        return "Plik nie ma nazwy."
    if any(ch in _FORBIDDEN for ch in name):
        return 'Nazwa pliku nie może zawierać folderów, dysku ani znaków < > : " / \\ | ? *.'
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} for ch in name):
        return "Nazwa pliku zawiera niewidoczne znaki sterujące albo zmieniające kierunek tekstu."
    if name != name.strip() or name.endswith("."):
        return "Nazwa pliku nie może zaczynać się ani kończyć spacją ani kończyć się kropką."
    if name.split(".", 1)[0].rstrip().upper() in _DEVICES:
        return "Nazwa pliku jest nazwą urządzenia zarezerwowaną przez system Windows."
    if len(name) > MAX_NAME_CHARS or len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"Nazwa pliku jest za długa (najwyżej {MAX_NAME_CHARS} znaków)."
    return None
