"""``lapdesk framework``: the sections and questions (or a draft's paragraphs and actions)
contributions are mapped to, of the current round or of an earlier one."""

from lapdesk.store import framework

NAME = "framework"
HELP = "list the framework's sections and questions (a draft's paragraphs and actions)"
WRITES = False


def configure(parser) -> None:
    parser.add_argument("--round", type=int, metavar="N",
                        help="an earlier round's framework (see lapdesk round list)")


def run(args, store) -> list[dict]:
    if getattr(args, "round", None) is None:
        return framework.tree(store)
    from lapdesk.rounds.round_store import round_nodes, tree_of

    return tree_of(round_nodes(store, args.round))


def render(roots: list[dict]) -> str:
    lines = []

    def walk(nodes, depth):
        for node in nodes:
            if node.get("text"):
                label = f"{node['label']}. " if node["label"] else ""
                lines.append(f"{'  ' * depth}{node['key']:<28} {label}{_short(node['text'])}")
            else:
                number = f"{node['number']}. " if node["number"] else ""
                lines.append(f"{'  ' * depth}{node['key']:<28} {number}{node['title']}")
            walk(node["children"], depth + 1)

    walk(roots, 0)
    return "\n".join(lines)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
