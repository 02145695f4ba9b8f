"""Fatality and injury counts with ACLED's rules.

The most conservative figure wins ("at least 3" over "up to 5"); victims named later are
the same deaths; vague words take the GUIDE's numbers (``data/coding/numbers.toml``);
ACLED-style count notes ("2 fatalities.", "Unknown number of fatalities coded as 10",
"20 fatalities split between 3 events") are read as the count of this event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .coding import CodingRules

KILL = r"(?:killed|killing|kills|dead|died|dies|deaths?|fatalit(?:y|ies)|murdered|executed|beheaded|slain|perished|lost (?:their|his|her) li(?:ves|fe)|(?:found|shot|stabbed|beaten|hacked|burned|burnt|gunned) (?:dead|to death|down)|lifeless|bodies|body|massacred|assassinated)"
HURT = r"(?:injur(?:ed|ing|ies|y)|wounded|wounding|hurt|hospitali[sz]ed|casualties)"
_UNIT = re.compile(r"\b(?:hours?|days?|weeks?|months?|years?|km|kilomet(?:er|re)s?|miles?|mm|metres?|meters?|kg|times|percent|per|rounds|shells|mortars|rockets|missiles|houses|homes|vehicles?|cars?)\b", re.I)
_NEG = re.compile(r"\b(?:no|without|zero|nobody|none)\b[^.;]{0,30}$", re.I)
_NEG_AFTER = re.compile(r"^\s*(?:were|was)?\s*(?:not )?reported\b", re.I)
_ACLED_COUNT = re.compile(
    r"(?P<n>\b\d+|\b[a-z]+)\s+(?:reported\s+)?fatalit(?:y|ies)(?:\s+(?:coded|split|spread|divided)\s+(?:up\s+)?(?:between|across|among)\s+(?P<k>\d+|[a-z]+)\s+(?:events|locations|incidents))?", re.I)
_CODED_AS = re.compile(r"fatalities\s+(?:were\s+)?coded\s+as\s+(?P<n>\d+)(?:[^.]{0,40}?(?:between|across|among)\s+(?P<k>\d+|[a-z]+)\s+(?:events|locations))?", re.I)
_NO_FATAL = re.compile(r"\bno (?:reported )?(?:fatalities|casualties|deaths|one was killed|injuries)\b|\bwithout (?:any )?(?:casualties|fatalities)\b", re.I)


_EARLIER_DEATH = re.compile(r"\b(?:demand(?:ed|ing|s)?|in relation to|accus(?:ed|ing)|protest(?:ed|ing|s)? (?:against|over)|"
                            r"in (?:retaliation|revenge) for|to avenge|commemorat\w*|in memory of|report(?:ed|ing)? the)\b[^.;]*$", re.I)
_CAUSED_BY_DEATH = re.compile(r"\b(?:over|against|about|condemn\w*|avenge|revenge)\s+(?:the\s+)?$", re.I)
_MONTH_AFTER = re.compile(r"\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I)
_MONTH_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?$|\b(?:in|since|of|until)\s+$", re.I)


def _not_a_count(text: str, m: re.Match) -> bool:
    """A date ("On 5 May 2020", "in 1977") or part of a name ("COVID-19") is no count of people."""
    num = m.group("num")
    if num.isdigit() and int(num) <= 31 and _MONTH_AFTER.match(text, m.end("num")):
        return True  # "On 5 May"
    if m.start("num") > 0 and (text[m.start("num") - 1] == "-" or text[m.start("num") - 1].isalpha()):
        return True
    return num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2100 and bool(
        _MONTH_BEFORE.search(text, max(0, m.start("num") - 16), m.start("num")))
# one person killed without a number: "the leader of X was shot dead", "opened fire on a civilian, killing him"
_ONE_KILLED = re.compile(r"\b(?:was|has been|had been)\s+(?:reportedly\s+)?(?:shot dead|shot and killed|killed|assassinated|"
                         r"executed|murdered|beheaded|stabbed to death|shot to death|gunned down|found dead|beaten to death)\b"
                         r"|\b(?:killing|killed) (?:him|her)\b", re.I)
_NOBODY = re.compile(r"\b(?:no one|nobody|none|no)\b[^.;]{0,20}$", re.I)


@dataclass(frozen=True)
class Count:
    value: int
    start: int  # span of the words that gave it, offsets in the text passed in
    end: int
    note: str
    whole: bool = False  # counts everyone ("16 people"), not one group of them ("four Americans")


# the nouns of an all-inclusive count: a smaller count of a named group is part of it, not a rival figure
_WHOLE = re.compile(r"\s+(?:\w+\s+)?(?:people|persons|individuals|in total|altogether)\b", re.I)
_RX_CACHE: dict[int, tuple[CodingRules, re.Pattern]] = {}


def _number_rx(rules: CodingRules) -> re.Pattern:
    hit = _RX_CACHE.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    rx = _build_number_rx(rules)
    _RX_CACHE[id(rules)] = (rules, rx)
    return rx


def _build_number_rx(rules: CodingRules) -> re.Pattern:
    vague = sorted(rules.vague_numbers, key=len, reverse=True)
    words = sorted(rules.number_words, key=len, reverse=True)
    return re.compile(
        r"\b(?:(?P<q>at least|more than|over|about|around|nearly|almost|up to|some|approximately|an estimated|a total of)\s+)?"
        r"\b(?P<num>\d[\d,]*|(?:" + "|".join(re.escape(v) for v in vague) + r")|(?:" + "|".join(re.escape(w) for w in words)
        + r")(?:[- ](?:" + "|".join(re.escape(w) for w in words) + r"))?)\b", re.I)


def _value(num: str, rules: CodingRules) -> int | None:
    s = num.lower().replace(",", "").strip()
    if s.isdigit():
        return int(s)
    if s in rules.vague_numbers:
        return rules.vague_numbers[s]
    parts = re.split(r"[- ]", s)
    if all(p in rules.number_words for p in parts):
        vals = [rules.number_words[p] for p in parts]
        return vals[0] * vals[1] if len(vals) == 2 and vals[1] in (12, 100) else sum(vals)
    return None


def acled_note_count(text: str, rules: CodingRules) -> Count | None:
    """ACLED's own count sentence, when the text has one."""
    for m in _CODED_AS.finditer(text):
        n = int(m.group("n"))
        k = _value(m.group("k"), rules) if m.group("k") else 1
        return Count(round(n / max(1, k or 1) + 1e-9), m.start(), m.end(), m.group(0))
    for m in _ACLED_COUNT.finditer(text):
        n = _value(m.group("n"), rules)
        if n is None:
            if m.group("n").lower() in ("no", "zero"):
                return Count(0, m.start(), m.end(), m.group(0))
            continue
        k = _value(m.group("k"), rules) if m.group("k") else 1
        return Count(int(n / max(1, k or 1) + 0.5), m.start(), m.end(), m.group(0))
    return None


def find_counts(text: str, rules: CodingRules, kind: str) -> list[Count]:
    """Counts of killed (``kind="fatalities"``) or injured people stated in ``text``."""
    key = re.compile(r"\b" + (KILL if kind == "fatalities" else HURT) + r"\b", re.I)
    numbers = [m for m in _number_rx(rules).finditer(text) if m.group("num").strip() and not _not_a_count(text, m)]
    found: list[Count] = []
    for k in key.finditer(text):
        if _EARLIER_DEATH.search(text[max(0, k.start() - 70):k.start()]) or _CAUSED_BY_DEATH.search(text[max(0, k.start() - 40):k.start()]):
            continue  # "protested ... demanding an inquiry into the killing": a death before this event
        if _NEG.search(text[max(0, k.start() - 40):k.start()]) or (kind == "fatalities" and _NEG_AFTER.match(text[k.end():k.end() + 20]) and re.search(r"\bno\b", text[max(0, k.start() - 20):k.start()], re.I)):
            continue
        best = None
        for m in numbers:
            if m.end() <= k.start():
                gap = text[m.end():k.start()]
                if len(gap) > 60 or re.search(r"[;.]|\band\b.*\b(?:killed|injured|wounded)\b", gap) or _UNIT.match(gap.strip()):
                    continue
                words = len(gap.split())
                if words > 6:
                    continue
                if re.search(r"\b(?:is|are|was|were|has been|have been)\s+$", gap) and re.match(r"kill(?:ing|s)\b", k.group(0), re.I):
                    continue  # "one of their members is killing civilians": the killer, not the dead
                cand = (words, m)
            elif m.start() >= k.end():
                gap = text[k.end():m.start()]
                if len(gap) > 30 or re.search(r"[;.,]|\b(?:by|and|another|while)\b", gap) or len(gap.split()) > 2:
                    continue  # "shot dead by four armed men": the attackers; "killed and another three injured"
                after = text[m.end():m.end() + 25]
                if _UNIT.match(after.strip()):
                    continue
                cand = (len(gap.split()) + 0.5, m)
            else:
                continue
            if best is None or cand[0] < best[0]:
                best = cand
        if best is None:
            continue
        m = best[1]
        num = m.group("num").strip().lower()
        if num in ("a", "an", "one", "single"):
            nxt = text[m.end():m.end() + 40]
            if num in ("a", "an") and not re.match(r"\s+(?:[\w-]+\s+){0,3}?\w+", nxt):
                continue
        v = _value(num, rules)
        if v is None or v > 100000:
            continue
        if num in ("a", "an") and re.match(r"\s+(?:number|total|few|couple|dozen|handful)\b", text[m.end():m.end() + 12], re.I):
            continue
        start, end = min(m.start(), k.start()), max(m.end(), k.end())
        whole = bool(_WHOLE.match(text, m.end(), min(len(text), m.end() + 25)))
        found.append(Count(v, start, end, (m.group("q") + " " if m.group("q") else "") + num, whole))
    return found


_OTHER_SOURCE = re.compile(r",?\s+(?:while|whereas)\s+|;\s+", re.I)


def sentence_count(counts: list[Count], text: str) -> Count:
    """The figure one sentence gives: the largest (a total beside its parts, "killed 5, including
    2 children"), unless the counts are rival whole tolls in clauses of their own ("61 people were
    killed on Tuesday, while the monitor said 194 people had died"): then the smallest."""
    whole = [c for c in counts if c.whole]
    if len(whole) > 1:
        ordered = sorted(whole, key=lambda c: c.start)
        if any(_OTHER_SOURCE.search(text, a.end, b.start) for a, b in zip(ordered, ordered[1:])):
            return min(whole, key=lambda c: c.value)
    return max(counts, key=lambda c: c.value)


def conservative(counts: list[Count]) -> Count | None:
    """The most conservative figure: the smallest stated count (GUIDE.md) -- of the whole toll when
    one is given ("16 people were killed" over "four Americans" and "two soldiers", who are among them)."""
    if not counts:
        return None
    whole = [c for c in counts if c.whole]
    if whole and all(c.value <= min(w.value for w in whole) for c in counts if not c.whole):
        return min(whole, key=lambda c: c.value)
    return min(counts, key=lambda c: c.value)


def explicitly_none(text: str) -> bool:
    return bool(_NO_FATAL.search(text))


# A named person reported dead: one fatality when the text gives no number ("the assassination
# of Col. Ali Hasan", "Hasan was killed").  Two name words (or a title and a name) after "of";
# a name right before a passive killing verb.
_NAME_WORD = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|abu|abd|bin|ibn)[- ])?[A-Z][a-z][\w'\u2019-]*"
_TITLE = r"(?:(?:Col|Gen|Lt|Maj|Capt|Sgt|Dr|Sheikh|Brig|Cmdr)\.?\s+)"
_NOT_PERSON = re.compile(r"\b(?:State|Forces?|Army|Front|Brigades?|Battalion|Division|Legion|Council|Party|Movement|Government|Ministry|Police|Syria|Iraq|Turkey)\b|^(?:It|This|That|They|There|Which|Who|What|Nobody|No)$")
_NAMED_DEATH = re.compile(
    r"\b(?:assassination|killing|murder|execution|beheading|death)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    rf"(?P<a>{_TITLE}?{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}|{_TITLE}{_NAME_WORD})"
    rf"|(?:^|[.,;:\u201c\"]\s*|\bthat\s+)(?P<b>{_TITLE}?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})\s+(?:was|had been|has been)\s+"
    r"(?:shot dead|shot and killed|killed|assassinated|executed|murdered|beheaded|stabbed to death)\b")


# "protested over the killing of X": an earlier death that caused this event, not a death in it
_CAUSE_BEFORE = re.compile(r"\b(?:over|against|about|protest\w*|condemn\w*|mourn\w*|for|after|following|avenge|revenge)\s+(?:the\s+)?$", re.I)


def named_victim(text: str) -> Count | None:
    """One death when ``text`` names a person as killed ("the assassination of X", "X was killed"),
    or reports one person killed in the singular ("the leader of X was shot dead", "killing him")."""
    for m in _NAMED_DEATH.finditer(text):
        name = m.group("a") or m.group("b")
        if _NOT_PERSON.search(name) or _CAUSE_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
            continue
        return Count(1, m.start(), m.end(), f"named victim: {name}")
    for m in _ONE_KILLED.finditer(text):
        before = text[max(0, m.start() - 70):m.start()]
        if _NOBODY.search(before) or _CAUSE_BEFORE.search(before[-40:]) or _EARLIER_DEATH.search(before):
            continue
        return Count(1, m.start(), m.end(), f"one person killed: {m.group(0)}")
    return None
