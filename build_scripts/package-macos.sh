#!/usr/bin/env bash
# Build LAPDesk on macOS: dist/LAPDesk/ and dist/LAPDesk-<version>-darwin.tar.gz.
# Optional signing: LAPDESK_CODESIGN_IDENTITY and LAPDESK_ENTITLEMENTS (read by the spec).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d .venv ] || python3.11 -m venv .venv
.venv/bin/python -m pip install --upgrade pip
.venv/bin/python -m pip install -e '.[dev]'
.venv/bin/python build_scripts/package.py
.venv/bin/python build_scripts/smoke_frozen.py
