"""Whole-register integrity check: SQLCipher HMACs, SQLite structure, attachment hashes."""

import hashlib

from sqlalchemy import select

from app.storage.db import Database
from app.storage.models import Attachment, AttachmentContent


def check_register(db: Database) -> list[str]:
    """Problems found, in Polish; an empty list means the database is sound."""
    problems = db.integrity_problems()
    with db.read_session() as session:
        rows = session.execute(
            select(Attachment.id, Attachment.size, Attachment.sha256, AttachmentContent.data).join(
                AttachmentContent, AttachmentContent.attachment_id == Attachment.id, isouter=True
            )
        )
        for attachment_id, size, digest, data in rows:
            if data is None:
                problems.append(f"załącznik nr {attachment_id}: brak treści pliku")
            elif len(data) != size or hashlib.sha256(data).hexdigest() != digest:
                problems.append(f"załącznik nr {attachment_id}: treść niezgodna z sumą kontrolną")
    return problems
