"""Team work, property-based: 3 to 6 replicas make random edits offline and exchange packs in
random order, with duplicates and gaps; at the end every replica holds the same shared
content and the same Rev.1 of the drafting round (started, replied to, its amendments
accepted and decided anywhere), `check` passes on each, and every edit of a position that no
later edit replaced is in place or shown as a conflict.

A bounded number of runs in ``make test``; ``make soak`` runs many more
(``LAPDESK_SOAK_EXAMPLES``).  Each run prints nothing; the totals are printed at the end of
the module's run (pytest -s).
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from samples.drafts import zero_draft_bytes
from team_helpers import differing, exchange, make_team

from lapdesk.core.errors import UsageError
from lapdesk.export.round_sources import gather_round
from lapdesk.rounds import amendment_writes
from lapdesk.rounds.draft_reader import read_draft
from lapdesk.rounds.round_start import start_round
from lapdesk.rounds.round_store import current_round
from lapdesk.rounds.suggest_amendments import suggest
from lapdesk.store import changes, excerpts, framework
from lapdesk.store.integrity import check
from lapdesk.team import pack as packs
from lapdesk.team import purge, receive, send
from lapdesk.team.conflicts import conflicts

SOAK = int(os.environ.get("LAPDESK_SOAK_EXAMPLES", "0"))
EXAMPLES = SOAK or 12
STEPS = 60 if SOAK else 30
NODES = ["universalisation", "universalisation.q3", "structure", "stockpile_destruction"]
TOTALS = {"runs": 0, "steps": 0, "receptions": 0}
# A drafting round: the zero draft (read once), and replies that propose amendments to it.
DRAFT = read_draft(zero_draft_bytes(), "zero.docx")
REPLIES = ["Action 1: replace 'should' with 'shall'.", "Delete Action 5.",
           "Action 4: replace 'sex and age' with 'sex, age and disability'.",
           "Action 1: replace 'as soon as possible' with 'by 2026'."]
DECISIONS = ["retained", "not_retained", "withdrawn", "undecided"]


class Team(RuleBasedStateMachine):
    @initialize(count=st.integers(3, 6), seed=st.integers(0, 2**16))
    def start(self, count, seed):
        self.folder = Path(tempfile.mkdtemp(prefix="team-"))
        self.stores = make_team(self.folder, count, contributions=2)
        self.random = random.Random(seed)
        self.mailbox: list[Path] = []
        self.undo_stack: list[list] = [[] for _ in self.stores]
        # Every edit of a position: (replica, annotation id, summary, its seq, what it had).
        self.edits: list[tuple] = []
        self.counter = 0
        TOTALS["runs"] += 1

    def _store(self, r):
        return self.stores[r % len(self.stores)]

    def _pick(self, store, sql):
        rows = store.query(sql)
        return self.random.choice(rows) if rows else None

    def _did(self, r, change):
        self.undo_stack[r % len(self.stores)].append(change)
        TOTALS["steps"] += 1

    @rule(r=st.integers(0, 5), same=st.sampled_from([None, 0, 1]))
    def log_a_contribution(self, r, same):
        """A new text, or one of two notes that any member may log too (the same original
        logged twice)."""
        from builders import add_text_contribution

        store = self._store(r)
        self.counter += 1
        n = self.counter if same is None else f"shared {same}"
        add_text_contribution(store, [f"Text {n} about universalisation.",
                                      f"And victim assistance {n}."], name=f"c{n}.txt")
        TOTALS["steps"] += 1

    @rule(r=st.integers(0, 5), node=st.sampled_from(NODES), start=st.integers(0, 10))
    def map_a_span(self, r, node, start):
        store = self._store(r)
        row = self._pick(store, "SELECT id FROM contributions")
        if row:
            self._did(r, excerpts.map_span(store, row["id"], [node], start=start,
                                           end=start + 8, stance="supports", summary="new"))

    @rule(r=st.integers(0, 5), node=st.sampled_from(NODES))
    def map_or_unmap(self, r, node):
        store = self._store(r)
        row = self._pick(store, "SELECT id FROM excerpts")
        if not row:
            return
        mapped = store.query_one("SELECT 1 AS x FROM mappings m JOIN framework_nodes n"
                                 " ON n.id = m.node_id WHERE m.excerpt_id = ? AND n.key = ?",
                                 (row["id"], node))
        change = (excerpts.unmap(store, row["id"], node) if mapped
                  else excerpts.map_excerpt(store, row["id"], node))
        self._did(r, change)

    @rule(r=st.integers(0, 5))
    def edit_a_position(self, r):
        store = self._store(r)
        row = self._pick(store, "SELECT id FROM annotations")
        if not row:
            return
        self.counter += 1
        text = f"edit {self.counter} by {r % len(self.stores)}"
        self._did(r, excerpts.update_annotation(store, row["id"], summary=text))
        self._note_edit(store, row["id"], text)

    @rule(r=st.integers(0, 5))
    def add_a_position(self, r):
        store = self._store(r)
        row = self._pick(store, "SELECT id FROM excerpts")
        if row:
            self._did(r, excerpts.annotate(store, row["id"], stance="concern", summary="more"))

    @rule(r=st.integers(0, 5), node=st.sampled_from(NODES), line=st.integers(0, 3))
    def edit_a_synthesis(self, r, node, line):
        store = self._store(r)
        lines = (framework.node(store, node)["synthesis"] or "a\nb\nc\nd").split("\n")
        self.counter += 1
        lines[min(line, len(lines) - 1)] = f"line {self.counter}"
        self._did(r, framework.set_synthesis(store, node, "\n".join(lines)))

    @rule(r=st.integers(0, 5))
    def delete_something(self, r):
        store = self._store(r)
        if self.random.random() < 0.5:
            row = self._pick(store, "SELECT id FROM excerpts")
            if row:
                self._did(r, excerpts.delete_excerpt(store, row["id"]))
        else:
            row = self._pick(store, "SELECT id FROM annotations")
            if row:
                self._did(r, excerpts.delete_annotation(store, row["id"]))

    @rule(r=st.integers(0, 5))
    def purge_a_contribution(self, r):
        store = self._store(r)
        if self.random.random() < 0.3:  # rare, as in life
            row = self._pick(store, "SELECT id FROM contributions")
            if row:
                purge.purge_contribution(store, row["id"])
                TOTALS["steps"] += 1

    @rule(r=st.integers(0, 5))
    def undo_the_last_change(self, r):
        stack = self.undo_stack[r % len(self.stores)]
        if not stack:
            return
        store = self._store(r)
        change = stack.pop()
        try:
            changes.undo(store, change)
        except changes.ChangedSinceError:
            return  # a colleague's change since: refused, and nothing was written
        for row in change.rows:
            if row.table == "annotations" and row.before and row.after:
                self._note_edit(store, row.key["id"], row.before["summary"])
        TOTALS["steps"] += 1

    @rule(r=st.integers(0, 5))
    def start_the_round(self, r):
        """Any replica may start it, not knowing that a colleague did too."""
        store = self._store(r)
        if current_round(store) is None:
            self._did(r, start_round(store, DRAFT, source_name="zero.docx"))

    @rule(r=st.integers(0, 5), which=st.integers(0, 3))
    def reply_on_the_draft(self, r, which):
        from builders import add_text_contribution

        store = self._store(r)
        if not self._on_draft(store):
            return
        # The same reply's bytes on every replica: one original logged twice, perhaps purged.
        reply = add_text_contribution(store, [REPLIES[which], f"Reply {which}."],
                                      name=f"reply{which}.txt", contributors=["Austria"])
        suggest(store, reply)
        TOTALS["steps"] += 1

    @rule(r=st.integers(0, 5))
    def suggest_again(self, r):
        """The same reply read again here: its suggestions are the ones found elsewhere."""
        store = self._store(r)
        row = self._pick(store, "SELECT DISTINCT contribution_id AS id FROM amendments")
        if row and self._on_draft(store):
            suggest(store, row["id"])

    @rule(r=st.integers(0, 5), accept=st.booleans())
    def accept_or_dismiss(self, r, accept):
        store = self._store(r)
        row = self._pick(store, "SELECT id FROM amendments WHERE status = 'suggested'")
        if row:
            write = amendment_writes.accept if accept else amendment_writes.dismiss
            self._did(r, write(store, [row["id"]]))

    @rule(r=st.integers(0, 5), decision=st.sampled_from(DECISIONS))
    def decide_an_amendment(self, r, decision):
        store = self._store(r)
        row = self._pick(store, "SELECT id FROM amendments WHERE status = 'recorded'")
        if row:
            try:
                self._did(r, amendment_writes.decide(store, row["id"], decision))
            except UsageError:
                return  # overlapping ones: refused here, nothing written

    def _on_draft(self, store) -> bool:
        present = current_round(store)
        return present is not None and present.kind == "draft"

    @rule(r=st.integers(0, 5))
    def send_changes(self, r):
        sent = send.send(self._store(r), self.folder / "packs")
        if sent is not None:
            self.mailbox.append(sent.path)

    @precondition(lambda self: self.mailbox)
    @rule(r=st.integers(0, 5), which=st.integers(0, 1000))
    def receive_a_pack(self, r, which):
        store = self._store(r)
        path = self.mailbox[which % len(self.mailbox)]  # any pack, in any order, again
        if packs.read_header(path.read_bytes())[0]["replica_id"] != store.capture.replica_id:
            receive.receive(store, [path])
            TOTALS["receptions"] += 1

    @precondition(lambda self: self.mailbox)
    @rule(r=st.integers(0, 5), picks=st.lists(st.integers(0, 1000), min_size=1, max_size=6))
    def receive_several_packs(self, r, picks):
        """Packs arrive in bulk too: a random handful, in any order, duplicates included."""
        store = self._store(r)
        mine = store.capture.replica_id
        chosen = [self.mailbox[p % len(self.mailbox)] for p in picks]
        chosen = [p for p in chosen
                  if packs.read_header(p.read_bytes())[0]["replica_id"] != mine]
        if chosen:
            receive.receive(store, chosen)
            TOTALS["receptions"] += len(chosen)

    def _note_edit(self, store, annotation_id, text):
        seen = {row["replica_id"]: row["applied_seq"]
                for row in store.query("SELECT replica_id, applied_seq FROM team_members")}
        seq = store.query_one("SELECT next_seq FROM team_replica")["next_seq"] - 1
        self.edits.append((store.capture.replica_id, annotation_id, text, seq, seen))

    @invariant()
    def each_store_is_sound(self):
        if self.random.random() < 0.1:
            for store in self.stores:
                assert check(store)["ok"]

    def teardown(self):
        try:
            self._settle_everything()
        finally:
            for store in self.stores:
                store.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _settle_everything(self):
        # Every pack sent so far reaches everyone, in a random order; then rounds of sending
        # and receiving until nobody has anything new (merges made on receiving travel too).
        for store in self.stores:
            mine = store.capture.replica_id
            theirs = [p for p in self.mailbox
                      if packs.read_header(p.read_bytes())[0]["replica_id"] != mine]
            self.random.shuffle(theirs)
            receive.receive(store, theirs)
        exchange(self.stores, self.folder / "packs")
        for store in self.stores:
            assert not receive.gaps(store)
        assert differing(self.stores) == {}
        for store in self.stores:
            assert check(store)["ok"], check(store)
        assert len({self._revision(store) for store in self.stores}) == 1
        self._every_last_edit_is_kept()

    def _revision(self, store) -> str:
        """What Rev.1 would say (or why it cannot be made yet)."""
        if not self._on_draft(store):
            return ""
        try:
            return repr([(n.key, n.new_label, n.new_text) for n in gather_round(store).revision])
        except UsageError as error:
            return str(error)

    def _every_last_edit_is_kept(self):
        """An edit no later edit (one made knowing it) replaced is in place, or in Conflicts
        on some replica, or its position was deleted."""
        kept = {row["summary"] for row in self.stores[0].query("SELECT summary FROM annotations")}
        present = {row["id"] for row in self.stores[0].query("SELECT id FROM annotations")}
        shown = set()
        for store in self.stores:
            for found in conflicts(store):
                shown |= {str(found.mine.get("summary")), str(found.theirs.get("summary"))}
                shown |= {str(d.get("summary")) for d in found.mine.get("_dependents", ())}
        for i, (replica, annotation, text, seq, _seen) in enumerate(self.edits):
            later = [e for e in self.edits[i + 1:] if e[1] == annotation
                     and (e[0] == replica or e[4].get(replica, 0) >= seq)]
            if later or annotation not in present:
                continue
            assert text in kept or text in shown, (text, annotation)


TestTeam = Team.TestCase
TestTeam.settings = settings(max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
                             suppress_health_check=list(HealthCheck),
                             report_multiple_bugs=False,
                             phases=[p for p in Phase if p is not Phase.shrink
                                     or not os.environ.get("LAPDESK_NO_SHRINK")])


def teardown_module():
    print(f"\nteam property test: {TOTALS['runs']} runs, {TOTALS['steps']} edits, "
          f"{TOTALS['receptions']} packs received during the runs")


