"""Printing the official forms as PDF (ReportLab), from their data definitions.

No Qt and no database here: `render_form` lays out a `FormPrint`, a plain record that
the services (app.services.form_printing) build from the register.
"""

from app.printing.model import Entry, FormPrint
from app.printing.render import render_form

__all__ = ["Entry", "FormPrint", "render_form"]
