"""Attachments: bytes kept inside the encrypted database, never as plain files.

To show one, the bytes are written to a private per-user cache folder (not the shared
temp folder, not the data folder or its backups) for the system viewer; that folder is
emptied when the program locks, closes or starts again.
"""

import datetime as dt
import hashlib
import mimetypes
import os
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import procedure_rules
from app.domain.enums import ChronologyKind
from app.domain.file_names import bare_name, check_file_name, check_size, checked_description
from app.errors import NotFoundError, StorageError, ValidationError
from app.services.changes import Changes, Entity
from app.services.chronology import edit_entry, new_entry, record_event
from app.services.context import ServiceContext
from app.services.guards import require_live_procedure
from app.services.output_files import check_output_target, write_output_file
from app.services.records import NewFile
from app.services.viewer_copies import view_dir
from app.services.views import AttachmentView, attachment_view, nka_label
from app.storage.models import NKA, Attachment, AttachmentContent, ChronologyEntry, FormRecord


def safe_file_name(name: str) -> str:
    """The bare file name: no folders, no drive, no '..' — whatever the name came from."""
    bare = bare_name(name).replace(":", "_")
    return "" if bare in {"", ".", ".."} else bare


class AttachmentService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def add(
        self,
        procedure_id: int,
        file_name: str,
        data: bytes,
        description: str = "",
        chronology_entry_id: int | None = None,
        nka_record_id: int | None = None,
    ) -> Changes:
        file = NewFile(_checked_name(file_name, data), data, checked_description(description))
        with self._ctx.write() as session:
            require_live_procedure(session, procedure_id)
            [attachment] = store_files(
                session,
                self._ctx,
                procedure_id,
                [file],
                chronology_entry_id=chronology_entry_id,
                nka_record_id=nka_record_id,
            )
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=attachment.id)

    def add_entry_with_files(
        self,
        procedure_id: int,
        occurred_on: dt.date,
        kind: ChronologyKind,
        title: str,
        body: str,
        files: Sequence[NewFile],
    ) -> Changes:
        """A new chronology entry and its files, stored together or not at all.

        A file that cannot be attached stops the save before anything is written, so an
        entry never lacks the files it was saved with. `record_id` is the new entry's.
        """
        procedure_rules.check_entry(occurred_on, title, self._ctx.today())
        checked = checked_files(files)
        with self._ctx.write() as session:
            require_live_procedure(session, procedure_id)
            entry = new_entry(session, self._ctx, procedure_id, occurred_on, kind, title, body)
            store_files(session, self._ctx, procedure_id, checked, chronology_entry_id=entry.id)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=entry.id)

    def update_entry_with_files(
        self,
        entry_id: int,
        occurred_on: dt.date,
        kind: ChronologyKind,
        title: str,
        body: str,
        files: Sequence[NewFile],
    ) -> Changes:
        """An edited entry and the files added to it, stored together or not at all."""
        procedure_rules.check_entry(occurred_on, title, self._ctx.today())
        checked = checked_files(files)
        with self._ctx.write() as session:
            entry = edit_entry(session, entry_id, occurred_on, kind, title, body)
            procedure_id = entry.procedure_id
            store_files(session, self._ctx, procedure_id, checked, chronology_entry_id=entry.id)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=entry.id)

    def add_file(self, procedure_id: int, path: Path, description: str = "") -> Changes:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(f"Nie można odczytać pliku {path.name}.") from exc
        return self.add(procedure_id, path.name, data, description)

    def set_description(self, attachment_id: int, description: str) -> Changes:
        """Describe a stored file anew (trimmed; refused when too long, nothing changed)."""
        text = checked_description(description)
        with self._ctx.write() as session:
            attachment = _live_attachment(session, attachment_id)
            attachment.description = text
            return Changes.of(
                Entity.PROCEDURE, procedures=[attachment.procedure_id], record_id=attachment_id
            )

    def read(self, attachment_id: int) -> tuple[AttachmentView, bytes]:
        with self._ctx.read() as session:
            attachment = _live_attachment(session, attachment_id)
            data = session.scalar(
                select(AttachmentContent.data).where(
                    AttachmentContent.attachment_id == attachment_id
                )
            )
            return _view(session, attachment), data or b""

    def view_copy(self, attachment_id: int) -> Path:
        """Write a temporary copy for the system viewer and return its path.

        A disk problem is the user's to fix, so it arrives as a message, not as a bug.
        """
        attachment, data = self.read(attachment_id)
        try:
            return _write_view_copy(attachment, data)
        except OSError as exc:
            raise StorageError(
                f"Nie można przygotować kopii pliku „{attachment.file_name}” do podglądu. "
                "Sprawdź, czy na dysku jest wolne miejsce, albo użyj „Zapisz jako…”."
            ) from exc

    def save_as(self, attachment_id: int, target: Path, overwrite: bool = False) -> Path:
        """Export a decrypted, owner-only copy where the user chose (a confirmed action)."""
        check_output_target(target, self._ctx.db.path.parent, overwrite)
        _, data = self.read(attachment_id)
        return write_output_file(target, data, self._ctx.db.path.parent, overwrite)

    def delete(self, attachment_id: int) -> Changes:
        with self._ctx.write() as session:
            attachment = _live_attachment(session, attachment_id)
            procedure_id = attachment.procedure_id
            record_event(
                session, self._ctx, procedure_id, f"Usunięto załącznik: {attachment.file_name}"
            )
            session.delete(attachment)
            return Changes.of(Entity.PROCEDURE, procedures=[procedure_id], record_id=attachment_id)


def checked_files(files: Sequence[NewFile]) -> list[NewFile]:
    """Files that may be attached, as they will be stored; a refusal names the file.

    Called before the write starts, so a refused file leaves the register untouched.
    """
    checked = []
    for file in files:
        try:
            name = _checked_name(file.name, file.data)
            checked.append(NewFile(name, file.data, checked_description(file.description)))
        except ValidationError as exc:
            raise ValidationError(
                f"Pliku „{bare_name(file.name)}” nie można dołączyć: {exc.message}",
                field="files",
            ) from exc
    return checked


def store_files(
    session: Session,
    context: ServiceContext,
    procedure_id: int,
    files: Sequence[NewFile],
    *,
    chronology_entry_id: int | None = None,
    nka_record_id: int | None = None,
) -> list[Attachment]:
    """Add checked files to a live procedure, linked as asked, and note each in the chronology.

    A link must point into the same procedure: a file never hangs on another's record.
    """
    if chronology_entry_id is not None:
        entry = session.get(ChronologyEntry, chronology_entry_id)
        if entry is None or entry.procedure_id != procedure_id:
            raise NotFoundError("Wpis chronologii nie istnieje.")
    if nka_record_id is not None:
        record = session.get(FormRecord, nka_record_id)
        if record is None or record.procedure_id != procedure_id or record.form != NKA:
            raise NotFoundError("Formularz NK-A nie istnieje.")
    stored = []
    for file in files:
        attachment = Attachment(
            procedure_id=procedure_id,
            chronology_entry_id=chronology_entry_id,
            nka_record_id=nka_record_id,
            file_name=file.name,
            media_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream",
            size=len(file.data),
            sha256=hashlib.sha256(file.data).hexdigest(),
            description=file.description,
            content=AttachmentContent(data=file.data),
        )
        session.add(attachment)
        session.flush()
        record_event(session, context, procedure_id, f"Dodano załącznik: {file.name}")
        stored.append(attachment)
    return stored


def _checked_name(file_name: str, data: bytes) -> str:
    """The bare name of a file that may be attached, checked with its size."""
    name = bare_name(file_name)
    check_file_name(name)
    check_size(len(data))
    return name


def _live_attachment(session: Session, attachment_id: int) -> Attachment:
    attachment = session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotFoundError("Załącznik nie istnieje.")
    require_live_procedure(session, attachment.procedure_id)
    return attachment


def _view(session: Session, attachment: Attachment) -> AttachmentView:
    """The attachment with what it is linked to named as the procedure window names it."""
    forms = session.scalars(
        select(FormRecord).where(
            FormRecord.procedure_id == attachment.procedure_id, FormRecord.form == NKA
        )
    )
    filed = procedure_rules.in_filing_order(forms)
    labels = {form.id: nka_label(i, form.filled_on) for i, form in enumerate(filed, start=1)}
    entry = (
        session.get(ChronologyEntry, attachment.chronology_entry_id)
        if attachment.chronology_entry_id is not None
        else None
    )
    titles = {entry.id: entry.title} if entry is not None else {}
    return attachment_view(attachment, labels, titles)


def _write_view_copy(attachment: AttachmentView, data: bytes) -> Path:
    """An owner-only copy in a folder of its own inside the private viewer folder."""
    root = view_dir()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    root.chmod(0o700)
    folder = root / str(attachment.id)
    folder.mkdir(exist_ok=True, mode=0o700)
    target = folder / (safe_file_name(attachment.file_name) or "zalacznik")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return target
