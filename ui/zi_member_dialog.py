"""Adding a directory contact to the Zespół Interdyscyplinarny, or editing a member.

The confidentiality statement's date belongs to the person in the directory (GDP
members and meeting guests sign the same statement), so the form shows the date the
directory holds and saving writes it back there.
"""

import datetime as dt
import itertools

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.procedure_rules import check_past_date
from app.services.zi import ContactOption, ZiMemberData, ZiMemberView
from ui.contact_picker import ContactPicker
from ui.context import AppContext
from ui.date_field import DateField
from ui.saving_dialog import SavingDialog
from ui.widgets import ErrorLabel, dialog_buttons

NOBODY_TO_ADD = (
    "Wszystkie osoby z katalogu instytucji są już w zespole albo katalog jest pusty. "
    "Osoby kontaktowe dodasz na stronie Instytucje (Ctrl+3)."
)


class ZiMemberDialog(SavingDialog):
    """`offered` are the contacts she may add; a member being edited stays who they are."""

    def __init__(
        self,
        context: AppContext,
        offered: tuple[ContactOption, ...],
        member: ZiMemberView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self._member_id = member.id if member is not None else None
        self._offered = offered if member is None else (member.contact,)
        self.setWindowTitle(
            "Nowy członek zespołu" if member is None else f"Członek zespołu: {member.contact.name}"
        )
        today = context.today()
        self.picker = ContactPicker()
        self.picker.set_options(self._offered, member.contact.id if member else None)
        self.picker.setEnabled(member is None and bool(offered))
        self.chair_check = QCheckBox("P&rzewodniczący/a zespołu")
        self.appointed_edit = DateField(
            today,
            optional=True,
            rule=lambda d: check_past_date(d, today, "appointed_on", "Data powołania"),
        )
        self.signed_edit = DateField(
            today,
            optional=True,
            rule=lambda d: check_past_date(
                d, today, "confidentiality_signed_on", "Data oświadczenia o poufności"
            ),
        )
        self._shown_signed: dt.date | None = None
        if member is not None:
            self.chair_check.setChecked(member.is_chair)
            self.appointed_edit.set_value(member.appointed_on)
            self._show_signed(member.contact)

        form = QFormLayout()
        form.addRow("&Osoba z katalogu *:", self.picker)
        form.addRow("", self.chair_check)
        form.addRow("Data po&wołania:", self.appointed_edit)
        form.addRow("Oświadczenie o &poufności z dnia:", self.signed_edit)
        hint = QLabel(
            NOBODY_TO_ADD
            if not self._offered
            else "Nowy przewodniczący zastępuje dotychczasowego. Datę oświadczenia program "
            "zapisuje przy osobie w katalogu — ta sama obowiązuje w grupach GDP."
        )
        hint.setWordWrap(True)
        self.error_label = ErrorLabel()
        self.buttons, self.save_button = dialog_buttons("&Zapisz", standard=True)
        self.save_button.setEnabled(bool(self._offered))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(620, 0)
        chain: list[QWidget] = [
            self.picker,
            self.chair_check,
            self.appointed_edit,
            self.signed_edit,
            self.buttons,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._field_widgets = {
            "contact_id": self.picker,
            "appointed_on": self.appointed_edit,
            "confidentiality_signed_on": self.signed_edit,
        }
        self.picker.currentIndexChanged.connect(self._picked)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    def _picked(self) -> None:
        option = next((c for c in self._offered if c.id == self.picker.contact_id()), None)
        if option is not None:
            self._show_signed(option)

    def _show_signed(self, option: ContactOption) -> None:
        """Show the statement the directory holds for the person, unless she has
        typed another date for the one picked before."""
        if self.signed_edit.current() == self._shown_signed:
            self.signed_edit.set_value(option.confidentiality_signed_on)
        self._shown_signed = option.confidentiality_signed_on

    def _save(self) -> None:
        if not self._dates_ready():
            return
        contact_id = self.picker.contact_id()
        if contact_id is None:
            self.error_label.show_message("Wybierz z listy osobę z katalogu instytucji.")
            self.picker.setFocus()
            return
        data = ZiMemberData(
            contact_id,
            self.chair_check.isChecked(),
            self.appointed_edit.value(),
            self.signed_edit.value(),
        )
        member_id = self._member_id
        self._start_save(
            lambda register: register.zi.save_member(data, member_id), "Zapisywanie członka…"
        )
