#!/usr/bin/env bash
# Build LAPDesk on macOS: dist/LAPDesk/ and dist/LAPDesk-<version>-darwin.tar.gz, from the same
# clean build environment as `make package` (runtime dependencies and PyInstaller only).
# Optional signing: LAPDESK_CODESIGN_IDENTITY and LAPDESK_ENTITLEMENTS (read by the spec).
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(python3.11 build_scripts/build_env.py build/package-env)
"$python" build_scripts/package.py
# The smoke test writes its sample files with the dev tools: a development environment.
[ -d .venv ] || python3.11 -m venv .venv
.venv/bin/python -m pip install -e '.[dev]'
.venv/bin/python build_scripts/smoke_frozen.py
