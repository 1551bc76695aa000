"""Screenshots of every window and dialog on the demo data, for a human look.

    xvfb-run -a -s "-screen 0 1280x800x24" python -m tests.benchmarks.screenshots OUT_DIR

(or with QT_QPA_PLATFORM=offscreen). Builds a demo database in a temp folder, opens each
window the way the program does and saves one PNG per window into OUT_DIR.
"""

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget, QWizard

from app.sample_data import demo
from app.services.register import Register
from app.services.vault import DataFolder
from tests.support.keyrings import MemoryKeyring
from ui.appointment_dialog import AppointmentDialog
from ui.closure_dialog import ClosureDialog
from ui.context import AppContext
from ui.errors import BugReportDialog
from ui.gdp_dialog import GdpDialog
from ui.i18n import install_polish
from ui.institution_dialog import InstitutionDialog, institution_data
from ui.lock import LockController
from ui.main_window import MainWindow
from ui.meeting_dialog import MeetingDialog, load_stored
from ui.nka_dialog import NkaDialog
from ui.participant_dialog import ParticipantDialog
from ui.procedure_window import NewProcedureDialog
from ui.settings_dialog import SettingsDialog
from ui.tasks import TaskRunner
from ui.unlock import RecoveryDialog, UnlockDialog
from ui.wizard import FirstRunWizard


def main(out: Path) -> None:
    import keyring

    keyring.set_keyring(MemoryKeyring())
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    install_polish(app)
    TaskRunner.synchronous = True
    tasks = TaskRunner()

    def shot(name: str, widget: QWidget, prepare: Callable[[], None] | None = None) -> None:
        widget.show()
        if prepare:
            prepare()
        for _ in range(5):
            app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        widget.hide()

    with tempfile.TemporaryDirectory() as tmp:
        fresh = DataFolder(Path(tmp) / "nowy")
        fresh.acquire()
        wizard = FirstRunWizard(fresh, tasks)
        shot("01-wizard-intro", wizard)
        wizard.show()
        wizard.next()
        wizard.office_page.gmina_edit.setText("Gmina Przykładowo")
        wizard.office_page.office_edit.setText("GOPS w Przykładowie")
        wizard.office_page.worker_edit.setText("Ewa Demonstracyjna")
        shot("02-wizard-office", wizard)
        wizard.show()
        wizard.next()
        wizard.password_page.password_edit.setText("krótkie")
        shot("03-wizard-password", wizard)
        wizard.show()
        wizard.password_page.password_edit.setText("Długie-Zdanie-Na-Dziś-7")
        wizard.password_page.repeat_edit.setText("Długie-Zdanie-Na-Dziś-7")
        wizard.button(QWizard.WizardButton.NextButton).click()
        shot("04-wizard-recovery-code", wizard)
        assert wizard.register is not None
        wizard.register.close()
        fresh.release()

        folder = DataFolder(Path(tmp) / "demo")
        folder.acquire()
        demo.create_demo_folder(folder)
        unlock = UnlockDialog(folder, tasks)
        unlock.error_label.show_message("Nieprawidłowe hasło.")
        shot("05-unlock", unlock)
        shot("06-recovery", RecoveryDialog(folder, tasks))
        register = Register(folder.unlock(demo.DEMO_PASSWORD))
        context = AppContext(folder, register, tasks)
        window = MainWindow(context)
        lock = LockController(window, context)
        window.resize(1280, 800)
        shot("10-main-procedures", window)
        shot("11-main-calendar", window, lambda: window.show_page(1))
        shot("12-main-institutions", window, lambda: window.show_page(2))
        shot("14-main-zi", window, lambda: window.show_page(3))
        window.show_page(1)
        shot("15-calendar-agenda", window, lambda: window.calendar_view.show_view(2))
        shot("16-calendar-week", window, lambda: window.calendar_view.show_view(1))
        window.calendar_view.show_view(0)
        window.show_page(0)
        window.show()
        window.procedures_view.search_edit.setText("łukasz")
        shot("13-main-search", window, lambda: window.procedures_view.reload())
        procedure_id = window.procedures_view.model.row_at(0).id
        pwindow = window.open_procedure(procedure_id)
        tabs = ("przebieg", "dane", "osoby", "nka", "chronologia", "zalaczniki", "gdp")
        for index, name in enumerate(tabs):
            shot(
                f"2{index}-procedure-{name}",
                pwindow,
                lambda i=index: pwindow.tabs.setCurrentIndex(i),
            )
        procedure = register.procedures.detail(procedure_id)
        shot("30-new-procedure", NewProcedureDialog(context))
        shot("31-participant", ParticipantDialog(context, procedure_id, procedure.participants[0]))
        shot("32-participant-new", ParticipantDialog(context, procedure_id))
        shot("33-nka", NkaDialog(context, procedure, procedure.nka_records[0]))
        shot("34-closure", ClosureDialog(context, procedure))
        from ui.chronology_dialog import ChronologyDialog

        shot("35-chronology-entry", ChronologyDialog(context, procedure_id))
        institution = register.institutions.get(1)
        shot("36-institution", InstitutionDialog(context, institution_data(institution), 1))
        shot("37-settings", SettingsDialog(context))
        gdp = register.gdp.view(procedure_id)
        shot("41-gdp", GdpDialog(context, procedure_id, gdp, register.zi.contacts()))
        meetings = register.meetings.for_procedure(procedure_id)
        if meetings:
            shot("42-meeting", MeetingDialog(context, load_stored(register, meetings[-1].id)))
        shot("43-appointment", AppointmentDialog(context, None, day=context.today()))
        try:
            raise RuntimeError("przykładowy błąd")
        except RuntimeError as exc:
            shot("38-bug-report", BugReportDialog(exc))
        pwindow.hide()
        window.lock_action.trigger()
        assert lock.panel is not None
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / "40-lock-screen.png"))
        register.close()
        folder.release()
    print(f"saved {len(list(out.glob('*.png')))} screenshots to {out}")


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "shots"))
