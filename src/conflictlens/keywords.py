"""Helpful keywords: 5-12 keyphrases per article, merged with its main actors and places.

Two keyphrase scorers:

* ``statistical`` (default): a YAKE-style scorer over candidate phrases (1-3 words, no
  stopword at either end): term frequency, spread over sentences, position of first
  use, use in the title, and casing (proper nouns and acronyms).  About 1 ms per
  article, so ingest without NLP stays fast.
* ``yake``: the YAKE library itself (slower, ~50 ms per article).

Entities from event extraction (actor names, places) are merged in first.  Phrases
are case-merged and de-duplicated on transliteration-folded words, and a phrase
that contains a kept keyword (or is contained in one) is not a second keyword:
"ISIS" and "ISIS cell" give one keyword, as do "Aleppo" and "rural Aleppo".
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable, Sequence

from .textnorm import fold

_WORD = re.compile(r"[^\W\d_][\w'’\-]*[^\W_]|[^\W\d_]|\d+[\w\-]*", re.UNICODE)
_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("conflictlens.data").joinpath("stopwords_en.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.split() if w.strip() and not w.startswith("#"))


@dataclass(frozen=True)
class Keyphrase:
    text: str
    score: float


def _words(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(text):
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        w = w.strip("'’-")
        if w:
            out.append(w)
    return out


@lru_cache(maxsize=65536)
def _key_words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"\w+", fold(phrase.replace("’s", "").replace("'s", ""))) if w)


_CONNECTORS = {"of", "al", "el", "bin", "ibn", "abu", "de", "du", "la", "le", "del"}


def _candidates(words: list[str], stops: frozenset[str]) -> list[tuple[str, bool]]:
    """Candidate phrases of one sentence: maximal runs of capitalised words (proper
    names, up to 4 words, connectors such as "of" inside), and lowercase 1-3-grams."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w[0].isupper() and not (i == 0 and w.lower() in stops):
            j = i + 1
            while j < len(words) and j - i < 6 and (
                    words[j][0].isupper() or (words[j].lower() in _CONNECTORS and j + 1 < len(words)
                                              and words[j + 1][0].isupper())):
                j += 1
            run = words[i:j]
            while run and run[-1].lower() in stops and (run[-1].islower() or len(run) == 1):
                run.pop()  # "Middle East" keeps its capitalised "East"; "of" at the end goes
            while run and run[0].lower() in stops:
                run.pop(0)
            if run and len(run) <= 4:
                proper = not (i == 0 and len(run) == 1 and not run[0].isupper())
                out.append((" ".join(run), proper))
            i = j
            continue
        i += 1
    lows = [w if not w[0].isupper() else "" for w in words]
    usable = [bool(w) and len(w) >= 3 and w not in stops and not w.isdigit() for w in lows]
    for k, w in enumerate(lows):
        if usable[k]:
            out.append((w, False))
            if k + 1 < len(lows) and usable[k + 1]:
                out.append((w + " " + lows[k + 1], False))
    return out


def statistical_keyphrases(text: str, title: str | None = None, top: int = 20) -> list[Keyphrase]:
    stops = stopwords()
    sentences = [s for s in _SENT.split(text) if s.strip()]
    n_sent = max(1, len(sentences))
    title_words = {w.lower() for w in _words(title or "")}
    stats: dict[str, list] = {}  # key -> [tf, sentences, first sentence, proper uses, words]
    forms: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for si, sentence in enumerate(sentences):
        for phrase, proper in _candidates(_words(sentence), stops):
            key = phrase.lower()
            st = stats.get(key)
            if st is None:
                st = stats[key] = [0, set(), si, 0, phrase.count(" ") + 1]
            st[0] += 1
            st[1].add(si)
            st[3] += proper
            forms[key][phrase] += 1
    scored = []
    for key, (tf, sents, first, caps, n) in stats.items():
        proper = caps * 2 >= tf
        if not proper and (tf < 3 if n == 1 else tf < 2):
            continue
        spread = len(sents) / n_sent
        position = 1.0 / math.log(3 + first)
        in_title = 1.4 if n == 1 and key in title_words or n > 1 and set(key.split()) & title_words else 1.0
        casing = 2.5 if proper else (1.0 if n > 1 else 0.6)
        length = 1.0 + 0.3 * (n - 1)
        scored.append((math.log1p(tf) * (0.6 + spread) * position * in_title * casing * length, key))
    scored.sort(key=lambda sk: -sk[0])
    return [Keyphrase(max(forms[key].items(), key=lambda kv: (kv[1], kv[0][:1].isupper()))[0], score)
            for score, key in scored[:top]]


def yake_keyphrases(text: str, title: str | None = None, top: int = 20) -> list[Keyphrase]:
    import yake  # a declared dependency; imported here because it is slow to import

    extractor = yake.KeywordExtractor(lan="en", n=3, top=top, dedupLim=0.7)
    return [Keyphrase(k, 1.0 / (1e-6 + float(s))) for k, s in extractor.extract_keywords(
        ((title or "") + "\n" + text).strip())]


def merge_keywords(
    entities: Sequence[str],
    phrases: Sequence[Keyphrase],
    *,
    max_n: int = 12,
    min_n: int = 5,
    same_as: Callable[[str], str | None] | None = None,
) -> tuple[str, ...]:
    """Entities first, then phrases; case-merged, alias-merged and de-duplicated."""
    kept: list[str] = []
    kept_words: list[tuple[str, ...]] = []
    kept_canon: set[str] = set()

    def contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
        return any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1))

    def try_add(candidate: str) -> None:
        words = _key_words(candidate)
        if not words:
            return
        canon = same_as(candidate) if same_as else None
        if canon and canon in kept_canon:
            kept_words.append(words)  # an alias of a kept keyword: its longer forms are covered too
            return
        for other in kept_words:
            if contains(words, other) or contains(other, words):
                return
        kept.append(candidate.strip())
        kept_words.append(words)
        if canon:
            kept_canon.add(canon)

    for ent in entities:
        if len(kept) >= max_n:
            break
        try_add(ent)
    for ph in phrases:
        if len(kept) >= max_n:
            break
        try_add(ph.text)
    return tuple(kept[:max_n]) if len(kept) >= min_n or not phrases else tuple(kept)


def helpful_keywords(
    text: str,
    title: str | None = None,
    entities: Sequence[str] = (),
    *,
    method: str = "statistical",
    max_n: int = 12,
    min_n: int = 5,
    same_as: Callable[[str], str | None] | None = None,
) -> tuple[str, ...]:
    """The article's helpful keywords (see module doc)."""
    scorer = yake_keyphrases if method == "yake" else statistical_keyphrases
    phrases = scorer(text, title, top=max_n * 3)
    return merge_keywords(entities, phrases, max_n=max_n, min_n=min_n, same_as=same_as)
