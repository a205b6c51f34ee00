"""``python -m lapdesk`` behaves exactly like the ``lapdesk`` command."""

from lapdesk.app import main

raise SystemExit(main())
