"""The patterns of ``resources/patterns/amendments.toml``, compiled once.

A draft's numbering, references to its nodes and the wording of amendments are data the team
may extend (a delegation's own way of writing "para. 5 (b)"), like the suggester's lexicon; a
file that cannot be read or compiled is one sentence naming it, never a traceback.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from lapdesk.core.errors import LapdeskError
from lapdesk.core.paths import resource

PATTERNS = ("patterns", "amendments.toml")
FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class FamilyPattern:
    family: str
    regex: re.Pattern


@dataclass(frozen=True)
class Patterns:
    labels: tuple[FamilyPattern, ...]
    heading: re.Pattern
    symbol: re.Pattern
    revision: re.Pattern
    references: tuple[FamilyPattern, ...]
    instruction: dict[str, re.Pattern]


def patterns() -> Patterns:
    path = resource(*PATTERNS)
    try:
        stat = path.stat()
    except OSError as error:
        raise LapdeskError(f"The amendment patterns {path} cannot be read: {error}.") from error
    return _load(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _load(path: str, mtime_ns: int, size: int) -> Patterns:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        return Patterns(
            labels=tuple(FamilyPattern(p["family"], re.compile(p["pattern"], FLAGS))
                         for p in data["label"]),
            heading=re.compile(data["heading"]["pattern"]),
            symbol=re.compile(data["symbol"]["pattern"]),
            revision=re.compile(data["symbol"]["revision"], FLAGS),
            references=tuple(FamilyPattern(p["family"], re.compile(p["pattern"], FLAGS))
                             for p in data["reference"]),
            instruction={name: re.compile(value, FLAGS)
                         for name, value in data["instruction"].items()},
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, re.error) as error:
        raise LapdeskError(f"The amendment patterns {path} cannot be used: {error}.") from error
