"""Keys for a draft's nodes: read from the label at a node's first appearance, then kept.

"Action 12" is ``action_12``, "PP3" ``pp3``, "12 bis" ``para_12_bis``, its subparagraph "(b)"
``para_12_bis_b``, a heading "Victim assistance" ``victim_assistance``, an unnumbered
paragraph the next ``<section>_text<n>``.  A key already taken (by the consultation's
framework, or by a node a later draft renumbered) gets ``_2``, ``_3`` ...  When a later draft
renumbers Action 12 to Action 13 the node keeps ``action_12``: keys are identities, labels
are what the draft prints.
"""

from __future__ import annotations

import re

from lapdesk.core.text import fold

_NOT_KEY = re.compile(r"[^a-z0-9]+")
_SECTION_WORDS = 3


def slug(text: str) -> str:
    return _NOT_KEY.sub("_", fold(text)).strip("_")


class KeyMaker:
    def __init__(self, taken: set[str]):
        self.taken = set(taken)

    def claim(self, wanted: str) -> str:
        base = wanted or "node"
        key, n = base, 1
        while key in self.taken:
            n += 1
            key = f"{base}_{n}"
        self.taken.add(key)
        return key

    def for_section(self, title: str) -> str:
        return self.claim("_".join(slug(title).split("_")[:_SECTION_WORDS]))

    def for_paragraph(self, family: str, label: str, section_key: str | None,
                      parent_key: str | None, index: int) -> str:
        if family == "sub" and parent_key:
            return self.claim(f"{parent_key}_{slug(label.rsplit('(', 1)[-1])}")
        if not label:
            return self.claim(f"{section_key or 'draft'}_text{index}")
        own = slug(label)
        return self.claim(own if not own[:1].isdigit() else f"para_{own}")
