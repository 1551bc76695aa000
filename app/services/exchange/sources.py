"""Where an import reads from: an exchange file on disk or a document already in memory.

Both give the document's top-level fields in their order; the lists of records
(`institutions`, `persons`, `procedures` and the others in STREAMED) come as iterators of
single records, so a file is never held whole in memory.
"""

from collections.abc import Iterator
from typing import Any, Protocol

from app.services.exchange.document import Document

STREAMED = frozenset(
    {
        "letter_templates",
        "institutions",
        "persons",
        "zi_members",
        "zi_meetings",
        "procedures",
        "appointments",
    }
)
HEADER = frozenset({"format", "format_version"})

Entry = tuple[str, Any]


class Source(Protocol):
    def entries(self, only: frozenset[str] | None = None) -> Iterator[Entry]:
        """(key, value) of each top-level field in document order, or of `only` those.

        The value of a streamed list is an iterator of its records; any other value is
        given whole. An iterator left unfinished is skipped when the next field is asked.
        """

    def header(self) -> Document:
        """The `format` and `format_version` fields the document has, wherever they stand."""


class DocumentSource:
    """A document already in memory (tests, and callers that built one)."""

    def __init__(self, document: Document) -> None:
        self._document = document

    def entries(self, only: frozenset[str] | None = None) -> Iterator[Entry]:
        for key, value in self._document.items():
            if only is not None and key not in only:
                continue
            yield key, iter(value) if key in STREAMED and isinstance(value, list) else value

    def header(self) -> Document:
        return {key: value for key, value in self._document.items() if key in HEADER}
