"""What a service call changed, so every open view can tell whether it must reload.

A notice names the kinds of record that changed and the procedures they belong to; a
procedure window reloads only when its own procedure is named. A notice that names the
procedure kind but no procedure (an import) concerns every procedure.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Entity(StrEnum):
    PROCEDURE = "procedure"
    PERSON = "person"
    INSTITUTION = "institution"
    SETTINGS = "settings"
    MEETING = "meeting"  # meetings, the ZI's members, a GDP, the worker's own appointments


@dataclass(frozen=True)
class Changes:
    """Kinds of record changed, the procedures concerned and the id of the saved record.

    `record_id` is the id of the record the call created or edited, of the kind the
    service is about (a procedure, a participation, an NK-A record, a chronology entry,
    an attachment, an institution, a person), so the caller can select or open it.
    """

    entities: frozenset[Entity]
    procedure_ids: frozenset[int] = frozenset()
    record_id: int | None = None

    @classmethod
    def of(
        cls, *entities: Entity, procedures: Iterable[int] = (), record_id: int | None = None
    ) -> "Changes":
        return cls(frozenset(entities), frozenset(procedures), record_id)

    def touches(self, entity: Entity) -> bool:
        return entity in self.entities

    def touches_procedure(self, procedure_id: int) -> bool:
        """Whether a view of this one procedure must reload."""
        if not (self.touches(Entity.PROCEDURE) or self.touches(Entity.PERSON)):
            return False
        return not self.procedure_ids or procedure_id in self.procedure_ids
