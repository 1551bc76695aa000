"""Who of the demo institutions' contacts sits in the gmina's ZI and in the procedures'
GDPs, and when each signed the confidentiality statement.

The demo and the generator share one fictional team, so a trainee meets the same faces
in both: the ZI of eight, the worker in every group, the local police officer, and the
school, health, GKRPA or probation contact a case calls for.
"""

import datetime as dt
import random

from app.domain.enums import Role
from app.sample_data.institutions import INSTITUTIONS, NAMES, institution_data
from app.sample_data.plan import ContactKey, Member
from app.services.records import InstitutionData

WORKER: ContactKey = ("gops", 0)  # the demo's own social worker, in every group
# The ZI: the centre's head chairs it; the NGO's psychologist joined lately, unsigned.
ZI_CHAIR: ContactKey = ("gops", 2)
ZI_NEWCOMER: ContactKey = ("fund", 0)
ZI_MEMBERS: tuple[ContactKey, ...] = (
    ZI_CHAIR,
    WORKER,
    ("kp", 2),
    ("sp1", 0),
    ("oz", 1),
    ("gkrpa", 0),
    ("srr", 0),
    ZI_NEWCOMER,
)
_NEWCOMER_DAYS = 41  # the newcomer was appointed this many days before "today"

# GDP members a case may call for, besides the worker and the police officer.
_OFFICERS: tuple[ContactKey, ...] = (("kp", 0), ("kp", 1))
_RURAL_OFFICER: ContactKey = ("pp", 0)  # the Zmyślona Wola post
_RURAL_TOWN = "Zmyślona Wola"
_SCHOOLS: dict[str, ContactKey] = {
    NAMES[key]: (key, 0) for key in ("sp1", "sp2", "spw", "zsp", "ps")
}
_NURSE: ContactKey = ("oz", 1)
_GKRPA: ContactKey = ("gkrpa", 1)
_PROBATION: ContactKey = ("zkss", 1)
_FAMILY_ASSISTANT: ContactKey = ("gops", 1)
_GDP_POOL = frozenset(
    (WORKER, *_OFFICERS, _RURAL_OFFICER, *_SCHOOLS.values(), _NURSE, _GKRPA, _PROBATION)
) | {_FAMILY_ASSISTANT}


def zi_appointed_on(contact: ContactKey, today: dt.date) -> dt.date:
    """When the wójt's order named the member: before the generator's ten years begin
    (every ZI meeting has its members), the newcomer lately."""
    if contact == ZI_NEWCOMER:
        return today - dt.timedelta(days=_NEWCOMER_DAYS)
    return dt.date(today.year - 10, 2, 1)


def signed_on(contact: ContactKey, today: dt.date) -> dt.date | None:
    """The confidentiality statement of a team member (none yet from the newcomer)."""
    if contact == ZI_NEWCOMER:
        return None
    if contact in ZI_MEMBERS:
        return zi_appointed_on(contact, today)
    if contact in _GDP_POOL:
        return dt.date(today.year - 2, 2, 15)
    return None


def signed_institution(index: int, today: dt.date) -> InstitutionData:
    """The institution at `index` of INSTITUTIONS, its team members' statements dated."""
    data = institution_data(index)
    key = INSTITUTIONS[index][0]
    for number, contact in enumerate(data.contacts):
        contact.confidentiality_signed_on = signed_on((key, number), today)
    return data


def gdp_members(rng: random.Random, members: list[Member]) -> tuple[ContactKey, ...]:
    """Two to four members: the worker, the officer of the family's area, and up to two
    more the case calls for (a child's school, health, alcohol, a probation officer)."""
    victim = next(m for m in members if m.role is Role.VICTIM).person.data
    town = victim.addresses[0].city if victim.addresses else ""
    officer = _RURAL_OFFICER if town == _RURAL_TOWN else rng.choice(_OFFICERS)
    wanted: list[ContactKey] = []
    for member in members:
        school = member.details.get("school_class", "").split(",")[0]
        if school in _SCHOOLS and _SCHOOLS[school] not in wanted:
            wanted.append(_SCHOOLS[school])
        if "addictions" in member.details and _GKRPA not in wanted:
            wanted.append(_GKRPA)
        if "convictions" in member.details and _PROBATION not in wanted:
            wanted.append(_PROBATION)
        if "health_info" in member.details and _NURSE not in wanted:
            wanted.append(_NURSE)
    if not wanted and rng.random() < 0.3:
        wanted.append(_FAMILY_ASSISTANT)
    extra = rng.sample(wanted, min(len(wanted), rng.randint(0, 2)))
    return (WORKER, officer, *extra)
