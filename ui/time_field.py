"""An hour field for meetings and appointments: 24-hour HH:MM, read as whole minutes.

Reached with Tab, the hour is selected, so typing „1430” gives 14:30.
"""

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QTimeEdit


def time_field(value: dt.time, name: str) -> QTimeEdit:
    field = QTimeEdit(QTime(value.hour, value.minute))
    field.setDisplayFormat("HH:mm")
    field.setAccessibleName(name)
    return field


def time_of(field: QTimeEdit) -> dt.time:
    shown = field.time()
    return dt.time(shown.hour(), shown.minute())
