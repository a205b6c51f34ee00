"""``lapdesk show``: one contribution in full — metadata, contributors, files, text, excerpts."""

from lapdesk.rounds.amendments import amendments_of_contribution
from lapdesk.store import contributions as c
from lapdesk.store.excerpts import excerpts_of
from lapdesk.store.marks import comments_of, ocr_pages_of, revisions_of

NAME = "show"
HELP = "show one contribution: metadata, contributors, files, paragraphs and excerpts"
WRITES = False

PARAGRAPH_FIELDS = ("file_id", "index", "start", "end", "page", "heading_level", "part", "text")


def configure(parser) -> None:
    parser.add_argument("contribution_id", type=int, metavar="ID")


def run(args, store) -> dict:
    row = c.contribution(store, args.contribution_id)  # NotFoundError for a wrong id
    cid = row.id
    return {
        **row.to_json(),
        "contributors": [p.to_json() for p in c.contributors_of(store, cid)],
        "candidates": [p.to_json() for p in c.contributors_of(store, cid, chosen_only=False)],
        "files": [f.to_json() for f in c.files_of(store, cid)],
        "paragraphs": [{k: p[k] for k in PARAGRAPH_FIELDS} for p in c.paragraphs_of(store, cid)],
        "excerpts": [e.to_json() for e in excerpts_of(store, cid)],
        "revisions": revisions_of(store, cid),
        "comments": comments_of(store, cid),
        "ocr_pages": ocr_pages_of(store, cid),
        "amendments": [a.as_dict() for a in amendments_of_contribution(store, cid)],
        "suggested_amendments": [a.as_dict() for a in amendments_of_contribution(
            store, cid, statuses=("suggested",))],
    }


def render(result: dict) -> str:
    lines = [f"Contribution {result['id']}: {result['title'] or '(untitled)'}",
             f"Received {result['received']} by {result['channel']}; status {result['status']};"
             f" language {result['language'] or 'unknown'}"]
    if result["sender"] or result["subject"]:
        lines.append(f"From {result['sender'] or '?'}: {result['subject'] or ''}".rstrip(": "))
    lines.append("Contributors: " + (", ".join(_person(p) for p in result["contributors"])
                                     or "unknown"))
    others = [p for p in result["candidates"] if not p["chosen"]]
    if others:
        more = f" and {len(others) - 3} more" if len(others) > 3 else ""
        lines.append("Other candidates: " + "; ".join(_person(p) for p in others[:3]) + more)
    lines.extend(f"Needs attention: {reason}" for reason in result["needs_attention"])
    lines.append("Files:")
    names = {}
    for f in result["files"]:
        names[f["file_id"]] = f["name"]
        pages = f" {f['pages']} pages," if f["pages"] else ""
        message = f" ({f['message']})" if f["message"] else ""
        ocr = (f", read by OCR (confidence {f['ocr_confidence']:.0f}%)"
               if f.get("ocr") and f.get("ocr_confidence") is not None else "")
        lines.append(f"  {f['name']}: {f['status']}{message},{pages} {f['chars']} characters"
                     f"{ocr}")
    lines.extend(_text_lines(result["paragraphs"], names))
    if result["excerpts"]:
        lines.extend(["", "Excerpts:"])
        for e in result["excerpts"]:
            nodes = ", ".join(e["nodes"]) or "not mapped"
            reviewed = ", reviewed" if e["reviewed"] else ""
            lines.append(f"  #{e['id']} [{e['start']}-{e['end']}] {nodes}{reviewed}: "
                         f"{_short(e['text'])}")
            lines.extend(f"      {a['stance']}: {a['topic'] or ''} {a['summary'] or ''}".rstrip()
                         for a in e["annotations"])
    lines.extend(_marks_lines(result))
    return "\n".join(lines)


def _marks_lines(result: dict) -> list[str]:
    """Tracked changes, comments and amendments, one line each, under the excerpts."""
    lines = []
    for title, key in (("Amendments", "amendments"), ("Suggested amendments",
                                                       "suggested_amendments")):
        if result.get(key):
            lines.extend(["", f"{title}:"])
            lines.extend(f"  #{a['id']} {a['label'] or a['node']} {a['op']}: "
                         f"{_short(a['new'] or a['old'] or a['justification'])} "
                         f"({a['decision'].replace('_', ' ')})" for a in result[key])
    if result.get("revisions"):
        lines.extend(["", "Tracked changes:"])
        for r in result["revisions"]:
            who = ", ".join(x for x in (r["author"], r["date"]) if x)
            lines.append(f"  ¶{r['paragraph'] + 1 if r['paragraph'] is not None else '?'} "
                         f"{r['kind']} [{r['start']}-{r['end']}] ({who}): {_short(r['text'])}")
    if result.get("comments"):
        lines.extend(["", "Comments:"])
        for comment in result["comments"]:
            lines.append(f"  [{comment['start']}-{comment['end']}] {comment['author']}: "
                         f"{_short(comment['text'])}")
            lines.extend(f"      reply by {reply['author']}: {_short(reply['text'])}"
                         for reply in comment["replies"])
    return lines


def _text_lines(paragraphs: list[dict], names: dict[int, str]) -> list[str]:
    """The text with ¶ numbers (1-based), a line at each new file and page, headings marked."""
    lines, file_id, page = [], None, None
    for p in paragraphs:
        if p["file_id"] != file_id:
            file_id, page = p["file_id"], None
            lines.extend(["", f"=== {names.get(file_id, file_id)} ==="])
        if p["page"] is not None and p["page"] != page:
            page = p["page"]
            lines.append(f"--- page {page} ---")
        marker = "#" * p["heading_level"] + " " if p["heading_level"] else ""
        part = f"[{p['part']}] " if p["part"] != "body" else ""
        lines.append(f"¶{p['index'] + 1:<4} {part}{marker}{p['text']}")
    return lines


def _person(p: dict) -> str:
    if p.get("confirmed") or p["confidence"] is None or p["confidence"] >= 1.0:
        return p["name"]
    return f"{p['name']} ({p['confidence']:.2f}, {p['reason']})"


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
