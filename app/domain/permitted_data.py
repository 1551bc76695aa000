"""Which data items the Act (art. 9c ust. 1) allows for each person category.

This is the one place that rule lives: services refuse data outside it and views
show only the fields listed for the person's roles.
"""

from app.domain.enums import Role

# Data items kept on the person's participation in a procedure.
PARTICIPATION_FIELDS: dict[str, str] = {
    "parents_names": "imiona rodziców",
    "kinship": "pokrewieństwo / relacja z osobą stosującą przemoc lub doznającą przemocy",
    "marital_status": "stan cywilny",
    "health_info": "informacje o stanie zdrowia",
    "addictions": "uzależnienia",
    "convictions": "skazania, orzeczenia i inne decyzje sądowe lub administracyjne",
    "family_situation": "sytuacja rodzinna",
    "employment_income": "zatrudnienie i źródła dochodu",
    "housing_situation": "sytuacja mieszkaniowa",
    "school_class": "szkoła i klasa (dziecko)",
}

ALLOWED_PARTICIPATION_FIELDS: dict[Role, frozenset[str]] = {
    Role.VICTIM: frozenset(
        {
            "parents_names",
            "kinship",
            "health_info",
            "addictions",
            "convictions",
            "family_situation",
            "employment_income",
            "housing_situation",
        }
    ),
    Role.PERPETRATOR: frozenset(
        {
            "marital_status",
            "kinship",
            "health_info",
            "addictions",
            "convictions",
            "employment_income",
        }
    ),
    Role.HOUSEHOLD_MEMBER: frozenset({"kinship", "employment_income", "school_class"}),
}

# Addresses and contact details: the Act lists them for victims and perpetrators only.
ROLES_WITH_CONTACT_DATA: frozenset[Role] = frozenset({Role.VICTIM, Role.PERPETRATOR})

# Special-category data (GDPR art. 9–10): encrypted at rest, access to be logged.
SPECIAL_CATEGORY_FIELDS: frozenset[str] = frozenset({"health_info", "addictions", "convictions"})


def may_hold_contact_data(roles: set[Role]) -> bool:
    """A person may have addresses and contacts when any of their roles allows them."""
    return bool(roles & ROLES_WITH_CONTACT_DATA)


def allowed_fields(role: Role) -> frozenset[str]:
    """Participation fields that may be filled for a person in `role`."""
    return ALLOWED_PARTICIPATION_FIELDS[role]
