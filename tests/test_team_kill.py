"""Killing ``lapdesk team receive`` (SIGKILL, TerminateProcess on Windows) while it applies a
pack, 20 times at seeded random moments: each time the replica is either exactly as it was or
fully updated, never in between, and ``check`` passes."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time

import pytest
from builders import add_text_contribution
from conftest import ROOT
from team_helpers import make_team, shared_content

from lapdesk.store import excerpts
from lapdesk.store.connection import open_store
from lapdesk.store.integrity import check
from lapdesk.team import send

pytestmark = pytest.mark.slow

KILLS = 20
SEED = 20201125


def _receive(store_path, pack_path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lapdesk", "--store", str(store_path),
                             "team", "receive", str(pack_path)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "LAPDESK_AUTHOR": "Bruno Costa"})


def _content(path) -> tuple[dict, bool]:
    with open_store(path) as store:
        return shared_content(store), check(store)["ok"]


def test_a_pack_killed_while_applying_leaves_the_replica_as_it_was_or_fully_updated(tmp_path):
    a, b = make_team(tmp_path, 2)
    pristine = tmp_path / "pristine.lapdesk"
    b.close()
    shutil.copy(tmp_path / "r1.lapdesk", pristine)
    for n in range(40):  # a pack worth applying: contributions, excerpts, positions, mappings
        contribution = add_text_contribution(a, [f"Paragraph {n}.{i} on universalisation."
                                                 for i in range(30)], name=f"n{n}.txt")
        for i in range(25):
            excerpts.map_span(a, contribution, ["universalisation"], start=i * 10,
                              end=i * 10 + 8, stance="supports", summary=f"{n}.{i}")
    pack = send.send(a, tmp_path / "packs").path
    a.close()
    before, _ = _content(pristine)
    reference = tmp_path / "reference.lapdesk"
    shutil.copy(pristine, reference)
    started = time.monotonic()
    assert _receive(reference, pack).wait(120) == 0
    duration = time.monotonic() - started
    after, ok = _content(reference)
    assert ok and after != before
    rng = random.Random(SEED)
    outcomes = []
    for _kill in range(KILLS):
        target = tmp_path / "r1.lapdesk"
        for suffix in ("", "-wal", "-shm", ".lock"):
            (tmp_path / f"r1.lapdesk{suffix}").unlink(missing_ok=True)
        shutil.copy(pristine, target)
        process = _receive(target, pack)
        time.sleep(rng.uniform(0.2, duration))
        process.kill()
        process.wait(30)
        content, ok = _content(target)
        assert ok
        assert content in (before, after), "the replica is neither as it was nor updated"
        outcomes.append("updated" if content == after else "as it was")
    # Both ends were reached: the kills fell before and after the commit.
    print(f"\n{KILLS} kills over {duration:.2f} s: {outcomes.count('as it was')} as it was, "
          f"{outcomes.count('updated')} updated")
    assert "as it was" in outcomes
