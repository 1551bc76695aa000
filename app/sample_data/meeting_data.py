"""A planned meeting as the meeting service takes it: the demo saves it through the
service, the generator checks it with the service's rules and writes it as rows."""

from app.domain.enums import MeetingKind
from app.sample_data.plan import Meeting
from app.services.meetings import MeetingData, ParticipantData


def meeting_data(
    meeting: Meeting, procedure_id: int | None, participants: list[ParticipantData]
) -> MeetingData:
    """A GDP meeting of the procedure, or a ZI meeting when there is none."""
    return MeetingData(
        MeetingKind.ZI if procedure_id is None else MeetingKind.GDP,
        meeting.held_on,
        meeting.starts_at,
        meeting.ends_at,
        procedure_id=procedure_id,
        status=meeting.status,
        place=meeting.place,
        remote_link=meeting.remote_link,
        agenda=meeting.agenda,
        invitations_sent_on=meeting.invitations_sent_on,
        invitations_how=meeting.invitations_how,
        minutes=meeting.minutes,
        decisions=meeting.decisions,
        participants=participants,
    )
