"""``lapdesk coverage``: what each part of the framework drew, and who is still to be heard."""

from lapdesk.analysis import coverage

NAME = "coverage"
HELP = ("coverage of the framework, follow-up per registry entry, and the expected "
        "contributors not yet heard from")
WRITES = False


def configure(parser) -> None:
    parser.add_argument("--include-superseded", action="store_true",
                        help="also count contributions a newer one superseded")


def run(args, store) -> dict:
    return coverage.coverage(store, include_superseded=args.include_superseded)


def render(result: dict) -> str:
    totals = result["totals"]
    lines = [f"{totals['contributions']} contribution(s) from {totals['received_from']} "
             f"contributor(s), {totals['late']} after the deadline ({result['deadline'] or 'none set'}).",
             "", "Framework:"]
    for node in result["nodes"]:
        names = ", ".join(p["name"] for p in node["contributors"])
        lines.append(f"  {'  ' * node['depth']}{node['key']:<30} {node['contributions']:>3}"
                     f"  {names}")
    lines += ["", f"Not yet heard from ({totals['expected_not_received']}):"]
    for group, people in result["not_heard_from"].items():
        lines.append(f"  {group}: {', '.join(p['name'] for p in people)}")
    return "\n".join(lines)
