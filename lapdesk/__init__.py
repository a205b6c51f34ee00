"""LAPDesk: the Presidency's desk for written contributions on the Lausanne Action Plan.

The package is split so that everything that touches data (``core``, ``store``, ``ingest``,
``analysis``, ``export``) and the headless ``cli`` never import Qt; only ``lapdesk.app`` and
``lapdesk.ui`` do.  That keeps the core testable without a display and lets the CLI and the
GUI share one implementation of every operation.
"""

__version__ = "0.1.0"
APP_NAME = "LAPDesk"
APP_ID = "ch.eda.lapdesk"
