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
from bisect import bisect_left
from functools import lru_cache

from ..errors import QuerySyntaxError
from ..models import Article
from ..textnorm import fold, strip_diacritics
from .query import BoolOp, Not, Term, render

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


def _positions(article: Article, folded: str) -> dict[str, list[str]]:
    """Each word's positions as the vector keeps them (the first 256)."""
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
    return {w: p[:256] for w, p in positions.items()}


def document_vector(article: Article, folded: str) -> str:
    """The article's ``tsvector`` literal (``folded``: the folded word forms, see ``sqlite.folded_document``)."""
    return document_vectors(article, folded)[0]


def _pair(first: str, second: str) -> str:
    """A word pair's lexeme: "_" never starts a token, so no word or prefix query meets it."""
    return f"_{first} {second}"


def document_vectors(article: Article, folded: str) -> tuple[str, str]:
    """The ``tsv`` literal and the ``pairs`` literal: every two words at adjacent positions of
    the vector (what ``<->`` can match), without positions, so the GIN index finds a phrase's
    articles without reading their vectors.  Migration 006 builds the same pairs from ``tsv``."""
    positions = _positions(article, folded)
    at: dict[int, set[str]] = {}
    for word, kept in positions.items():
        for p in kept:
            at.setdefault(int(p[:-1]), set()).add(word)
    pairs = {_pair(a, b) for pos, firsts in at.items() for a in firsts for b in at.get(pos + 1, ())}
    return (" ".join(f"{_quote(w)}:{','.join(p)}" for w, p in positions.items()),
            " ".join(_quote(p) for p in sorted(pairs)))


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
    return render(node, _term, " | ", " & ", "({} & !{})")


def pair_query(node) -> str | None:
    """A ``tsquery`` on the ``pairs`` column that every match of ``node`` passes (a necessary
    condition: the phrases' adjacent word pairs), or None when nothing narrows the matches:
    a single word, or a term whose folded form matches its words anywhere."""
    if isinstance(node, Term):
        words = tokens(node.text)
        folded = tokens(fold(node.text))
        if len(words) < 2 or (folded and folded != words):
            return None
        parts = [_quote(_pair(a, b)) for a, b in zip(words, words[1:])]
        if node.prefix:
            parts[-1] += ":*"
        return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"
    if isinstance(node, Not):
        return None
    found = [pair_query(n) for n in node.nodes if not isinstance(n, Not)]
    if node.op == "OR":
        return None if not found or None in found else "(" + " | ".join(found) + ")"
    found = [f for f in found if f is not None]
    return None if not found else found[0] if len(found) == 1 else "(" + " & ".join(found) + ")"


def pairs_suffice(node) -> bool:
    """Whether ``pair_query(node)`` matches exactly what ``to_tsquery(node)`` matches: a term of
    two words (its pair is their adjacency, as the vector's positions give it)."""
    return isinstance(node, Term) and len(tokens(node.text)) == 2 and pair_query(node) is not None


def _wanted(node, out: list[tuple[tuple[str, ...], bool, bool]]) -> None:
    """The word sequences of the positive terms, for highlighting: (words, prefix, folded?)."""
    if isinstance(node, Term):
        plain = tokens(node.text)
        if plain:
            out.append((tuple(plain), node.prefix, False))
        folded = tokens(fold(node.text))
        if folded and folded != plain:
            out.append((tuple(folded), node.prefix, True))
    elif isinstance(node, BoolOp):
        for n in node.nodes:
            _wanted(n, out)


@lru_cache(maxsize=200_000)
def _folded_token(token: str) -> str:
    forms = _TOKEN.findall(fold(token))
    return forms[0] if forms else ""


@lru_cache(maxsize=4096)
def _plain_pattern(wanted: tuple[tuple[tuple[str, ...], bool, bool], ...]) -> re.Pattern:
    """The terms' words as one expression over lower-case ASCII text, token boundaries kept (an
    ASCII token's folded form is its lower case with doubled letters single)."""
    def word(w: str, folded: bool) -> str:  # a folded word matches the tokens that fold to it: "sheling"
        return "".join(c + "+" if folded and "a" <= c <= "z" else re.escape(c) for c in w)  # "shelling"

    alternatives = [r"[\W_]+".join(word(w, folded) for w in words) + (r"[^\W_]*" if prefix else "")
                    for words, prefix, folded in wanted]
    return re.compile(r"\b(?:" + "|".join(alternatives or ["(?!)"]) + r")\b")  # over text with "_" as " "


def _same(form: str, word: str, prefix: bool) -> bool:
    return form.startswith(word) if prefix else form == word


def snippet(node, text: str, size: int = 24, open_: str = "**", close: str = "**", ellipsis: str = " … ") -> str:
    """About ``size`` words of ``text`` around the most matched words, matches marked (FTS5 ``snippet()``)."""
    wanted: list[tuple[tuple[str, ...], bool, bool]] = []
    _wanted(node, wanted)
    if text.isascii():
        window = _ascii_window(text, _plain_pattern(tuple(wanted)), size)
    else:
        window = _token_window(text, wanted, size)
    if window is None:
        return ""
    spans, hit, before, after = window
    out, pos, i = [], spans[0][0], 0
    while i < len(spans):
        start, end = spans[i]
        if hit[i]:
            j = i
            while j + 1 < len(spans) and hit[j + 1]:
                j += 1
            out.append(text[pos:start] + open_ + text[start:spans[j][1]] + close)
            pos, i = spans[j][1], j + 1
        else:
            out.append(text[pos:end])
            pos, i = end, i + 1
    return (ellipsis.lstrip() if before else "") + "".join(out) + ("" if after else text[pos:]) + \
        (ellipsis.rstrip() if after else "")


def _ascii_window(text: str, pattern: re.Pattern, size: int):
    """The window for ASCII text and plain terms (a token's form is its lower case): the matches
    come from one expression, and only the window's tokens are read."""
    matches = [m.span() for m in pattern.finditer(text.lower().replace("_", " "))]  # "_" separates tokens
    anchor = 0
    if matches:  # the match with the most others within about ``size`` words after it
        reach, best, j = size * 7, 0, 0
        for k, (a, _) in enumerate(matches):
            while j < len(matches) and matches[j][0] < a + reach:
                j += 1
            if j - k > best:
                best, anchor = j - k, a
    spans = [m.span() for _, m in zip(range(size), _TOKEN.finditer(text, anchor))]
    if len(spans) < size:  # near the end: take words before the anchor instead
        back = max(0, anchor - 40 * size)
        earlier = [(a + back, b + back) for a, b in (m.span() for m in _TOKEN.finditer(text[back:anchor]))]
        spans = earlier[max(0, len(earlier) - (size - len(spans))):] + spans
    if not spans:
        return None
    starts = [a for a, _ in matches]
    hit = []
    for a, b in spans:
        k = bisect_left(starts, b) - 1  # the last match starting before the token ends
        hit.append(1 if k >= 0 and matches[k][1] > a else 0)
    before = _TOKEN.search(text, 0, spans[0][0]) is not None
    after = _TOKEN.search(text, spans[-1][1]) is not None
    return spans, hit, before, after


def _token_window(text: str, wanted, size: int):
    """The window in general: every token's plain and folded forms compared with the terms."""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    if not spans:
        return None
    plain = [lexeme(text[a:b]) for a, b in spans]
    folded = [_folded_token(text[a:b]) for a, b in spans] if any(f for *_, f in wanted) else []
    hit = [0] * len(spans)
    for words, prefix, is_folded in wanted:
        forms, n, head, last = (folded if is_folded else plain), len(words), words[0], len(words) - 1
        for i in range(len(spans) - n + 1):
            if _same(forms[i], head, prefix and n == 1) and \
                    all(_same(forms[i + k], words[k], prefix and k == last) for k in range(1, n)):
                hit[i:i + n] = [1] * n
    sums = [0]
    for h in hit:
        sums.append(sums[-1] + h)
    starts = [i for i, h in enumerate(hit) if h] or [0]  # a best window can always start at a match
    first = max(starts, key=lambda s: (sums[min(len(spans), s + size)] - sums[s], -s))
    first = min(first, max(0, len(spans) - size))
    last = min(len(spans), first + size)
    return spans[first:last], hit[first:last], first > 0, last < len(spans)
