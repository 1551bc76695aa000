"""Polish locale, Qt's own Polish translations, and the date format used everywhere."""

from PySide6.QtCore import QDate, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

DATE_FORMAT = "dd.MM.yyyy"
POLISH = QLocale(QLocale.Language.Polish, QLocale.Country.Poland)


def install_polish(app: QApplication) -> list[str]:
    """Make Polish the default locale and load Qt's translations for standard dialogs;
    the names of the translation files found (the self-test reports a missing one)."""
    QLocale.setDefault(POLISH)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(POLISH, name, "_", folder):
            app.installTranslator(translator)
            loaded.append(name)
    return loaded


def format_date(value: object) -> str:
    """dd.MM.yyyy for a date, empty text for None."""
    if value is None:
        return ""
    return QDate(value).toString(DATE_FORMAT)  # type: ignore[call-overload]
