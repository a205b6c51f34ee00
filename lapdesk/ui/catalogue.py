"""What every view consults and seldom changes: the framework, the registry, the settings.

Read on a reader lane when the window opens and again whenever their tables change, and kept
in memory, so that a view can ask "which section is Ctrl+3?" or "what is this store called?"
without a query.  :attr:`Catalogue.ready` fires once all three have arrived.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from lapdesk.core.framework_tree import FrameworkTree
from lapdesk.store import framework, registry, settings
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService

FRAMEWORK_TABLES = {"framework_nodes"}
REGISTRY_TABLES = {"contributors", "contributor_aliases"}
SETTINGS_TABLES = {"settings"}


def _framework(store) -> FrameworkTree:
    return FrameworkTree(framework.nodes(store))


class Catalogue(QObject):
    framework_changed = Signal()
    registry_changed = Signal()
    settings_changed = Signal()
    ready = Signal()

    def __init__(self, service: StoreService, parent: QObject | None = None):
        super().__init__(parent or service)
        self.framework = FrameworkTree([])
        self.contributors: list[dict] = []
        self.settings: dict[str, str] = {}
        self._announced = False
        self._queries = {
            "framework": LiveQuery(service, _framework, tables=FRAMEWORK_TABLES, parent=self),
            "registry": LiveQuery(service, registry.contributors, tables=REGISTRY_TABLES,
                                  parent=self),
            "settings": LiveQuery(service, settings.all_settings, tables=SETTINGS_TABLES,
                                  parent=self),
        }
        self._queries["framework"].updated.connect(self._framework_arrived)
        self._queries["registry"].updated.connect(self._registry_arrived)
        self._queries["settings"].updated.connect(self._settings_arrived)

    @property
    def is_ready(self) -> bool:
        return all(query.loaded for query in self._queries.values())

    def setting(self, key: str, default: str = "") -> str:
        return self.settings.get(key, default)

    def _framework_arrived(self, tree: FrameworkTree) -> None:
        self.framework = tree
        self.framework_changed.emit()
        self._maybe_ready()

    def _registry_arrived(self, rows: list[dict]) -> None:
        self.contributors = rows
        self.registry_changed.emit()
        self._maybe_ready()

    def _settings_arrived(self, values: dict[str, str]) -> None:
        self.settings = values
        self.settings_changed.emit()
        self._maybe_ready()

    def _maybe_ready(self) -> None:
        if self.is_ready and not self._announced:
            self._announced = True
            self.ready.emit()
