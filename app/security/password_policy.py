"""Password strength: a simple, explainable rule rather than a score nobody understands."""

from dataclasses import dataclass

MIN_LENGTH = 10
_COMMON_PARTS = (
    "haslo",
    "hasło",
    "password",
    "qwerty",
    "123456",
    "niebieska",
    "karta",
    "gops",
    "admin",
)


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (unacceptable) … 4 (strong)
    message: str

    @property
    def acceptable(self) -> bool:
        return self.score >= 2


def assess(password: str) -> Strength:
    """Judge a new password; the message says what to improve, in Polish."""
    if len(password) < MIN_LENGTH:
        return Strength(0, f"Hasło jest za krótkie — wymagane co najmniej {MIN_LENGTH} znaków.")
    lowered = password.lower()
    if any(part in lowered for part in _COMMON_PARTS) or len(set(password)) < 5:
        return Strength(1, "Hasło jest zbyt łatwe do odgadnięcia (popularne słowo lub wzór).")
    classes = sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if len(password) >= 16 or (len(password) >= 12 and classes >= 3):
        return Strength(4, "Silne hasło.")
    if classes >= 3 or len(password) >= 14:
        return Strength(3, "Dobre hasło.")
    if classes >= 2:
        return Strength(2, "Hasło do przyjęcia; dłuższe byłoby bezpieczniejsze.")
    return Strength(1, "Użyj małych i wielkich liter, cyfr lub znaków specjalnych.")
