"""Closed vocabularies of the register, with their Polish labels.

The string values are stored in the database and the exchange format: never change
a value, only add new ones. Labels use only the post-2023 terminology.
"""

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a Polish label for display."""

    @property
    def label(self) -> str:
        return _LABELS[(type(self), self.value)]


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


class CourseEvent(Labelled):
    """A dated step of the procedure's course; the deadline rules name these values.

    The NK-A itself (its filling date) and the closure are kept on their own records;
    everything else the law asks for is one of these, per NK-A or per person where it
    says so.
    """

    NKA_RECEIVED_BY_CHAIR = "nka_received_by_chair"
    NKA_PASSED_TO_GDP = "nka_passed_to_gdp"
    NKB_HANDED = "nkb_handed"
    GDP_MEETING = "gdp_meeting"
    PERPETRATOR_PRESENT_AT_OPENING = "perpetrator_present_at_opening"
    PERPETRATOR_NOTIFIED = "perpetrator_notified"
    VICTIM_INVITED = "victim_invited"
    NKC_FILLED = "nkc_filled"
    PERPETRATOR_INVITED = "perpetrator_invited"
    NKD_FILLED = "nkd_filled"
    PERPETRATOR_DID_NOT_COME = "perpetrator_did_not_come"
    HELP_PLAN = "help_plan"
    CHAIR_INFORMED_OF_CLOSURE = "chair_informed_of_closure"
    MONITORING = "monitoring"


class MeetingKind(Labelled):
    """Whose meeting: the ZI's (no procedure) or one procedure's GDP."""

    ZI = "zi"
    GDP = "gdp"


class MeetingStatus(Labelled):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class Attendance(Labelled):
    """Whether an invited participant came, recorded after the meeting."""

    UNKNOWN = "unknown"
    PRESENT = "present"
    ABSENT = "absent"


class InvitationMethod(Labelled):
    LETTER = "letter"
    IN_PERSON = "in_person"
    PHONE = "phone"
    EMAIL = "email"
    POLICE = "police"


class AddressKind(Labelled):
    RESIDENCE = "residence"
    STAY = "stay"


class ContactKind(Labelled):
    PHONE = "phone"
    EMAIL = "email"
    OTHER = "other"


_LABELS: dict[tuple[type[StrEnum], str], str] = {
    (Sex, Sex.FEMALE.value): "kobieta",
    (Sex, Sex.MALE.value): "mężczyzna",
    (ProcedureStatus, ProcedureStatus.IN_PROGRESS.value): "w toku",
    (ProcedureStatus, ProcedureStatus.CLOSED.value): "zakończona",
    (ClosureGround, ClosureGround.VIOLENCE_STOPPED.value): (
        "ustanie przemocy domowej, uzasadnione przypuszczenie o zaprzestaniu dalszego jej "
        "stosowania i zrealizowanie indywidualnego planu pomocy"
    ),
    (ClosureGround, ClosureGround.NO_GROUNDS.value): "brak zasadności podejmowania działań",
    (Role, Role.VICTIM.value): "osoba doznająca przemocy domowej",
    (Role, Role.PERPETRATOR.value): "osoba stosująca przemoc domową",
    (Role, Role.HOUSEHOLD_MEMBER.value): "inny członek gospodarstwa domowego / dziecko",
    (InitiatorService, InitiatorService.SOCIAL_WORKER.value): "pracownik socjalny OPS",
    (InitiatorService, InitiatorService.POLICE.value): "funkcjonariusz Policji",
    (InitiatorService, InitiatorService.MILITARY_POLICE.value): "żołnierz Żandarmerii Wojskowej",
    (InitiatorService, InitiatorService.SOW_SOCIAL_WORKER.value): "pracownik socjalny SOW",
    (InitiatorService, InitiatorService.FAMILY_ASSISTANT.value): "asystent rodziny",
    (InitiatorService, InitiatorService.TEACHER.value): "nauczyciel",
    (InitiatorService, InitiatorService.MEDICAL.value): "osoba wykonująca zawód medyczny",
    (InitiatorService, InitiatorService.GKRPA.value): "przedstawiciel GKRPA",
    (InitiatorService, InitiatorService.PEDAGOGUE.value): "pedagog",
    (InitiatorService, InitiatorService.PSYCHOLOGIST.value): "psycholog / terapeuta",
    (InitiatorService, InitiatorService.OTHER.value): "inna służba",
    (InstitutionType, InstitutionType.POLICE.value): "Policja (komisariat, posterunek)",
    (InstitutionType, InstitutionType.SCHOOL.value): "szkoła",
    (InstitutionType, InstitutionType.KINDERGARTEN.value): "przedszkole",
    (InstitutionType, InstitutionType.HEALTH_CARE.value): "ochrona zdrowia",
    (InstitutionType, InstitutionType.GKRPA.value): "GKRPA",
    (InstitutionType, InstitutionType.COURT.value): "sąd / kuratorzy",
    (InstitutionType, InstitutionType.PROSECUTOR.value): "prokuratura",
    (InstitutionType, InstitutionType.SOCIAL_ASSISTANCE.value): "OPS / PCPR",
    (InstitutionType, InstitutionType.SUPPORT_CENTRE.value): "SOW / ośrodek interwencji kryzysowej",
    (InstitutionType, InstitutionType.NGO.value): "organizacja pozarządowa",
    (InstitutionType, InstitutionType.OTHER.value): "inna",
    (ChronologyKind, ChronologyKind.NOTE.value): "notatka",
    (ChronologyKind, ChronologyKind.VISIT.value): "wizyta",
    (ChronologyKind, ChronologyKind.PHONE_CALL.value): "rozmowa telefoniczna",
    (ChronologyKind, ChronologyKind.LETTER_SENT.value): "pismo wysłane",
    (ChronologyKind, ChronologyKind.DOCUMENT_RECEIVED.value): "dokument otrzymany",
    (ChronologyKind, ChronologyKind.POLICE_NOTICE.value): "zawiadomienie Policji",
    (ChronologyKind, ChronologyKind.SYSTEM.value): "zdarzenie w rejestrze",
    (CourseEvent, CourseEvent.NKA_RECEIVED_BY_CHAIR.value): (
        "NK-A otrzymana przez przewodniczącego ZI"
    ),
    (CourseEvent, CourseEvent.NKA_PASSED_TO_GDP.value): "NK-A przekazana członkom GDP",
    (CourseEvent, CourseEvent.NKB_HANDED.value): "NK-B przekazana osobie doznającej przemocy",
    (CourseEvent, CourseEvent.GDP_MEETING.value): "posiedzenie GDP",
    (CourseEvent, CourseEvent.PERPETRATOR_PRESENT_AT_OPENING.value): (
        "osoba stosująca przemoc obecna przy wszczęciu"
    ),
    (CourseEvent, CourseEvent.PERPETRATOR_NOTIFIED.value): (
        "osoba stosująca przemoc powiadomiona o wszczęciu"
    ),
    (CourseEvent, CourseEvent.VICTIM_INVITED.value): "zaproszenie osoby doznającej przemocy",
    (CourseEvent, CourseEvent.NKC_FILLED.value): "NK-C wypełniona z osobą doznającą przemocy",
    (CourseEvent, CourseEvent.PERPETRATOR_INVITED.value): "wezwanie osoby stosującej przemoc",
    (CourseEvent, CourseEvent.NKD_FILLED.value): "NK-D wypełniona z osobą stosującą przemoc",
    (CourseEvent, CourseEvent.PERPETRATOR_DID_NOT_COME.value): (
        "osoba stosująca przemoc nie stawiła się"
    ),
    (CourseEvent, CourseEvent.HELP_PLAN.value): "indywidualny plan pomocy",
    (CourseEvent, CourseEvent.CHAIR_INFORMED_OF_CLOSURE.value): (
        "przewodniczący ZI poinformowany o zakończeniu"
    ),
    (CourseEvent, CourseEvent.MONITORING.value): "monitorowanie sytuacji po zakończeniu",
    (MeetingKind, MeetingKind.ZI.value): "posiedzenie ZI",
    (MeetingKind, MeetingKind.GDP.value): "posiedzenie GDP",
    (MeetingStatus, MeetingStatus.PLANNED.value): "zaplanowane",
    (MeetingStatus, MeetingStatus.HELD.value): "odbyło się",
    (MeetingStatus, MeetingStatus.CANCELLED.value): "odwołane",
    (Attendance, Attendance.UNKNOWN.value): "nie odnotowano",
    (Attendance, Attendance.PRESENT.value): "obecny/a",
    (Attendance, Attendance.ABSENT.value): "nieobecny/a",
    (InvitationMethod, InvitationMethod.LETTER.value): "pismo (poczta)",
    (InvitationMethod, InvitationMethod.IN_PERSON.value): "doręczone osobiście",
    (InvitationMethod, InvitationMethod.PHONE.value): "telefonicznie",
    (InvitationMethod, InvitationMethod.EMAIL.value): "e-mail",
    (InvitationMethod, InvitationMethod.POLICE.value): "przez dzielnicowego",
    (AddressKind, AddressKind.RESIDENCE.value): "adres zamieszkania",
    (AddressKind, AddressKind.STAY.value): "adres pobytu",
    (ContactKind, ContactKind.PHONE.value): "telefon",
    (ContactKind, ContactKind.EMAIL.value): "e-mail",
    (ContactKind, ContactKind.OTHER.value): "inny kontakt",
}
