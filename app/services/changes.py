"""What a service call changed, so the UI can tell every view in one signal."""

from dataclasses import dataclass
from enum import StrEnum


class Entity(StrEnum):
    PROCEDURE = "procedure"
    PERSON = "person"
    INSTITUTION = "institution"
    SETTINGS = "settings"


@dataclass(frozen=True)
class Changes:
    entities: frozenset[Entity]
    record_id: int | None = None

    @classmethod
    def of(cls, *entities: Entity, record_id: int | None = None) -> "Changes":
        return cls(frozenset(entities), record_id)

    def touches(self, entity: Entity) -> bool:
        return entity in self.entities
