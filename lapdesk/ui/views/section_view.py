"""Working by section: every excerpt under a section or question, grouped by contributor in
the conference's order of attribution, beside the Presidency's synthesis for it.

The synthesis is edited as rich text (bold, italic, lists) and stored as Markdown, the form
the export reads.  It is saved shortly after typing stops and when the editor loses focus;
each save is one undoable change.  Each listed excerpt's stance, topic and summary are edited
where they are listed (:mod:`~lapdesk.ui.views.excerpt_edits`); clicking a passage selects it,
and the window's strip follows it.  The synthesis pane's width is remembered.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextCursor, QTextListFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from lapdesk.core.records import Annotation, Excerpt
from lapdesk.rounds.node_panel import is_draft_node
from lapdesk.store import contributions, excerpts, framework
from lapdesk.store.registry import attribution_rank
from lapdesk.ui import colours
from lapdesk.ui.catalogue import Catalogue
from lapdesk.ui.service.live import LiveQuery
from lapdesk.ui.service.store_service import StoreService
from lapdesk.ui.views.amendment_view import AmendmentView
from lapdesk.ui.views.excerpt_edits import ExcerptEdits, link, parse_link

SAVE_AFTER_MS = 800
SYNTHESIS_MIN_WIDTH = 320  # its placeholder and toolbar whole, on a 1366-pixel screen
PLAIN_LINK = "style='color:inherit; text-decoration:none'"
STANCE_CHIPS = {"supports": "✔ supports", "opposes": "✖ opposes", "proposes": "✚ proposes",
                "concern": "⚠ concern", "question": "? question", "neutral": "○ neutral"}
REFRESH_ON = {"excerpts", "mappings", "annotations", "topics", "contribution_contributors",
              "framework_nodes", "contributions", "contributors"}


def grouped_excerpts(store, node_key: str) -> list[tuple[str, list[Excerpt]]]:
    """(contributors' names, excerpts) for every contribution with excerpts under the node,
    in the order of attribution of each contribution's first contributor."""
    seen: dict[int, Excerpt] = {}
    for key in framework.descendant_keys(store, node_key):
        for row in excerpts.excerpts_under(store, key):
            seen.setdefault(row.id, row)
    by_contribution: dict[int, list[Excerpt]] = {}
    for row in sorted(seen.values(), key=lambda r: (r.contribution_id, r.start)):
        by_contribution.setdefault(row.contribution_id, []).append(row)
    groups = []
    for contribution_id, rows in by_contribution.items():
        people = contributions.contributors_of(store, contribution_id)
        name = ", ".join(p.name for p in people) or f"Unknown contributor ({contribution_id})"
        rank = (attribution_rank(people[0].kind, people[0].status), name.casefold()) \
            if people else (9, name.casefold())
        groups.append((rank, name, rows))
    groups.sort(key=lambda g: g[0])
    return [(name, rows) for _, name, rows in groups]


def _position_links(excerpt_id: int, annotation: Annotation | None) -> str:
    """A position's stance chip, topic and summary, each a link that edits it in place."""
    topic = html.escape(annotation.topic) if annotation and annotation.topic else ""
    summary = html.escape(annotation.summary) if annotation and annotation.summary else ""
    annotation_id = annotation.id if annotation else None
    chip = (STANCE_CHIPS.get(annotation.stance, annotation.stance) if annotation
            else "no position recorded yet")
    return (f"<a href='{link('stance', excerpt_id, annotation_id)}' {PLAIN_LINK}>"
            f"<b>[{chip}]</b></a> "
            f"<a href='{link('topic', excerpt_id, annotation_id)}'>"
            f"<i>{topic or 'topic…'}</i></a> — "
            f"<a href='{link('summary', excerpt_id, annotation_id)}' {PLAIN_LINK}>"
            f"{summary or '<u>summary…</u>'}</a>")


class SectionView(QWidget):
    """Emits :attr:`back_requested` (Back / breadcrumb) and :attr:`excerpt_opened`
    (contribution id, excerpt id) when the user follows an excerpt to its contribution."""

    back_requested = Signal()
    excerpt_opened = Signal(int, int)
    excerpt_selected = Signal(int, str)  # an excerpt clicked in the listing, and whose it is

    shown = Signal(str)  # the node whose excerpts are listed

    def __init__(self, service: StoreService, catalogue: Catalogue, parent=None):
        super().__init__(parent)
        self._service = service
        self._catalogue = catalogue
        self.node_key: str | None = None
        self.selected_excerpt: int | None = None
        self._groups: list[tuple[str, list[dict]]] = []
        self._saved_markdown = ""
        self._saves_in_flight = 0
        self._loading = False

        self.back = QPushButton("‹ Back to the contribution", self)
        self.back.setAccessibleName("Back to the contribution")
        self.back.setToolTip("Back (Alt+Left)")
        self.breadcrumb = QLabel(self)
        self.breadcrumb.setAccessibleName("Where you are")
        self.listing = QTextBrowser(self)
        self.listing.setAccessibleName("Excerpts under this section")
        self.listing.setOpenLinks(False)
        self.edits = ExcerptEdits(self.listing, service)
        self.editor = QTextEdit(self)
        self.editor.setAccessibleName("Presidency's synthesis")
        self.editor.setAcceptRichText(True)
        self.editor.setPlaceholderText("The Presidency's synthesis of the views on this section…")
        self.tools = QToolBar("Synthesis formatting", self)
        self._editor_keys: dict[QKeySequence, object] = {}
        self.bold = self._tool("Bold", QKeySequence.StandardKey.Bold, self._toggle_bold)
        self.italic = self._tool("Italic", QKeySequence.StandardKey.Italic, self._toggle_italic)
        self.bullets = self._tool("• List", None, lambda: self._list(QTextListFormat.Style.ListDisc))
        self.numbers = self._tool("1. List", None,
                                  lambda: self._list(QTextListFormat.Style.ListDecimal))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)

        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.breadcrumb, 1)
        synthesis = QWidget(self)
        side = QVBoxLayout(synthesis)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel("Synthesis (saved as you type)", synthesis))
        side.addWidget(self.tools)
        side.addWidget(self.editor)
        synthesis.setMinimumWidth(SYNTHESIS_MIN_WIDTH)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("section-splitter")  # remembered with the window
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.listing)
        self.splitter.addWidget(synthesis)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        # A draft's paragraph or action: its amendments beside its text, above its excerpts.
        self.amendments = AmendmentView(service, self)
        self.amendments.hide()
        layout.addWidget(self.amendments, 3)
        layout.addWidget(self.splitter, 1)

        self.back.clicked.connect(self.back_requested.emit)
        self.breadcrumb.linkActivated.connect(lambda _link: self.back_requested.emit())
        self.listing.anchorClicked.connect(self._anchor_clicked)
        self.editor.textChanged.connect(self._edited)
        self._timer.timeout.connect(self.save_synthesis)
        self.editor.installEventFilter(self)
        self.query = LiveQuery(service, grouped_excerpts, tables=REFRESH_ON, start=False,
                               parent=self)
        self.query.clear()
        self.query.updated.connect(self._fill_listing)
        catalogue.framework_changed.connect(self._framework_changed)

    def _tool(self, text: str, keys, slot) -> QAction:
        """A formatting button.  Its keys (Ctrl+B, Ctrl+I) are the editor's own, taken while
        it has the focus (see :meth:`eventFilter`) rather than an action's shortcut, which
        would be ambiguous with the window's Ctrl+I (Import) and leave both dead."""
        action = QAction(text, self)
        if keys is not None:
            sequence = QKeySequence(keys)
            action.setToolTip(f"{text} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})")
            self._editor_keys[sequence] = slot
        action.triggered.connect(slot)
        self.tools.addAction(action)
        return action

    # --- showing --------------------------------------------------------------------------

    def show_node(self, node_key: str, *, back_to: str = "") -> None:
        self.save_synthesis()
        if node_key != self.node_key:
            self.selected_excerpt = None
        self.node_key = node_key
        tree = self._catalogue.framework
        crumbs = [f'<a href="back">{html.escape(back_to or "Contribution")}</a>']
        section, node = tree.section_of(node_key), tree.node(node_key)
        crumbs.append(html.escape(section["short_title"] or section["title"]))
        if node["key"] != section["key"]:
            crumbs.append(html.escape(node["short_title"] or node["title"]))
        self.breadcrumb.setText(" › ".join(crumbs))
        self.listing.setHtml(f"<h2>{html.escape(node['title'])}</h2><p>Loading…</p>")
        self._load_synthesis()
        self.query.retarget(node_key)
        drafted = is_draft_node(node)
        self.amendments.setVisible(drafted)
        self.amendments.show_node(node_key) if drafted else self.amendments.clear()

    def _fill_listing(self, groups: list[tuple[str, list[dict]]]) -> None:
        tree = self._catalogue.framework
        if self.query.args != (self.node_key,) or not tree.has(self.node_key):
            return
        self._groups = groups
        node = tree.node(self.node_key)
        tint = colours.tint(tree.section_position(self.node_key)).name()
        count = sum(len(rows) for _, rows in groups)
        parts = [f"<h2>{html.escape(node['title'])}</h2>"]
        if node["description"]:
            parts.append(f"<p><i>{html.escape(node['description'])}</i></p>")
        parts.append(f"<p>{count} excerpt{'s' * (count != 1)} from {len(groups)}"
                     f" contribution{'s' * (len(groups) != 1)}.</p>")
        for name, rows in groups:
            parts.append(f"<h3>{html.escape(name)}</h3>")
            for row in rows:
                chips = "<br/>".join(_position_links(row.id, a) for a in row.annotations
                                     ) or _position_links(row.id, None)
                reviewed = " ✓ reviewed" if row.reviewed else ""
                chosen = row.id == self.selected_excerpt
                mark = "<b>▶ </b>" if chosen else ""
                weight = "font-weight:bold; " if chosen else ""
                parts.append(
                    f"<p>{mark}{chips}{reviewed}<br/>"
                    f"<a href='select:{row.id}' {PLAIN_LINK}><span style='{weight}"
                    f"background-color:{tint}'>“{html.escape(row.text)}”</span></a>"
                    f" <a href='excerpt:{row.contribution_id}:{row.id}'>open</a></p>")
        if not groups:
            parts.append("<p>Nothing is mapped here yet. Select a passage in a contribution and "
                         "drag it onto this section, or press Ctrl+1 … Ctrl+9.</p>")
        scroll = self.listing.verticalScrollBar().value()
        self.listing.setHtml("".join(parts))
        self.listing.verticalScrollBar().setValue(scroll)
        self.shown.emit(self.node_key)

    def _anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("excerpt:"):
            _, contribution_id, excerpt_id = text.split(":")
            self.excerpt_opened.emit(int(contribution_id), int(excerpt_id))
        elif text.startswith("select:"):
            self.select_excerpt(int(text.split(":")[1]))
        elif (edit := parse_link(text)) is not None:
            self.edit(*edit)

    def _listed(self, excerpt_id: int) -> tuple[str, dict] | None:
        return next(((name, row) for name, rows in self._groups for row in rows
                     if row.id == excerpt_id), None)

    def select_excerpt(self, excerpt_id: int) -> None:
        """Make a listed excerpt the one the strip edits (its passage shown in bold)."""
        listed = self._listed(excerpt_id)
        if listed is None:
            return
        self.selected_excerpt = excerpt_id
        self._fill_listing(self._groups)
        self.excerpt_selected.emit(excerpt_id, listed[0])

    def edit(self, field: str, excerpt_id: int, annotation_id: int | None, *,
             where: QPoint | None = None) -> None:
        """Edit a listed position's stance, topic or summary in place."""
        listed = self._listed(excerpt_id)
        if listed is None:
            return
        annotation = next((a for a in listed[1].annotations if a.id == annotation_id), None)
        self.select_excerpt(excerpt_id)
        self.edits.open(field, excerpt_id, annotation,
                        where or self._link_position(link(field, excerpt_id, annotation_id)))

    def _link_position(self, href: str) -> QPoint:
        """Just below where a link is shown in the listing (the editor opens there, over the
        passage quoted under it), in the viewport's coordinates."""
        block = self.listing.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.charFormat().anchorHref() == href:
                    cursor = QTextCursor(self.listing.document())
                    cursor.setPosition(fragment.position())
                    return self.listing.cursorRect(cursor).bottomLeft()
                fragments += 1
            block = block.next()
        return QPoint(12, 12)

    def _framework_changed(self) -> None:
        if self.node_key is None:
            return
        if not self._catalogue.framework.has(self.node_key):  # removed from the framework
            self.node_key = None
            self.back_requested.emit()
            return
        stored = self._catalogue.framework.node(self.node_key)["synthesis"]
        # An undo or redo of the synthesis; never while a save is on its way (the framework
        # read may predate it) or the editor holds typing not yet saved.
        if (stored != self._saved_markdown and not self._saves_in_flight
                and self.synthesis_markdown() == self._saved_markdown.strip()):
            self._load_synthesis()

    # --- the synthesis --------------------------------------------------------------------

    def _load_synthesis(self) -> None:
        self._loading = True
        self._timer.stop()
        self._saved_markdown = self._catalogue.framework.node(self.node_key)["synthesis"]
        self.editor.setMarkdown(self._saved_markdown)
        self._loading = False

    def _edited(self) -> None:
        if not self._loading:
            self._timer.start()

    def synthesis_markdown(self) -> str:
        return self.editor.toMarkdown().strip()

    def save_synthesis(self) -> None:
        """Store the editor's text if it changed since it was loaded or last saved."""
        self._timer.stop()
        if self.node_key is None or self._loading:
            return
        text = self.synthesis_markdown()
        if text == self._saved_markdown.strip():
            return
        self._saved_markdown = text
        self._saves_in_flight += 1
        self._service.apply(framework.set_synthesis, self.node_key, text,
                            then=self._saved, failed=self._save_failed)

    def _saved(self, _result=None) -> None:
        self._saves_in_flight -= 1

    def _save_failed(self, failure) -> None:
        self._saves_in_flight -= 1
        self._service.error.emit(failure.message)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.editor and event.type() == event.Type.FocusOut:
            self.save_synthesis()
        if watched is self.editor and event.type() in (event.Type.ShortcutOverride,
                                                         event.Type.KeyPress):
            slot = self._editor_keys.get(QKeySequence(event.keyCombination()))
            if slot is not None:
                event.accept()  # the editor's, not the window's shortcut
                if event.type() == event.Type.KeyPress:
                    slot()
                return True
        return super().eventFilter(watched, event)

    # --- formatting -----------------------------------------------------------------------

    def _toggle_bold(self) -> None:
        bold = self.editor.fontWeight() != QFont.Weight.Bold
        self.editor.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)

    def _toggle_italic(self) -> None:
        self.editor.setFontItalic(not self.editor.fontItalic())

    def _list(self, style: QTextListFormat.Style) -> None:
        cursor = self.editor.textCursor()
        if cursor.currentList():
            block = cursor.blockFormat()
            block.setIndent(0)
            cursor.currentList().remove(cursor.block())
            cursor.setBlockFormat(block)
        else:
            cursor.createList(style)
