"""Who the paper may name, and how it counts those it may not.

One decision per export, applied by every part of the paper:

- A contribution is *withheld* unless its permission to publish is an explicit yes (a
  contribution whose permission is not yet decided is withheld too); with ``--anonymise``
  every contribution is *hidden*, otherwise exactly the withheld ones.
- Contributions are numbered once, whatever is hidden: the publishable ones first, in the
  conference's order of attribution, then the withheld ones by date of receipt.  The named
  and the anonymised paper therefore share their numbers, and no gap in an alphabetical list
  tells where a withheld contributor's name would fall.
- An anonymous contributor is counted under its category ("two signatory States") only when
  at least two anonymous contributors of the export fit that category; otherwise it is "a
  delegation".  If that would leave a single delegation beside named categories, every
  anonymous contributor is "a delegation", so that the odd one out is not singled out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lapdesk.export.attribution import POOL, category

MIN_CATEGORY = 2  # anonymous contributors a category phrase needs


def published(contribution: dict) -> bool:
    """Only an explicit yes publishes; no, and not yet decided, withhold."""
    return contribution.get("permission_to_publish") in (True, 1)


@dataclass
class Anonymity:
    hidden: set[int]                         # contribution ids shown anonymously
    withheld: set[int]                       # of which without permission to publish
    unnamed: set[int]                        # contributor ids never named in merged views
    phrase_category: dict[int, str] = field(default_factory=dict)  # contributor id: category

    @classmethod
    def decide(cls, contributions: list[dict], *, anonymise: bool) -> Anonymity:
        withheld = {c["id"] for c in contributions if not published(c)}
        hidden = {c["id"] for c in contributions if anonymise} | withheld
        people = {p["id"]: p for c in contributions if c["id"] in hidden
                  for p in c["contributors"]}
        by_category: dict[str, list[int]] = {}
        for pid, person in people.items():
            by_category.setdefault(category(person), []).append(pid)
        usable = {cat for cat, ids in by_category.items() if len(ids) >= MIN_CATEGORY}
        pooled = [pid for cat, ids in by_category.items() if cat not in usable for pid in ids]
        if len(pooled) == 1 and usable:
            usable = set()
        phrase = {pid: (category(person) if category(person) in usable else POOL)
                  for pid, person in people.items()}
        return cls(hidden=hidden, withheld=withheld, unnamed=set(people),
                   phrase_category=phrase)

    def counted_as(self, person: dict) -> str:
        """The category an anonymous contributor is counted under."""
        return self.phrase_category.get(person["id"], category(person))
