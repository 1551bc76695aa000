"""Which kind of institution an NK-A's filling service usually works in.

When a name typed into an NK-A is added to the directory, its kind is proposed from the
service chosen on the form; services with no one obvious kind propose none, so the worker
chooses instead of correcting a wrong guess.
"""

from app.domain.enums import InitiatorService, InstitutionType

_KIND_OF_SERVICE: dict[InitiatorService, InstitutionType] = {
    InitiatorService.POLICE: InstitutionType.POLICE,
    InitiatorService.SOCIAL_WORKER: InstitutionType.SOCIAL_ASSISTANCE,
    InitiatorService.FAMILY_ASSISTANT: InstitutionType.SOCIAL_ASSISTANCE,
    InitiatorService.SOW_SOCIAL_WORKER: InstitutionType.SUPPORT_CENTRE,
    InitiatorService.TEACHER: InstitutionType.SCHOOL,
    InitiatorService.PEDAGOGUE: InstitutionType.SCHOOL,
    InitiatorService.MEDICAL: InstitutionType.HEALTH_CARE,
    InitiatorService.GKRPA: InstitutionType.GKRPA,
}


def institution_kind_for(service: str) -> InstitutionType | None:
    """The kind to propose for an institution of `service`; None when there is no clear one."""
    try:
        return _KIND_OF_SERVICE.get(InitiatorService(service))
    except ValueError:
        return None
