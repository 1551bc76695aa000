#!/usr/bin/env bash
# The whole Windows pipeline under Wine, as a user's PC would see it:
#
#     packaging/windows/check.sh          # build, install, self-test, uninstall
#
# Builds with build.sh, installs an older version then this one over it silently, runs
# the installed program's frozen self-test offscreen, runs the portable ZIP's self-test,
# uninstalls silently, and checks that the program is gone and her data folder is not;
# then once more with /USUNDANE, which must remove the data folder too.
# Wine is not Windows: docs/release-checklist.md lists what a person checks on real Windows.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export NKDESK_WINDOWS_BUILD="${NKDESK_WINDOWS_BUILD:-$ROOT/build/windows}"
BUILD="$NKDESK_WINDOWS_BUILD"

step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }
fail() { echo "check.sh: BŁĄD: $*" >&2; exit 1; }

bash "$ROOT/packaging/windows/build.sh"

export WINEPREFIX="$BUILD/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# A Windows program that hangs (or Wine's crash dialog with no one to click it) must fail
# this check within minutes, never hold CI until its own limit: every run is bounded, and
# whatever is left in the prefix is killed on the way out.
WINE_LIMIT=600
bounded() { timeout --kill-after=15 "$WINE_LIMIT" "$@"; }
# The prefix's Z: drive links to /: left in the project tree, it sends any tool that walks
# the tree following links (pip's editable install does) through the whole disk.
trap 'wineserver -k 2>/dev/null || true; rm -f "$WINEPREFIX/dosdevices/z:"' EXIT
bounded wine reg add 'HKCU\Software\Wine\WineDbg' /v ShowCrashDialog /t REG_DWORD /d 0 /f >/dev/null
VERSION="$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")"
SETUP="$BUILD/out/NKDesk-$VERSION-instalator.exe"
UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\NKDesk'
winpath() { echo "Z:$(realpath -m "$1" | tr / '\\')"; }
unixpath() { winepath -u "$1" 2>/dev/null | tr -d '\r'; }
windows_folder() { unixpath "$(wine cmd /c echo "%$1%" 2>/dev/null | tr -d '\r')"; }
installed_version() { wine reg query "$UNINSTALL_KEY" /v DisplayVersion 2>/dev/null | tr -d '\r' | awk '/DisplayVersion/ {print $3}'; }

LOCAL="$(windows_folder LOCALAPPDATA)"
PROGRAMS="$(windows_folder APPDATA)/Microsoft/Windows/Start Menu/Programs"
INSTDIR="$LOCAL/Programs/NK Desk"
DATA="$LOCAL/NKDesk"
[ -d "$LOCAL" ] || fail "nie znaleziono %LOCALAPPDATA% w prefiksie Wine"

step "Jej dane sprzed instalacji (folder danych z plikiem, który musi przetrwać)"
mkdir -p "$DATA"
head -c 4096 /dev/urandom >"$DATA/sprawdzenie.bin"
DATA_SUM="$(sha256sum "$DATA/sprawdzenie.bin" | cut -d' ' -f1)"

step "Instalacja starszej wersji 0.0.1, potem aktualizacja do $VERSION (bez okien)"
makensis -V1 -DVERSION=0.0.1 -DFAST -DSOURCE="$BUILD/dist/NKDesk" -DICON="$ROOT/packaging/nkdesk.ico" \
    -DOUTFILE="$BUILD/old-setup.exe" "$ROOT/packaging/windows/nkdesk.nsi"
bounded wine "$BUILD/old-setup.exe" /S
[ "$(installed_version)" = "0.0.1" ] || fail "starsza wersja nie zapisała się w Aplikacjach"
touch "$INSTDIR/_internal/plik-starej-wersji.txt"
bounded wine "$SETUP" /S
[ "$(installed_version)" = "$VERSION" ] || fail "aktualizacja nie zmieniła wersji w Aplikacjach"
[ -f "$INSTDIR/NKDesk.exe" ] || fail "brak $INSTDIR/NKDesk.exe"
[ ! -e "$INSTDIR/_internal/plik-starej-wersji.txt" ] || fail "aktualizacja zostawiła pliki starej wersji"
[ -f "$PROGRAMS/NK Desk/NK Desk.lnk" ] || fail "brak skrótu w menu Start"
[ "$(sha256sum "$DATA/sprawdzenie.bin" | cut -d' ' -f1)" = "$DATA_SUM" ] || fail "instalacja zmieniła dane"

step "Aktualizacja przy uruchomionym programie: odmowa (kod 2), program nietknięty"
RUNNING_DATA="$WINEPREFIX/drive_c/nkdesk-uruchomiony"
rm -rf "$RUNNING_DATA"
WINEQT_QPA_PLATFORM=offscreen WINEQT_QPA_FONTDIR="$(winpath "$ROOT/resources/fonts")" \
    bounded wine "$INSTDIR/NKDesk.exe" --data-dir 'C:\nkdesk-uruchomiony' >/dev/null 2>&1 &
RUNNING=$!
# The program is running once it holds the lock in its data folder (a process name under
# Wine changes while it starts, so it is no signal).
for _ in $(seq 180); do [ -e "$RUNNING_DATA/nkdesk.lock" ] && break; sleep 1; done
[ -e "$RUNNING_DATA/nkdesk.lock" ] || fail "uruchomiony program nie zajął folderu danych w 180 s"
sleep 3
set +e
bounded wine "$SETUP" /S
refused=$?
set -e
wineserver -k 2>/dev/null || true  # ends the running program and everything it started
wait "$RUNNING" 2>/dev/null || true
[ "$refused" != 124 ] || fail "instalator nie skończył w $WINE_LIMIT s przy uruchomionym programie"
[ "$refused" = 2 ] || fail "instalator nadpisał uruchomiony program (kod $refused zamiast 2)"
[ "$(installed_version)" = "$VERSION" ] && [ -f "$INSTDIR/NKDesk.exe" ] \
    || fail "odmowa aktualizacji uszkodziła zainstalowany program"

run_self_test() {  # $1 = NKDesk.exe, $2 = report file; Wine drops QT_* but passes WINEQT_*
    WINEQT_QPA_PLATFORM=offscreen WINEQT_QPA_FONTDIR="$(winpath "$ROOT/resources/fonts")" \
        bounded wine "$1" --self-test --report "$(winpath "$2")" 2>&1 | tr -d '\000' >"$2.log"
    local code="${PIPESTATUS[0]}"
    if [ -s "$2" ]; then cat "$2"; else cat "$2.log"; fi  # no report: show what it printed
    return "$code"
}

step "Autotest zainstalowanego programu"
run_self_test "$INSTDIR/NKDesk.exe" "$BUILD/out/autotest-zainstalowany.txt" \
    || fail "autotest zainstalowanego programu nie przeszedł"
grep -qF "Folder danych: C:\\users\\" "$BUILD/out/autotest-zainstalowany.txt" \
    || fail "zainstalowany program szuka danych poza profilem użytkownika"

step "Wersja przenośna: rozpakowana, autotest, dane obok programu"
rm -rf "$BUILD/portable" && mkdir -p "$BUILD/portable"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
    "$BUILD/out/NKDesk-$VERSION-przenosny.zip" "$BUILD/portable"
run_self_test "$BUILD/portable/NKDesk/NKDesk.exe" "$BUILD/out/autotest-przenosny.txt" \
    || fail "autotest wersji przenośnej nie przeszedł"
grep -qF "NKDesk-dane (wersja przenośna: obok programu)" "$BUILD/out/autotest-przenosny.txt" \
    || fail "wersja przenośna nie trzyma danych obok siebie"

step "Odinstalowanie (bez okien; dane zostają)"
bounded wine "$INSTDIR/Odinstaluj.exe" /S
for _ in $(seq 60); do  # the uninstaller copies itself to TEMP and returns at once
    [ -e "$INSTDIR/NKDesk.exe" ] || [ -e "$INSTDIR/Odinstaluj.exe" ] || break
    sleep 1
done
bounded wineserver -w
[ ! -e "$INSTDIR" ] || fail "po odinstalowaniu został folder $INSTDIR: $(ls "$INSTDIR")"
[ ! -e "$PROGRAMS/NK Desk" ] || fail "po odinstalowaniu został skrót w menu Start"
[ -z "$(installed_version)" ] || fail "po odinstalowaniu program wciąż jest w Aplikacjach"
[ "$(sha256sum "$DATA/sprawdzenie.bin" | cut -d' ' -f1)" = "$DATA_SUM" ] \
    || fail "odinstalowanie usunęło lub zmieniło dane w $DATA"

step "Odinstalowanie z /USUNDANE (świadome usunięcie danych) usuwa folder danych"
bounded wine "$SETUP" /S
[ -f "$INSTDIR/NKDesk.exe" ] || fail "ponowna instalacja się nie udała"
bounded wine "$INSTDIR/Odinstaluj.exe" /S /USUNDANE
for _ in $(seq 60); do
    [ -e "$INSTDIR/NKDesk.exe" ] || [ -e "$INSTDIR/Odinstaluj.exe" ] || break
    sleep 1
done
bounded wineserver -w
[ ! -e "$DATA" ] || fail "/USUNDANE nie usunęło folderu danych $DATA"

step "Gotowe: zbudowany, zainstalowany, sprawdzony i odinstalowany"
du -sh "$BUILD/dist/NKDesk" "$BUILD/out/"*.exe "$BUILD/out/"*.zip
