"""After an NK-A names an institution the directory lacks, offer to add it there.

A name typed by hand is kept by the NK-A only; offered once the form is safely saved,
adding it to the directory is one "Tak" and a look over the pre-filled institution form.
"""

from PySide6.QtWidgets import QWidget

from app.domain.enums import InstitutionType
from app.services.records import InstitutionData
from ui.context import AppContext
from ui.institution_dialog import InstitutionDialog
from ui.widgets import confirm


def offer_to_directory(
    context: AppContext, parent: QWidget, name: str, kind: InstitutionType | None
) -> InstitutionDialog | None:
    """Ask; on "Tak" open the new-institution form with the name and `kind` filled in.

    The form opens without blocking, like any window the worker may also just close.
    """
    if not confirm(parent, "Katalog instytucji", f"Dodać „{name}” do katalogu instytucji?"):
        return None
    data = InstitutionData(name=name, type=kind.value if kind is not None else "")
    dialog = InstitutionDialog(context, data, parent=parent)
    dialog.open()
    return dialog
