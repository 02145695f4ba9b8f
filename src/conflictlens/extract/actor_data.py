"""Reading the actor data files (bundled and user files) into typed rows.

Formats (all UTF-8 CSV; lines starting with ``#`` are comments; a
``# version: X`` comment names the file version; the first non-comment line is
the header):

``actors*.csv`` -- ``name,actor_type,inter,country,aliases,valid_from,valid_until``
    ``actor_type`` is one of :data:`ACTOR_TYPES`; ``inter`` may be empty (then
    the ACLED code of the type); ``country`` is empty (any country) or one or
    more English short names separated by ``|`` (one actor per country);
    ``aliases`` are ``|``-separated; dates are ``YYYY-MM-DD`` (or ``YYYY``) or
    empty.  Alias markers: ``=ABC`` matched case-sensitively (all-caps aliases
    of up to 5 characters are case-sensitive anyway); ``~IS`` case-sensitive
    and only with group context ("IS fighters", "by IS"); ``@alias`` only when
    the caller's country is one of the actor's countries ("@government forces");
    ``alias@Country`` only when the caller's country is that one ("SPLA@South Sudan").

``countries.csv`` -- ``country,adjectives,names[,unknown_perpetrator[,iso2[,clash_order]]]``: demonyms/adjectives
    and other names of the country, ``|``-separated ("Nigerian", "Nigeria|Federal Republic
    of Nigeria"); ``unknown_perpetrator`` is ``gang`` where unattributed criminal killings
    are coded "Unidentified Gang (X)".

``groups.csv`` -- ``group,kind,countries``: ethnic groups, clans, tribes whose armed men
    are identity militias (kind ethnic, clan, tribal, communal or indigenous).

``militia_terms.csv`` -- ``term,kind``: words after a group name that make a militia
    ("youths", "clan militia"); kind ``militia`` keeps the group's kind.

``forces.csv`` -- ``term,kind,bare``: nouns for state forces ("troops",
    "air force", "police") of kind military, police or government; ``bare`` is
    ``yes`` when the noun alone means the forces of the country in focus.

``terms.csv`` -- ``term,generic,match_kind``: words that name generic actors
    ("gunmen" -> unidentified_armed_group, "students" -> protesters);
    ``match_kind`` is generic, role or implied (a verb implying the actor).

``context.csv`` -- ``word,position``: words before/after an ambiguous acronym
    (``~`` aliases) that show it names the group.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..models import Actor

ACTOR_TYPES = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external_other": 8,
}
ACTOR_COLUMNS = ["name", "actor_type", "inter", "country", "aliases", "valid_from", "valid_until"]
FORCE_KINDS = {"military", "police", "government"}
GENERIC_KINDS = {
    "civilians", "protesters", "rioters", "unidentified_armed_group", "unidentified_military",
    "military", "police", "government", "gang", "communal_militia", "clan_militia", "ethnic_militia",
    "tribal_militia", "islamist_militia", "private_security", "perpetrator", "rebels",
}
MILITIA_KINDS = {"militia", "ethnic", "clan", "tribal", "communal", "indigenous"}
MATCH_KINDS = {"generic", "role", "implied"}


@dataclass(frozen=True)
class AliasSpec:
    """One alias of an actor as written in the data file, with its markers decoded."""

    text: str
    case_sensitive: bool = False
    needs_context: bool = False
    country_bound: bool = False
    bound_country: str | None = None  # "alias@Somalia": only when the caller's country is Somalia


@dataclass(frozen=True)
class ActorRow:
    actor: Actor
    aliases: tuple[AliasSpec, ...]
    origin: str  # file:line


@dataclass(frozen=True)
class CountryRow:
    country: str
    adjectives: tuple[str, ...]
    names: tuple[str, ...]
    unknown_perpetrator: str = ""  # "gang" or "" (armed group)
    iso2: str = ""  # ISO code where pycountry cannot look the country up by its names
    clash_order: str = ""  # "state_first" / "state_second": ACLED's order of a clash's sides there, "" as told


@dataclass(frozen=True)
class GroupRow:
    group: str
    kind: str  # ethnic | clan | tribal | communal | indigenous
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermRow:
    term: str
    kind: str  # generic kind or force kind
    match_kind: str  # generic | role | implied | military | police | government
    bare: bool = True


_ACRONYM_RE = re.compile(r"^[A-Z0-9][A-Z0-9\-&]{0,4}$")


@dataclass(frozen=True)
class FrontRow:
    """A front line with two known belligerents (fronts.csv): fire exchanged there with no
    side named is coded between them, ``side1`` first."""
    country: str
    regions: tuple[str, ...]  # admin-1 names (any of them written in the report, or the event's admin-1)
    valid_from: date | None
    valid_until: date | None
    side1: str
    side2: str
    cues: tuple[str, ...] = ()  # words of the front's monitors and operations ("OSCE SMM")


FRONT_COLUMNS = ["country", "regions", "from", "until", "side1", "side2", "cues"]


def parse_fronts(text: str, origin: str) -> list[FrontRow]:
    out = []
    for where, r in _rows(text, origin, FRONT_COLUMNS):
        if not (r["country"] and r["regions"] and r["side1"] and r["side2"]):
            raise ConfigError(f"{where}: country, regions, side1 and side2 are required")
        out.append(FrontRow(r["country"], tuple(x.strip() for x in r["regions"].split("|") if x.strip()),
                            _parse_date(r["from"], where, "from"), _parse_date(r["until"], where, "until"),
                            r["side1"], r["side2"], tuple(x.strip() for x in r["cues"].split("|") if x.strip())))
    return out


def parse_alias(raw: str) -> AliasSpec:
    text = raw.strip()
    cs = ctx = bound = False
    bound_country = None
    if "@" in text.lstrip("=~@"):
        text, bound_country = (p.strip() for p in text.rsplit("@", 1))
        bound = True
    while text[:1] in ("=", "~", "@"):
        marker, text = text[0], text[1:].strip()
        cs = cs or marker in "=~"
        ctx = ctx or marker == "~"
        bound = bound or marker == "@"
    if _ACRONYM_RE.match(text) and any(c.isalpha() for c in text):
        cs = True
    return AliasSpec(text, cs, ctx, bound, bound_country or None)


def _parse_date(value: str, where: str, column: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1)
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{where}: bad {column} {value!r} (expected YYYY-MM-DD or YYYY)") from None


def _rows(text: str, origin: str, columns: list[str]) -> list[tuple[str, dict[str, str]]]:
    """Non-comment CSV rows as dicts, each with its ``origin:line``; checks the header."""
    lines = text.splitlines()
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        return []
    header_no, header_line = numbered[0]
    header = [h.strip() for h in next(csv.reader([header_line]))]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ConfigError(f"{origin}:{header_no}: header lacks column(s) {', '.join(missing)}; expected {','.join(columns)}")
    out = []
    for no, line in numbered[1:]:
        where = f"{origin}:{no}"
        try:
            values = next(csv.reader(io.StringIO(line)))
        except csv.Error as exc:
            raise ConfigError(f"{where}: {exc}") from None
        if len(values) > len(header):
            raise ConfigError(f"{where}: {len(values)} fields, the header has {len(header)}")
        values += [""] * (len(header) - len(values))
        out.append((where, {h: v.strip() for h, v in zip(header, values)}))
    return out


def parse_actors(text: str, origin: str) -> list[ActorRow]:
    rows = []
    for where, r in _rows(text, origin, ACTOR_COLUMNS):
        name, actor_type = r["name"], r["actor_type"]
        if not name:
            raise ConfigError(f"{where}: empty actor name")
        if actor_type not in ACTOR_TYPES:
            raise ConfigError(f"{where}: unknown actor_type {actor_type!r} (one of {', '.join(ACTOR_TYPES)})")
        inter = ACTOR_TYPES[actor_type]
        if r["inter"]:
            if not r["inter"].isdigit() or not 1 <= int(r["inter"]) <= 8:
                raise ConfigError(f"{where}: inter must be 1..8, not {r['inter']!r}")
            inter = int(r["inter"])
        valid_from = _parse_date(r["valid_from"], where, "valid_from")
        valid_until = _parse_date(r["valid_until"], where, "valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            raise ConfigError(f"{where}: valid_until before valid_from")
        aliases = tuple(parse_alias(a) for a in r["aliases"].split("|") if a.strip().lstrip("=~@").strip())
        for a in aliases:
            if not a.text:
                raise ConfigError(f"{where}: empty alias in {r['aliases']!r}")
        countries = [c.strip() for c in r["country"].split("|") if c.strip()] or [None]
        for country in countries:
            actor = Actor(name, actor_type, inter, country, tuple(a.text for a in aliases), valid_from, valid_until)
            rows.append(ActorRow(actor, aliases, where))
    return rows


def parse_countries(text: str, origin: str) -> list[CountryRow]:
    out = []
    for where, r in _rows(text, origin, ["country", "adjectives", "names"]):
        if not r["country"]:
            raise ConfigError(f"{where}: empty country")
        split = lambda v: tuple(x.strip() for x in v.split("|") if x.strip())  # noqa: E731
        perpetrator = r.get("unknown_perpetrator", "")
        if perpetrator not in ("", "gang"):
            raise ConfigError(f"{where}: unknown_perpetrator must be gang or empty")
        order = r.get("clash_order", "")
        if order not in ("", "state_first", "state_second"):
            raise ConfigError(f"{where}: clash_order must be state_first, state_second or empty")
        out.append(CountryRow(r["country"], split(r["adjectives"]), split(r["names"]), perpetrator,
                              r.get("iso2", "").upper(), order))
    return out


def parse_groups(text: str, origin: str) -> list[GroupRow]:
    out = []
    for where, r in _rows(text, origin, ["group", "kind", "countries"]):
        if not r["group"] or r["kind"] not in MILITIA_KINDS - {"militia"}:
            raise ConfigError(f"{where}: need a group and a kind ({', '.join(sorted(MILITIA_KINDS - {'militia'}))})")
        out.append(GroupRow(r["group"], r["kind"], tuple(c.strip() for c in r["countries"].split("|") if c.strip())))
    return out


def parse_militia_terms(text: str, origin: str) -> dict[str, str]:
    out = {}
    for where, r in _rows(text, origin, ["term", "kind"]):
        if r["kind"] not in MILITIA_KINDS:
            raise ConfigError(f"{where}: kind must be one of {', '.join(sorted(MILITIA_KINDS))}")
        out[r["term"]] = r["kind"]
    return out


def parse_forces(text: str, origin: str) -> list[TermRow]:
    out = []
    for where, r in _rows(text, origin, ["term", "kind", "bare"]):
        if r["kind"] not in FORCE_KINDS:
            raise ConfigError(f"{where}: force kind must be one of {', '.join(sorted(FORCE_KINDS))}")
        out.append(TermRow(r["term"], r["kind"], r["kind"], r["bare"].lower() in ("yes", "y", "true", "1")))
    return out


def parse_terms(text: str, origin: str) -> list[TermRow]:
    out = []
    for where, r in _rows(text, origin, ["term", "generic", "match_kind"]):
        if r["generic"] not in GENERIC_KINDS:
            raise ConfigError(f"{where}: unknown generic kind {r['generic']!r}")
        if r["match_kind"] not in MATCH_KINDS:
            raise ConfigError(f"{where}: match_kind must be one of {', '.join(sorted(MATCH_KINDS))}")
        out.append(TermRow(r["term"], r["generic"], r["match_kind"]))
    return out


def parse_context(text: str, origin: str) -> tuple[frozenset[str], frozenset[str]]:
    before, after = set(), set()
    for where, r in _rows(text, origin, ["word", "position"]):
        if r["position"] not in ("before", "after"):
            raise ConfigError(f"{where}: position must be before or after")
        (before if r["position"] == "before" else after).add(r["word"].lower())
    return frozenset(before), frozenset(after)


def bundled_text(name: str) -> tuple[str, str]:
    """The text of a bundled file under ``data/actors`` and its origin label."""
    res = resources.files("conflictlens") / "data" / "actors" / name
    return res.read_text(encoding="utf-8"), f"data/actors/{name}"


def bundled_actor_files() -> list[str]:
    base = resources.files("conflictlens") / "data" / "actors"
    return sorted(p.name for p in base.iterdir() if p.name.startswith("actors") and p.name.endswith(".csv"))


def read_user_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"actor file {path}: not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"actor file {path}: cannot read ({exc})") from None
