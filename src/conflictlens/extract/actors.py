"""The actor table: canonical ACLED-style actors, their aliases, and finding them in text.

Data (see :mod:`.actor_data` for the formats): ``data/actors/actors*.csv``
(named actors with aliases, ACLED type, inter code, country, validity dates),
``countries.csv`` (country adjectives and names), ``forces.csv`` (nouns for
state forces), ``terms.csv`` (generic actor words), ``context.csv``; plus user
actor files from ``options.actor_files`` and ``extra_files`` (same format as
``actors.csv``).

API::

    table = ActorTable.load(options)             # cached per process and file list
    table.find(text, country=None, when=None)    # -> [ActorMatch], left to right
    table.resolve("Daesh", when, country)        # -> Actor | None
    table.generic("protesters", "Israel")        # -> Actor("Protesters (Israel)", ..., inter 6)
    table.country_forces("Nigerian troops")      # -> Actor("Military Forces of Nigeria") | None

``find`` returns the longest non-overlapping matches.  ``ActorMatch.kind`` says
what matched:

* ``named``  -- an alias of a named actor ("Daesh", "al-Shabaab", "JNIM");
* ``military`` / ``police`` / ``government`` -- state forces named by a country
  adjective or name and a force noun ("Nigerian troops", "Indian police",
  "army of Mali", "police in Kenya"), or by the noun alone ("soldiers",
  "the police") -- then the forces of ``country`` when given, else an actor
  without country ("Military Forces", ``actor.country is None``);
* ``identity`` -- an identity militia: a group from ``groups.csv`` or a
  capitalised name before militia words ("Tiv youths" -> "Tiv Ethnic Militia",
  "Habar Gidir clan militia" -> "Habar Gidir Clan Militia");
* ``generic`` -- a generic actor word ("gunmen", "civilians", "protesters"),
  resolved with :meth:`ActorTable.generic` for ``country``;
* ``role``   -- a social group with a usual role ("students" -> Protesters,
  "journalists" -> Civilians); the extractor may re-map it by the event;
* ``implied`` -- a verb that implies the actor ("protested" -> Protesters).

Short all-caps acronyms match case-sensitively only; "IS" (and other ``~``
aliases) only with group context ("IS fighters", "by IS") and never between
all-caps words ("THIS IS").  Aliases marked ``@`` apply only when ``country``
is the actor's country ("@government forces"), ``alias@Country`` only in that
country ("National Army@Yemen").  With ``when``, actors
outside their validity dates are skipped.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Sequence

import ahocorasick

from ..errors import ConfigError
from ..models import Actor
from .actor_data import (
    ACTOR_TYPES,
    ActorRow,
    AliasSpec,
    CountryRow,
    GroupRow,
    TermRow,
    bundled_actor_files,
    bundled_text,
    parse_actors,
    parse_alias,
    parse_context,
    parse_countries,
    parse_forces,
    parse_groups,
    parse_fronts,
    parse_militia_terms,
    parse_terms,
    read_user_file,
)
from .actor_text import Token, alias_key, joined, tokenize

__all__ = ["ActorMatch", "ActorTable"]

# generic kind -> (name pattern, actor_type); {c} is the country
_GENERIC_NAMES = {
    "civilians": ("Civilians ({c})", "civilians"),
    "protesters": ("Protesters ({c})", "protesters"),
    "rioters": ("Rioters ({c})", "rioters"),
    "unidentified_armed_group": ("Unidentified Armed Group ({c})", "political_militia"),
    "unidentified_military": ("Unidentified Military Forces", "external_other"),
    "gang": ("Unidentified Gang ({c})", "political_militia"),
    "communal_militia": ("Unidentified Communal Militia ({c})", "identity_militia"),
    "ethnic_militia": ("Unidentified Communal Militia ({c})", "identity_militia"),
    "clan_militia": ("Unidentified Clan Militia ({c})", "identity_militia"),
    "military": ("Military Forces of {of}", "state_forces"),
    "police": ("Police Forces of {of}", "state_forces"),
    "government": ("Government of {of}", "state_forces"),
    "tribal_militia": ("Unidentified Tribal Militia ({c})", "identity_militia"),
    "islamist_militia": ("Islamist Militia ({c})", "rebel_group"),
    "private_security": ("Private Security Forces ({c})", "external_other"),
    # rebels the report does not name: the article's own word, kept (GUIDE: unlisted actors keep their name)
    "rebels": ("Rebel Groups ({c})", "rebel_group"),
}
# words before "clan/ethnic/... militia" that are not a group name
_NOT_GROUP = frozenset({"the", "a", "an", "two", "three", "rival", "armed", "local", "unidentified", "unknown",
                        "suspected", "several", "some", "many", "other", "both", "and", "of", "in", "on", "by",
                        "with", "from", "between", "against", "among", "alleged", "opposing", "different"})
_BARE_FORCE_NAMES = {"military": "Military Forces", "police": "Police Forces", "government": "Government"}
_PAREN_RE = re.compile(r"\s*\([^)]*\)")
_STATE_NAME_RE = re.compile(r"^(Military Forces|Police Forces|Government) of (?:the )?(.+?)$", re.IGNORECASE)
_GENERIC_NAME_RE = re.compile(r"^(.+?)\s*\(([^)]+)\)\s*$")
_PRIORITY = {"named": 0, "identity": 0, "military": 1, "police": 1, "government": 1, "generic": 2, "role": 3, "implied": 4}


@dataclass(frozen=True)
class ActorMatch:
    """An actor found in a text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    actor: Actor
    kind: str  # named | identity | military | police | government | generic | role | implied


@dataclass(frozen=True)
class _Hit:
    ti: int  # first token
    tj: int  # one past the last token
    kind: str
    actor: Actor


def _strip_name(name: str) -> str:
    return _PAREN_RE.sub("", name).strip()


def _valid(actor: Actor, when: date | None) -> bool:
    if when is None:
        return True
    return (actor.valid_from is None or actor.valid_from <= when) and (actor.valid_until is None or when <= actor.valid_until)


class ActorTable:
    """Canonical actors with a compiled matcher.  Build with :meth:`load`."""

    def __init__(self, rows: Sequence[ActorRow], countries: Sequence[CountryRow], forces: Sequence[TermRow],
                 terms: Sequence[TermRow], context: tuple[frozenset[str], frozenset[str]],
                 groups: Sequence[GroupRow] = (), militia_terms: dict[str, str] | None = None,
                 fronts: Sequence = ()):
        self.actors: tuple[Actor, ...] = tuple(r.actor for r in rows)
        self._ci: dict[str, list[tuple[Actor, AliasSpec]]] = {}
        self._cs: dict[str, list[tuple[Actor, AliasSpec]]] = {}
        self._country_of: dict[str, str] = {}  # any country key -> canonical country
        self._country_keys: dict[str, str] = {}  # adjective/name key in text -> country
        self._of_form: dict[str, str] = {}
        self._forces: dict[str, TermRow] = {alias_key(f.term): f for f in forces}
        self._terms: dict[str, TermRow] = {alias_key(t.term): t for t in terms}
        self._ctx_before, self._ctx_after = context
        self._groups: dict[str, GroupRow] = {alias_key(g.group): g for g in groups}
        self._militia: dict[str, str] = {alias_key(t): k for t, k in (militia_terms or {}).items()}
        self._fronts = tuple(fronts)
        self._gang_countries = frozenset(c.country for c in countries if c.unknown_perpetrator == "gang")
        self._clash_order = {c.country: c.clash_order for c in countries if c.clash_order}
        self._by_name: dict[str, list[Actor]] = {}
        self._generic_cache: dict[tuple, Actor] = {}
        self._country_memo: dict[str, str] = {}
        for row in rows:
            canon = _strip_name(row.actor.name)
            self._by_name.setdefault(alias_key(canon), []).append(row.actor)
            names = [AliasSpec(canon)] + [parse_alias(p) for p in canon.split(": ", 1) if ": " in canon]
            for spec in names + list(row.aliases):
                if spec.case_sensitive:
                    self._cs.setdefault(alias_key(spec.text, keep_case=True), []).append((row.actor, spec))
                else:
                    self._ci.setdefault(alias_key(spec.text), []).append((row.actor, spec))
        for c in countries:
            of_form = c.names[0] if c.names and c.names[0].lower().startswith("the ") else c.country
            self._of_form[c.country] = of_form
            for n in (c.country, *c.names):
                self._country_of[alias_key(n)] = c.country
                self._country_keys[alias_key(n)] = c.country
            for adj in c.adjectives:
                self._country_keys[alias_key(adj)] = c.country
                self._country_of.setdefault(alias_key(adj), c.country)
        self._ac_ci = ahocorasick.Automaton()
        for key in {*self._ci, *self._country_keys, *self._forces, *self._terms, *self._groups, *self._militia}:
            if key:
                self._ac_ci.add_word(f" {key} ", key)
        self._ac_ci.make_automaton()
        self._ac_cs = ahocorasick.Automaton()
        for key in self._cs:
            if key:
                self._ac_cs.add_word(f" {key} ", key)
        if self._cs:
            self._ac_cs.make_automaton()

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def load(cls, options=None, extra_files: Sequence[str] = ()) -> "ActorTable":
        """The bundled table plus ``options.actor_files`` and ``extra_files`` (cached per process)."""
        files = tuple(getattr(options, "actor_files", ()) or ()) + tuple(extra_files)
        stamped = []
        for path in files:
            try:
                stamped.append((str(path), os.stat(path).st_mtime_ns))
            except OSError:
                raise ConfigError(f"actor file {path}: not found") from None
        return _load_cached(tuple(stamped))

    # -- lookups --------------------------------------------------------------------------------
    def canonical_country(self, country: str | None) -> str | None:
        """The table's English short name for a country name or adjective, else the input."""
        if not country:
            return None
        known = self._country_memo.get(country)
        if known is None:
            known = self._country_memo[country] = self._country_of.get(alias_key(country), country)
        return known

    def clash_order(self, country: str | None) -> str:
        """ACLED's fixed order of a clash's sides in ``country`` (countries.csv): state_first,
        state_second, or "" (the report's order)."""
        return self._clash_order.get(self.canonical_country(country), "") if country else ""

    def generic(self, kind: str, country: str | None = None, when: date | None = None) -> Actor:
        """A generic ACLED-style actor ("Civilians (Nigeria)", "Military Forces of India")."""
        if kind not in _GENERIC_NAMES and kind != "perpetrator":
            raise ValueError(f"unknown generic actor kind {kind!r} (one of {', '.join(_GENERIC_NAMES)})")
        country = self.canonical_country(country)
        if kind == "perpetrator":  # unattributed criminal violence
            kind = "gang" if country in self._gang_countries else "unidentified_armed_group"
        cache_key = (kind, country, when)
        hit = self._generic_cache.get(cache_key)
        if hit is not None:
            return hit
        pattern, actor_type = _GENERIC_NAMES[kind]
        if country:
            name = pattern.format(c=country, of=self._of_form.get(country, country))
            actor = self._named_exact(name, when, country) or Actor(name, actor_type, ACTOR_TYPES[actor_type], country)
        elif kind in _BARE_FORCE_NAMES:
            actor = Actor(_BARE_FORCE_NAMES[kind], actor_type, ACTOR_TYPES[actor_type], None)
        else:
            actor = Actor(_strip_name(pattern.format(c="", of="")), actor_type, ACTOR_TYPES[actor_type], None)
        self._generic_cache[cache_key] = actor
        return actor

    def front_sides(self, country: str | None, regions: Sequence[str], text: str,
                    when: date | None) -> tuple[Actor, Actor] | None:
        """The two belligerents of a front line (fronts.csv) in ``country``, where the event's
        admin-1 (``regions``) or the report names one of its regions or cues, at date ``when``."""
        country = self.canonical_country(country)
        for f in self._fronts:
            if f.country != country or (when and ((f.valid_from and when < f.valid_from)
                                                  or (f.valid_until and when > f.valid_until))):
                continue
            if not any(r.split()[0] in f.regions for r in regions if r.split()) and not any(
                    re.search(rf"\b{re.escape(r)}\b", text) for r in f.regions + f.cues):
                continue
            a, b = self.resolve(f.side1, when, country), self.resolve(f.side2, when, country)
            if a is not None and b is not None:
                return a, b
        return None

    def _named_exact(self, name: str, when: date | None, country: str | None) -> Actor | None:
        cands = [a for a in self._by_name.get(alias_key(_strip_name(name)), ()) if _valid(a, when)]
        if not cands:
            return None
        if when is None:  # the most recent period first
            cands.sort(key=lambda a: (a.valid_until is not None, -(a.valid_from or date.min).toordinal()))
        same = [a for a in cands if a.country == country]
        return (same or cands)[0]

    def country_forces(self, text: str, country: str | None = None, when: date | None = None) -> Actor | None:
        """State forces named by ``text`` ("Nigerian troops", "the police" with ``country``)."""
        for m in self.find(text, country, when):
            if m.kind in _BARE_FORCE_NAMES or (m.kind == "named" and m.actor.actor_type == "state_forces"):
                return m.actor
        return None

    def resolve(self, name: str, when: date | None = None, country: str | None = None) -> Actor | None:
        """A name or alias to its canonical actor (validity dates and country-bound aliases respected)."""
        name = (name or "").strip()
        if not name:
            return None
        country = self.canonical_country(country)
        exact = self._named_exact(name, when, country)
        if exact:
            return exact
        m = _STATE_NAME_RE.match(_strip_name(name))
        if m:
            kind = {"military forces": "military", "police forces": "police", "government": "government"}[m.group(1).lower()]
            return self.generic(kind, m.group(2), when)
        m = _GENERIC_NAME_RE.match(name)
        if m:
            for kind, (pattern, _t) in _GENERIC_NAMES.items():
                if "{c}" in pattern and alias_key(_strip_name(pattern)) == alias_key(m.group(1)):
                    return self.generic(kind, m.group(2), when)
        tokens = tokenize(name)
        skip = 1 if tokens and tokens[0].lower in ("the", "a", "an") else 0
        for match in self.find(name, country, when):
            if match.start <= tokens[skip].start and match.end >= tokens[-1].end and match.kind not in ("implied",):
                return match.actor
        return None

    # -- matching --------------------------------------------------------------------------------
    def find(self, text: str, country: str | None = None, when: date | None = None) -> list[ActorMatch]:
        """Actors mentioned in ``text``: longest non-overlapping matches, in text order."""
        tokens = tokenize(text)
        if not tokens:
            return []
        country = self.canonical_country(country)
        lower, starts = joined(tokens)
        index = {pos: i for i, pos in enumerate(starts)}
        hits: list[_Hit] = []
        country_at: dict[tuple[int, int], str] = {}
        forces: list[tuple[int, int, TermRow]] = []
        groups: dict[int, tuple[int, GroupRow]] = {}  # end token -> (start token, group)
        militia: list[tuple[int, int, str]] = []
        for end, key in self._ac_ci.iter(lower):
            ti = index[end - len(key)]
            tj = ti + key.count(" ") + 1
            if key in self._ci:
                actor = self._pick(self._ci[key], when, country)
                if actor:
                    hits.append(_Hit(ti, tj, "named", actor))
            if key in self._country_keys:
                country_at[(ti, tj)] = self._country_keys[key]
            if key in self._forces:
                forces.append((ti, tj, self._forces[key]))
            if key in self._groups:
                groups[tj] = (ti, self._groups[key])
            if key in self._militia:
                militia.append((ti, tj, self._militia[key]))
            if key in self._terms:
                term = self._terms[key]
                hits.append(_Hit(ti, tj, term.match_kind, self.generic(term.kind, country, when)))
        if self._cs:
            cased, _ = joined(tokens, keep_case=True)
            for end, key in self._ac_cs.iter(cased):
                ti = index[end - len(key)]
                tj = ti + key.count(" ") + 1
                entries = [(a, s) for a, s in self._cs[key] if not s.needs_context or self._in_context(tokens, ti, tj)]
                actor = self._pick(entries, when, country)
                if actor:
                    hits.append(_Hit(ti, tj, "named", actor))
        hits.extend(self._force_hits(tokens, forces, country_at, country, when))
        hits.extend(self._militia_hits(tokens, groups, militia, country))
        return self._select(hits, tokens, text)

    def _militia_hits(self, tokens: list[Token], groups, militia, country) -> list[_Hit]:
        out = []
        groups_start = {gi for gi, _g in groups.values()}
        for ti, tj, kind in militia:
            found: list[tuple[int, str, str]] = []  # (start token, group name, group kind)
            if ti in groups:
                gi, g = groups[ti]
                found.append((gi, g.group, g.kind))
                # "Fellata and Rizeigat communal militias": both groups
                if gi >= 2 and tokens[gi - 1].lower == "and" and gi - 1 in groups:
                    gj, g2 = groups[gi - 1]
                    found.append((gj, g2.group, g2.kind))
            elif kind != "militia" and ti > 0:  # an unlisted name before "clan militia"
                k = ti
                while k > 0 and ti - k < 3 and tokens[k - 1].text[:1].isupper() and tokens[k - 1].lower not in _NOT_GROUP \
                        and tokens[k - 1].text.isalpha():
                    k -= 1
                if k < ti:
                    found.append((k, " ".join(t.text for t in tokens[k:ti]), kind))
            for gi, name, gkind in found:
                # a listed group keeps its own kind ("Fellata communal militias" -> Fellata Ethnic Militia)
                label = (gkind if kind == "militia" or gi in groups_start else kind).capitalize()
                actor_country = self.canonical_country(country)
                suffix = f" ({actor_country})" if actor_country else ""
                actor = Actor(f"{name} {label} Militia{suffix}", "identity_militia", 4, actor_country)
                out.append(_Hit(gi, tj if gi == found[0][0] else gi + len(name.split()), "identity", actor))
        return out

    def _force_hits(self, tokens: list[Token], forces, country_at, country, when) -> list[_Hit]:
        by_end = {tj: (ti, c) for (ti, tj), c in country_at.items()}
        by_start = {ti: (tj, c) for (ti, tj), c in country_at.items()}
        out = []
        for ti, tj, term in forces:
            if ti in by_end:  # "Nigerian troops", "Nigeria's army"
                cti, c = by_end[ti]
                out.append(_Hit(cti, tj, term.kind, self.generic(term.kind, c, when)))
            if tj < len(tokens) and tokens[tj].lower in ("of", "in") and tj + 1 in by_start:
                if tokens[tj].lower == "of" or term.kind == "police":  # "army of Mali", "police in Kenya"
                    ctj, c = by_start[tj + 1]
                    out.append(_Hit(ti, ctj, term.kind, self.generic(term.kind, c, when)))
            if term.bare:
                out.append(_Hit(ti, tj, term.kind, self.generic(term.kind, country, when)))
        return out

    def _in_context(self, tokens: list[Token], ti: int, tj: int) -> bool:
        prev = tokens[ti - 1] if ti > 0 else None
        nxt = tokens[tj] if tj < len(tokens) else None
        for tok in (prev, nxt):  # all-caps neighbours: a shouted headline ("THIS IS WHY")
            if tok and len(tok.text) > 1 and tok.text.isupper() and tok.text.isalpha():
                return False
        return bool((prev and prev.lower in self._ctx_before) or (nxt and nxt.lower in self._ctx_after))

    @staticmethod
    def _pick(entries: Sequence[tuple[Actor, AliasSpec]], when: date | None, country: str | None) -> Actor | None:
        best, best_rank = None, None
        for actor, spec in entries:
            if not _valid(actor, when):
                continue
            if spec.country_bound and (country is None or country != (spec.bound_country or actor.country)):
                continue
            rank = (0 if actor.country == country else 1 if actor.country is None else 2,
                    actor.valid_until is not None, -(actor.valid_from or date.min).toordinal())
            if best_rank is None or rank < best_rank or (rank == best_rank and actor.name != best.name):
                # ties: the later file (a user file) wins; one row's countries: the first listed
                best, best_rank = actor, rank
        return best

    @staticmethod
    def _select(hits: list[_Hit], tokens: list[Token], text: str) -> list[ActorMatch]:
        hits.sort(key=lambda h: (-(h.tj - h.ti), _PRIORITY[h.kind], h.ti))
        taken = [False] * len(tokens)
        chosen = []
        for h in hits:
            if any(taken[h.ti:h.tj]):
                continue
            for k in range(h.ti, h.tj):
                taken[k] = True
            chosen.append(h)
        chosen.sort(key=lambda h: h.ti)
        out = []
        for h in chosen:
            start, end = tokens[h.ti].start, tokens[h.tj - 1].end
            out.append(ActorMatch(start, end, text[start:end], h.actor, h.kind))
        return out


@lru_cache(maxsize=8)
def _load_cached(user_files: tuple[tuple[str, int], ...]) -> ActorTable:
    rows: list[ActorRow] = []
    for name in bundled_actor_files():
        text, origin = bundled_text(name)
        rows.extend(parse_actors(text, origin))
    for path, _mtime in user_files:
        rows.extend(parse_actors(read_user_file(path), path))
    countries = parse_countries(*bundled_text("countries.csv"))
    forces = parse_forces(*bundled_text("forces.csv"))
    terms = parse_terms(*bundled_text("terms.csv"))
    context = parse_context(*bundled_text("context.csv"))
    groups = parse_groups(*bundled_text("groups.csv"))
    militia = parse_militia_terms(*bundled_text("militia_terms.csv"))
    fronts = parse_fronts(*bundled_text("fronts.csv"))
    return ActorTable(rows, countries, forces, terms, context, groups, militia, fronts)
