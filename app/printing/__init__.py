"""Printing the official forms as PDF (ReportLab), from their data definitions.

No Qt and no database here: `app.printing.render.render_form` lays out a `FormPrint`, a
plain record that the services (app.services.form_printing) build from the register.
ReportLab is imported only with `render`, at the first printout, not at start-up.
"""

from app.printing.model import Entry, FormPrint

__all__ = ["Entry", "FormPrint"]
