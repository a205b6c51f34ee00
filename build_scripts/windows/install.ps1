# Installs LAPDesk for the current user, without administrator rights, from the unpacked zip:
# the program goes to %LOCALAPPDATA%\Programs\LAPDesk, with a Start-menu entry, the *.lapdesk
# file type (a double-click opens the store in LAPDesk) and an entry in Settings > Apps.
#   Right-click install.ps1 > Run with PowerShell, or:
#   powershell -ExecutionPolicy Bypass -File install.ps1            (install or update)
#   powershell -ExecutionPolicy Bypass -File install.ps1 -Uninstall (what Settings > Apps runs)
# The work is done by lapdesk-cli.exe --install / --uninstall (lapdesk/core/windows_install.py),
# which the Windows tests run under Wine; this script only starts it and removes the folder.
param([switch]$Uninstall)
$ErrorActionPreference = "Stop"
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
if ($Uninstall) {
    & "$here\lapdesk-cli.exe" --uninstall
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    $installed = Join-Path $env:LOCALAPPDATA "Programs\LAPDesk"
    if ((Resolve-Path $here).Path -eq (Resolve-Path -ErrorAction SilentlyContinue $installed).Path) {
        # The folder cannot remove itself while this script runs from it: leave when done.
        Start-Process -WindowStyle Hidden -FilePath cmd.exe `
            -ArgumentList "/c timeout /t 2 >nul & rmdir /s /q `"$installed`""
    }
    Write-Host "Your stores and settings are kept (in $env:APPDATA\LAPDesk and $env:LOCALAPPDATA\LAPDesk)."
} else {
    & "$here\lapdesk-cli.exe" --install
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}
