"""The JSON exchange format (docs/exchange-format.md): export and all-or-nothing import."""

from app.services.exchange.document import (
    FORMAT_NAME,
    FORMAT_VERSION,
    OPTIONAL_FIELDS,
    RECORD_FIELDS,
    SCHEMA_PATH,
    Document,
)
from app.services.exchange.export import export_register, export_to_file
from app.services.exchange.importer import ImportSummary, import_from_file, import_register

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "OPTIONAL_FIELDS",
    "RECORD_FIELDS",
    "SCHEMA_PATH",
    "Document",
    "ImportSummary",
    "export_register",
    "export_to_file",
    "import_from_file",
    "import_register",
]
