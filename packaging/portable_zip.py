"""Pack a built program folder into the portable ZIP: unzip anywhere, data stays beside it.

    python packaging/portable_zip.py build/windows/dist/NKDesk NKDesk-0.1.0-przenosny.zip

The ZIP holds one folder, NKDesk/, with `portable.txt` beside the program: that file makes
the program keep its data in NKDesk/NKDesk-dane instead of the user's profile (app/paths.py).
"""

import sys
import zipfile
from pathlib import Path

PORTABLE_NOTE = """NK Desk — wersja przenośna

Ten plik sprawia, że program trzyma dane obok siebie, w folderze NKDesk-dane,
a nie w profilu użytkownika. Dzięki temu program i dane mogą być na jednym pendrivie.

Dane są zaszyfrowane, ale pendrive można zgubić: trzymaj go w zamkniętej szafie
i rób kopie zapasowe. Nie usuwaj tego pliku, bo program zacznie szukać danych
w profilu użytkownika (zobaczy pusty rejestr; dane obok nie znikną).
"""


def pack(program: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(program.rglob("*")):
            if path.is_file():
                archive.write(path, Path("NKDesk") / path.relative_to(program))
        archive.writestr("NKDesk/portable.txt", PORTABLE_NOTE)


if __name__ == "__main__":
    pack(Path(sys.argv[1]), Path(sys.argv[2]))
