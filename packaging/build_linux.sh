#!/usr/bin/env bash
# The Linux one-folder bundle from the same spec and pinned list as Windows, and its
# frozen self-test offscreen (run by .ci/run every time):
#
#     packaging/build_linux.sh              # → build/linux/dist/NKDesk/NKDesk
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${NKDESK_LINUX_BUILD:-$ROOT/build/linux}"

if [ ! -x "$BUILD/venv/bin/pyinstaller" ] || ! cmp -s "$ROOT/packaging/requirements.lock" "$BUILD/venv/lock"; then
    rm -rf "$BUILD/venv"
    python3 -m venv "$BUILD/venv"
    "$BUILD/venv/bin/python" -m pip install --quiet --require-hashes --only-binary=:all: \
        -r "$ROOT/packaging/requirements.lock"
    cp "$ROOT/packaging/requirements.lock" "$BUILD/venv/lock"
fi
"$BUILD/venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$BUILD/dist" --workpath "$BUILD/work" "$ROOT/packaging/nkdesk.spec"
du -sh "$BUILD/dist/NKDesk"
QT_QPA_PLATFORM=offscreen "$BUILD/dist/NKDesk/NKDesk" --self-test
