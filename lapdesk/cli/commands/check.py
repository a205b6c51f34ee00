"""``lapdesk check``: integrity of the store and of every stored original."""

from lapdesk.store import integrity

NAME = "check"
HELP = "check the store's integrity and every original's SHA-256 (exit 1 on a problem)"
WRITES = False


def configure(parser) -> None:
    pass


def run(args, store) -> dict:
    return integrity.check(store)


def render(result: dict) -> str:
    if result["ok"]:
        return "The store is sound: no problem found."
    return "\n".join(["Problems found:", *(f"- {p}" for p in result["problems"])])


def exit_code(result: dict) -> int:
    return 0 if result["ok"] else 1
