"""Token normalisation for actor matching, with offsets back into the original text.

Both the actor aliases and the searched text go through :func:`tokenize`, so a
match on normalised tokens is a match on the original words.  A token is a run
of letters and digits, apostrophes inside words are dropped ("Hay'at" ->
"hayat"), a trailing possessive is cut off ("ISIS's" -> "isis", the span stops
before the apostrophe), hyphens and other punctuation separate tokens
("al-Shabaab" = "al Shabaab"), diacritics are removed, and the Arabic article
in its assimilated spellings (el, ash, as, ad, ar, at, az, an, adh, ath, ud, ul)
becomes "al" when another token follows ("Ahrar ash-Sham" = "Ahrar al Sham").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..textnorm import strip_diacritics

_APOS = "'\u2019\u2018\u02bc\u02bf\u02be`\u00b4\u02bb"
_TOKEN_RE = re.compile(f"[^\\W_]+(?:[{_APOS}][^\\W_]+)*")
_APOS_RE = re.compile(f"[{_APOS}]")
_POSSESSIVE_RE = re.compile(f"[{_APOS}]s$", re.IGNORECASE)
ARTICLE_VARIANTS = frozenset({"el", "ash", "as", "ad", "ar", "at", "az", "an", "adh", "ath", "ud", "ul", "ed", "es", "et"})


@dataclass(frozen=True)
class Token:
    """One normalised token: ``text`` (case kept), ``lower`` and its original span."""

    text: str
    lower: str
    start: int
    end: int


def _fold_token(raw: str) -> str:
    if raw.isascii() and raw.isalnum():
        return raw
    folded = _APOS_RE.sub("", strip_diacritics(raw))
    return folded or raw


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into normalised tokens (see module docstring)."""
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        raw, start, end = m.group(), m.start(), m.end()
        if not raw.isalnum():
            poss = _POSSESSIVE_RE.search(raw)
            if poss and len(raw) > 2:
                raw, end = raw[: poss.start()], start + poss.start()
        folded = _fold_token(raw)
        lower = folded.lower()
        if len(lower) != len(folded):  # exotic case mappings: keep offsets simple
            lower = folded
        tokens.append(Token(folded, lower, start, end))
    # assimilated Arabic article -> "al" when a name follows (hyphenated or not)
    for i in range(len(tokens) - 1):
        tok = tokens[i]
        if tok.lower in ARTICLE_VARIANTS and text[tok.end:tok.end + 1] in ("-", " ") and tokens[i + 1].text[:1].isupper():
            tokens[i] = Token(tok.text[0] + "l" if tok.text[:1].isupper() else "al", "al", tok.start, tok.end)
    return tokens


_SIMPLE_RE = re.compile(r"[A-Za-z0-9 .,/()&-]*")
_WORD_RE = re.compile(r"[A-Za-z0-9]+")


def alias_key(alias: str, keep_case: bool = False) -> str:
    """The normalised form of an alias: tokens joined by single spaces."""
    if _SIMPLE_RE.fullmatch(alias):  # fast path, same result as the general one
        words = []
        matches = list(_WORD_RE.finditer(alias))
        for i, m in enumerate(matches):
            word = m.group()
            low = word.lower()
            if i < len(matches) - 1 and low in ARTICLE_VARIANTS:
                sep = alias[m.end():m.end() + 1]
                if sep == "-" or (sep == " " and matches[i + 1].group()[:1].isupper()):
                    word = low = "al" if not (keep_case and word[:1].isupper()) else word[0] + "l"
            words.append(word if keep_case else low)
        return " ".join(words)
    toks = tokenize(alias)
    # in aliases the article rule applies whatever the case of the next word
    words = []
    for i, t in enumerate(toks):
        word = t.text if keep_case else t.lower
        if i < len(toks) - 1 and t.lower in ARTICLE_VARIANTS and alias[t.end:t.end + 1] == "-":
            word = "al"
        words.append(word)
    return " ".join(words)


def joined(tokens: list[Token], keep_case: bool = False) -> tuple[str, list[int]]:
    """Tokens joined by single spaces, padded with one space on each side.

    Returns the string and the start offset of every token in it, so a match
    found at ``[a, b)`` covers the tokens whose offsets lie in that range.
    """
    parts = [" "]
    starts = []
    pos = 1
    for t in tokens:
        starts.append(pos)
        word = t.text if keep_case else t.lower
        parts.append(word)
        parts.append(" ")
        pos += len(word) + 1
    return "".join(parts), starts
