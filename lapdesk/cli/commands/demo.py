"""``lapdesk demo``: build a demo store from the fictional SAMPLE contributions."""

import os

from lapdesk import demo
from lapdesk.core.errors import UsageError

NAME = "demo"
HELP = ("import the fictional SAMPLE contributions of resources/demo/ into an empty store, "
        "with mappings and positions, to show what the desk looks like")
WRITES = True


def configure(parser) -> None:
    pass


def run(args, store) -> dict:
    if not (getattr(args, "store", None) or os.environ.get("LAPDESK_STORE")):
        raise UsageError("Give the demo a store of its own, e.g. lapdesk demo --store "
                         "demo.lapdesk, so the samples never mix with real contributions.")
    return {"store": str(store.path), **demo.build_demo(store)}


def render(result: dict) -> str:
    lines = [
        f"Demo store {result['store']}: {result['contributions']} sample contributions, "
        f"{result['excerpts']} mapped excerpts, {result['annotations']} positions"
        + (f", {result['suggestions']} suggestions" if result["suggestions"] else "") + ".",
    ]
    lines += [f"- {f['name']}: {f['status']}" + (f" ({f['message']})" if f["message"] else "")
              for f in result["files"] if f["status"] != "ok"]
    if result["unmatched"]:
        lines.append(f"{len(result['unmatched'])} passages of the worked example were not found "
                     "in the imported text.")
    return "\n".join(lines)
