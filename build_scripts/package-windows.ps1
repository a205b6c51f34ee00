# Build LAPDesk on Windows: dist\LAPDesk\ (lapdesk.exe windowed, lapdesk-cli.exe console) and
# dist\LAPDesk-<version>-windows.zip.  Run from the repository root in PowerShell:
#   powershell -ExecutionPolicy Bypass -File build_scripts\package-windows.ps1
# Optional signing: set LAPDESK_SIGN_CERT (a .pfx path) and LAPDESK_SIGN_PASSWORD.
$ErrorActionPreference = "Stop"
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.\.venv\Scripts\python.exe -m pip install --upgrade pip
.\.venv\Scripts\python.exe -m pip install -e ".[dev]"
.\.venv\Scripts\python.exe build_scripts\package.py
if ($env:LAPDESK_SIGN_CERT) {
    Get-ChildItem dist\LAPDesk\*.exe | ForEach-Object {
        signtool sign /f $env:LAPDESK_SIGN_CERT /p $env:LAPDESK_SIGN_PASSWORD /fd SHA256 `
            /tr http://timestamp.digicert.com /td SHA256 $_.FullName
    }
}
.\.venv\Scripts\python.exe build_scripts\smoke_frozen.py
