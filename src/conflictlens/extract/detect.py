"""Stage: event detection -- which sentences report an incident, and with which trigger words.

A trigger (``data/coding/triggers.toml``) marks a candidate; it is dropped when the words
before it in its clause negate or hedge it (denials, threats, plans, warnings ...) or when
the sentence is a statistic or general statement (``data/coding/cues.toml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .coding import CodingRules

_CLAUSE_START = re.compile(r"[,;:\u2014\u2013(\"\u201c]|\b(?:but|while|whereas|although|after|before|as)\b")
_QUOTE_OPEN = re.compile(r"[\"\u201c]")
_RELATIVE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\b(?:where|which|who|that|when|while|after|before|since)\b")
_RELATIVE = re.compile(r"\b(?:which|who|whose|where)\b", re.I)
_QUOTE_CLOSE = re.compile(r"[\"\u201d]")
# a future tense anywhere earlier in the sentence: the trigger is what will (or is due to) happen
# where a statistic's clause ends: "700 have died in recent months, but attacks this week killed 250"
_CLAUSE_SPLIT = re.compile(r",\s+(?:but|yet)\b|;|\s(?:while|whereas|although|though)\s", re.I)
_QUESTION = re.compile(r"\?[\s\"\u201d\u2019')\]]*$")
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are) (?:due|set|expected|scheduled|poised) to|(?:is|are) going to)\b", re.I)
# an arrest asked for or authorised, not made: "issued an arrest warrant", "ordered the arrest of the organisers"
_ARREST_WORD = re.compile(r"(?:arrest|detention|detain|prosecution|extradition)", re.I)
_LEGAL_ARREST = re.compile(r"arrest\s+(?:warrants?|orders?)\b", re.I)
_ASKED_FOR = re.compile(r"\b(?:order(?:ed|s|ing)?|demand(?:ed|s|ing)?|seek(?:s|ing)?|sought|request(?:ed|s|ing)?|want(?:ed|s)?|urg(?:e|ed|es|ing)|"
                        r"call(?:ed|s|ing)? for)\s+(?:the\s+)?(?:immediate\s+|swift\s+)?$", re.I)
# hedges as the predicate of the trigger's noun phrase: "an attack on the base is likely", "a strike remains
# possible", "an assault is expected soon" (not "the attack is likely related to ...": that hedges a link)
_HEDGED_PREDICATE = re.compile(r"[\w-]+(?:\s+(?!(?:is|are|was|were|seems?|looks?|remains?|and|or|but|as|while|after|before|when|"
                               r"which|that|who|then)\b)[\w'-]+){0,6}\s+(?:is|are|was|were|seems?|"
                               r"seemed|looks?|looked|remains?|remained)\s+(?:still\s+|now\s+|very\s+|highly\s+|quite\s+)?"
                               r"(?:possible|likely|unlikely|imminent|feared|expected|planned|probable|a (?:possibility|risk|threat))"
                               r"(?=\s*(?:[,.;:)\u2014]|$)|\s+(?:to\s+(?:happen|occur|take place|come|follow|resume|continue|start|begin)|"
                               r"soon|next|in the coming|within|at any|again|if|unless|before long)\b)", re.I)


@dataclass(frozen=True)
class TriggerHit:
    start: int  # offsets in the article text
    end: int
    text: str
    event_type: str
    sub_event_type: str
    priority: int


def _clause_before(text: str, start: int) -> str:
    before = text[max(0, start - 90):start]
    cut = 0
    for m in _CLAUSE_START.finditer(before):
        cut = m.end()
    return before[cut:]


def _quoted_before(sentence: str, at: int, start: int) -> bool:
    """Whether the words at ``at`` are inside a quotation that closes before ``start``."""
    before = sentence[:at]
    inside = before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1
    return inside and bool(_QUOTE_CLOSE.search(sentence, at, start))


def blocked(sentence: str, start: int, rules: CodingRules) -> str:
    """Why the trigger at ``start`` (offset in ``sentence``) reports no event, or ""."""
    clause = _clause_before(sentence, start)
    # the cue must start in the last words of the clause; searching from there (not in a cut copy) lets a
    # cue see the word before it ("were used to stash" is no habit) and keeps a cut word from matching
    if rules.negation.search(clause, max(0, len(clause) - 45)):
        return "negated"
    if rules.modality.search(clause, max(0, len(clause) - 60)):
        return "hedged"
    if rules.background is not None:
        for m in rules.background.finditer(sentence):
            if m.start() < start:
                # "X, which closed a few years ago, held a protest": a relative clause's time is its own
                opening = sentence[:m.start()]
                clause = opening[max((opening.rfind(c) for c in ",;(\u2014"), default=-1) + 1:]
                if not (_RELATIVE.search(clause) and re.search(r"[,;)\u2014]", sentence[m.end():start])):
                    return "background"
            elif not _RELATIVE_BREAK.search(sentence, start, m.start()):
                return "background"
    future = list(_FUTURE.finditer(sentence, 0, start))
    if future and not _quoted_before(sentence, future[-1].start(), start):
        return "future"
    after = sentence[start:start + 40]
    if re.match(r"[\w-]+\s+(?:could|may|might|will|would|is expected to|was expected to|threatens to)\b", after, re.I):
        return "hedged"
    if re.match(r"\w+\s+(?:was|were)\s+(?:averted|foiled|thwarted|prevented)", after):
        return "negated"
    if _LEGAL_ARREST.match(sentence, start) or (_ARREST_WORD.match(sentence, start) and _ASKED_FOR.search(clause)):
        return "hedged"  # "an arrest warrant for", "ordered the arrest of": an arrest asked for, not made
    if _HEDGED_PREDICATE.match(sentence, start):
        return "hedged"  # "a drone strike on the dam is possible": the trigger's own predicate is a hedge
    return ""


_ANY_CACHE: dict[str, tuple[re.Pattern, bool]] = {}


def has_trigger(sentence: str, rules: CodingRules) -> bool:
    """Whether any trigger word occurs in ``sentence`` (memoised: each sentence is asked by
    several stages, and the one pattern of all triggers is the costly test)."""
    # keyed by the sentence, checked against the pattern object itself (an id could be reused by a
    # later rule set; hashing the pattern, ~100 kB of text, on every call costs more than the search)
    got = _ANY_CACHE.get(sentence)
    if got is not None and got[0] is rules.trigger_any:
        return got[1]
    if len(_ANY_CACHE) > 50000:
        _ANY_CACHE.clear()
    hit = rules.trigger_any.search(sentence) is not None
    _ANY_CACHE[sentence] = (rules.trigger_any, hit)
    return hit


_DETECT_CACHE: dict = {}


def detect(sentence: str, offset: int, rules: CodingRules) -> list[TriggerHit]:
    """The unblocked triggers of one sentence (``offset``: where it starts in the article).
    Memoised per sentence and rule set: several stages ask about the same sentence."""
    if not has_trigger(sentence, rules):
        return []
    got = _DETECT_CACHE.get(sentence)
    if got is None or got[0] is not rules:
        if len(_DETECT_CACHE) > 20000:
            _DETECT_CACHE.clear()
        got = _DETECT_CACHE[sentence] = (rules, tuple(_detect(sentence, rules)))
    if not offset:
        return list(got[1])
    return [TriggerHit(h.start + offset, h.end + offset, h.text, h.event_type, h.sub_event_type, h.priority)
            for h in got[1]]


def _detect(sentence: str, rules: CodingRules) -> list[TriggerHit]:
    """detect() for a sentence at offset 0."""
    offset = 0
    if _QUESTION.search(sentence):
        return []  # "What is a greater terrorism than killing civilians?": a question reports nothing
    statistic = _statistic_clauses(sentence, rules)
    if statistic and statistic[0] == (0, len(sentence)):
        return []
    hits: list[TriggerHit] = []
    for t in rules.triggers:
        if t.requires is not None and not t.requires.search(sentence):
            continue  # "reached an agreement" in a court case, "withdrew from" a treaty: not this kind
        for m in t.pattern.finditer(sentence):
            hits.append(TriggerHit(offset + m.start(), offset + m.end(), m.group(0), t.event_type, t.sub_event_type,
                                   t.priority))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), -h.priority))
    kept: list[TriggerHit] = []
    for h in hits:
        if any(h.start < k.end and k.start < h.end for k in kept):
            # overlapping: keep the higher priority one of the same words
            clash = [k for k in kept if h.start < k.end and k.start < h.end]
            if all(h.priority > k.priority and h.end - h.start >= k.end - k.start for k in clash):
                kept = [k for k in kept if k not in clash]
            else:
                continue
        kept.append(h)
    for pattern, kinds in rules.kind_blockers:  # "arrested on fraud charges", "the blaze destroyed the school"
        if any(h.sub_event_type in kinds for h in kept) and pattern.search(sentence):
            kept = [h for h in kept if h.sub_event_type not in kinds]
    return [h for h in kept if not blocked(sentence, h.start - offset, rules)
            and not any(a <= h.start - offset < b for a, b in statistic)
            and not _describes(sentence, h.start - offset, h.end - offset)]


# a participle describing plural things after a determiner is a state, not an event:
# "many displaced families", "their destroyed homes", "the besieged areas"
_DETERMINER_BEFORE = re.compile(r"\b(?:the|many|some|several|other|these|those|its|their|his|her|our|thousands of|hundreds of)\s+$", re.I)
_PLURAL_AFTER = re.compile(r"\s+(?:[a-z]{2,}s|people|children|men|women)\b")


def _describes(sentence: str, start: int, end: int) -> bool:
    word = re.match(r"[a-z]+(?:ed|en)\b", sentence[start:end])
    if not word:
        return False
    return bool(_DETERMINER_BEFORE.search(sentence, max(0, start - 14), start)) and bool(
        _PLURAL_AFTER.match(sentence, start + word.end()))


def _statistic_clauses(sentence: str, rules: CodingRules) -> list[tuple[int, int]]:
    """The clauses (start, end in ``sentence``) a statistics or general-statement cue governs:
    the cue blocks its own clause, not a contrasting one ("..., but attacks this week killed 250")."""
    if not rules.statistics.search(sentence):
        return []
    cuts = [0] + [m.start() for m in _CLAUSE_SPLIT.finditer(sentence)] + [len(sentence)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if rules.statistics.search(sentence, a, b)]
