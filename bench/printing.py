"""What a printout costs: the PDF of one procedure's forms, built in memory.

Runs in this process on the bench register, through `FormPrintService.pdf` as the
procedure window will call it (reading the procedure, the settings, laying out the
form). The procedure is the live one with an NK-A and the most people, so its form has
the most entries; each form is built once before timing (the font's registration, as by
the first printout of a session).
"""

import re
from pathlib import Path

from sqlalchemy import func, select

from app.services.register import Register
from app.storage.models import NKA, FormRecord, Participation, Procedure
from bench.figures import Figure, median_ms
from bench.registers import unlocked

_PAGE = re.compile(rb"/Type /Page\b(?!s)")


def printing_figures(data_dir: Path, runs: int) -> list[Figure]:
    with unlocked(data_dir) as register:
        target = _target(register)
        if target is None:
            return [Figure(name, None, "ms") for name in _NAMES]
        procedure_id, record_id = target
        printing = register.printing
        jobs = {
            "form_pdf_nka": lambda: printing.pdf(procedure_id, "NK-A", record_id),
            "form_pdf_nkb": lambda: printing.pdf(procedure_id, "NK-B"),
            "form_pdf_blank_nkc": lambda: printing.pdf(procedure_id, "NK-C", blank=True),
            "form_pdf_blank_nkd": lambda: printing.pdf(procedure_id, "NK-D", blank=True),
        }
        figures = []
        for name, job in jobs.items():
            pages = len(_PAGE.findall(job()))  # also the warm-up
            figures.append(Figure(name, median_ms(runs, job), "ms", f"{pages} pages"))
    return figures


_NAMES = ("form_pdf_nka", "form_pdf_nkb", "form_pdf_blank_nkc", "form_pdf_blank_nkd")


def _target(register: Register) -> tuple[int, int] | None:
    """(procedure, NK-A) of the live procedure with the most people."""
    with register.context.read() as session:
        people = (
            select(Participation.procedure_id, func.count().label("people"))
            .group_by(Participation.procedure_id)
            .subquery()
        )
        found = session.execute(
            select(Procedure.id, func.min(FormRecord.id))
            .join(FormRecord, (FormRecord.procedure_id == Procedure.id) & (FormRecord.form == NKA))
            .join(people, people.c.procedure_id == Procedure.id)
            .where(Procedure.deleted_at.is_(None))
            .group_by(Procedure.id)
            .order_by(func.max(people.c.people).desc(), Procedure.id)
            .limit(1)
        ).first()
    return None if found is None else (found[0], found[1])
