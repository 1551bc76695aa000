"""What an exchange document is: format name and version, schema file, exchanged columns."""

from typing import Any

from app.storage.models import (
    Attachment,
    Base,
    ChronologyEntry,
    ContactPerson,
    Institution,
    NkaRecord,
    Participation,
    Person,
    PersonAddress,
    PersonContact,
    Procedure,
)
from resources import RESOURCES_DIR

FORMAT_NAME = "nkdesk-exchange"
FORMAT_VERSION = 2
"""2 added attachments' `nka_record_id` and the {nr}/{rok} number pattern; a version-1
file is a version-2 file without them, so both are read (READABLE_VERSIONS)."""
READABLE_VERSIONS = (1, 2)
SCHEMA_PATH = RESOURCES_DIR / "schemas" / f"exchange-v{FORMAT_VERSION}.schema.json"

Document = dict[str, Any]

# Exchanged columns of each record, in document order; nested lists follow them.
# Internal columns (search keys, parent ids, ids of addresses and contacts) stay out.
# A field added after version 1 was published may be missing from older files:
# OPTIONAL_FIELDS names it, and the import reads it as null.
RECORD_FIELDS: dict[type[Base], tuple[str, ...]] = {
    model: tuple(names.split())
    for model, names in (
        (
            Institution,
            "id name type street postal_code city phone email notes created_at updated_at",
        ),
        (ContactPerson, "first_name last_name function phone email"),
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
            NkaRecord,
            "id form_version filled_on filled_place filled_by_service filled_by_service_other"
            " filled_by_institution_id filled_by_institution_name filled_by_name"
            " received_by_chair_on content person_ids created_at",
        ),
        (ChronologyEntry, "id occurred_on kind title body author created_at"),
        (
            Attachment,
            "id chronology_entry_id nka_record_id file_name media_type size sha256 description"
            " created_at",
        ),
    )
}

OPTIONAL_FIELDS: dict[type[Base], frozenset[str]] = {Attachment: frozenset({"nka_record_id"})}
