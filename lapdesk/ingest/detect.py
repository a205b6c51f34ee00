"""Who wrote a contribution: every registry entry the text, the sender and the file name point to.

Detection reads clues the way the desk officer would: the letterhead and the note-verbale
formula ("The Permanent Mission of Austria ... presents its compliments"), an "on behalf of"
list (a joint submission has several authors), the signature block, the sender, and the file
name, which is the only clue for a scan or an encrypted file.  A State that is merely mentioned
("we thank Switzerland", "as Chile proposed") or addressed ("... compliments to the Permanent
Mission of Switzerland") must not outrank the author, so every clue is weighed by its phrase
context and by where it sits in the document.  Finding the names themselves is
:mod:`lapdesk.ingest.name_index`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import PurePath

from lapdesk.core.statuses import CONFIRM_BELOW  # below it the desk asks to confirm
from lapdesk.ingest.name_index import DetectionIndex, normalise

__all__ = ["CONFIRM_BELOW", "DetectionIndex", "detect_contributors", "normalise"]

# The best candidate is chosen only from this confidence up: a State that is only thanked,
# cited or addressed is listed, but the author stays unknown.
CHOOSE_FROM = 0.1

# How far detection reads: the head (letterhead, note-verbale formula) and the tail (signature).
HEAD_PARAGRAPHS = 5
TAIL_PARAGRAPHS = 5
MAX_SCANNED_PARAGRAPHS = 60
MAX_SCANNED_CHARS = 30_000

# The weight of each kind of clue; a contributor's confidence combines its best clue of each
# kind (repeated mentions of one kind do not add up).
WEIGHTS = {
    "note_verbale": 0.97,   # "The Permanent Mission of X ... presents its compliments"
    "letterhead": 0.9,      # "Permanent Mission of X", "Government of X" opening a head line
    "joint": 0.9,           # "on behalf of A, B and C"
    "on_behalf": 0.85,      # "on behalf of X" with one name
    "signature": 0.8,       # "Permanent Representative of X"; a mission named in the tail
    "heading": 0.8,         # "Submission by the ICRC", "Austria's comments on ..." in the head
    "title_line": 0.75,     # a short head line that is just a name: "AUSTRIA"
    "opening": 0.65,        # "The ICRC welcomes ..." opening a file's first paragraph
    "subject": 0.45,        # "Austria welcomes ..." opening another head paragraph
    "document_of": 0.45,    # "please find attached the comments of X" in the head
    "sender_name": 0.7,
    "sender_address": 0.55,  # alone, it is a guess to confirm
    "file_name": 0.55,
    "file_code": 0.5,       # "CH_LAP_contribution.pdf"
    "sender_domain": 0.3,   # the country-code top-level domain of the sender's address
    "letterhead_body": 0.4,  # "the Government of X" deep in the body
    "subject_body": 0.3,
    "head_mention": 0.2,
    "mention": 0.08,
    "context_mention": 0.03,  # thanked, addressed, cited: "we thank X", "as X proposed"
}
# Kinds that say little on their own: only the best of them counts.
SOFT_KINDS = {"opening", "subject", "document_of", "subject_body", "letterhead_body",
              "head_mention", "mention", "context_mention"}
AUTHOR_KINDS = {"note_verbale", "letterhead", "joint", "on_behalf", "signature", "heading",
                "title_line"}

_ARTICLE = r"(?:the |la |le |l'|el |los |las |les )?"
_OF = r"(?:of|de|du|del|des|d')"
_AUTHOR_PREFIX = re.compile(
    r"\b(?:(?P<sig>permanent representative|representant permanent|representante permanente"
    r"|ambassador|ambassadeur|embajador[a]?|charge d'affaires(?: a\.?i\.?)?)"
    r"|(?P<body>permanent observer mission|observer mission|mission permanente d'observation"
    r"|mision permanente de observacion|permanent mission|mission permanente|mision permanente"
    r"|permanent representation|representation permanente|representacion permanente"
    r"|permanent delegation"
    r"|delegation permanente|delegacion permanente|delegation|delegacion|embassy|ambassade"
    r"|embajada|government|gouvernement|gobierno|ministry of foreign affairs"
    r"|federal department of foreign affairs|ministere des affaires etrangeres"
    r"|ministerio de relaciones exteriores|ministerio de asuntos exteriores"
    r"|secretaria de relaciones exteriores|mission))"
    rf" (?:{_OF} ?{_ARTICLE})$"
)
# What makes a phrase the addressee: "compliments to the", "saluda atentamente a la".
_ADDRESSEE = re.compile(r"\b(?:to|a|aupres de|aupres du|au|aux) ?:? (?:the |la |le |l')?$")
_NEGATIVE = re.compile(
    r"\b(?:thanks?|thanking|thanked|grateful to|gratitude to|congratulates?|congratulate"
    r"|remercie|remercions|remercier|agradece|agradecemos|agradecer|felicita|felicitamos"
    r"|as|in|with|like|from|to|than|comme|avec|dans|en|aupres de|que|como|con|a|por|hosted by"
    r"|proposed by|propose par|propuesto por|including|notamment|incluido|incluidos)"
    r" (?:the |la |le |l'|el |los |las |les )?$"
)
_THANKS_BEFORE = re.compile(r"thank|grateful|gratitude|congratul|remerci|agradec|felicit")
_FORMULA = re.compile(
    r"presents its compliments|present their compliments|has the honou?r|have the honou?r"
    r"|presente ses compliments|a l'honneur|saluda (?:muy )?atentamente"
    r"|tiene (?:el|a|la) hono?ra?"
)
_SUBJECT_VERB = re.compile(
    r"(?: \([^)]{1,12}\))?,? (?:welcomes|supports|would like|wishes|believes|considers"
    r"|is pleased|appreciates"
    r"|proposes|submits|takes note|notes|remains|reiterates|recognizes|recognises|suggests"
    r"|has|is|thanks|acoge|agradece|apoya|desea|considera|propone|reitera|presenta|somete"
    r"|salue|remercie|soutient|souhaite|estime|considere|propose|reitere|presente|soumet"
    r"|se felicita|se felicite)\b"
)
# "Cluster Munition Coalition (CMC) submission", "Austria's comments": the document's own title.
_DOCUMENT = (r"(?:submission|contribution|comments|views|input|position paper|statement"
             r"|note verbale|nota verbal|letter|lettre|carta|declaration|declaracion"
             r"|written contribution|contribucion|comentarios|commentaires|observations"
             r"|observaciones)")
# What may precede a name opening its paragraph: an article, a list number.
_AT_START = re.compile(r"\s*(?:the |la |le |l'|el |\(?\w\)\s*|\d+\.\s*)?")
_OWN_DOCUMENT = re.compile(r"(?: \([^)]{1,12}\))?(?:'s)? " + _DOCUMENT + r"\b")
_DOCUMENT_OF = re.compile(r"\b" + _DOCUMENT + r" (?:by|of|from|de|du|de la|del|des|d') ?"
                          + r"(?:the |la |le |l'|el )?$")
_JOINT_LEAD = re.compile(
    r"\b(?:on behalf of|au nom de(?:s| la| l')?|au nom du|en nombre de(?:l| la| los| las)?"
    r"|joint (?:submission|contribution|statement|paper|comments|proposal)(?: (?:by|of|from))?"
    r"|contributions? conjointes?(?: (?:de|des|du|de la))?"
    r"|contribucion(?:es)? conjuntas?(?: (?:de|del|de la|de los))?"
    r"|submitted (?:jointly )?by|co-?sponsored by|presentad[oa]s? por|presentee par"
    r"|soumise? par|endorsed by|appuyee par)\b"
)
# A word every lead above contains: most paragraphs have none, and looking for these few is
# quicker than running the whole pattern over them.
_JOINT_WORDS = ("behalf", "nom d", "nombre d", "joint", "conjunt", "submitted", "sponsored",
                "presentad", "presentee", "soumis", "endorsed", "appuyee")
_LIST_FILLER = re.compile(
    r"(?:[\s,:;]+|(?:the|la|le|les|el|los|las|l'|and|et|y|e|as well as|ainsi que|asi como"
    r"|following states|following countries|states|parties|etats suivants|les etats|estados"
    r"|siguientes|governments?|gouvernements?|gobiernos?|delegations?|delegaciones?"
    r"|permanent missions?|missions? permanentes?|misiones? permanentes?"
    r"|of|de|du|des|d'|del)\b|l')*"
)


@dataclass
class _Clue:
    contributor_id: int
    kind: str
    reason: str


def detect_contributors(index: DetectionIndex, *, paragraphs: list[str],
                        sender: str | None = None, sender_name: str | None = None,
                        file_name: str = "", file_starts: Sequence[int] = (),
                        attachment_names: Sequence[str] = ()) -> list[dict]:
    """Every candidate author ``{contributor_id, confidence, reason, chosen}``, best first.

    The best candidate is chosen, and with an "on behalf of" list every State in it.  A chosen
    candidate below :data:`CONFIRM_BELOW` is a guess the user should confirm; no candidate at
    all, or none above :data:`CHOOSE_FROM`, means the author is unknown.

    :param paragraphs: the text of every file of the contribution, in order.
    :param sender: the e-mail address it came from; ``sender_name`` its display name.
    :param file_name: the name of the (first) file received.
    :param file_starts: where each further file's paragraphs start in ``paragraphs``, so that
        an attached note's letterhead counts as a letterhead, not as a mention in the e-mail.
    :param attachment_names: the names of the other files (an e-mail's attachments).
    """
    clues: list[_Clue] = []
    clues += _text_clues(index, paragraphs, file_starts)
    clues += _sender_clues(index, sender or "", sender_name or "")
    for name in (file_name, *attachment_names):
        clues += _file_name_clues(index, name)
    return _rank(clues)


def _scanned(paragraphs: list[str], file_starts: Sequence[int]) -> list[tuple[int, str, str]]:
    """The paragraphs detection reads, as ``(index, text, place)``, place being ``first``,
    ``head``, ``tail`` or ``body``: each file's first and last paragraphs, and as much of its
    body as the character budget allows (a letterhead is never deep in a 100-page report)."""
    bounds = sorted({0, *(s for s in file_starts if 0 < s < len(paragraphs))}, reverse=True)
    budget = MAX_SCANNED_CHARS // max(1, len(bounds))
    kept, end = [], len(paragraphs)
    for start in bounds:
        texts = [(i, paragraphs[i]) for i in range(start, end) if paragraphs[i].strip()]
        end = start
        head, tail = texts[:HEAD_PARAGRAPHS], texts[HEAD_PARAGRAPHS:][-TAIL_PARAGRAPHS:]
        body, used = [], sum(len(t) for _, t in head + tail)
        for i, text in texts[len(head): len(texts) - len(tail)]:
            if used >= budget or len(body) >= MAX_SCANNED_PARAGRAPHS:
                break
            body.append((i, text))
            used += len(text)
        kept[:0] = ([(i, t[:MAX_SCANNED_CHARS], "head" if n else "first")
                     for n, (i, t) in enumerate(head)]
                    + [(i, t[:MAX_SCANNED_CHARS], "body") for i, t in body]
                    + [(i, t[:MAX_SCANNED_CHARS], "tail") for i, t in tail])
    return kept


def _text_clues(index: DetectionIndex, paragraphs: list[str],
                file_starts: Sequence[int]) -> list[_Clue]:
    clues: list[_Clue] = []
    carried, previous = None, None
    for i, original, place in _scanned(paragraphs, file_starts):
        folded = normalise(original)
        listed, lead = _joint_clues(index, original, folded, clues,
                                    carried=carried if previous == i - 1 else None)
        carried, previous = lead, i
        for start, end, contributor_id in [*index.matches(original, folded),
                                           *index.adjective_matches(folded)]:
            if (start, contributor_id) in listed:
                continue
            kind, span_start = _mention_kind(folded, start, end, place=place)
            quote = _quote(original[span_start:end])
            label = {"note_verbale": "note verbale", "title_line": "letterhead",
                     "letterhead_body": "mention", "subject_body": "mention",
                     "head_mention": "mention", "context_mention": "mention",
                     "subject": "opening", "document_of": "mention"}.get(
                         kind, kind.replace("_", " "))
            clues.append(_Clue(contributor_id, kind, f"{label}: '{quote}' (¶{i + 1})"))
    return clues


def _mention_kind(folded: str, start: int, end: int, *, place: str) -> tuple[str, int]:
    """What kind of clue a name at ``folded[start:end]`` is, and where its phrase starts."""
    in_head, in_tail = place in ("first", "head"), place == "tail"
    at_start = _AT_START.fullmatch(folded, 0, start)
    before = folded[max(0, start - 90):start]
    prefix = _AUTHOR_PREFIX.search(before)
    sentence_before = re.split(r"[.;!?] ", before)[-1]
    if prefix:
        phrase_start = start - len(before) + prefix.start()
        return _phrase_kind(folded, phrase_start, end, place=place,
                            signature=bool(prefix.group("sig"))), phrase_start
    if in_head and at_start and _OWN_DOCUMENT.match(folded, end):
        return "heading", start
    document_of = _DOCUMENT_OF.search(before)
    if in_head and document_of:
        at_start = _AT_START.fullmatch(folded, 0, start - len(before) + document_of.start())
        return ("heading" if at_start else "document_of"), start
    if _NEGATIVE.search(before[-40:]) or _THANKS_BEFORE.search(sentence_before):
        return "context_mention", start
    if at_start and _SUBJECT_VERB.match(folded, end):
        return {"first": "opening", "head": "subject"}.get(place, "subject_body"), start
    if (in_head or in_tail) and len(folded[:start].split()) + len(folded[end:].split()) <= 2:
        return "title_line", start
    return ("head_mention" if in_head or in_tail else "mention"), start


def _phrase_kind(folded: str, phrase_start: int, end: int, *, place: str,
                 signature: bool) -> str:
    """The kind of an author phrase ("Permanent Mission of X") from what precedes it.

    Only a phrase opening its sentence ("The Permanent Mission of X presents ...", "Statement
    by the Delegation of X") speaks for the author; one inside a sentence ("the initiative of
    the Government of X", "compliments to the Permanent Mission of X") is a mention.
    """
    window = folded[max(0, phrase_start - 120):phrase_start]
    pieces = re.split(r"[.;:!?] ", window)
    sentence = pieces[-1] if len(pieces) > 1 or phrase_start <= 120 else None
    document = _DOCUMENT_OF.search(window)
    if document and sentence is not None and document.start() >= len(window) - len(sentence):
        return "heading" if _AT_START.fullmatch(sentence[:len(sentence) - len(
            window) + document.start()]) else "document_of"
    ahead = window[-40:]
    if (_ADDRESSEE.search(ahead) or _NEGATIVE.search(ahead)
            or _THANKS_BEFORE.search(pieces[-1][-40:])):
        return "context_mention"
    if signature:
        return "signature" if place != "body" else "letterhead_body"
    if sentence is None or not _AT_START.fullmatch(sentence):
        return "letterhead_body"
    if _FORMULA.search(folded, end, end + 250):  # unmistakable wherever it stands
        return "note_verbale"
    # At the foot of a page a mission's name is a signature, or the addressee's line.
    return {"first": "letterhead", "head": "letterhead", "tail": "signature"}.get(
        place, "letterhead_body")


def _joint_clues(index: DetectionIndex, original: str, folded: str, clues: list[_Clue], *,
                 carried: str | None) -> tuple[set[tuple[int, int]], str | None]:
    """Clues from "on behalf of A, B and C" lists, added to ``clues``.

    ``carried`` is a lead ("Joint submission by:") that ended the previous paragraph, whose
    list is this paragraph.  Returns the (start, id) pairs the lists used, and the lead this
    paragraph ends with, if any, for the next one.
    """
    used: set[tuple[int, int]] = set()
    leads = ([(m.start(), m.end()) for m in _JOINT_LEAD.finditer(folded)]
             if any(word in folded for word in _JOINT_WORDS) else [])
    if carried:
        leads.insert(0, (0, 0))
    ending = None
    for lead_start, lead_end in leads:
        listed, pos = [], lead_end
        named = _LIST_FILLER.match(folded, pos).end()
        if index.match_at(original, folded, named) is None:
            # "on behalf of the Core Group on victim assistance: A, B and C"
            colon = re.compile(r"[^.;]{0,80}?: ").match(folded, pos)
            pos = colon.end() if colon else pos
        while True:
            filler = _LIST_FILLER.match(folded, pos)
            hit = index.match_at(original, folded, filler.end())
            if hit is None:
                break
            listed.append(hit)
            pos = hit[1]
        ids = list(dict.fromkeys(h[2] for h in listed))
        if not ids:
            if lead_end and not folded[lead_end:].strip(" :.-"):
                ending = original[lead_start:].strip()
            continue
        said = original[lead_start:listed[-1][1]]
        quote = _quote(f"{carried} {said}" if lead_end == 0 else said)
        kind = "joint" if len(ids) > 1 else "on_behalf"
        reason = f"joint submission: '{quote}'" if len(ids) > 1 else f"on behalf of: '{quote}'"
        clues.extend(_Clue(contributor_id, kind, reason) for contributor_id in ids)
        used |= {(h[0], h[2]) for h in listed}
    return used, ending


def _sender_clues(index: DetectionIndex, sender: str, sender_name: str) -> list[_Clue]:
    """Clues from the display name and the address ("Mission de Chile <onu.chile@...>")."""
    display, address = parseaddr(sender)
    name = (sender_name or display).strip()
    clues = [
        _Clue(contributor_id, "sender_name", f"sender: '{name}'")
        for _, _, contributor_id in index.matches(name, normalise(name))
    ]
    if "@" in address:
        local, _, domain = address.rpartition("@")
        words = re.sub(r"[._+\-]+", " ", f"{local} {domain.rpartition('.')[0]}")
        # Addresses are lower case: an acronym (icrc.org, mission.usa@...) still counts.
        for _, _, contributor_id in index.matches(words.upper(), normalise(words)):
            clues.append(_Clue(contributor_id, "sender_address", f"sender address: {address}"))
        owner = index.domain_owner(domain)
        if owner is not None:
            clues.append(_Clue(owner, "sender_address", f"sender address: {address}"))
        contributor_id = index.domain_code(domain.rpartition(".")[2])
        if contributor_id is not None:
            clues.append(_Clue(contributor_id, "sender_domain", f"sender address: {address}"))
    return clues


def _file_name_clues(index: DetectionIndex, file_name: str) -> list[_Clue]:
    name = PurePath(file_name.replace("\\", "/")).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if not stem:
        return []
    words = re.sub(r"[_+.()\[\]]+", " ", stem)
    clues = [
        _Clue(contributor_id, "file_name", f"file name: '{name}'")
        for _, _, contributor_id in index.matches(words.upper(), normalise(words))
    ]
    tokens = [t for t in re.split(r"[\s_\-.+()\[\],]+", stem) if t.isalpha()]
    shouting = stem.isupper() and len(tokens) > 3  # "VICTIM ASSISTANCE AND CLEARANCE.PDF"
    codes = {index.file_code(t) for t in tokens} - {None}
    if not clues and not shouting and len(codes) == 1:  # two codes: no telling which
        clues.append(_Clue(codes.pop(), "file_code", f"file name: '{name}'"))
    return clues


def _rank(clues: list[_Clue]) -> list[dict]:
    best: dict[int, dict[str, _Clue]] = {}
    for clue in clues:
        best.setdefault(clue.contributor_id, {}).setdefault(clue.kind, clue)
    candidates = []
    for contributor_id, kinds in best.items():
        soft = [WEIGHTS[k] for k in kinds if k in SOFT_KINDS]
        doubt = 1.0 - max(soft, default=0.0)
        for kind in kinds.keys() - SOFT_KINDS:
            doubt *= 1.0 - WEIGHTS[kind]
        strongest = max(kinds.values(), key=lambda c: WEIGHTS[c.kind])
        candidates.append({
            "contributor_id": contributor_id, "confidence": round(1.0 - doubt, 3),
            "reason": strongest.reason, "chosen": False, "_kinds": set(kinds),
        })
    candidates.sort(key=lambda c: (-c["confidence"], c["contributor_id"]))
    joint = [c for c in candidates if "joint" in c["_kinds"]]
    if joint:
        for c in joint:
            c["chosen"] = True
        lead = candidates[0]
        if lead["_kinds"] & (AUTHOR_KINDS - {"joint"}) and lead["confidence"] >= 0.85:
            lead["chosen"] = True
    elif candidates and candidates[0]["confidence"] >= CHOOSE_FROM:
        best = candidates[0]
        for c in candidates:  # two letterheads alike: a letter signed by both
            if c is best or (c["confidence"] == best["confidence"]
                             and c["_kinds"] & best["_kinds"] & AUTHOR_KINDS):
                c["chosen"] = True
    candidates.sort(key=lambda c: (not c["chosen"], -c["confidence"], c["contributor_id"]))
    for c in candidates:
        del c["_kinds"]
    return candidates


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
