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
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from importlib import resources
from typing import Callable, Sequence

from .textnorm import fold

_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?|\d+[\w\-]*", re.UNICODE)
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
    if "'" not in text and "’" not in text and "-" not in text:
        return _WORD.findall(text)  # nothing to trim
    out = []
    for w in _WORD.findall(text):
        if "'" in w or "’" in w or "-" in w:  # the rare words that need trimming
            if w.endswith(("'s", "’s")):
                w = w[:-2]
            w = w.strip("'’-")
            if not w:
                continue
        out.append(w)
    return out


@lru_cache(maxsize=65536)
def _key_words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"\w+", fold(phrase.replace("’s", "").replace("'s", ""))) if w)


_CONNECTORS = {"of", "al", "el", "bin", "ibn", "abu", "de", "du", "la", "le", "del"}


def _candidates(words: list[str], stops: frozenset[str]) -> list[tuple[str, bool]]:
    """Candidate phrases of one sentence: maximal runs of capitalised words (proper
    names, up to 4 words, connectors such as "of" inside), and lowercase 1-3-grams."""
    phrases: list[str] = []
    propers: list[bool] = []
    _add_candidates(words, stops, phrases, propers)
    return list(zip(phrases, propers))


def _add_candidates(words: list[str], stops: frozenset[str], phrases: list[str], propers: list[bool]) -> int:
    """Append the candidates of one sentence (see ``_candidates``); returns how many."""
    before = len(phrases)
    n = len(words)
    upper = [w[0].isupper() for w in words]
    run_end = 0
    for i in [k for k, up in enumerate(upper) if up]:  # only capitalised words start a run
        if i < run_end:
            continue
        if i == 0 and words[0].lower() in stops:
            continue
        j = i + 1
        while j < n and j - i < 6 and (
                upper[j] or (j + 1 < n and upper[j + 1] and words[j].lower() in _CONNECTORS)):
            j += 1
        run = words[i:j]
        while run and run[-1].lower() in stops and (run[-1].islower() or len(run) == 1):
            run.pop()  # "Middle East" keeps its capitalised "East"; "of" at the end goes
        while run and run[0].lower() in stops:
            run.pop(0)
        if run and len(run) <= 4:
            phrases.append(" ".join(run))
            propers.append(not (i == 0 and len(run) == 1 and not run[0].isupper()))
        run_end = j
    usable = [not up and len(w) >= 3 and w not in stops and not w.isdigit() for w, up in zip(words, upper)]
    last = n - 1
    for k, ok in enumerate(usable):
        if ok:
            w = words[k]
            phrases.append(w)
            if k < last and usable[k + 1]:
                phrases.append(w + " " + words[k + 1])
    propers.extend([False] * (len(phrases) - len(propers)))
    return len(phrases) - before


def statistical_keyphrases(text: str, title: str | None = None, top: int = 20) -> list[Keyphrase]:
    stops = stopwords()
    sentences = [s for s in _SENT.split(text) if s.strip()]
    n_sent = max(1, len(sentences))
    title_words = {w.lower() for w in _words(title or "")}
    phrases: list[str] = []  # every candidate use, in text order, with its sentence and casing
    propers: list[bool] = []
    sent_of: list[int] = []
    for si, sentence in enumerate(sentences):
        added = _add_candidates(_words(sentence), stops, phrases, propers)
        if added:
            sent_of += [si] * added
    keys = [p.lower() for p in phrases]
    tfs = Counter(keys)  # in order of first use
    firsts = dict(zip(reversed(keys), reversed(sent_of)))  # the earliest sentence wins
    spreads = Counter(map(itemgetter(0), set(zip(keys, sent_of))))
    caps_of = Counter(compress(keys, propers))
    scored = []
    for key, tf in tfs.items():
        n = key.count(" ") + 1
        proper = caps_of.get(key, 0) * 2 >= tf
        if not proper and (tf < 3 if n == 1 else tf < 2):
            continue
        first = firsts[key]
        spread = spreads[key] / n_sent
        position = 1.0 / math.log(3 + first)
        in_title = 1.4 if n == 1 and key in title_words or n > 1 and not title_words.isdisjoint(key.split()) else 1.0
        casing = 2.5 if proper else (1.0 if n > 1 else 0.6)
        length = 1.0 + 0.3 * (n - 1)
        scored.append((math.log1p(tf) * (0.6 + spread) * position * in_title * casing * length, key))
    scored.sort(key=itemgetter(0), reverse=True)  # stable: equal scores keep their first-use order
    best = scored[:top]
    wanted = {key for _, key in best}
    uses = Counter(phrases)
    forms: dict[str, list[str]] = defaultdict(list)  # each wanted key's forms, in order of first use
    for key, phrase in dict.fromkeys(zip(keys, phrases)):
        if key in wanted:
            forms[key].append(phrase)
    return [Keyphrase(max(forms[key], key=lambda form: (uses[form], form[:1].isupper())), score)
            for score, key in best]


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
    kept_words: list[str] = []  # folded words of each kept phrase, " a b " (word runs compare as substrings)
    kept_canon: set[str] = set()

    def try_add(candidate: str) -> None:
        key_words = _key_words(candidate)
        if not key_words:
            return
        words = " " + " ".join(key_words) + " "
        canon = same_as(candidate) if same_as else None
        if canon and canon in kept_canon:
            kept_words.append(words)  # an alias of a kept keyword: its longer forms are covered too
            return
        for other in kept_words:
            if other in words or words in other:
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
