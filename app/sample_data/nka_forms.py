"""What each demo NK-A form says: who filled it, when, where and about what."""

import datetime as dt
import random

from app.domain import nka_form
from app.domain.enums import InitiatorService
from app.domain.identity import age_on
from app.sample_data.institutions import CONTACTS, INITIATORS, NAMES
from app.sample_data.plan import Family, Nka
from app.sample_data.planner import Planner
from app.sample_data.vocabulary import SOLDIER, STORIES


def draw_nka(planner: Planner, family: Family, day: dt.date, repeat: int) -> Nka:
    """One NK-A about `family` filled on `day`; `repeat` counts earlier forms in the procedure."""
    rng = planner.rng
    has_children = family.kind == "two_victims" or any(
        age_on(p.data.birth_date or day, day) < 18 for p, _ in family.others
    )
    choices = [InitiatorService.POLICE] * 5 + [
        InitiatorService.SOCIAL_WORKER,
        InitiatorService.SOCIAL_WORKER,
        InitiatorService.MEDICAL,
        InitiatorService.GKRPA,
        InitiatorService.SOW_SOCIAL_WORKER,
        InitiatorService.FAMILY_ASSISTANT,
        InitiatorService.PSYCHOLOGIST,
    ]
    if has_children:
        choices += [
            InitiatorService.PEDAGOGUE,
            InitiatorService.PEDAGOGUE,
            InitiatorService.TEACHER,
            InitiatorService.OTHER,
        ]
    if family.perpetrators[0].details.get("employment_income") == SOLDIER:
        choices.append(InitiatorService.MILITARY_POLICE)
    service = rng.choice(choices)
    key, index = rng.choice(INITIATORS[service])
    first, last, function = CONTACTS[key][index]
    victim = family.victims[0].person.data
    home = victim.addresses[0] if victim.addresses else None
    at_home = f"mieszkanie, {home.street}, {home.city}" if home else "miejsce zamieszkania"
    place = at_home if service is InitiatorService.POLICE else NAMES[key]
    return Nka(
        filled_on=day,
        service=service,
        institution=key,
        filled_by=f"{first} {last} ({function})",
        place=place,
        received=None,  # timed with the rest of the course (`course_plan.draw_course`)
        content=_content(rng, family, day, at_home, service, repeat),
    )


def _content(
    rng: random.Random,
    family: Family,
    day: dt.date,
    place: str,
    service: InitiatorService,
    repeat: int,
) -> dict[str, object]:
    kind = family.kind
    hour, minute = rng.choice((7, 16, 19, 20, 21, 22, 23)), rng.choice((0, 15, 30, 45))
    content: dict[str, object] = {
        "incident_date": (day - dt.timedelta(days=rng.randint(0, 2))).isoformat(),
        "incident_time": f"{hour:02d}:{minute:02d}",
        "incident_place": place,
        "psychological": _ticked(rng, "psychological", 1, 3),
    }
    violent = kind not in {"ex_partner", "elderly_parent"} or rng.random() < 0.3
    if violent:
        content["physical"] = _ticked(rng, "physical", 1, 2)
    if kind in {"elderly_parent", "grandparents"} or rng.random() < 0.3:
        content["economic"] = _ticked(rng, "economic", 1, 2)
    if kind == "ex_partner":
        content["electronic"] = {
            "other": "obraźliwe i zastraszające wiadomości SMS oraz w komunikatorze"
        }
    if kind == "two_victims":
        content["other_forms"] = {"selected": ["zaniedbanie"]}
    drinking = rng.choice(("tak", "tak", "nie", "nie wiadomo"))
    injured = violent and rng.random() < 0.5
    content |= {
        "injuries_present": "tak" if injured else "nie",
        "medical_help": "tak" if injured and rng.random() < 0.6 else "nie",
        "perpetrator_under_influence": drinking,
        "victim_under_influence": "nie",
        "firearm_access": rng.choice(("nie", "nie", "nie", "nie wiadomo")),
        "victim_feels_safe": rng.choice(("nie", "trudno powiedzieć", "tak")),
        "nkb_handed": True,
        "nkb_handed_to": "osobie doznającej przemocy domowej",
    }
    if injured:
        content["injuries_description"] = rng.choice(
            ("zasinienie przedramienia", "zadrapania szyi", "obrzęk policzka")
        )
    story = STORIES[kind]
    content["description"] = f"{story} (Opis fikcyjny.)"
    if drinking == "tak":
        content["safety_notes"] = (
            "Osoba doznająca przemocy boi się powrotu osoby stosującej przemoc "
            "pod wpływem alkoholu."
        )
    if family.others or len(family.victims) > 1:
        content["witnesses"] = "domownicy obecni w mieszkaniu (dane fikcyjne)"
    else:
        content["witnesses"] = "sąsiadka z tego samego piętra (dane fikcyjne)"
    if repeat:
        content["earlier_interventions"] = (
            f"Kolejny formularz w tej procedurze (nr {repeat + 1}); wcześniejsze interwencje "
            "Policji w tym roku."
        )
    actions = ["wezwano Policję"] if service is not InitiatorService.POLICE else []
    if injured:
        actions.append("udzielono pierwszej pomocy / wezwano pogotowie")
    if drinking == "tak" and rng.random() < 0.5:
        actions.append("zatrzymano osobę stosującą przemoc")
    if service is InitiatorService.POLICE and rng.random() < 0.3:
        actions.append("wydano nakaz / zakaz (Policja)")
    if actions:
        content["actions_taken"] = {"selected": actions}
    if service in {
        InitiatorService.PEDAGOGUE,
        InitiatorService.TEACHER,
        InitiatorService.OTHER,
    }:
        content["filled_without_victim"] = True
        content["without_victim_reason"] = (
            "zgłoszenie dotyczy dziecka; rodzic poinformowany telefonicznie"
        )
        content["nkb_handed"] = False  # handed later, when the GDP meets the victim
        del content["nkb_handed_to"]
    if rng.random() < 0.4:
        content["additional_info"] = "Rodzina znana GOPS z powodu trudności opiekuńczych."
    return content


def _ticked(rng: random.Random, field_id: str, least: int, most: int) -> dict[str, list[str]]:
    """A few boxes of an NK-A checklist, taken from the form definition itself."""
    item = nka_form.definition().field(field_id)
    assert item is not None
    chosen = set(rng.sample(item.options, rng.randint(least, most)))
    return {"selected": [option for option in item.options if option in chosen]}
