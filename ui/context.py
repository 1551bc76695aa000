"""What every window of an unlocked session needs: services, the task runner, one signal.

Services return `Changes`; windows pass them to `publish`, and every view listening
to `changed` decides for itself whether to reload.
"""

from PySide6.QtCore import QObject, Signal

from app.services.attachments import AttachmentService
from app.services.changes import Changes
from app.services.chronology import ChronologyService
from app.services.institutions import InstitutionService
from app.services.nka import NkaService
from app.services.participants import ParticipantService
from app.services.procedures import ProcedureService
from app.services.settings_service import SettingsService
from app.services.vault import DataFolder
from app.storage.db import Database
from ui.tasks import TaskRunner


class AppContext(QObject):
    changed = Signal(object)

    def __init__(self, folder: DataFolder, db: Database, tasks: TaskRunner) -> None:
        super().__init__()
        self.folder, self.db, self.tasks = folder, db, tasks
        self.procedures = ProcedureService(db)
        self.participants = ParticipantService(db)
        self.nka = NkaService(db)
        self.chronology = ChronologyService(db)
        self.attachments = AttachmentService(db)
        self.institutions = InstitutionService(db)
        self.settings = SettingsService(db)

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)
