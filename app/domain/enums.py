"""Closed vocabularies of the register, with their Polish labels.

The string values are stored in the database and the exchange format: never change
a value, only add new ones. Labels use only the post-2023 terminology.
"""

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a Polish label for display."""

    @property
    def label(self) -> str:
        return _LABELS[self]


class Sex(Labelled):
    FEMALE = "female"
    MALE = "male"


class ProcedureStatus(Labelled):
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class ClosureGround(Labelled):
    VIOLENCE_STOPPED = "violence_stopped"
    NO_GROUNDS = "no_grounds"


class Role(Labelled):
    VICTIM = "victim"
    PERPETRATOR = "perpetrator"
    HOUSEHOLD_MEMBER = "household_member"


class InitiatorService(Labelled):
    SOCIAL_WORKER = "social_worker"
    POLICE = "police"
    MILITARY_POLICE = "military_police"
    SOW_SOCIAL_WORKER = "sow_social_worker"
    FAMILY_ASSISTANT = "family_assistant"
    TEACHER = "teacher"
    MEDICAL = "medical"
    GKRPA = "gkrpa"
    PEDAGOGUE = "pedagogue"
    PSYCHOLOGIST = "psychologist"
    OTHER = "other"


class InstitutionType(Labelled):
    POLICE = "police"
    SCHOOL = "school"
    KINDERGARTEN = "kindergarten"
    HEALTH_CARE = "health_care"
    GKRPA = "gkrpa"
    COURT = "court"
    PROSECUTOR = "prosecutor"
    SOCIAL_ASSISTANCE = "social_assistance"
    SUPPORT_CENTRE = "support_centre"
    NGO = "ngo"
    OTHER = "other"


class ChronologyKind(Labelled):
    NOTE = "note"
    VISIT = "visit"
    PHONE_CALL = "phone_call"
    LETTER_SENT = "letter_sent"
    DOCUMENT_RECEIVED = "document_received"
    POLICE_NOTICE = "police_notice"
    SYSTEM = "system"


class AddressKind(Labelled):
    RESIDENCE = "residence"
    STAY = "stay"


class ContactKind(Labelled):
    PHONE = "phone"
    EMAIL = "email"
    OTHER = "other"


_LABELS: dict[StrEnum, str] = {
    Sex.FEMALE: "kobieta",
    Sex.MALE: "mężczyzna",
    ProcedureStatus.IN_PROGRESS: "w toku",
    ProcedureStatus.CLOSED: "zakończona",
    ClosureGround.VIOLENCE_STOPPED: (
        "ustanie przemocy domowej i zrealizowanie indywidualnego planu pomocy"
    ),
    ClosureGround.NO_GROUNDS: "brak zasadności podejmowania działań",
    Role.VICTIM: "osoba doznająca przemocy domowej",
    Role.PERPETRATOR: "osoba stosująca przemoc domową",
    Role.HOUSEHOLD_MEMBER: "inny członek gospodarstwa domowego / dziecko",
    InitiatorService.SOCIAL_WORKER: "pracownik socjalny OPS",
    InitiatorService.POLICE: "funkcjonariusz Policji",
    InitiatorService.MILITARY_POLICE: "żołnierz Żandarmerii Wojskowej",
    InitiatorService.SOW_SOCIAL_WORKER: "pracownik socjalny SOW",
    InitiatorService.FAMILY_ASSISTANT: "asystent rodziny",
    InitiatorService.TEACHER: "nauczyciel",
    InitiatorService.MEDICAL: "pracownik ochrony zdrowia",
    InitiatorService.GKRPA: "przedstawiciel GKRPA",
    InitiatorService.PEDAGOGUE: "pedagog szkolny",
    InitiatorService.PSYCHOLOGIST: "psycholog / terapeuta",
    InitiatorService.OTHER: "inna służba",
    InstitutionType.POLICE: "Policja (komisariat, posterunek)",
    InstitutionType.SCHOOL: "szkoła",
    InstitutionType.KINDERGARTEN: "przedszkole",
    InstitutionType.HEALTH_CARE: "ochrona zdrowia",
    InstitutionType.GKRPA: "GKRPA",
    InstitutionType.COURT: "sąd / kuratorzy",
    InstitutionType.PROSECUTOR: "prokuratura",
    InstitutionType.SOCIAL_ASSISTANCE: "OPS / PCPR",
    InstitutionType.SUPPORT_CENTRE: "SOW / ośrodek interwencji kryzysowej",
    InstitutionType.NGO: "organizacja pozarządowa",
    InstitutionType.OTHER: "inna",
    ChronologyKind.NOTE: "notatka",
    ChronologyKind.VISIT: "wizyta",
    ChronologyKind.PHONE_CALL: "rozmowa telefoniczna",
    ChronologyKind.LETTER_SENT: "pismo wysłane",
    ChronologyKind.DOCUMENT_RECEIVED: "dokument otrzymany",
    ChronologyKind.POLICE_NOTICE: "zawiadomienie Policji",
    ChronologyKind.SYSTEM: "zdarzenie w rejestrze",
    AddressKind.RESIDENCE: "adres zamieszkania",
    AddressKind.STAY: "adres pobytu",
    ContactKind.PHONE: "telefon",
    ContactKind.EMAIL: "e-mail",
    ContactKind.OTHER: "inny kontakt",
}
