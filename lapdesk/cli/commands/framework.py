"""``lapdesk framework``: the sections and questions contributions are mapped to."""

from lapdesk.store import framework

NAME = "framework"
HELP = "list the framework's sections and questions"
WRITES = False


def configure(parser) -> None:
    pass


def run(args, store) -> list[dict]:
    return framework.tree(store)


def render(roots: list[dict]) -> str:
    lines = []

    def walk(nodes, depth):
        for node in nodes:
            number = f"{node['number']}. " if node["number"] else ""
            lines.append(f"{'  ' * depth}{node['key']:<28} {number}{node['title']}")
            walk(node["children"], depth + 1)

    walk(roots, 0)
    return "\n".join(lines)
