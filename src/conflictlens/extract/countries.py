"""Stage helper: the countries an article names (pycountry's names), counted.

An Aho-Corasick automaton over the lower-cased text finds every name in one pass (a regular
expression of 250 alternatives was a tenth of the extraction time); matches must sit on word
boundaries, and the longest wins where names overlap ("South Sudan" over "Sudan").
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Sequence

import ahocorasick

from .actor_data import CountryRow


@lru_cache(maxsize=2)
def country_names(all_names: bool = True) -> dict[str, tuple[str, str]]:
    """Lower-cased country name -> (ISO2, name): pycountry's names and common names, and the
    names of the project's country table (``data/actors/countries.csv``: "Turkey", "Russia",
    "Ivory Coast", "DR Congo" ...), whose ACLED-style name is the one given back.  With
    ``all_names=False`` only the countries' own names, not the other names the table lists for
    them ("Gaza", "West Bank" for Palestine), which are also places.)"""
    import pycountry

    own = _table_by_iso()
    names = {}
    for c in pycountry.countries:
        shown = own[c.alpha_2].country if c.alpha_2 in own else getattr(c, "common_name", None) or c.name
        for n in {c.name, getattr(c, "common_name", c.name)}:
            if "," not in n and len(n) > 3:
                names[n.lower()] = (c.alpha_2, shown)
    for iso, row in own.items():
        for n in (row.country, *row.names)[:None if all_names else 1]:
            n = n[4:] if n.lower().startswith("the ") else n
            if "," not in n and (len(n) > 3 or (n.isupper() and len(n) == 3)):
                names[n.lower()] = (iso, row.country)
    return names


@lru_cache(maxsize=1)
def _table_by_iso() -> dict[str, CountryRow]:
    """The country table's rows by ISO code (looked up once: both name sets above use them)."""
    import pycountry

    from .actor_data import bundled_text, parse_countries

    own: dict[str, CountryRow] = {}
    for row in parse_countries(*bundled_text("countries.csv")):
        iso = row.iso2 or _lookup(pycountry, (row.country, *row.names))
        if iso:
            own.setdefault(iso, row)
    return own


def _lookup(pycountry, names) -> str:
    for n in names:
        try:
            return pycountry.countries.lookup(n).alpha_2
        except LookupError:
            continue
    return ""


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for name in country_names():
        auto.add_word(name, name)
    auto.make_automaton()
    return auto


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def country_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased name) of each country name in ``text``, left to right.  Offsets are
    those of ``text`` whenever lower-casing keeps its length (true of all but a few letters such
    as the Turkish dotted I; then the text is matched letter by letter lower-cased)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower()[:1] or ch for ch in text)
    hits = []
    for last, name in _automaton().iter(low):
        start = last - len(name) + 1
        if (start == 0 or not _is_word_char(low[start - 1])) and (last + 1 == len(low) or not _is_word_char(low[last + 1])):
            hits.append((start, last + 1, name))
    hits.sort(key=lambda h: (h[0], h[0] - h[1]))
    out, end = [], -1
    for h in hits:
        if h[0] >= end:
            out.append(h)
            end = h[1]
    return out


def article_countries(text: str, found: Sequence) -> list[tuple[str, str]]:
    """(ISO2, name) of the countries the article names -- and its actors belong to -- most
    frequent first (``found``: FoundActor-like records with ``.actor.country``)."""
    names = country_names()
    counts: Counter = Counter()
    for _s, _e, name in country_mentions(text):
        counts[names[name]] += 1
    by_name = {v[1]: v for v in names.values()}
    for f in found:
        if f.actor.country and f.actor.country in by_name:
            counts[by_name[f.actor.country]] += 1
    return [c for c, _ in counts.most_common()]
