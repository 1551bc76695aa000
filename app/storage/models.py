"""ORM models of the register (SQLAlchemy 2, typed).

Design notes:
* A person is stored once and takes part in procedures through `Participation`,
  which also holds the role-dependent data items of Act art. 9c.
* Deleting a procedure or person from the UI is a soft delete (`deleted_at`): the
  record leaves every list but stays until the RODO tools purge it on purpose.
* `search_text` columns hold diacritics-folded text kept current by the services,
  so search runs in SQL and scales.
* Attachment bytes live in their own table, inside the encrypted database.
"""

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}


class Setting(Base):
    """One user setting, stored as JSON under its declared key."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class Institution(Base):
    __tablename__ = "institution"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(32))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    name_sort: Mapped[str] = mapped_column(Text, default="", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)

    contacts: Mapped[list["ContactPerson"]] = relationship(
        back_populates="institution",
        cascade="all, delete-orphan",
        order_by="ContactPerson.id",
    )


class ContactPerson(Base):
    __tablename__ = "contact_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), index=True
    )
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    function: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    # The written confidentiality statement (oświadczenie o zachowaniu poufności) that a
    # ZI or GDP member, or anyone invited to a GDP meeting, signs before taking part.
    confidentiality_signed_on: Mapped[dt.date | None]

    institution: Mapped[Institution] = relationship(back_populates="contacts")


LIVE_PROCEDURE_ORDERS = {
    "number": ("year", "seq"),
    "started_on": ("started_on", "year", "seq"),
    "status": ("status", "year", "seq"),
    "victims_sort": ("victims_sort", "year", "seq"),
    "perpetrators_sort": ("perpetrators_sort", "year", "seq"),
    "nka_count": ("nka_count", "year", "seq"),
    "next_due_on": ("next_due_on", "year", "seq"),
}


class Procedure(Base):
    __tablename__ = "procedure"
    __table_args__ = (
        UniqueConstraint("number"),
        Index("ix_procedure_year_seq", "year", "seq"),
        # The lists' sort orders, over live procedures only: a list walks one of these
        # and stops after a page, and counts read the smallest of them.
        *(
            Index(f"ix_procedure_live_{name}", *columns, sqlite_where=text("deleted_at IS NULL"))
            for name, columns in LIVE_PROCEDURE_ORDERS.items()
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64))
    year: Mapped[int]
    seq: Mapped[int]
    started_on: Mapped[dt.date]
    status: Mapped[str] = mapped_column(String(16), index=True)
    closed_on: Mapped[dt.date | None]
    closure_ground: Mapped[str | None] = mapped_column(String(32))
    closure_justification: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    # List keys kept current by app.services.list_keys, so lists sort and page in SQL.
    victims_sort: Mapped[str] = mapped_column(Text, default="")
    perpetrators_sort: Mapped[str] = mapped_column(Text, default="")
    nka_count: Mapped[int] = mapped_column(default=0)
    # The earliest statutory deadline still to meet (app.domain.deadlines.next_due), kept
    # by app.services.course: lists sort by it and "zaległe" is `next_due_on < today`.
    next_due_on: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)
    # No index: almost no procedure is deleted, and an index on it would lure SQLite away
    # from the sort indexes the lists walk.
    deleted_at: Mapped[dt.datetime | None]

    participations: Mapped[list["Participation"]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="Participation.id"
    )
    # NK-A forms apart from the other three: the first NK-A opens the procedure and most of
    # the course hangs on them, so most code asks for these alone.
    nka_records: Mapped[list["FormRecord"]] = relationship(
        primaryjoin="and_(Procedure.id == FormRecord.procedure_id, FormRecord.form == 'NK-A')",
        back_populates="procedure",
        cascade="all, delete-orphan",
        order_by="(FormRecord.filled_on, FormRecord.id)",
        overlaps="other_forms",
    )
    other_forms: Mapped[list["FormRecord"]] = relationship(
        primaryjoin="and_(Procedure.id == FormRecord.procedure_id, FormRecord.form != 'NK-A')",
        cascade="all, delete-orphan",
        order_by="(FormRecord.filled_on, FormRecord.id)",
        overlaps="nka_records, procedure",
    )
    chronology: Mapped[list["ChronologyEntry"]] = relationship(
        back_populates="procedure",
        cascade="all, delete-orphan",
        order_by="ChronologyEntry.occurred_on",
    )
    attachments: Mapped[list["Attachment"]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="Attachment.id"
    )
    events: Mapped[list["ProcedureEvent"]] = relationship(
        back_populates="procedure",
        cascade="all, delete-orphan",
        order_by="(ProcedureEvent.occurred_on, ProcedureEvent.id)",
    )
    deadline_notes: Mapped[list["DeadlineNote"]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", order_by="DeadlineNote.id"
    )
    gdp: Mapped["Gdp | None"] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", uselist=False
    )
    meetings: Mapped[list["Meeting"]] = relationship(
        back_populates="procedure",
        cascade="all, delete-orphan",
        order_by="(Meeting.held_on, Meeting.starts_at, Meeting.id)",
    )
    letters: Mapped[list["LetterRecord"]] = relationship(
        cascade="all, delete-orphan", order_by="(LetterRecord.sent_on, LetterRecord.id)"
    )


class ProcedureCounter(Base):
    """The last sequence number given out in a year: numbers are never reused or raced for.

    Taken and raised in the same transaction that registers the procedure, so two writers
    can never get the same number, and a deleted procedure's number is never given again.
    """

    __tablename__ = "procedure_counter"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_seq: Mapped[int]


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    pesel: Mapped[str | None] = mapped_column(String(11), index=True)
    birth_date: Mapped[dt.date | None]
    sex: Mapped[str | None] = mapped_column(String(8))
    search_text: Mapped[str] = mapped_column(Text, default="")
    name_sort: Mapped[str] = mapped_column(Text, default="", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)
    deleted_at: Mapped[dt.datetime | None]

    addresses: Mapped[list["PersonAddress"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonAddress.id"
    )
    contacts: Mapped[list["PersonContact"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonContact.id"
    )
    participations: Mapped[list["Participation"]] = relationship(back_populates="person")


class PersonAddress(Base):
    __tablename__ = "person_address"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    do_not_disclose: Mapped[bool] = mapped_column(default=False)

    person: Mapped[Person] = relationship(back_populates="addresses")


class PersonContact(Base):
    __tablename__ = "person_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(200))
    do_not_disclose: Mapped[bool] = mapped_column(default=False)

    person: Mapped[Person] = relationship(back_populates="contacts")


class Participation(Base):
    """A person's role in one procedure, with the data items allowed for that role."""

    __tablename__ = "participation"
    __table_args__ = (UniqueConstraint("procedure_id", "person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedure.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)

    procedure: Mapped[Procedure] = relationship(back_populates="participations")
    person: Mapped[Person] = relationship(back_populates="participations")


NKA = "NK-A"


class FormRecord(Base):
    """One filled official form of a procedure: NK-A, the hand-over of NK-B, NK-C or NK-D.

    The form and its template version are stored with it, so a record is always checked
    and shown against the definition it was filled on (app.domain.forms). The columns
    about who filled it in at an intervention are NK-A's; the other forms leave them empty.
    """

    __tablename__ = "form_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedure.id", ondelete="CASCADE"), index=True
    )
    form: Mapped[str] = mapped_column(String(8))
    form_version: Mapped[str] = mapped_column(String(16))
    filled_on: Mapped[dt.date]
    filled_place: Mapped[str] = mapped_column(String(200), default="")
    filled_by_service: Mapped[str] = mapped_column(String(32), default="")
    filled_by_service_other: Mapped[str] = mapped_column(String(200), default="")
    filled_by_institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="SET NULL")
    )
    filled_by_institution_name: Mapped[str] = mapped_column(String(300), default="")
    filled_by_name: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)

    # Filled in memory when an NK-A joins `Procedure.nka_records`; loaded for any form.
    procedure: Mapped[Procedure] = relationship(
        back_populates="nka_records", overlaps="other_forms"
    )
    people: Mapped[list["FormRecordPerson"]] = relationship(
        cascade="all, delete-orphan", order_by="FormRecordPerson.id", passive_deletes=True
    )

    @property
    def person_ids(self) -> list[int]:
        """The people the form names, in the order they were named."""
        return [link.person_id for link in self.people]

    def name_people(self, person_ids: list[int]) -> None:
        """Name exactly these people: links kept stay, the rest go, new ones follow."""
        wanted = list(dict.fromkeys(person_ids))
        self.people[:] = [link for link in self.people if link.person_id in wanted]
        kept = set(self.person_ids)
        self.people.extend(FormRecordPerson(person_id=pid) for pid in wanted if pid not in kept)


class FormRecordPerson(Base):
    """A person a filled form names (an NK-A names every victim and perpetrator)."""

    __tablename__ = "form_record_person"
    __table_args__ = (UniqueConstraint("form_record_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_record_id: Mapped[int] = mapped_column(
        ForeignKey("form_record.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)


class ChronologyEntry(Base):
    __tablename__ = "chronology_entry"
    # The calendar's „Wizyty” layer picks entries of one kind within a span of days.
    __table_args__ = (Index("ix_chronology_entry_kind_occurred_on", "kind", "occurred_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedure.id", ondelete="CASCADE"), index=True
    )
    occurred_on: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)

    procedure: Mapped[Procedure] = relationship(back_populates="chronology")


class ProcedureEvent(Base):
    """A dated step of the procedure's course (app.domain.enums.CourseEvent).

    Steps the law ties to one NK-A (its receipt by the ZI chair, its hand-over to the GDP,
    NK-B) name that NK-A; steps about a person (an invitation, NK-C, NK-D) name the person.
    """

    __tablename__ = "procedure_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedure.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(48))
    occurred_on: Mapped[dt.date] = mapped_column(index=True)  # the calendar's span of days
    nka_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_record.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)

    procedure: Mapped[Procedure] = relationship(back_populates="events")


class DeadlineNote(Base):
    """The worker's reason why a deadline was late or missed (one per clock)."""

    __tablename__ = "deadline_note"
    __table_args__ = (UniqueConstraint("procedure_id", "step", "nka_record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedure.id", ondelete="CASCADE"), index=True
    )
    step: Mapped[str] = mapped_column(String(48))
    nka_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_record.id", ondelete="CASCADE")
    )
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)

    procedure: Mapped[Procedure] = relationship(back_populates="deadline_notes")


class Attachment(Base):
    """Metadata of a stored file; the bytes are in `AttachmentContent`."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedure.id", ondelete="CASCADE"), index=True
    )
    chronology_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("chronology_entry.id", ondelete="SET NULL"), index=True
    )
    # The NK-A the file belongs to (e.g. its paper scan); deleting the form keeps the file.
    nka_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_record.id", ondelete="SET NULL"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)

    procedure: Mapped[Procedure] = relationship(back_populates="attachments")
    content: Mapped["AttachmentContent"] = relationship(
        cascade="all, delete-orphan", lazy="raise", single_parent=True, passive_deletes=True
    )


class AttachmentContent(Base):
    __tablename__ = "attachment_content"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachment.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ZiMember(Base):
    """A member of the gmina's Zespół Interdyscyplinarny, one of the directory's contacts
    (their institution and function come from there); one member is the chair."""

    __tablename__ = "zi_member"
    __table_args__ = (UniqueConstraint("contact_person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_person_id: Mapped[int] = mapped_column(ForeignKey("contact_person.id"))
    is_chair: Mapped[bool] = mapped_column(default=False)
    appointed_on: Mapped[dt.date | None]

    contact: Mapped[ContactPerson] = relationship()


class Gdp(Base):
    """The grupa diagnostyczno-pomocowa of one procedure, created by the ZI chair."""

    __tablename__ = "gdp"
    __table_args__ = (UniqueConstraint("procedure_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id", ondelete="CASCADE"))
    created_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")

    procedure: Mapped[Procedure] = relationship(back_populates="gdp")
    members: Mapped[list["GdpMember"]] = relationship(
        back_populates="gdp", cascade="all, delete-orphan", order_by="GdpMember.id"
    )


class GdpMember(Base):
    __tablename__ = "gdp_member"
    __table_args__ = (UniqueConstraint("gdp_id", "contact_person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gdp_id: Mapped[int] = mapped_column(ForeignKey("gdp.id", ondelete="CASCADE"), index=True)
    contact_person_id: Mapped[int] = mapped_column(ForeignKey("contact_person.id"), index=True)

    gdp: Mapped[Gdp] = relationship(back_populates="members")
    contact: Mapped[ContactPerson] = relationship()


class Meeting(Base):
    """A ZI meeting (no procedure) or a GDP meeting of one procedure.

    A held GDP meeting, the invitations of the procedure's people and a perpetrator's
    absence are facts of the procedure's course (app.services.course_facts).
    """

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    procedure_id: Mapped[int | None] = mapped_column(
        ForeignKey("procedure.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[dt.date] = mapped_column(index=True)  # the calendar's span of days
    starts_at: Mapped[dt.time]
    ends_at: Mapped[dt.time]
    status: Mapped[str] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(String(300), default="")
    remote_link: Mapped[str] = mapped_column(String(500), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    invitations_sent_on: Mapped[dt.date | None]
    invitations_how: Mapped[str | None] = mapped_column(String(16))
    minutes: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)

    procedure: Mapped[Procedure | None] = relationship(back_populates="meetings")
    participants: Mapped[list["MeetingParticipant"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingParticipant.id"
    )


class MeetingParticipant(Base):
    """Someone invited to a meeting: a directory contact or a person of the procedure.

    `name` and `function` (and `role`) are written when the invitation is saved, so the minutes keep
    who was there after the directory changes or the contact leaves it.
    """

    __tablename__ = "meeting_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_person.id", ondelete="SET NULL"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # The person's role in the meeting's procedure when invited: the course reads who
    # of the victims and perpetrators was invited and came without loading the people.
    role: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(300))
    function: Mapped[str] = mapped_column(String(300), default="")
    attendance: Mapped[str] = mapped_column(String(16))

    meeting: Mapped[Meeting] = relationship(back_populates="participants")


class Appointment(Base):
    """The worker's own appointment in the calendar, optionally about one procedure."""

    __tablename__ = "appointment"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(index=True)
    starts_at: Mapped[dt.time | None]
    ends_at: Mapped[dt.time | None]
    title: Mapped[str] = mapped_column(String(300))
    place: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    procedure_id: Mapped[int | None] = mapped_column(
        ForeignKey("procedure.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)


class LetterTemplate(Base):
    """A letter's wording as the worker edited it; a letter without a row uses the
    default shipped in resources/letters (app.domain.letters)."""

    __tablename__ = "letter_template"

    name: Mapped[str] = mapped_column(String(48), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)


class LetterRecord(Base):
    """A letter sent in a procedure: which, when, to whom and how.

    `address` is the address line used; a protected („nie ujawniać”) one is never
    written here, only its kind and `address_protected`, so no list shows it.
    """

    __tablename__ = "letter_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(
        ForeignKey("procedure.id", ondelete="CASCADE"), index=True
    )
    letter: Mapped[str] = mapped_column(String(48))
    title: Mapped[str] = mapped_column(String(300))
    sent_on: Mapped[dt.date]
    recipient: Mapped[str] = mapped_column(String(300))
    how: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(300), default="")
    address_kind: Mapped[str] = mapped_column(String(16), default="")
    address_protected: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
