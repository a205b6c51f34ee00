#!/usr/bin/env bash
# Run a Windows program in the Wine prefix that `make package-windows` prepared, e.g.
#   build_scripts/wine.sh dist/windows/LAPDesk/lapdesk-cli.exe --store /tmp/x.lapdesk framework
#   build_scripts/wine.sh python -c "import sys; print(sys.platform)"    (the tests' CPython)
#   build_scripts/wine.sh --fresh --gui dist/windows/LAPDesk/lapdesk.exe    (a window, on Xvfb)
# Linux paths work as arguments (Wine's Z: drive is the Linux root).  The program's standard
# handles are pipes, whatever this script's are: a Windows Python given a regular file as a
# standard handle dies at start-up.  The exit code is the program's.
#   --fresh  end the prefix's Wine session first (the smoke test and the tests start from a
#            fresh one; a build interrupted halfway may leave its session behind)
#   --gui    run under a private Xvfb display, with Qt's windows platform plugin
set -euo pipefail
cache=${LAPDESK_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lapdesk-build}
export WINEPREFIX=$cache/wine
export WINEDEBUG=${LAPDESK_WINEDEBUG:--all}
export WINEDLLOVERRIDES="mscoree,mshtml="
unset SSL_CERT_DIR PYTHONPATH PYTHONHOME VIRTUAL_ENV PIP_FIND_LINKS
fresh=0 gui=0
while [ $# -gt 0 ]; do
	case $1 in
	--fresh) fresh=1; shift ;;
	--gui) gui=1; shift ;;
	*) break ;;
	esac
done
if [ $# -eq 0 ]; then
	sed -n '2,12s/^# \{0,1\}//p' "$0" >&2
	exit 2
fi
if [ ! -f "$WINEPREFIX/.lapdesk-prefix" ]; then
	echo "wine.sh: no prepared Wine prefix in $WINEPREFIX; run \`make package-windows\` first." >&2
	exit 1
fi
program=$1; shift
case $program in
python) program=$WINEPREFIX/drive_c/lapdesk/test-env/Scripts/python.exe
	[ -f "$program" ] || program=$WINEPREFIX/drive_c/lapdesk/python/python.exe ;;
esac
if [ "$fresh" = 1 ]; then
	wineserver -k 2>/dev/null || true
	wineserver -w || true
fi
if [ "$gui" = 1 ]; then
	unset DISPLAY WAYLAND_DISPLAY
	export QT_QPA_PLATFORM=windows
	exec xvfb-run -a -s "-screen 0 1440x900x24" "$0" "$program" "$@"
fi
# stdin: a terminal stays one; anything else (a file, /dev/null) is passed through a pipe.
status=0
if [ -t 0 ]; then
	wine "$program" "$@" 2> >(cat >&2) | cat || status=${PIPESTATUS[0]}
else
	cat | wine "$program" "$@" 2> >(cat >&2) | cat || status=${PIPESTATUS[1]}
fi
wait  # for the stderr pipe's cat to finish writing
exit "$status"
