"""``lapdesk team``: replicas and packs — start, copy, send, receive, status, conflicts.

Initials (in a pack's name) are each member's own: ``--initials``, else those of
``LAPDESK_AUTHOR`` when set, else the replica's.  A team passphrase is never given on the
command line (where others could read it): ``LAPDESK_TEAM_PASSPHRASE`` or ``--passphrase-file``.
"""

import argparse
import os
from pathlib import Path

from lapdesk.core.errors import UsageError
from lapdesk.team import conflicts, receive, replica, send, status

NAME = "team"
HELP = ("team work: start a team store, copy it for a colleague, send and receive packs of "
        "changes, see the team's status and conflicts")
WRITES = True
READING = ("status", "conflicts")


def configure(parser) -> None:
    sub = parser.add_subparsers(dest="team_command", metavar="ACTION", required=True)

    def action(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS,
                       help="the store to use")
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                       help="print one JSON document instead of text")
        return p

    start = action("start", "make this store the first replica of a new team")
    start.add_argument("--name", help="your name (default: $LAPDESK_AUTHOR or your user name)")
    start.add_argument("--initials", help="your initials (default: from your name)")
    copy = action("copy", "write a copy of this replica for a colleague (a new replica when "
                          "first opened)")
    copy.add_argument("--for", dest="for_name", required=True, metavar="NAME",
                      help="the colleague's name")
    copy.add_argument("--initials", help="the colleague's initials (default: from the name)")
    copy.add_argument("--out", type=Path, required=True, metavar="FILE")
    send_ = action("send", "write the changes made here since the last pack into a new pack")
    send_.add_argument("--out", type=Path, required=True, metavar="DIR")
    send_.add_argument("--initials", help="your initials, for the pack's name")
    send_.add_argument("--from", dest="from_seq", type=int, metavar="SEQ",
                       help="send again every change from this sequence number")
    _passphrase_option(send_)
    receive_ = action("receive", "apply packs received from colleagues")
    receive_.add_argument("packs", nargs="+", type=Path, metavar="PACK")
    _passphrase_option(receive_)
    action("status", "this replica, each colleague's: last pack sent and received, gaps")
    listing = action("conflicts", "what the team's changes left for a person to settle")
    listing.add_argument("--all", action="store_true", help="settled ones too")
    listing.add_argument("--settle", type=int, metavar="ID", help="settle this conflict")
    listing.add_argument("--choice", default="keep",
                         help="with --settle: keep, other, mine, theirs, publish, restore")


def _passphrase_option(parser) -> None:
    parser.add_argument("--passphrase-file", type=Path, metavar="F",
                        help="the team passphrase, read from this file "
                             "(or $LAPDESK_TEAM_PASSPHRASE)")


def writes(args) -> bool:
    return args.team_command not in READING or getattr(args, "settle", None) is not None


def _passphrase(args) -> str | None:
    if getattr(args, "passphrase_file", None):
        try:
            return args.passphrase_file.read_text(encoding="utf-8").strip() or None
        except OSError as error:
            raise UsageError(f"{args.passphrase_file} cannot be read: {error}.") from error
    return os.environ.get("LAPDESK_TEAM_PASSPHRASE") or None


def _initials(args) -> str | None:
    if getattr(args, "initials", None):
        return args.initials
    author = os.environ.get("LAPDESK_AUTHOR")
    return replica.initials_of(author) if author else None


def run(args, store):
    command = args.team_command
    if command == "start":
        made = replica.start_team(store, name=args.name or store.author,
                                  initials=args.initials)
        return {"team_id": made.team_id, "replica_id": made.replica_id, "name": made.name,
                "initials": made.initials}
    if command == "copy":
        path = replica.make_copy(store, args.out, for_name=args.for_name,
                                 initials=args.initials)
        return {"file": str(path), "for": args.for_name,
                "initials": args.initials or replica.initials_of(args.for_name)}
    if command == "send":
        sent = send.send(store, args.out, initials=_initials(args),
                         passphrase=_passphrase(args), from_seq=args.from_seq)
        if sent is None:
            return {"file": None, "changes": 0}
        return {"file": str(sent.path), "number": sent.number, "first_seq": sent.first_seq,
                "last_seq": sent.last_seq, "changes": sent.changes, "bytes": sent.size}
    if command == "receive":
        report = receive.receive(store, args.packs, passphrase=_passphrase(args))
        return {"packs": [{"file": o.name, "state": o.state, "from": o.origin,
                           "number": o.number, "counts": o.counts, "conflicts": o.conflicts,
                           "summary": o.sentence()} for o in report.outcomes],
                "gaps": report.gaps}
    if command == "status":
        state = status.status(store)
        if state is None:
            return {"team": False, "line": f"{store.name} works alone (not a team store)."}
        return {"team": True, **state.as_json(), "line": status.status_line(state)}
    if args.settle is not None:
        conflicts.settle(store, args.settle, args.choice)
        return {"settled": args.settle, "choice": args.choice}
    return [c.as_json() for c in conflicts.conflicts(store, open_only=not args.all)]


def render(result) -> str:
    if isinstance(result, list):
        if not result:
            return "No conflicts to settle."
        return "\n".join(f"{c['id']}: {c['summary']} [{c['kind']}; {' / '.join(c['choices'])}]"
                         for c in result)
    if "team_id" in result and "line" not in result:
        return (f"{result['name']} ({result['initials']}) now works on the team's first "
                "replica; make copies for colleagues with lapdesk team copy.")
    if "for" in result:
        return f"Wrote {result['file']} for {result['for']}; it becomes their replica when opened."
    if "changes" in result:
        if not result["file"]:
            return "Nothing to send: no change since the last pack."
        return f"Wrote {result['file']} ({result['changes']} changes, {result['bytes']} bytes)."
    if "packs" in result:
        return "\n".join([p["summary"] for p in result["packs"]] + result["gaps"])
    if "settled" in result:
        return f"Conflict {result['settled']} settled ({result['choice']})."
    if not result.get("team"):
        return result["line"]
    lines = [f"{result['name']} ({result['initials']}), replica {result['replica_id']}: "
             f"{result['packs_sent']} packs sent, {result['unsent']} changes not sent yet."]
    lines += [f"  {m['name']} ({m['initials']}): up to #{m['last_pack']}, received "
              f"{status.ago(m['last_received_at'])}" for m in result["members"]]
    return "\n".join([*lines, *result["gaps"], result["line"]])


def exit_code(result) -> int:
    if isinstance(result, dict) and "packs" in result:
        return 1 if any(p["state"] == "refused" for p in result["packs"]) else 0
    return 0
