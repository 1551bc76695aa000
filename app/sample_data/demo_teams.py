"""Writes the demo's teams through the public services, so they obey every rule typed
ones do: the ZI, each procedure's group and meetings (the separation of the victim from
the perpetrator included), the ZI's meetings and the worker's own appointments."""

from app.sample_data.institutions import INSTITUTIONS
from app.sample_data.meeting_data import meeting_data
from app.sample_data.plan import Appointment, ContactKey, Meeting, Procedure
from app.sample_data.teams import ZI_CHAIR, ZI_MEMBERS, signed_on, zi_appointed_on
from app.services.appointments import AppointmentData, AppointmentService
from app.services.context import ServiceContext
from app.services.gdp import GdpData, GdpService
from app.services.meetings import MeetingService, ParticipantData
from app.services.zi import ZiMemberData, ZiService


class TeamWriter:
    """Saves the planned teams of one register; `write_zi` first (it learns the ids of
    the directory's contacts)."""

    def __init__(self, context: ServiceContext) -> None:
        self._today = context.today()
        self._zi = ZiService(context)
        self._gdp = GdpService(context)
        self._meetings = MeetingService(context)
        self._appointments = AppointmentService(context)
        self._contacts: dict[ContactKey, int] = {}

    def write_zi(self) -> None:
        """The ZI's members, picked from the directory by institution and name."""
        by_name = {(option.institution, option.name): option.id for option in self._zi.contacts()}
        for key, _, name, _, _, contacts in INSTITUTIONS:
            for index, (first, last, _) in enumerate(contacts):
                self._contacts[(key, index)] = by_name[(name, f"{last} {first}")]
        for member in ZI_MEMBERS:
            self._zi.save_member(
                ZiMemberData(
                    self._contacts[member],
                    is_chair=member == ZI_CHAIR,
                    appointed_on=zi_appointed_on(member, self._today),
                    confidentiality_signed_on=signed_on(member, self._today),
                )
            )

    def write_group(self, procedure_id: int, number: str, proc: Procedure) -> None:
        """The procedure's group (with the NK-A's hand-over), meetings and appointments."""
        gdp = proc.gdp
        if gdp is not None:
            self._gdp.save(
                procedure_id,
                GdpData(
                    gdp.created_on,
                    [self._contacts[member] for member in gdp.members],
                    nka_passed_on=gdp.created_on if gdp.hands_over else None,
                ),
            )
        for meeting in proc.meetings:
            self.write_meeting(meeting, procedure_id)
        for appointment in proc.appointments:
            self.write_appointment(appointment, number)

    def write_meeting(self, meeting: Meeting, procedure_id: int | None = None) -> None:
        """A GDP meeting of the procedure, or a ZI meeting without one."""
        invited = [
            ParticipantData(
                contact_id=self._contacts[i.contact] if i.contact else None,
                person_id=i.person.db_id if i.person else None,
                attendance=i.attendance,
            )
            for i in meeting.invited
        ]
        self._meetings.save(meeting_data(meeting, procedure_id, invited))

    def write_appointment(self, appointment: Appointment, number: str = "") -> None:
        starts, ends = appointment.hours or (None, None)
        self._appointments.save(
            AppointmentData(
                appointment.day,
                appointment.title,
                starts,
                ends,
                appointment.place,
                appointment.note,
                procedure_number=number,
            )
        )
