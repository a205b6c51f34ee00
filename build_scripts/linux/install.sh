#!/usr/bin/env sh
# Installs LAPDesk for the current user from the unpacked dist/LAPDesk folder: a launcher in
# the applications menu, the icon, and the *.lapdesk file association.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/applications" "$data/icons/hicolor/256x256/apps" "$data/mime/packages" "$HOME/.local/bin"
ln -sf "$here/lapdesk" "$HOME/.local/bin/lapdesk"
ln -sf "$here/lapdesk-cli" "$HOME/.local/bin/lapdesk-cli"
cp "$here/share/lapdesk.png" "$data/icons/hicolor/256x256/apps/lapdesk.png"
sed "s|^Exec=lapdesk|Exec=$here/lapdesk|" "$here/share/lapdesk.desktop" > "$data/applications/lapdesk.desktop"
cp "$here/share/lapdesk-mime.xml" "$data/mime/packages/lapdesk.xml"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "LAPDesk installed for $(id -un)."
