# Build LAPDesk on a Windows machine, as `make package-windows` does under Wine: the same
# clean build environment (runtime dependencies and PyInstaller only), the same package.py and
# spec, the same output: dist\windows\LAPDesk\ (lapdesk.exe windowed, lapdesk-cli.exe console,
# install.ps1) and dist\LAPDesk-<version>-windows.zip; then the same smoke test.
# Run from the repository root in PowerShell, with Python 3.11 from python.org installed:
#   powershell -ExecutionPolicy Bypass -File build_scripts\package-windows.ps1
# Optional signing before the zip is made: LAPDESK_SIGN_CERT (a .pfx) and LAPDESK_SIGN_PASSWORD
# (signtool.exe from the Windows SDK on PATH).
$ErrorActionPreference = "Stop"
function Check($what) { if ($LASTEXITCODE -ne 0) { throw "$what failed (exit $LASTEXITCODE)" } }

$python = (py -3.11 build_scripts\build_env.py build\package-env); Check "the build environment"
& $python build_scripts\package.py; Check "package.py"
if ($env:LAPDESK_SIGN_CERT) {
    Get-ChildItem dist\windows\LAPDesk\*.exe | ForEach-Object {
        signtool sign /f $env:LAPDESK_SIGN_CERT /p $env:LAPDESK_SIGN_PASSWORD /fd SHA256 `
            /tr http://timestamp.digicert.com /td SHA256 $_.FullName; Check "signtool"
    }
    & $python build_scripts\package.py --archive-only; Check "the zip of the signed programs"
}
# The smoke test writes its sample files with the dev tools: a development environment.
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv; Check "venv" }
.\.venv\Scripts\python.exe -m pip install --quiet -e ".[dev]"; Check "pip install"
.\.venv\Scripts\python.exe build_scripts\smoke_frozen.py; Check "the smoke test"
