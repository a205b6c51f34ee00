"""The importer: one owner for the workers, a run that stops at any step, each file named,
hashed and capped once, and no detection or language work inside a write transaction."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
import samples

from lapdesk.ingest import batch, contribution_plan, importer
from lapdesk.ingest.extracted import Limits
from lapdesk.ingest.importer import Importer
from lapdesk.ingest.pipeline import import_paths
from lapdesk.store import contributions as c

AUSTRIA = b"Statement of the Republic of Austria\n\nAustria welcomes the Lausanne Action Plan.\n"


def _files(tmp_path, count: int) -> list:
    paths = []
    for number in range(count):
        path = tmp_path / f"{number}.txt"
        path.write_bytes(AUSTRIA + f"Copy {number}.".encode())
        paths.append(path)
    return paths


def test_an_attachment_keeps_its_real_name_beside_its_safe_one(store, tmp_path):
    mail = tmp_path / "france.eml"
    mail.write_bytes(samples.eml_bytes())
    result = import_paths(store, [mail])[0]
    files = {f.name: f for f in c.files_of(store, result.contribution_id)}
    assert files["annexe.pdf"].original_name == "../../annexe.pdf"
    forwarded = f"{samples.NESTED_SUBJECT.replace(':', '_')}.eml"
    assert files[forwarded].original_name == f"{samples.NESTED_SUBJECT}.eml"
    assert files["Contribution France.docx"].original_name == "Contribution France.docx"


def test_a_member_of_an_archive_keeps_its_path_as_its_real_name(store, tmp_path):
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(samples.zip_bytes())
    result = import_paths(store, [archive])[0]
    names = {f.name: f.original_name for f in c.files_of(store, result.contribution_id)}
    assert names["spain.txt"] == "notes/spain.txt"
    assert names["republic.pdf"] == "contributions/republic.pdf"


def test_each_file_is_named_and_hashed_once(store, tmp_path, monkeypatch):
    named, hashed = [], []
    real_name, real_hash = batch.safe_name, c.sha256_of
    monkeypatch.setattr(batch, "safe_name", lambda name: named.append(name) or real_name(name))
    monkeypatch.setattr(c, "sha256_of", lambda data: hashed.append(1) or real_hash(data))
    mail = tmp_path / "france.eml"
    mail.write_bytes(samples.eml_bytes())
    result = import_paths(store, [mail])[0]
    stored = c.files_of(store, result.contribution_id)
    assert len(stored) == 4  # the email, a Word file, a PDF, a forwarded email
    assert sorted(named) == sorted(f.original_name for f in stored)
    assert len(hashed) == 3  # the attachments; the email itself was hashed as it was read


def test_an_attachment_over_the_size_cap_is_capped_as_a_file_is(store, tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", b"Austria " * 1000)  # 8,000 bytes, deflated to a few dozen
    bundle = tmp_path / "bundle.zip"
    bundle.write_bytes(out.getvalue())
    big = tmp_path / "big.txt"
    big.write_bytes(b"France " * 1000)
    limits = replace(Limits(), max_file_bytes=1000)
    inside, alone = import_paths(store, [bundle, big], limits=limits)
    attachment = inside.attachments[0]
    assert attachment.status == alone.status == "too_large"
    assert attachment.message == alone.message
    assert "1000 bytes" in alone.message and "only its SHA-256 is kept" in alone.message
    for digest in (attachment.sha256, alone.sha256):
        assert store.query_one("SELECT kept FROM blobs WHERE sha256 = ?", (digest,))["kept"] == 0


def test_detection_language_and_dates_run_outside_the_write_transaction(
        store, tmp_path, monkeypatch):
    seen = []

    def watched(function):
        def call(*args, **kwargs):
            seen.append((function.__name__, store.conn.in_transaction))
            return function(*args, **kwargs)
        return call

    for name in ("detect_contributors", "dominant_language", "letter_date"):
        monkeypatch.setattr(contribution_plan, name, watched(getattr(contribution_plan, name)))
    mail = tmp_path / "france.eml"
    mail.write_bytes(samples.eml_bytes())
    import_paths(store, [mail, *_files(tmp_path, 2)])
    assert {name for name, _ in seen} == {"detect_contributors", "dominant_language",
                                          "letter_date"}
    assert [name for name, inside in seen if inside] == []


def test_the_parent_never_detects_a_language_itself(store, tmp_path, monkeypatch):
    """Each file's language is found once, by the worker that read it."""
    from lapdesk.ingest import language

    monkeypatch.setattr(language, "detect_language", lambda text: pytest.fail("detected"))
    mail = tmp_path / "france.eml"
    mail.write_bytes(samples.eml_bytes())
    assert import_paths(store, [mail])[0].language == "en"


def test_a_run_stops_at_any_step_and_the_importer_runs_again(store, tmp_path):
    paths = _files(tmp_path, 5)
    with Importer(workers=1) as owner:
        run = owner.run(store, paths)
        steps = []
        for step in run:
            steps.append(step)
            if step.written and step.done == 2:
                break
        assert [s.done for s in steps if s.written] == [1, 2]
        assert all(s.total == 5 for s in steps)
        assert store.query_one("SELECT count(*) AS n FROM contributions")["n"] == 2
        with pytest.raises(RuntimeError):
            run.results  # noqa: B018 (the run was stopped)
        again = owner.run(store, paths)
        for _step in again:
            pass
        assert [r.status for r in again.results] == ["duplicate"] * 2 + ["ok"] * 3


def test_the_importer_closes_the_workers_it_started_and_only_those(store, tmp_path):
    from lapdesk.ingest.workers import WorkerPool

    with Importer(prestart=True) as owner:
        pool = owner.pool()
        for _step in owner.run(store, _files(tmp_path, 1)):
            pass
    assert pool.worker_pids() == []
    with WorkerPool(prestart=True) as theirs:
        with Importer(pool=theirs) as borrower:
            for _step in borrower.run(store, [tmp_path / "more.txt"]):
                pass
        theirs.submit(importer.Job(0, data=AUSTRIA, name="after.txt"))
        job, extracted = theirs.next_result(timeout=60)
        assert extracted.status == "ok"  # still working after the importer closed
