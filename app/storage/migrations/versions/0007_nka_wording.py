"""NK-A 2023 options whose wording was corrected: stored records read the new text

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 05:00:00

The corrected wordings are data in resources/forms/nka-2023.json (`formerly`); they are
repeated here because a migration must keep doing what it did when it was written.
Only the selected options of two checklists change; nothing else of a record is read.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

CORRECTED = {
    "economic": (
        "wynoszenie i sprzedawanie sprzętów domowych",
        "wynoszenie sprzętów domowych oraz ich sprzedawanie",
    ),
    "other_forms": (
        "zmuszanie do zażywania środków odurzających, substancji psychotropowych lub leków",
        "zmuszanie do zażywania środków odurzających lub leków",
    ),
}


def _rewrite(direction: int) -> None:
    connection = op.get_bind()
    records = connection.execute(
        sa.text(
            "SELECT id, content FROM nka_record WHERE form_version = '2023' AND ("
            + " OR ".join(f"json_extract(content, '$.{field}') IS NOT NULL" for field in CORRECTED)
            + ")"
        )
    ).all()
    for record_id, stored in records:
        content = json.loads(stored)
        changed = False
        for field, wordings in CORRECTED.items():
            old, new = wordings[::direction]
            selected = (content.get(field) or {}).get("selected", [])
            if old in selected:
                content[field]["selected"] = [new if item == old else item for item in selected]
                changed = True
        if changed:
            connection.execute(
                sa.text("UPDATE nka_record SET content = :content WHERE id = :id"),
                {"content": json.dumps(content, ensure_ascii=False), "id": record_id},
            )


def upgrade() -> None:
    _rewrite(1)


def downgrade() -> None:
    _rewrite(-1)
