"""User search queries: parse, validate and render to SQLite FTS5.

Syntax: words, ``"quoted phrases"``, ``prefix*``, ``AND`` / ``OR`` / ``NOT``
(upper case; juxtaposition means AND), parentheses.  Every term is quoted when
rendered, so user text never reaches FTS5's own parser unescaped.  Each term
matches either the original text or its transliteration-folded form
(``textnorm.fold``), so ``al-Bab`` finds ``Al Bab`` and ``A'zaz`` finds ``Azaz``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..errors import QuerySyntaxError
from ..textnorm import fold, strip_diacritics



@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool = False
    phrase: bool = False


@dataclass(frozen=True)
class Not:
    node: object


@dataclass(frozen=True)
class BoolOp:
    op: str  # AND | OR
    nodes: tuple


def _tokenise(query: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(query):
        if query[pos].isspace():
            pos += 1
            continue
        if query[pos] == '"':
            end = query.find('"', pos + 1)
            if end < 0:
                raise QuerySyntaxError(f"unbalanced quote at character {pos + 1}: close the phrase with \"")
            phrase = query[pos + 1 : end].strip()
            if not phrase:
                raise QuerySyntaxError(f"empty phrase \"\" at character {pos + 1}")
            prefix = end + 1 < len(query) and query[end + 1] == "*"
            tokens.append(("PHRASE*" if prefix else "PHRASE", phrase))
            pos = end + (2 if prefix else 1)
            continue
        if query[pos] in "()":
            tokens.append((query[pos], query[pos]))
            pos += 1
            continue
        m = re.compile(r'[^\s()"]+').match(query, pos)
        word = m.group(0)
        pos = m.end()
        if word in {"AND", "OR", "NOT"}:
            tokens.append((word, word))
        else:
            tokens.append(("WORD", word))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], query: str):
        self.tokens = tokens
        self.i = 0
        self.query = query

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self):
        if not self.tokens:
            raise QuerySyntaxError("empty query: type one or more words")
        node = self.parse_or()
        if self.peek() is not None:
            kind, value = self.take()
            if kind == ")":
                raise QuerySyntaxError("unbalanced parenthesis: ')' without '('")
            raise QuerySyntaxError(f"unexpected {value!r}")
        return node

    def parse_or(self):
        nodes = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            nodes.append(self.parse_and())
        return nodes[0] if len(nodes) == 1 else BoolOp("OR", tuple(nodes))

    def parse_and(self):
        nodes = [self.parse_unary()]
        while self.peek() in {"AND", "WORD", "PHRASE", "PHRASE*", "(", "NOT"}:
            if self.peek() == "AND":
                self.take()
            nodes.append(self.parse_unary())
        if all(isinstance(n, Not) for n in nodes):
            raise QuerySyntaxError("NOT needs something to exclude from: e.g. 'ISIS NOT Raqqa'")
        return nodes[0] if len(nodes) == 1 else BoolOp("AND", tuple(nodes))

    def parse_unary(self):
        kind = self.peek()
        if kind is None:
            raise QuerySyntaxError("query ends with an operator: add a word after it")
        if kind == "NOT":
            self.take()
            return Not(self.parse_unary())
        if kind == "(":
            self.take()
            if self.peek() == ")":
                raise QuerySyntaxError("empty parentheses '()'")
            node = self.parse_or()
            if self.peek() != ")":
                raise QuerySyntaxError("unbalanced parenthesis: '(' without ')'")
            self.take()
            return node
        if kind in {"AND", "OR"}:
            raise QuerySyntaxError(f"{kind} needs a word on both sides")
        if kind == ")":
            raise QuerySyntaxError("unbalanced parenthesis: ')' without '('")
        kind, value = self.take()
        if kind == "WORD":
            prefix = value.endswith("*")
            word = value.rstrip("*")
            if "*" in word:
                raise QuerySyntaxError(f"'*' only works at the end of a word: {value!r}")
            if not re.search(r"\w", word):
                raise QuerySyntaxError(f"{value!r} has no letters or digits to search for")
            return Term(word, prefix=prefix)
        return Term(value, prefix=kind == "PHRASE*", phrase=True)


def parse_query(query: str):
    """Parse a user query into a small AST; raises QuerySyntaxError with a clear reason."""
    return _Parser(_tokenise(query), query).parse()


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _term_fts(term: Term) -> str:
    """A term as an FTS5 expression: its words as a phrase, or else its folded words.

    The ``folded`` column holds only the folded forms that differ from the text's own
    words (see ``sqlite.folded_document``), so the folded alternative is searched over all
    columns, as single tokens joined by AND (positions are not kept for folded forms).
    """
    words = re.findall(r"\w+", term.text)
    star = "*" if term.prefix else ""
    plain = _quote(" ".join(words)) + star
    folded_words = re.findall(r"\w+", fold(term.text))
    if not folded_words or folded_words == [strip_diacritics(w).lower() for w in words]:
        return plain
    parts = [_quote(w) for w in folded_words]
    parts[-1] += star
    folded = parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"
    return f"({plain} OR {folded})"


def render(node, term, or_op: str, and_op: str, not_form: str) -> str:
    """Render the AST in a search engine's syntax: ``term`` renders a Term, ``not_form`` has two
    slots ("({} NOT {})").  The errors are the same for every engine."""
    if isinstance(node, Term):
        return term(node)
    if isinstance(node, Not):
        raise QuerySyntaxError("NOT needs something to exclude from: e.g. 'ISIS NOT Raqqa'")
    positives = [n for n in node.nodes if not isinstance(n, Not)]
    negatives = [n.node for n in node.nodes if isinstance(n, Not)]
    again = lambda n: render(n, term, or_op, and_op, not_form)  # noqa: E731
    if node.op == "OR":
        if negatives:
            raise QuerySyntaxError("NOT cannot stand alone inside OR: write 'a OR (b NOT c)'")
        return "(" + or_op.join(again(n) for n in positives) + ")"
    expr = and_op.join(again(n) for n in positives)
    if len(positives) > 1:
        expr = "(" + expr + ")"
    for neg in negatives:
        expr = not_form.format(expr, again(neg))
    return expr


def to_fts(node) -> str:
    """Render the AST as an FTS5 MATCH expression with every term quoted."""
    return render(node, _term_fts, " OR ", " AND ", "({} NOT {})")


def matches(node, text: str) -> bool:
    """Evaluate the AST against plain text (for the in-memory store)."""
    low = " " + " ".join(re.findall(r"\w+", text.lower())) + " "
    folded = " " + " ".join(re.findall(r"\w+", fold(text))) + " "

    def term_in(term: Term) -> bool:
        for hay, needle_src in ((low, term.text.lower()), (folded, fold(term.text))):
            words = re.findall(r"\w+", needle_src)
            if not words:
                continue
            needle = " " + " ".join(words) + ("" if term.prefix else " ")
            if needle in hay:
                return True
        return False

    def ev(n) -> bool:
        if isinstance(n, Term):
            return term_in(n)
        if isinstance(n, Not):
            return not ev(n.node)
        results = [ev(c) for c in n.nodes]
        return all(results) if n.op == "AND" else any(results)

    return ev(node)


# -- the actor filter of event queries -----------------------------------------------------------
# An actor filter resolved through the actor table (``EventFilter.actor_names``: canonical name
# first, then aliases) matches a stored actor whose words equal one of those names, or begin with
# the canonical name's words ("Islamic State" matches "Islamic State (West Africa)", "Military
# Forces of Syria" both of ACLED's period names); a period in brackets ("(2000-2024)") is not
# part of the comparison.  An unresolved filter matches a substring of the stored name's words.
# Both compare transliteration-folded words, so case, diacritics and spelling variants do not
# matter.  Stores collect their distinct actor names and pass them through ``matching_actor_names``.

_PERIOD = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_ACTOR_WORD = re.compile(r"[0-9a-z\u0600-\u06ff]+")


def actor_words(name: str) -> str:
    """Comparison form of an actor name: folded words, period in brackets left out."""
    return " ".join(_ACTOR_WORD.findall(fold(_PERIOD.sub(" ", name or ""))))


def actor_name_matches(actor: str | None, actor_names: tuple[str, ...], stored: str) -> bool:
    """Whether the stored actor value (one name, or associated actors joined by ';') matches."""
    if not actor:
        return True
    values = [actor_words(v) for v in stored.split(";")] if stored else []
    if actor_names:
        canonical = actor_words(actor_names[0])
        exact = {actor_words(n) for n in actor_names} - {""}
        return any(v in exact or (canonical and v.startswith(canonical + " ")) for v in values)
    needle = actor_words(actor)
    return bool(needle) and any(f" {needle}" in f" {v}" for v in values)


def matching_actor_names(actor: str | None, actor_names: tuple[str, ...], stored: Iterable[str]) -> list[str]:
    """The stored actor values an actor filter selects (see above)."""
    return sorted({s for s in stored if s and actor_name_matches(actor, actor_names, s)})
