"""An amendment as a reader sees it: the target's text with the change marked.

Pieces of ``(text, kind)``, kind ``plain``, ``ins`` (inserted), ``del`` (deleted), ``i`` (a
note, in italics) or ``b``: the compilation writes them as Word runs, the desk as HTML.
"""

from __future__ import annotations

from lapdesk.rounds.amendment_records import Amendment
from lapdesk.rounds.word_diff import segments

Piece = tuple[str, str]


def amendment_pieces(a: Amendment, node: dict, labels: dict[str, str]) -> list[Piece]:
    """The amendment as the compilation shows it, its changes marked."""
    text = node["text"]
    if a.op in ("replace", "insert", "delete_text") and a.span_start is not None:
        pieces = [(text[:a.span_start], "plain")]
        if a.op != "insert":
            pieces.append((text[a.span_start:a.span_end], "del"))
        if a.new:
            pad = " " if a.op == "insert" and a.span_start and text[a.span_start - 1] != " " \
                else ""
            pieces.append((pad + a.new.strip() if a.op == "insert" else a.new, "ins"))
        pieces.append((text[a.span_end:], "plain"))
        return [p for p in pieces if p[0]]
    if a.op in ("replace", "delete_text", "insert"):
        said = {"replace": f"Replace “{a.old}” with “{a.new}”", "delete_text":
                f"Delete “{a.old}”", "insert": f"Insert “{a.new}”"}[a.op]
        return [(said + " (not found in the text).", "i")]
    if a.op == "redraft":
        kinds = {"equal": "plain", "insert": "ins", "delete": "del"}
        return [(piece, kinds[kind]) for kind, piece in segments(text, a.new)]
    if a.op == "delete_node":
        return [("Delete the paragraph: ", "i"), (text, "del")]
    if a.op == "new_node_after":
        return [(f"New paragraph after {node['label'] or 'this one'}: ", "i"), (a.new, "ins")]
    if a.op == "move":
        return [(f"Move after {labels.get(a.move_after or '', a.move_after or '?')}.", "i")]
    return [(a.justification or a.new or "(comment)", "i")]
