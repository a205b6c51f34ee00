"""PyInstaller's entry script for both executables: the same ``lapdesk.app.main``."""

from lapdesk.app import main

if __name__ == "__main__":
    raise SystemExit(main())
