"""Full-text search for the PostgreSQL store, with the SQLite store's semantics.

The words are tokenised here, not by PostgreSQL's parser, so both stores see the same
tokens: runs of letters and digits (FTS5's ``unicode61``), lower case, diacritics removed.
``document_vector`` renders an article as a ``tsvector`` literal (title weight A,
keywords B, the folded forms C, text D; a gap between the parts keeps phrases inside
one part), ``to_tsquery`` renders the query AST of ``query.parse_query`` (phrases as
``<->`` chains, ``prefix*`` as ``:*``, NOT as ``& !``, each term or'ed with its
transliteration-folded form, as ``query.to_fts`` does for FTS5), and ``snippet`` marks
the matched words of a text window the way FTS5's ``snippet()`` does.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..errors import QuerySyntaxError
from ..models import Article
from ..textnorm import fold, strip_diacritics
from .query import BoolOp, Not, Term

_TOKEN = re.compile(r"[^\W_]+")
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
PART_GAP = 2  # positions left free between title, keywords, text and folded forms
RANK_WEIGHTS = "{0.25, 0.175, 0.5, 1.0}"  # D text, C folded, B keywords, A title: FTS5's 1, 0.7, 2, 4


@lru_cache(maxsize=200_000)
def lexeme(token: str) -> str:
    return strip_diacritics(token).lower()


def tokens(text: str) -> list[str]:
    """The search tokens of ``text`` in order."""
    return [w for t in _TOKEN.findall(text or "") for w in _TOKEN.findall(lexeme(t))]


def _quote(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def document_vector(article: Article, folded: str) -> str:
    """The article's ``tsvector`` literal (``folded``: the folded word forms, see ``sqlite.folded_document``)."""
    positions: dict[str, list[str]] = {}
    pos = 0
    for part, weight in ((article.title or "", "A"), ("\n".join(article.keywords), "B"), (article.text, "D"),
                         (folded, "C")):
        words = tokens(part)
        for word in words:
            pos = min(pos + 1, MAX_POSITION)
            positions.setdefault(word, []).append(f"{pos}{weight}")
        if words:
            pos = min(pos + PART_GAP, MAX_POSITION)
    return " ".join(f"{_quote(w)}:{','.join(p[:256])}" for w, p in positions.items())


def _chain(words: list[str], prefix: bool, op: str) -> str:
    parts = [_quote(w) for w in words]
    if prefix:
        parts[-1] += ":*"
    return parts[0] if len(parts) == 1 else "(" + f" {op} ".join(parts) + ")"


def _term(term: Term) -> str:
    """A term: its words as a phrase, or its folded words anywhere (query._term_fts's rule)."""
    words = tokens(term.text)
    if not words:
        raise QuerySyntaxError(f"{term.text!r} has no letters or digits to search for")
    plain = _chain(words, term.prefix, "<->")
    folded_words = tokens(fold(term.text))
    if not folded_words or folded_words == words:
        return plain
    return f"({plain} | {_chain(folded_words, term.prefix, '&')})"


def to_tsquery(node) -> str:
    """Render the query AST as a ``tsquery`` literal; the same errors as ``query.to_fts``."""
    if isinstance(node, Term):
        return _term(node)
    if isinstance(node, Not):
        raise QuerySyntaxError("NOT needs something to exclude from: e.g. 'ISIS NOT Raqqa'")
    positives = [n for n in node.nodes if not isinstance(n, Not)]
    negatives = [n.node for n in node.nodes if isinstance(n, Not)]
    if node.op == "OR":
        if negatives:
            raise QuerySyntaxError("NOT cannot stand alone inside OR: write 'a OR (b NOT c)'")
        return "(" + " | ".join(to_tsquery(n) for n in positives) + ")"
    expr = " & ".join(to_tsquery(n) for n in positives)
    if len(positives) > 1:
        expr = "(" + expr + ")"
    for neg in negatives:
        expr = f"({expr} & !{to_tsquery(neg)})"
    return expr


def _wanted(node, out: list[tuple[tuple[str, ...], bool]]) -> None:
    """The word sequences of the positive terms (plain and folded), for highlighting."""
    if isinstance(node, Term):
        for words in (tokens(node.text), tokens(fold(node.text))):
            if words:
                out.append((tuple(words), node.prefix))
    elif isinstance(node, BoolOp):
        for n in node.nodes:
            _wanted(n, out)


def snippet(node, text: str, size: int = 24, open_: str = "**", close: str = "**", ellipsis: str = " … ") -> str:
    """About ``size`` words of ``text`` around the most matched words, matches marked (FTS5 ``snippet()``)."""
    spans = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    if not spans:
        return ""
    wanted: list[tuple[tuple[str, ...], bool]] = []
    _wanted(node, wanted)
    plain = [lexeme(t) for _, _, t in spans]
    folded = [tokens(fold(t)) for _, _, t in spans]
    hit = [False] * len(spans)
    for words, prefix in wanted:
        n = len(words)
        for i in range(len(spans) - n + 1):
            for forms in (plain[i:i + n], [f[0] if f else "" for f in folded[i:i + n]]):
                head, last = forms[:-1], forms[-1]
                if list(head) == list(words[:-1]) and (last.startswith(words[-1]) if prefix else last == words[-1]):
                    hit[i:i + n] = [True] * n
                    break
    first = max(range(max(1, len(spans) - size + 1)), key=lambda s: (sum(hit[s:s + size]), -s))
    last = min(len(spans), first + size)
    out, pos, i = [], spans[first][0], first
    while i < last:
        start, end, _ = spans[i]
        if hit[i]:
            j = i
            while j + 1 < last and hit[j + 1]:
                j += 1
            out.append(text[pos:start] + open_ + text[start:spans[j][1]] + close)
            pos, i = spans[j][1], j + 1
        else:
            out.append(text[pos:end])
            pos, i = end, i + 1
    tail = text[pos:] if last == len(spans) else ""
    return (ellipsis.lstrip() if first > 0 else "") + "".join(out) + tail + (ellipsis.rstrip() if last < len(spans) else "")
