"""The Windows version resource of NKDesk.exe (Properties → Details), from pyproject's version."""

from PyInstaller.utils.win32.versioninfo import (
    FixedFileInfo,
    StringFileInfo,
    StringStruct,
    StringTable,
    VarFileInfo,
    VarStruct,
    VSVersionInfo,
)

POLISH_UNICODE = (0x0415, 1200)  # language Polish, code page Unicode


def windows_version_info(version: str) -> VSVersionInfo:
    """Four numbers for Windows (0.1.0 → 0.1.0.0) and the Polish strings Explorer shows."""
    numbers = tuple(int(part) for part in (version.split(".") + ["0"] * 4)[:4])
    language, codepage = POLISH_UNICODE
    strings = [
        StringStruct("CompanyName", "NK Desk"),
        StringStruct("FileDescription", "NK Desk — rejestr procedur „Niebieskie Karty”"),
        StringStruct("FileVersion", version),
        StringStruct("InternalName", "NKDesk"),
        StringStruct("OriginalFilename", "NKDesk.exe"),
        StringStruct("ProductName", "NK Desk"),
        StringStruct("ProductVersion", version),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo([StringTable(f"{language:04X}{codepage:04X}", strings)]),
            VarFileInfo([VarStruct("Translation", [language, codepage])]),
        ],
    )
