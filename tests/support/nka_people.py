"""Whom a test's NK-A names: at least one victim and one perpetrator of its procedure
(Reg. § 2 ust. 4), as NkaService.save requires. All people are fictional."""

from app.domain.enums import Role
from app.services.context import ServiceContext
from app.services.participants import ParticipantService
from app.services.procedures import ProcedureService
from app.services.records import ParticipantData, PersonData

STAND_INS = {
    Role.VICTIM: PersonData("Ewa", "Przykładowa"),
    Role.PERPETRATOR: PersonData("Adam", "Przykładowy"),
}


def nka_people(context: ServiceContext, procedure_id: int) -> list[int]:
    """The procedure's victims and perpetrators (person ids), first adding a fictional
    one of each role it has none of."""
    procedures = ProcedureService(context)
    held = {p.role for p in procedures.detail(procedure_id).participants}
    for role, person in STAND_INS.items():
        if role not in held:
            ParticipantService(context).save(procedure_id, ParticipantData(person, role))
    return list(
        dict.fromkeys(
            p.person.id for p in procedures.detail(procedure_id).participants if p.role in STAND_INS
        )
    )
