"""The worker's own appointments in the calendar (a training, a court hearing, a home
visit to plan), optionally about one procedure, named by its number."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.domain import procedure_rules
from app.errors import NotFoundError, ValidationError
from app.services.changes import Changes, Entity
from app.services.context import ServiceContext
from app.storage.models import Appointment, Procedure


@dataclass
class AppointmentData:
    day: dt.date
    title: str
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    place: str = ""
    note: str = ""
    procedure_number: str = ""


@dataclass(frozen=True)
class AppointmentView:
    id: int
    day: dt.date
    title: str
    starts_at: dt.time | None
    ends_at: dt.time | None
    place: str
    note: str
    procedure_id: int | None
    procedure_number: str


class AppointmentService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def get(self, appointment_id: int) -> AppointmentView:
        with self._ctx.read() as session:
            found = session.get(Appointment, appointment_id)
            if found is None:
                raise NotFoundError("Tego terminu nie ma już w kalendarzu.")
            number = ""
            if found.procedure_id is not None:
                number = session.get_one(Procedure, found.procedure_id).number
            return AppointmentView(
                found.id,
                found.day,
                found.title,
                found.starts_at,
                found.ends_at,
                found.place,
                found.note,
                found.procedure_id,
                number,
            )

    def save(self, data: AppointmentData, appointment_id: int | None = None) -> Changes:
        check_appointment(data, self._ctx.today())
        with self._ctx.write() as session:
            procedure_id = None
            number = data.procedure_number.strip()
            if number:
                procedure_id = session.scalar(
                    select(Procedure.id).where(
                        Procedure.number == number, Procedure.deleted_at.is_(None)
                    )
                )
                if procedure_id is None:
                    raise ValidationError(
                        f"Nie ma procedury o numerze {number}.", "procedure_number"
                    )
            if appointment_id is None:
                appointment = Appointment()
                session.add(appointment)
            else:
                found = session.get(Appointment, appointment_id)
                if found is None:
                    raise NotFoundError("Tego terminu nie ma już w kalendarzu.")
                appointment = found
            appointment.day, appointment.title = data.day, data.title.strip()
            appointment.starts_at, appointment.ends_at = data.starts_at, data.ends_at
            appointment.place, appointment.note = data.place.strip(), data.note.strip()
            appointment.procedure_id = procedure_id
            session.flush()
            return Changes.of(Entity.MEETING, record_id=appointment.id)

    def delete(self, appointment_id: int) -> Changes:
        with self._ctx.write() as session:
            found = session.get(Appointment, appointment_id)
            if found is None:
                raise NotFoundError("Tego terminu nie ma już w kalendarzu.")
            session.delete(found)
            return Changes.of(Entity.MEETING, record_id=appointment_id)


def check_appointment(data: AppointmentData, today: dt.date) -> None:
    """The rule for one appointment; the import checks file records with this same rule."""
    if not data.title.strip():
        raise ValidationError("Wpisz, czego dotyczy termin.", "title")
    if data.day.year < procedure_rules.EARLIEST_YEAR or data.day.year > today.year + 5:
        raise ValidationError("Data terminu jest poza rozsądnym zakresem.", "day")
    if data.ends_at is not None and data.starts_at is None:
        raise ValidationError("Podaj też godzinę rozpoczęcia.", "starts_at")
    if data.starts_at is not None and data.ends_at is not None and data.ends_at <= data.starts_at:
        raise ValidationError(
            "Godzina zakończenia musi być późniejsza niż godzina rozpoczęcia.", "ends_at"
        )
