"""What an exchange document is: format name and versions, schema files, exchanged columns."""

from pathlib import Path
from typing import Any

from app.storage.models import (
    Appointment,
    Attachment,
    Base,
    ChronologyEntry,
    ContactPerson,
    DeadlineNote,
    FormRecord,
    Gdp,
    Institution,
    LetterRecord,
    LetterTemplate,
    Meeting,
    MeetingParticipant,
    Participation,
    Person,
    PersonAddress,
    PersonContact,
    Procedure,
    ProcedureEvent,
    ZiMember,
)
from resources import RESOURCES_DIR

FORMAT_NAME = "nkdesk-exchange"
FORMAT_VERSION = 4
"""4 added each procedure's filled NK-B, NK-C and NK-D forms (`forms`) and letters sent
(`letters`), and the letter templates the worker edited (`letter_templates`); 3 added each
procedure's course (`events`, `deadline_notes`), its `gdp` and `meetings`, the ZI
(`zi_members`, `zi_meetings`), the worker's `appointments` and the contact persons' `id`
and `confidentiality_signed_on`, and moved an NK-A's `received_by_chair_on` into its
events; 2 added attachments' `nka_record_id` and the {nr}/{rok} number pattern. Every
version in READABLE_VERSIONS is read."""
READABLE_VERSIONS = (1, 2, 3, 4)
# A version-1 file is a version-2 file without 2's additions, so 2's schema judges both;
# 3 removed a field and 4 requires `forms`, so their files have schemas of their own.
_SCHEMA_VERSION = {1: 2, 2: 2, 3: 3, 4: 4}


def schema_path(version: int) -> Path:
    """The JSON Schema that a file of this (readable) format version is checked against."""
    return RESOURCES_DIR / "schemas" / f"exchange-v{_SCHEMA_VERSION[version]}.schema.json"


SCHEMA_PATH = schema_path(FORMAT_VERSION)

Document = dict[str, Any]

# Exchanged columns of each record, in document order; nested lists follow them.
# Internal columns (search and list keys, parent ids, ids of addresses, contacts, deadline
# notes, ZI members, GDPs and meeting participants) stay out. A GDP's members go out as
# its `contact_person_ids`.
# A field of a version-3 record that a version-3 file may lack is in OPTIONAL_FIELDS; the
# import reads it, and any field an older version did not have yet, as null.
RECORD_FIELDS: dict[type[Base], tuple[str, ...]] = {
    model: tuple(names.split())
    for model, names in (
        (
            Institution,
            "id name type street postal_code city phone email notes created_at updated_at",
        ),
        (
            ContactPerson,
            "id first_name last_name function phone email confidentiality_signed_on",
        ),
        (Person, "id first_name last_name pesel birth_date sex created_at updated_at deleted_at"),
        (PersonAddress, "kind street postal_code city do_not_disclose"),
        (PersonContact, "kind value do_not_disclose"),
        (
            Procedure,
            "id number year seq started_on status closed_on closure_ground"
            " closure_justification notes created_at updated_at deleted_at",
        ),
        (Participation, "id person_id role details"),
        (
            FormRecord,
            "id form_version filled_on filled_place filled_by_service filled_by_service_other"
            " filled_by_institution_id filled_by_institution_name filled_by_name"
            " content person_ids created_at",
        ),
        (ChronologyEntry, "id occurred_on kind title body author created_at"),
        (
            Attachment,
            "id chronology_entry_id nka_record_id file_name media_type size sha256 description"
            " created_at",
        ),
        (ProcedureEvent, "id kind occurred_on nka_record_id person_id note created_at"),
        (DeadlineNote, "step nka_record_id reason created_at"),
        (Gdp, "created_on note"),
        (
            Meeting,
            "id kind held_on starts_at ends_at status place remote_link agenda"
            " invitations_sent_on invitations_how minutes decisions created_at updated_at",
        ),
        (MeetingParticipant, "contact_person_id person_id role name function attendance"),
        (ZiMember, "contact_person_id is_chair appointed_on"),
        (Appointment, "id day starts_at ends_at title place note procedure_id created_at"),
        (LetterTemplate, "name title text updated_at"),
        (
            LetterRecord,
            "id letter title sent_on recipient how address address_kind address_protected"
            " created_at",
        ),
    )
}

# A form's `person_ids` are rows of FormRecordPerson, not a column of the form.
LINKED_PEOPLE = "person_ids"
# The NK-B, NK-C and NK-D records (a procedure's `forms`): FormRecord rows whose form is not
# NK-A, without NK-A's columns about the service that filled it in.
OTHER_FORM_FIELDS = tuple(
    [
        "id",
        "form",
        "form_version",
        "filled_on",
        "filled_place",
        "filled_by_name",
        "content",
        "person_ids",
        "created_at",
    ]
)

OPTIONAL_FIELDS: dict[type[Base], frozenset[str]] = {Attachment: frozenset({"nka_record_id"})}
