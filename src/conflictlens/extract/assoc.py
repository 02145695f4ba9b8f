"""Stage: associated actors -- who the protesters, rioters or civilians of an event were.

ACLED fills ``assoc_actor_1``/``assoc_actor_2`` with the groups a side belongs to
("Protesters (Pakistan)" with "Journalists (Pakistan)").  The groups and their words
live in ``data/actors/assoc_groups.csv``; this stage only matches them in the words
the report uses for that side.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ConfigError
from .actor_data import bundled_text

MAX_GROUPS = 2  # ACLED lists at most a few; the first two named are kept


@dataclass(frozen=True)
class AssocGroup:
    label: str  # "Journalists ({c})"
    pattern: re.Pattern


def parse_assoc_groups(text: str, origin: str) -> tuple[AssocGroup, ...]:
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not rows or [h.strip() for h in rows[0].split(",")] != ["label", "words"]:
        raise ConfigError(f"{origin}: header must be 'label,words'")
    out = []
    for n, line in enumerate(rows[1:], start=2):
        label, sep, words = line.partition(",")
        if not sep or "{c}" not in label or not words.strip():
            raise ConfigError(f"{origin}: row {n}: expected 'Label ({{c}}),word|word'")
        alts = sorted((re.escape(w.strip()) for w in words.split("|") if w.strip()), key=len, reverse=True)
        out.append(AssocGroup(label.strip(), re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.I)))
    return tuple(out)


@lru_cache(maxsize=1)
def bundled_assoc_groups() -> tuple[AssocGroup, ...]:
    return parse_assoc_groups(*bundled_text("assoc_groups.csv"))


def associated_groups(words: str, country: str | None, groups: tuple[AssocGroup, ...] | None = None) -> str:
    """The groups named in ``words`` (the report's words for one side), ACLED style,
    ``; ``-separated, in the order the text names them; "" when none."""
    spans = []
    for g in groups if groups is not None else bundled_assoc_groups():
        label = g.label.replace("{c}", country).strip() if country else g.label.replace(" ({c})", "")
        spans += [(m.start(), m.end(), label) for m in g.pattern.finditer(words)]
    taken: list[tuple[int, int, str]] = []
    for a, b, label in sorted(spans, key=lambda t: (t[0] - t[1], t[0])):  # longest first: "media workers"
        if not any(a < y and x < b for x, y, _ in taken):
            taken.append((a, b, label))
    found = []
    for a, _b, label in sorted(taken):
        if label not in (f[1] for f in found):
            found.append((a, label))
    return "; ".join(label for _, label in sorted(found)[:MAX_GROUPS])


def side_words(sentence: str, trigger_start: int, trigger_end: int, acted_upon: bool) -> str:
    """The words of a sentence that describe one side: the subject before the trigger for the
    side that acted (protesters, rioters), the object after it -- or a passive subject
    ("a journalist was shot") -- for the side acted upon (``trigger_*`` offsets in ``sentence``)."""
    before = sentence[:trigger_start]
    clause = before[max(before.rfind(";"), before.rfind(" - "), 0):]
    if not acted_upon:
        return clause[-120:]
    after = re.split(r"[;.]|\b(?:after|because|while|when|as|but)\b", sentence[trigger_end:trigger_end + 120])[0]
    passive = re.search(r"\b(?:was|were|been|being)\s+(?:\w+ly\s+)?$", clause)
    return (clause[-90:] + " " + after) if passive else after
