"""``lapdesk positions``: the position matrix, topics x contributors with stances."""

from lapdesk.analysis import positions

NAME = "positions"
HELP = "the position matrix: each topic's supporters and opponents, by group and kind"
WRITES = False


def configure(parser) -> None:
    parser.add_argument("--node", metavar="KEY", help="only positions on excerpts mapped to "
                        "this section or question (and its questions)")
    parser.add_argument("--include-superseded", action="store_true",
                        help="also count contributions a newer one superseded")
    parser.add_argument("--reviewed-only", action="store_true",
                        help="only excerpts marked reviewed")


def run(args, store) -> dict:
    options = {"node_key": args.node, "include_superseded": args.include_superseded,
               "reviewed_only": args.reviewed_only, "descendants": True}
    result = positions.matrix(store, **options)
    views = {v["topic_id"]: v for v in positions.views(store, **options)}
    for topic in result["topics"]:
        view = views[topic["topic_id"]]
        topic["stances"] = view["stances"]
        topic["excerpt_ids"] = view["excerpt_ids"]
    return result


def render(result: dict) -> str:
    if not result["topics"]:
        return "No positions recorded yet (annotate excerpts with a topic and a stance)."
    lines = []
    for topic in result["topics"]:
        lines.append(f"{topic['topic']}  [{topic['node'] or 'no node'}]  "
                     f"support {topic['support']}, opposition {topic['opposition']}, "
                     f"concern {topic['concern']}")
        for stance, people in topic["stances"].items():
            lines.append(f"    {stance:<9} {', '.join(p['name'] for p in people)}")
    return "\n".join(lines)
