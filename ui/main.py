"""nkdesk: start the GUI — claim the data folder, create or unlock the database, show it.

The unlock window comes first and needs little; the database layer and the main
window's modules load on the worker thread while the password is typed (`warm_up`), and
the unlock queues behind them, so Enter leads straight to the main window.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app import __version__
from app.errors import UserError
from app.paths import resolve_data_dir
from app.sample_data.gmina import DEMO_PASSWORD
from app.services.vault import DataFolder
from app.services.viewer_copies import purge_view_copies
from ui.errors import install_excepthook, show_error
from ui.help_key import install_help_key
from ui.i18n import install_polish
from ui.tasks import TaskRunner
from ui.unlock import UnlockDialog

if TYPE_CHECKING:
    from app.services.register import Register

# Loaded off the GUI thread while the unlock window waits for the password.
_WARM_UP = (
    "app.services.register",
    "app.services.register_file",
    "ui.context",
    "ui.damage_notice",
    "ui.lock",
    "ui.main_window",
)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="nkdesk", description="NK Desk")
    parser.add_argument("--data-dir", help="folder danych (domyślnie folder użytkownika)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help=f"utwórz bazę z fikcyjnymi danymi w pustym folderze (hasło: {DEMO_PASSWORD})",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="sprawdź, czy program działa na tym komputerze (bez okien, bez danych), i zakończ",
    )
    parser.add_argument(
        "--report", metavar="PLIK", help="z --self-test: zapisz raport także do tego pliku"
    )
    parser.add_argument("--version", action="version", version=f"NK Desk {__version__}")
    return parser.parse_known_args(argv)[0]


def obtain_register(folder: DataFolder, tasks: TaskRunner, with_demo: bool) -> Register | None:
    """Create (wizard or demo) or unlock the register; None when the user gives up."""
    folder.require_complete()
    if with_demo and not folder.is_initialized():
        from app.sample_data import demo

        tasks.run_blocking(
            lambda progress: demo.create_demo_folder(folder, progress=progress),
            "Tworzenie bazy demonstracyjnej (dane fikcyjne)…",
        )
    if not folder.is_initialized():
        from ui.wizard import FirstRunWizard

        wizard = FirstRunWizard(folder, tasks)
        return wizard.register if wizard.exec() == QDialog.DialogCode.Accepted else None
    dialog = UnlockDialog(folder, tasks)
    return dialog.register if dialog.exec() == QDialog.DialogCode.Accepted else None


def warm_up(tasks: TaskRunner) -> None:
    """Queue the loading of the heavy modules on the worker, ahead of the unlock."""
    tasks.run(
        lambda: [importlib.import_module(name) for name in _WARM_UP],
        lambda _modules: None,
        lambda exc: show_error(None, exc),
    )


def show_main_window(folder: DataFolder, register: Register, tasks: TaskRunner) -> QWidget:
    """The unlocked session: main window, lock, and the background page check."""
    from ui.context import AppContext
    from ui.damage_notice import check_pages_in_background
    from ui.lock import LockController
    from ui.main_window import MainWindow

    context = AppContext(folder, register, tasks)
    window = MainWindow(context)
    LockController(window, context)
    window.show_due_if_any()
    window.show()
    window.raise_()
    window.activateWindow()
    check_pages_in_background(register.page_damage, register.path, tasks, window)
    return window


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        from ui.self_test import self_test_command

        return self_test_command(args.report)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("NK Desk")
    app.setApplicationVersion(__version__)
    install_polish(app)
    install_excepthook()
    install_help_key(app)
    folder = DataFolder(resolve_data_dir(args.data_dir))
    try:
        folder.acquire()
    except UserError as exc:
        QMessageBox.critical(None, "NK Desk", exc.message)
        return 1
    purge_view_copies()
    tasks = TaskRunner()
    warm_up(tasks)
    register: Register | None = None
    try:
        register = obtain_register(folder, tasks, args.demo)
        if register is None:
            return 0
        window = show_main_window(folder, register, tasks)  # noqa: F841 - kept alive by exec
        return app.exec()
    except Exception as exc:  # noqa: BLE001 - last resort before exit, shown to the user
        show_error(None, exc)
        return 1
    finally:
        tasks.wait()
        if register is not None:
            register.close()
        folder.release()
        purge_view_copies()


if __name__ == "__main__":
    sys.exit(main())
