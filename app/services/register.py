"""The services of one unlocked register, sharing one context: what the windows hold.

The windows never see the database itself; they reach the register only through these
services, which return plain records.
"""

from dataclasses import dataclass
from pathlib import Path

from app.services import calendar_export, exchange
from app.services.appointments import AppointmentService
from app.services.attachments import AttachmentService
from app.services.calendar import CalendarService
from app.services.changes import Changes, Entity
from app.services.chronology import ChronologyService
from app.services.context import Clock, ServiceContext, SystemClock
from app.services.course import CourseService
from app.services.form_printing import FormPrintService
from app.services.form_records import FormRecordService
from app.services.gdp import GdpService
from app.services.institutions import InstitutionService
from app.services.letters import LetterService
from app.services.meetings import MeetingService
from app.services.nka import NkaService
from app.services.participants import ParticipantService
from app.services.procedures import ProcedureService
from app.services.settings_service import SettingsService
from app.services.vault import DataFolder
from app.services.zi import ZiService
from app.storage.db import Database


@dataclass(frozen=True)
class Imported:
    """What an import loaded, and the notice that every list must reload."""

    summary: exchange.ImportSummary
    changes: Changes


class Register:
    def __init__(self, db: Database, clock: Clock | None = None, user: str | None = None) -> None:
        self.context = ServiceContext(db, clock or SystemClock(), user)
        self.procedures = ProcedureService(self.context)
        self.participants = ParticipantService(self.context)
        self.nka = NkaService(self.context)
        self.forms = FormRecordService(self.context)
        self.chronology = ChronologyService(self.context)
        self.attachments = AttachmentService(self.context)
        self.institutions = InstitutionService(self.context)
        self.settings = SettingsService(self.context)
        self.course = CourseService(self.context)
        self.calendar = CalendarService(self.context)
        self.zi = ZiService(self.context)
        self.gdp = GdpService(self.context)
        self.meetings = MeetingService(self.context)
        self.appointments = AppointmentService(self.context)
        self.printing = FormPrintService(self.context)
        self.letters = LetterService(self.context)

    @classmethod
    def unlock(cls, folder: DataFolder, password: str) -> "Register":
        """The register of `folder`, opened with the password."""
        return cls(folder.unlock(password)).opened()

    @classmethod
    def recover(cls, folder: DataFolder, code: str, new_password: str) -> "Register":
        """The register of `folder`, opened with the recovery code; sets a new password."""
        return cls(folder.unlock_with_recovery(code, new_password)).opened()

    def opened(self) -> "Register":
        """What an unlock does once, off the GUI thread: stored deadline dates are
        recomputed if the rule data changed since the last unlock (or the upgrade)."""
        self.course.refresh_if_rules_changed()
        return self

    @property
    def path(self) -> Path:
        """The register's database file."""
        return self.context.db.path

    def page_damage(self) -> list[str]:
        """Pages of the file whose checksum fails, in Polish; [] when all read back intact."""
        return self.context.db.page_damage()

    def export_to_file(self, target: Path, overwrite: bool = False) -> Path:
        return exchange.export_to_file(self.context, target, overwrite)

    def import_from_file(self, source: Path) -> "Imported":
        summary = exchange.import_from_file(self.context, source)
        everything = Changes.of(
            Entity.PROCEDURE, Entity.PERSON, Entity.INSTITUTION, Entity.SETTINGS
        )
        return Imported(summary, everything)

    def export_calendar(self, target: Path, overwrite: bool = False) -> int:
        """Deadlines still to meet as an .ics file; how many it holds."""
        return calendar_export.export_deadlines(self.context, target, overwrite)

    def close(self) -> None:
        self.context.db.close()
