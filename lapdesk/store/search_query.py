"""What a search means: the few signs a user types read into a query, everything else words.

A team searching its consultation types words (``destruction stockpiles``), an exact phrase in
any quotation marks of its three languages (``"États parties"``, ``« États parties »``,
``“States Parties”``), a prefix (``destruct*``, ``"États part*"``), and ``AND`` / ``OR`` in
capitals.  Nothing else is syntax, and nothing can be a syntax error: ``and``/``or`` in lower
case are words (French *or*, "gold"), an ``AND`` or ``OR`` with no word on one side is the
word itself, a quotation left open runs to the end (the user is still typing it), signs with
no letter or digit (``-``, ``*``, ``«``) are left out, and a word with signs inside
(``l'action``, ``risk-reduction``, ``CCM/CONF/2020``) is the phrase of its parts, as the index
cut the text.  Words follow one another as ``AND``; ``OR`` binds its two neighbours more
tightly, as in a web search: ``victim assistance OR disability`` is *victim* and
*assistance or disability*.

:func:`parse` makes a :class:`Query`; :meth:`Query.fts` writes it for FTS5, every word as a
quoted string (so the index's tokenizer folds accents and case as it did for the text).
"""

from __future__ import annotations

from dataclasses import dataclass

# Quotation marks that open a phrase, with the marks that close it ('"' closes any: people mix).
QUOTES = {'"': '"', "\u00ab": "\u00bb", "\u201c": "\u201d", "\u201e": "\u201c\u201d",
          "\u2039": "\u203a"}
OPERATORS = ("AND", "OR")
PREFIX = "*"
# Control characters separate words: FTS5 reads its query as a C string, cut at a NUL.  So do
# lone surrogates (pasted from a broken document): no UTF-8 can hold them, nor any index.
_CONTROLS = {code: " " for code in (*range(32), 127, *range(0xD800, 0xE000))}


@dataclass(frozen=True)
class Term:
    """Words to find together: one word, a word's parts, or a quoted phrase.

    :param text: as the user typed it, without quotation marks or the prefix star.
    :param phrase: typed within quotation marks.
    :param prefix: the last word may continue (``destruct*`` finds *destruction*).
    """

    text: str
    phrase: bool = False
    prefix: bool = False

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + " *" if self.prefix else quoted


@dataclass(frozen=True)
class Query:
    """Groups that must all match, each of terms of which one must (``OR``)."""

    groups: tuple[tuple[Term, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups

    def fts(self) -> str:
        """The FTS5 MATCH expression (empty for an empty query), parenthesised throughout so
        that FTS5's own precedence never decides."""
        parts = []
        for group in self.groups:
            if len(group) == 1:
                parts.append(group[0].fts())
            else:
                parts.append("(" + " OR ".join(term.fts() for term in group) + ")")
        return " AND ".join(parts)


def parse(text: str) -> Query:
    """The query ``text`` means; never raises, whatever ``text`` holds."""
    items = _resolve_operators(_scan(text))
    groups: list[list[Term]] = []
    joining = False
    for item in items:
        if item == "OR":
            joining = True
        elif item != "AND":
            if joining and groups:
                groups[-1].append(item)
            else:
                groups.append([item])
            joining = False
    return Query(tuple(tuple(group) for group in groups))


def _scan(text: str) -> list[Term | str]:
    """Terms and operator words (``"AND"``/``"OR"`` as plain strings) in the order typed."""
    text = text.translate(_CONTROLS)
    items: list[Term | str] = []
    word: list[str] = []
    i, length = 0, len(text)

    def end_word() -> None:
        if word:
            token = "".join(word)
            word.clear()
            if token in OPERATORS:
                items.append(token)
            else:
                _add(items, token.rstrip(PREFIX), phrase=False, prefix=token.endswith(PREFIX))

    while i < length:
        char = text[i]
        if char in QUOTES:
            end_word()
            closers = QUOTES[char] + '"'
            close = next((j for j in range(i + 1, length) if text[j] in closers), length)
            inner = text[i + 1:close].strip()
            i = close + 1
            prefix = inner.endswith(PREFIX)
            while i < length and text[i] == PREFIX:  # "États part"* as FTS5 writes it
                prefix, i = True, i + 1
            _add(items, inner.rstrip(PREFIX), phrase=True, prefix=prefix)
            continue
        if char.isspace():
            end_word()
        else:
            word.append(char)
        i += 1
    end_word()
    return items


def _add(items: list, text: str, *, phrase: bool, prefix: bool) -> None:
    """Keep a term that holds something the index has (a letter or a digit)."""
    if any(char.isalnum() for char in text):
        items.append(Term(text, phrase=phrase, prefix=prefix))


def _resolve_operators(items: list[Term | str]) -> list[Term | str]:
    """An operator stands between two terms; anywhere else it is the word it spells."""
    resolved: list[Term | str] = []
    for index, item in enumerate(items):
        if isinstance(item, str):
            after = items[index + 1] if index + 1 < len(items) else None
            if resolved and isinstance(resolved[-1], Term) and isinstance(after, Term):
                resolved.append(item)
            else:
                resolved.append(Term(item))
        else:
            resolved.append(item)
    return resolved
