"""What every window of an unlocked session needs: the register's operations, one signal.

Windows reach the register only through `ops` (off the GUI thread); a write publishes
its change notice on `changed`, and every view decides from it whether to reload.
`locking` tells views the session is being locked: they drop whatever was shown only
on request (revealed protected addresses).
"""

import datetime as dt

from PySide6.QtCore import QObject, Signal

from app.services.changes import Changes
from app.services.register import Register
from app.services.vault import DataFolder
from ui.operations import Operations
from ui.tasks import TaskRunner


class AppContext(QObject):
    changed = Signal(object)
    locking = Signal()

    def __init__(self, folder: DataFolder, register: Register, tasks: TaskRunner) -> None:
        super().__init__()
        self.folder, self.register, self.tasks = folder, register, tasks
        self.ops = Operations(register, tasks, self.publish)

    def today(self) -> dt.date:
        """Today by the register's clock: the date fields' default and their rules' "now"."""
        return self.register.context.today()

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)
