"""Fuzz the extractors: mutate real sample files of every format and feed them to ``extract``.

    python bench/fuzz_ingest.py [--minutes 10] [--seed N] [--timeout 20]

The seeds are every sample ``tests/samples.py`` can build (a new format's samples join as soon
as they land there) plus an email with attachments, an HTML page, an RTF letter and a zip made
here with the stdlib.  Mutations are byte-level (flips, splices, truncations, repeats, "magic"
values) and, for zip containers (docx, odt, zip), XML-level inside a member (deep nesting,
entities, broken tags), then re-zipped so the damage reaches the parsers behind the zip layer.

Each input runs in a worker process with a memory cap; the extractor must return an
``Extracted`` and never raise.  A failure is:
- ``exception``: ``extract`` raised (it promises never to);
- ``crash``: the worker process died (a segfault in a native parser, an abort);
- ``hang``: no answer within ``--timeout`` seconds;
- ``invalid``: the result breaks the ``Extracted`` contract.
Failing inputs are saved under ``bench/out/fuzz-failures/``.  Exceptions that the dispatcher
caught and turned into ``unreadable`` are not failures, but they are counted by type and
place, so the formats' authors can see which parser trips on what.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import inspect
import io
import itertools
import logging
import multiprocessing as mp
import os
import random
import re
import sys
import time
import traceback
import zipfile
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out" / "fuzz-failures"
MEMORY_CAP = 2 * 1024**3

MAGIC = [b"\x00", b"\xff", b"\x7f", b"\x80", b"\xff\xff\xff\xff", b"\x00\x00\x00\x00",
         b"\x7f\xff\xff\xff", b"-1", b"99999999999", b"obj", b"endobj", b"stream", b"<<", b">>",
         b"%PDF-1.7", b"PK\x03\x04", b"<w:p>", b"</w:p>", b"&", b"<!ENTITY", b"\r\n", b"=?utf-8?",
         b"Content-Type: multipart/mixed; boundary=x\r\n", b"{\\rtf1", b"\\'", b"<html>"]


# --- seeds --------------------------------------------------------------------------------------

def seeds() -> dict[str, bytes]:
    """One genuine file of every kind we can build: the shared samples and a few of our own."""
    sys.path.insert(0, str(ROOT / "tests"))
    import samples

    found = {}
    for name, function in inspect.getmembers(samples, inspect.isfunction):
        if not name.endswith("_bytes") or not function.__module__.startswith(samples.__name__):
            continue
        required = [p for p in inspect.signature(function).parameters.values()
                    if p.default is inspect.Parameter.empty]
        if required:
            continue
        try:
            data = function()
        except Exception as error:  # a sample whose tool is missing here: say so, go on
            print(f"  (seed {name} skipped: {error!r})")
            continue
        if isinstance(data, bytes) and data:
            found[_seed_name(name, data)] = data
    found.update(_own_seeds(found))
    return found


EXTENSIONS = {"docx": "docx", "pdf": "pdf", "odt": "odt", "rtf": "rtf", "html": "html",
              "eml": "eml", "email": "eml", "msg": "msg", "text": "txt", "txt": "txt",
              "zip": "zip", "doc": "doc", "xlsx": "xlsx", "pptx": "pptx", "md": "md",
              "logo": "png", "tracked": "docx", "mixed": "pdf"}
PICTURES = ((b"\x89PNG", "png"), (b"\xff\xd8", "jpg"), (b"II*\x00", "tif"), (b"MM\x00*", "tif"))


def _seed_name(function_name: str, data: bytes) -> str:
    kind = function_name[: -len("_bytes")]
    extension = EXTENSIONS.get(kind.split("_")[0])
    if extension:
        return f"{kind}.{extension}"
    if data.startswith(b"%PDF"):
        return f"{kind}.pdf"
    for magic, ending in PICTURES:
        if data.startswith(magic):
            return f"{kind}.{ending}"
    if data.startswith(b"PK"):
        return f"{kind}.docx" if b"word/" in data else f"{kind}.zip"
    return f"{kind}.bin"


def _own_seeds(existing: dict[str, bytes]) -> dict[str, bytes]:
    docx = next((v for k, v in existing.items() if k.endswith(".docx")), None)
    pdf = next((v for k, v in existing.items() if k.endswith(".pdf")), None)
    html = ("<html><head><title>Views</title></head><body><h1>Views on the LAP</h1>"
            "<p>We <b>support</b> universalisation.</p><img src='http://tracker.example/p.gif'>"
            "<table><tr><td>Action 1</td><td>Yes</td></tr></table></body></html>")
    message = EmailMessage()
    message["From"] = "Mission <mission@example.org>"
    message["To"] = "presidency@example.org"
    message["Subject"] = "Contribution on the concept note"
    message["Date"] = "Fri, 05 Jun 2020 10:00:00 +0200"
    message.set_content("Please find attached our contribution.")
    message.add_alternative(html, subtype="html")
    if docx:
        message.add_attachment(docx, maintype="application", subtype="vnd.openxmlformats-"
                               "officedocument.wordprocessingml.document", filename="views.docx")
    if pdf:
        message.add_attachment(pdf, maintype="application", subtype="pdf", filename="views.pdf")
    inner = EmailMessage()
    inner["From"] = "a@example.org"
    inner["Subject"] = "Fwd"
    inner.set_content("Forwarded text.")
    message.add_attachment(inner)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("letter.txt", "Excellency, we support the plan.\n")
        if docx:
            zf.writestr("views.docx", docx)
    rtf = (br"{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}\f0 The Republic \b supports\b0 the "
           br"Lausanne Action Plan.\par Victim assistance\par caf\'e9}")
    return {"email.eml": message.as_bytes(), "page.html": html.encode(), "letter.rtf": rtf,
            "bundle.zip": archive.getvalue()}


# --- mutations ----------------------------------------------------------------------------------

def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    if data[:2] == b"PK" and rng.random() < 0.5:
        mutated = _mutate_zip_member(data, rng)
        if mutated is not None:
            return mutated
    elif data[:2] != b"PK" and rng.random() < 0.3:
        return _mutate_structure(data, rng)
    buffer = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3, 8))):
        _mutate_bytes(buffer, rng, pool)
    return bytes(buffer)


def _mutate_bytes(buffer: bytearray, rng: random.Random, pool: list[bytes]) -> None:
    size = len(buffer)
    choice = rng.randrange(8)
    at = rng.randrange(size) if size else 0
    if choice == 0 and size:  # flip bits
        for _ in range(rng.randint(1, 16)):
            buffer[rng.randrange(size)] ^= 1 << rng.randrange(8)
    elif choice == 1:  # overwrite with a magic value
        magic = rng.choice(MAGIC)
        buffer[at:at + len(magic)] = magic
    elif choice == 2:  # insert random bytes
        buffer[at:at] = rng.randbytes(rng.randint(1, 64))
    elif choice == 3 and size:  # delete a chunk
        del buffer[at:at + rng.randint(1, max(1, size // 8))]
    elif choice == 4 and size:  # repeat a chunk
        chunk = buffer[at:at + rng.randint(1, 256)]
        buffer[at:at] = chunk * rng.randint(2, 50)
    elif choice == 5:  # truncate
        del buffer[rng.randint(0, size):]
    elif choice == 6 and pool:  # splice in a piece of another seed
        other = rng.choice(pool)
        start = rng.randrange(len(other))
        buffer[at:at] = other[start:start + rng.randint(1, 2048)]
    elif size:  # set a run of bytes to one value
        buffer[at:at + rng.randint(1, 32)] = bytes([rng.choice((0, 0xFF, 0x20, 0x3C))]) * 8


# Structure-aware damage for the text-based formats (email, HTML, RTF, PDF syntax).
STRUCTURE = [
    (b"<p>", b"<div>" * 50_000),                              # deep HTML nesting
    (b"{", b"{" * 100_000),                                   # deep RTF groups
    (b"\\par", b"\\bin999999999 "),                       # RTF binary run past the end
    (b"Content-Type: ", b"Content-Type: multipart/mixed; boundary=\"\"\r\nX-: "),
    (b"Subject: ", b"Subject: =?x-unknown-charset?B?////?= " + b"=?utf-8?Q?=FF?=" * 500),
    (b"Content-Transfer-Encoding: base64", b"Content-Transfer-Encoding: base64\r\n\r\n@@@"),
    (b"\r\n\r\n", b"\r\n" + b"X-Long: " + b"a" * 200_000 + b"\r\n\r\n"),
    (b"obj", b"obj << /Kids [" + b"1 0 R " * 5000 + b"] >>"),
    (b"/Count ", b"/Count 2147483647 "),
    (b"<body", b"<!DOCTYPE x [<!ENTITY a \"" + b"b" * 100 + b"\">]><body"),
]


def _mutate_structure(data: bytes, rng: random.Random) -> bytes:
    needle, replacement = rng.choice(STRUCTURE)
    positions = [m.start() for m in itertools.islice(re.finditer(re.escape(needle), data), 200)]
    if not positions:
        return data + replacement
    at = rng.choice(positions)
    return data[:at] + replacement + data[at + len(needle):]


def _mutate_zip_member(data: bytes, rng: random.Random) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            members = [(info, source.read(info)) for info in source.infolist()]
    except Exception:
        return None
    if not members:
        return None
    index = rng.randrange(len(members))
    info, content = members[index]
    choice = rng.randrange(6)
    if choice == 0:  # deep nesting
        depth = rng.choice((100, 1000, 100_000))
        content = content.replace(b"<w:body>", b"<w:body>" + b"<w:p>" * depth, 1) or (
            b"<a>" * depth)
    elif choice == 1:  # an internal entity used everywhere
        content = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "' + b"x" * 1000 + b'">]>'
                   + content.split(b"?>", 1)[-1].replace(b"<w:t>", b"<w:t>&e;&e;&e;"))
    elif choice == 2:  # an external entity
        content = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   + content.split(b"?>", 1)[-1].replace(b"<w:t>", b"<w:t>&x;", 1))
    elif choice == 3:  # drop a random closing tag
        closings = [m.start() for m in itertools.islice(re.finditer(b"</", content), 2000)]
        if closings:
            at = rng.choice(closings)
            end = content.find(b">", at)
            content = content[:at] + content[end + 1:]
    elif choice == 4:  # byte damage inside the member
        buffer = bytearray(content)
        _mutate_bytes(buffer, rng, [])
        content = bytes(buffer)
    else:  # a huge but well-formed member (compression ratio)
        content = content + b" " * rng.choice((10**6, 5 * 10**7))
    members[index] = (info, content)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member_info, member_data in members:
            target.writestr(member_info.filename, member_data)
    return out.getvalue()


# --- the worker ---------------------------------------------------------------------------------

class _Swallowed(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record):
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            frame = traceback.extract_tb(record.exc_info[2])[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            self.records.append(f"{type(error).__name__} at {where}")


def _worker(conn) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    except (ImportError, ValueError, OSError):
        pass
    from lapdesk.ingest.extracted import Extracted, Limits
    from lapdesk.ingest.formats import extract

    handler = _Swallowed()
    logging.getLogger("lapdesk").addHandler(handler)
    logging.getLogger("lapdesk").propagate = False
    limits = Limits()
    while True:
        job = conn.recv()
        if job is None:
            return
        data, name = job
        handler.records.clear()
        try:
            outcome = _extract_tree(extract, Extracted, data, name, limits, depth=0)
        except BaseException as error:  # noqa: BLE001 - exactly what the fuzzer looks for
            outcome = ("exception", f"{type(error).__name__}: {error}\n"
                       + traceback.format_exc(limit=-6))
        conn.send((outcome, list(handler.records)))


def _extract_tree(extract, extracted_type, data, name, limits, *, depth):
    """Extract a file and, as the pipeline does, its attachments in turn."""
    # The samples' password: protected Word files and PDFs reach their decryption and readers.
    result = extract(data, name, limits=limits, password="geneva")
    if not isinstance(result, extracted_type):
        return ("invalid", f"extract returned {type(result).__name__}")
    for paragraph in result.paragraphs:
        if not isinstance(paragraph.text, str):
            return ("invalid", f"a paragraph's text is {type(paragraph.text).__name__}")
        for revision in paragraph.revisions or ():
            if not 0 <= revision.start <= revision.end <= len(paragraph.text):
                return ("invalid", f"a revision's span {revision.start}-{revision.end} is "
                        f"outside its paragraph of {len(paragraph.text)} characters")
        for anchor in paragraph.anchors or ():
            if not 0 <= anchor.offset <= len(paragraph.text):
                return ("invalid", "a comment anchor is outside its paragraph")
    if result.ocr_confidence is not None and not 0 <= result.ocr_confidence <= 100:
        return ("invalid", f"OCR confidence {result.ocr_confidence}")
    if depth < limits.max_depth:
        for attachment in result.attachments[:20]:
            if not isinstance(attachment.data, bytes):
                return ("invalid", "an attachment's data is not bytes")
            status, detail = _extract_tree(extract, extracted_type, attachment.data,
                                           attachment.name, limits, depth=depth + 1)
            if status != "ok":
                return status, detail
    return ("ok", result.status)


class Runner:
    """One worker process at a time; replaced when it crashes or hangs."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.context = mp.get_context("spawn")
        self._start()

    def _start(self):
        self.conn, child = self.context.Pipe()
        self.process = self.context.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def run(self, data: bytes, name: str):
        try:
            self.conn.send((data, name))
            if self.conn.poll(self.timeout):
                return self.conn.recv()
            kind = "hang"
        except (EOFError, BrokenPipeError, ConnectionResetError, OSError):
            kind = "crash"
        self.process.join(0.2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        else:
            kind = "crash"
        code = self.process.exitcode
        self._start()
        return ((kind, f"exit code {code}" if kind == "crash" else "timeout"), [])

    def close(self):
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()


# --- the loop -----------------------------------------------------------------------------------

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per input")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    corpus = seeds()
    names = sorted(corpus)
    pool = [corpus[n] for n in names]
    print(f"fuzz_ingest: seed={args.seed} minutes={args.minutes} seeds={len(names)}: "
          + ", ".join(names), flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    runner = Runner(args.timeout)
    tried, failures, by_seed = 0, collections.Counter(), collections.Counter()
    swallowed, statuses = collections.Counter(), collections.Counter()
    started = time.time()
    deadline = started + args.minutes * 60
    next_report = started + 60
    try:
        # First the unmutated seeds (they must all pass), then mutants until the deadline.
        queue = [(n, corpus[n]) for n in names]
        while time.time() < deadline:
            if queue:
                name, data = queue.pop(0)
            else:
                name = rng.choice(names)
                data = mutate(corpus[name], rng, pool)
            (kind, detail), caught = runner.run(data, name)
            tried += 1
            by_seed[name] += 1
            swallowed.update(caught)
            if kind == "ok":
                statuses[detail] += 1
            else:
                failures[kind] += 1
                digest = hashlib.sha256(data).hexdigest()[:12]
                target = OUT / f"{kind}-{digest}-{name}"
                target.write_bytes(data)
                target.with_name(target.name + ".txt").write_text(f"{kind}: {detail}\n")
                print(f"  FAILURE {kind} on a mutant of {name}: {detail.splitlines()[0]} "
                      f"-> {target.relative_to(ROOT)}", flush=True)
            if time.time() >= next_report:
                next_report += 60
                print(f"  {(time.time() - started) / 60:.1f} min: {tried} inputs, "
                      f"{sum(failures.values())} failures", flush=True)
    finally:
        runner.close()
    minutes = (time.time() - started) / 60
    print(f"inputs_tried={tried} minutes={minutes:.1f} "
          f"inputs_per_s={tried / max(minutes * 60, 1e-9):.1f} "
          f"failures={sum(failures.values())} " + " ".join(f"{k}={v}" for k, v in failures.items()))
    print("statuses: " + ", ".join(f"{k}={v}" for k, v in statuses.most_common()))
    print("parser exceptions caught by extract (not failures): "
          + (", ".join(f"{k} x{v}" for k, v in swallowed.most_common(15)) or "none"))
    return 1 if failures else 0


if __name__ == "__main__":
    os.environ.setdefault("LAPDESK_AUTHOR", "fuzz")
    raise SystemExit(main())
