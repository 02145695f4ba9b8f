"""Fatality and injury counts with ACLED's rules.

The most conservative figure wins ("at least 3" over "up to 5"); victims named later are
the same deaths; vague words take the GUIDE's numbers (``data/coding/numbers.toml``);
ACLED-style count notes ("2 fatalities.", "Unknown number of fatalities coded as 10",
"20 fatalities split between 3 events") are read as the count of this event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .coding import CodingRules

KILL = r"(?:killed|killing|kills|dead|died|dies|deaths?|suffocated|asphyxiated|burned alive|burnt alive|fatalit(?:y|ies)|murdered|executed|beheaded|slain|perished|lost (?:their|his|her) li(?:ves|fe)|(?:found|shot|stabbed|beaten|hacked|burned|burnt|gunned) (?:dead|to death|down)|lifeless|bodies|body|massacred|assassinated|martyred|martyrdom|fatally (?:shot|stabbed|wounded|injured|hit|assaulted|beaten|attacked)|(?:tortured|hacked|clubbed|stoned|strangled|burned|burnt|beaten|stabbed|shot) to death)"
HURT = r"(?:injur(?:ed|ing|ies|y)|wounded|wounding|hurt|hospitali[sz]ed|casualties)"
_UNIT = re.compile(r"\b(?:hours?|days?|weeks?|months?|years?|km|kilomet(?:er|re)s?|miles?|mm|metres?|meters?|kg|times|percent|per|rounds|shells|mortars|rockets|missiles|houses|homes|vehicles?|cars?|trucks?|buses|tanks?|boats?|drones?|aircraft|planes?|helicopters?|"
                   r"attacks|strikes|airstrikes|air strikes|raids|explosions|blasts|bombs|IEDs|incidents|separate|consecutive|occasions|"
                   r"villages|towns|cities|districts|provinces|regions|buildings|shops|schools|hospitals|checkpoints|posts|positions|bases|am|pm|a\.m\.|p\.m\.)\b", re.I)
# ("no fewer than 12 people were killed" is a lower bound, no negation)
_NEG = re.compile(r"\b(?:no|without|zero|nobody|none)\b(?!\s+(?:fewer|less|more)\s+than\b)[^.;]{0,30}$", re.I)
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


_AGE_AFTER = re.compile(r"(?:-|\s)(?:years?|yrs?|months?|weeks?|days?)(?:-|\s)old\b|\s+years?\s+of\s+age\b|-year\b", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages|ages of|age of)\s+$", re.I)
_TIME_AFTER = re.compile(r"\s*(?:a\.?m\b\.?|p\.?m\b\.?|o'clock\b|hrs\b|h\b|gmt\b|utc\b|local time\b|[:.]\d)", re.I)
_DATE_BEFORE = re.compile(r"(?-i:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?\s+$")
# a label, not a count: "Route 5", "the 5th Brigade", "Resolution 2254", "No. 3"
_LABEL_BEFORE = re.compile(r"(?-i:\b(?:Route|Highway|Road|Street|No|Number|Nos|Brigade|Battalion|Division|Regiment|Unit|Camp|"
                           r"Block|Sector|District|Zone|Phase|Article|Resolution|Kilometer|Km|KM|Gate|Building|Ward|Precinct|"
                           r"Station|Flight|Line|Section|Chapter|Level|Grade|Class|Group|Team|Room|Apartment|Cell|Hall)\.?)\s+$")


def _not_a_count(text: str, m: re.Match, rules: CodingRules | None = None) -> bool:
    """A date ("On 5 May 2020", "in 1977", "May 5"), an age ("a 25-year-old man", "Ali, 25,"), a time
    ("at 3 am", "3:30"), a label ("Route 5") or part of a name ("COVID-19") is no count of people."""
    num = m.group("num")
    s, e = m.start("num"), m.end("num")
    if num.isdigit() and int(num) <= 31 and _MONTH_AFTER.match(text, e):
        return True  # "On 5 May"
    if s > 0 and (text[s - 1] == "-" or text[s - 1].isalpha()):
        return True
    if s > 0 and text[s - 1] in "/:." and s > 1 and text[s - 2].isdigit() or text[e:e + 1] == "/":
        return True  # "5/5/2020", "3:30", "2.5"
    before = text[max(0, s - 16):s]
    if re.match(r"-[a-z]", text[e:e + 2], re.I) and not _AGE_AFTER.match(text, e):
        return True  # "a 10-minute firefight", "a two-day siege", "a 5-member cell": a measure, not the dead
    if re.search(r"\b(?:no|not)\s+$", before, re.I):
        return True  # "killed no one", "not a single soldier": nobody
    if _AGE_AFTER.match(text, e) or _AGE_BEFORE.search(before):
        return True
    if num.isdigit():
        if _TIME_AFTER.match(text, e) or _DATE_BEFORE.search(before) or _LABEL_BEFORE.search(before):
            return True
        if int(num) <= 120 and re.match(r"\s*[,)]", text[e:e + 2]) and re.search(
                r"(?:[A-Z][\w'\u2019-]+|\b(?:man|woman|boy|girl|son|daughter|wife|husband|brother|sister))\s*[,(]\s*$", before):
            return True  # "Ahmed Ali, 25, was shot": an age
        if len(num) == 4 and 1900 <= int(num) <= 2100 and not (rules is not None and re.match(
                r"\s+(?:[\w-]+\s+)?([\w'-]+)", text[e:e + 40]) and _victim_next(text, e, rules)):
            return True  # a year ("the 2014 massacre") unless people follow ("2000 people")
    return num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2100 and bool(
        _MONTH_BEFORE.search(text, max(0, s - 16), s))


def _victim_next(text: str, pos: int, rules: CodingRules) -> bool:
    words = re.findall(r"[\w'-]+", text[pos:pos + 40])[:2]
    return any(rules.armed_victim.fullmatch(w) or rules.civilian_victim.fullmatch(w) for w in words)


# one person killed without a number: "the leader of X was shot dead", "opened fire on a civilian, killing him"
_ONE_KILLED = re.compile(r"\b(?:was|has been|had been)\s+(?:reportedly\s+)?(?:shot dead|shot and killed|killed|assassinated|"
                         r"executed|murdered|beheaded|gunned down|found dead|martyred|slain|"
                         r"fatally (?:shot|stabbed|wounded|injured|hit|beaten|attacked)|"
                         r"(?:tortured|hacked|clubbed|stoned|strangled|burned|burnt|beaten|stabbed|shot) to death)\b"
                         # "was shot in the chest and died", "was wounded and later died"
                         r"|\b(?:was|had been)\s+(?:shot|stabbed|hit|struck|wounded|injured|beaten)\b[^.;,]{0,40}?\s+and\s+"
                         r"(?:later\s+|subsequently\s+|then\s+)?(?:died|succumbed)\b"
                         # one person named in the singular later dying: "the soldier later died" (not "the soldiers")
                         r"|\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?[\w-]*[^s\W]\s+(?:later|subsequently)\s+(?:died|succumbed)\b"
                         r"|\b(?:he|she)\s+(?:later\s+|subsequently\s+)?(?:died|succumbed)\b|\bdied (?:of|from) (?:his|her) (?:wounds|injuries)\b"
                         r"|\b(?:killing|killed|leaving) (?:him|her)(?: dead)?\b|\bleaving (?:the|a|an) (?:\w+ ){0,2}?\w+ dead\b"
                         # one person in the singular as the object: "killing its driver", "killed the village's imam"
                         r"|\b(?:killing|killed|shot dead|gunned down)\s+(?:its|his|her|their|the)\s+(?:[\w'\u2019-]+\s+){0,2}?"
                         r"(?:driver|owner|passenger|guard|officer|soldier|policeman|commander|leader|chief|headman|imam|"
                         r"mayor|governor|son|daughter|wife|husband|brother|sister|father|mother|child|boy|girl|man|woman|"
                         r"teacher|doctor|journalist|shepherd|farmer|pilot|occupant|bodyguard)\b(?!\s*(?:'s|\u2019s))", re.I)
_NOBODY = re.compile(r"\b(?:no one|nobody|none|no)\b[^.;]{0,20}$", re.I)


@dataclass(frozen=True)
class Count:
    value: int
    start: int  # span of the words that gave it, offsets in the text passed in
    end: int
    note: str
    whole: bool = False  # counts everyone ("16 people"), not one group of them ("four Americans")
    also: bool = False  # more dead beside the others reported ("4 militants were also killed"), not a rival figure


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
        r"\b(?:(?P<q>at least|no (?:fewer|less) than|not (?:fewer|less) than|as many as|more than|over|about|around|nearly|almost|up to|some|approximately|an estimated|a total of)\s+)?"
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
        if len(vals) == 2 and vals[1] in (12, 100):
            return vals[0] * vals[1]  # "two dozen", "a hundred"
        if len(vals) == 2 and not (vals[0] >= 20 and vals[0] % 10 == 0 and vals[1] < 10):
            return max(vals)  # "a single", "a couple", "a pair": one figure, not a sum (as "twenty-one" is)
        return sum(vals)
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


# A number right after a preposition that follows the death word counts the place, weapon or
# attack it heads, not the dead: "killed in a raid", "died in two attacks", "killed by a bomb",
# "killed at 3 am", "killed on 5 May".  ("of" and "to" lead to the dead: "the deaths of 3",
# "raising the toll to 9".)
_PREP_GAP = re.compile(r"\b(?:in|on|at|by|during|inside|near|with|from|after|before|following|amid|amidst|when|while|"
                       r"as|into|within|outside|under|across|through|throughout|for|since|per|against|behind|between|"
                       r"like|than)\s+(?:(?:the|this|that|these|those|their|its|his|her)\s+)?$", re.I)
# the same before the victims: "in two attacks, gunmen killed ..." ("resulted in 3 deaths" is the dead)
_PREP_BEFORE = re.compile(r"\b(?<!result )(?<!resulted )(?<!resulting )(?<!results )(?:in|on|at|during|inside|near|from|after|"
                          r"before|following|amid|into|within|outside|under|across|through|throughout|since|per|between)\s+$", re.I)
# a part named inside the toll: "four people, including a child, were killed", "5 civilians (2 men and 3 women)"
_SUBSET_BEFORE = re.compile(r"(?:\bincluding|\bincl\.|\bamong (?:them|whom|those|the dead|the victims)|\bamongst them|"
                            r"\bof (?:whom|them)|\bsuch as|\bnamely)\s+$|\([^()]*$", re.I)
_SUBSET_AFTER = re.compile(r"\s+of\s+(?:whom|them|those|the (?:dead|victims|killed|deceased))\b", re.I)
_SUBSET_PART = re.compile(r"\([^()]*\)|(?:,\s*|\s+)(?:including|incl\.|among them|amongst them|among whom)\s+[^,;()]*?"
                          r"(?:,|(?=\s+(?:and|as well as)\s+(?:at least\s+)?\d)|(?=\s+(?:were|was|have|has|had|are|is|being|got)\b)|$)", re.I)
# a toll of a war or a period, not of this incident: "the war has killed 500,000 people", "bringing the
# death toll since January to 90", "a total of 300 have died since the offensive began"
_CAMPAIGN = (r"war|civil war|conflict|insurgency|uprising|revolution|crisis|campaign|offensive|operations?|"
             r"fighting|violence|unrest|protests|clashes|bombardment|siege|occupation|pandemic|epidemic|outbreak")
_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_PERIOD = re.compile(
    r"\bsince\s+(?:(?:early|late|mid|the end of|the start of|the beginning of)[\s-]+)?(?:\d{4}\b|(?:" + _MONTHS + r")\b|then\b|"
    r"last (?:week|month|year|spring|summer|autumn|fall|winter)\b|the (?:start|beginning|outbreak|onset|launch|end)\b|"
    r"(?:the|its|their) (?:\w+[\s-]+){0,2}?(?:" + _CAMPAIGN + r")\b)"
    r"|\bso far (?:this|in|since)\b|\bto date\b|\b(?:this|last) (?:year|month)\b|\bcumulative\b"
    r"|\b(?:in|over|during) (?:the )?(?:past|last|previous) (?:\w+ )?(?:weeks|months|years|decades)\b"
    r"|\bin (?:recent|the past few|the last few) (?:weeks|months|years)\b"
    r"|\b(?:the|this|a|its|their) (?:\w+[\s-]+){0,2}?(?:" + _CAMPAIGN + r"),?\s+(?:which|that)?\s*(?:has|have|had)\s+"
    r"(?:\w+\s+){0,2}?(?:killed|claimed|left|cost)\b"
    r"|\b(?:killed|died|deaths?|dead|lost their lives|toll)\s+(?:in|of|from|during)\s+(?:the|this|its|their)\s+"
    r"(?:\w+[\s-]+){0,2}?(?:war|civil war|conflict|insurgency|uprising|revolution|crisis|campaign|pandemic)\b", re.I)
# killed, injured or captured: who died is unknown (GUIDE: 0 when it is unclear whether anyone died)
# (used with match(text, pos): no "^", which would anchor at the string's start, not at pos)
_MIXED_AFTER = re.compile(r"(?:\s*,\s*[a-z]+){0,2},?\s+(?:or|and/or)\s+(?:injur|wound|captur|arrest|abduct|kidnap|hurt|missing|detain)", re.I)
_MIXED_BEFORE = re.compile(r"(?:injur\w*|wounded|wounding|captured|arrested|hurt)(?:\s*,\s*[a-z]+){0,2},?\s+(?:or|and/or)\s+$", re.I)
# the heads of a victim noun phrase that are no victims: "an army patrol", "a military convoy"
_NOT_VICTIM_HEAD = re.compile(r"(?:patrol|checkpoint|positions?|base|convoy|outpost|barracks|army|military|forces|elements|"
                              r"police|famil(?:y|ies)|humanitarian|displaced|congregation|staff|personnel)$", re.I)
_NP_STOP = re.compile(r"(?:of|in|on|at|by|with|from|was|were|is|are|has|had|have|been|being|who|whose|that|which|and|or|"
                      r"after|during|near|when|while|as|to|for|named|called|identified|aged|reportedly|allegedly|later|"
                      r"also|not|said|shot|killed|died|dead|\W+)$", re.I)
_TOKEN = re.compile(r"[\w'\u2019-]+|[^\w\s]")
# coordinated groups of dead, counted together: "5 soldiers and 1 officer were killed", "2 rebel and 1 military fatality"
# ("a man and his two sons": the kin of the one before)
_COORD = re.compile(r"^\s+(?:[A-Za-z][\w'\u2019-]*\s+){0,4}?[A-Za-z][\w'\u2019-]*\s*(?:,\s*(?:and\s+|as well as\s+)?|,?\s+and\s+|,?\s+as well as\s+|,?\s+along with\s+)"
                    r"(?:(?:his|her|their)\s+)?$")
# one more dead named as kin or companion of a counted victim: "a farmer and his brother were killed"
_KIN_AFTER = re.compile(r"\s+(?:[A-Za-z][\w'\u2019-]*\s+){0,3}?(?:and|as well as|along with)\s+(?:his|her|their)\s+(?:[a-z]+\s+)?"
                        r"(?:brother|sister|son|daughter|wife|husband|father|mother|nephew|niece|cousin|uncle|aunt|child|baby|"
                        r"grandson|granddaughter|grandfather|grandmother|friend|companion|colleague|bodyguard|driver|"
                        r"assistant|deputy|escort|commander|leader|fianc[eé]e?)\b(?!'s|\u2019s)")
_COORD_VERB = re.compile(r"\b(?:were|was|are|is|have|has|had|been|being|killed|killing|injur\w*|wound\w*|hurt|arrested|captured|"
                         r"kidnapped|abducted|died|dead|attacked|clashed|fired|in|on|at|by|during|after|near|from|with)\b", re.I)


def _victim_phrase(text: str, pos: int, end: int, rules: CodingRules) -> bool:
    """Whether the words from ``pos`` (right after an "a"/"an") to ``end`` begin with a noun phrase whose head is a victim:
    "a soldier", "a 25-year-old man", "an aid worker" -- not "a raid", "a police station", "an army patrol"."""
    toks = _TOKEN.findall(text[pos:end])[:6]
    for i, tok in enumerate(toks):
        if _NP_STOP.match(tok):
            return False
        if (rules.armed_victim.fullmatch(tok) or rules.civilian_victim.fullmatch(tok) or (
                rules.other_people is not None and rules.other_people.fullmatch(tok))) and not _NOT_VICTIM_HEAD.match(tok):
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if not nxt or _NP_STOP.match(nxt) or not nxt[0].islower():
                return True
    return False


def _clause(text: str, a: int, b: int) -> str:
    """The clause around text[a:b]: from the last comma, semicolon or dash before it to the next one after."""
    left = max(text.rfind(c, max(0, a - 90), a) for c in ",;:\u2014(")
    right = [i for i in (text.find(c, b, b + 90) for c in ",;:\u2014)") if i >= 0]
    return text[left + 1 if left >= 0 else max(0, a - 90):min(right) if right else min(len(text), b + 90)]


def _period_toll(text: str, m: re.Match, k: re.Match) -> bool:
    a, b = min(m.start(), k.start()), max(m.end(), k.end())
    clause = _clause(text, a, b)
    if _PERIOD.search(clause):
        return True
    # "the insurgency, which has killed 30,000 people, ...": the relative clause's noun is before its comma
    left = text.rfind(",", max(0, a - 90), a)
    if left >= 0 and re.match(r"\s*(?:which|that)\b", text[left + 1:a]):
        return bool(_PERIOD.search(_clause(text, left, left) + text[left:b]))
    return False


def _coordinated(text: str, numbers: list, i: int, rules: CodingRules, forward: bool) -> tuple[int, int]:
    """The dead counted together with numbers[i]: "5 FC personnel and 1 officer were killed" (backwards from 1),
    "killing 3 policemen and a civilian" (forwards from 3).  Returns (extra count, span edge)."""
    total, edge, j = 0, numbers[i].start() if not forward else numbers[i].end(), i
    while 0 <= j + (1 if forward else -1) < len(numbers):
        nb = numbers[j + (1 if forward else -1)]
        left, right = (numbers[j], nb) if forward else (nb, numbers[j])
        gap = _SUBSET_PART.sub(" ", text[left.end():right.start()])
        if not _COORD.match(gap) or _COORD_VERB.search(gap) or _UNIT.match(gap.strip()) or _SUBSET_BEFORE.search(text, 0, nb.start()):
            break
        num = nb.group("num").strip().lower()
        if num in ("a", "an") and not _victim_phrase(text, nb.end(), len(text), rules):
            break
        if forward:  # "killed 5 civilians and 2 soldiers were injured": the last group is another clause's
            tail = text[nb.end():nb.end() + 60]
            if re.match(r"\s+(?:[\w'\u2019-]+\s+){0,4}?(?:were|was|are|have|had)\b", tail) or _UNIT.match(tail.strip()):
                break
        v = _value(num, rules)
        if v is None:
            break
        total += v
        edge = nb.end() if forward else nb.start()
        j += 1 if forward else -1
    return total, edge


def find_counts(text: str, rules: CodingRules, kind: str) -> list[Count]:
    """Counts of killed (``kind="fatalities"``) or injured people stated in ``text``."""
    key = re.compile(r"\b" + (KILL if kind == "fatalities" else HURT) + r"\b", re.I)
    numbers = [m for m in _number_rx(rules).finditer(text) if m.group("num").strip() and not _not_a_count(text, m, rules)]
    subset = {i for i, m in enumerate(numbers)
              if _SUBSET_BEFORE.search(text, max(0, m.start() - 60), m.start()) or _SUBSET_AFTER.match(text, m.end())}
    found: list[Count] = []
    for k in key.finditer(text):
        if _EARLIER_DEATH.search(text[max(0, k.start() - 70):k.start()]) or _CAUSED_BY_DEATH.search(text[max(0, k.start() - 40):k.start()]):
            continue  # "protested ... demanding an inquiry into the killing": a death before this event
        if _NEG.search(text[max(0, k.start() - 40):k.start()]) or (kind == "fatalities" and _NEG_AFTER.match(text[k.end():k.end() + 20]) and re.search(r"\bno\b", text[max(0, k.start() - 20):k.start()], re.I)):
            continue
        if kind == "fatalities" and (_MIXED_AFTER.match(text, k.end()) or _MIXED_BEFORE.search(text, max(0, k.start() - 40), k.start())):
            continue  # "killed or injured 3": how many died is not said
        best = None
        for i, m in enumerate(numbers):
            if i in subset:
                continue
            num = m.group("num").strip().lower()
            if m.end() <= k.start():
                raw_gap = text[m.end():k.start()]
                gap = _SUBSET_PART.sub(" ", raw_gap)
                if len(gap) > 60 or re.search(r"[;.]|\band\b.*\b(?:killed|injured|wounded)\b", gap) or _UNIT.match(gap.strip()):
                    continue
                words = len(gap.split())
                if words > 6:
                    continue
                if re.search(r"\b(?:is|are|was|were|has been|have been)\s+$", gap) and re.match(r"kill(?:ing|s)\b", k.group(0), re.I):
                    continue  # "one of their members is killing civilians": the killer, not the dead
                if words and _PREP_BEFORE.search(text, max(0, m.start() - 20), m.start()):
                    continue  # "in two attacks, gunmen killed ...": the attacks
                if num in ("a", "an") and not _victim_phrase(text, m.end(), k.start(), rules):
                    continue  # "a bomb killed ...", "in an attack, soldiers were killed"
                cand = (words, i)
            elif m.start() >= k.end():
                gap = text[k.end():m.start()]
                family = re.match(r"\s+(?:(?:a|an|the|his|her|their)\s+)?(?:family|families|group)\s+of\s+$", gap, re.I)
                if not family and (len(gap) > 30 or re.search(r"[;.,]|\b(?:by|and|another|while)\b", gap) or len(gap.split()) > 2):
                    continue  # "shot dead by four armed men": the attackers; "killed and another three injured"
                if _PREP_GAP.search(gap):
                    continue  # "killed in a raid", "died in two attacks"
                after = text[m.end():m.end() + 25]
                if _UNIT.match(after.strip()):
                    continue
                if num in ("a", "an") and not _victim_phrase(text, m.end(), min(len(text), m.end() + 60), rules):
                    continue  # "killed a policeman" is one; "killed a number of", "died a day later" are not
                cand = (len(gap.split()) + 0.5, i)
            else:
                continue
            if best is None or cand[0] < best[0]:
                best = cand
        if best is None:
            continue
        i = best[1]
        m = numbers[i]
        num = m.group("num").strip().lower()
        v = _value(num, rules)
        if v is None or v > 100000:
            continue
        if kind == "fatalities" and _period_toll(text, m, k):
            continue  # the war's or the year's toll, not this incident's
        start, end = min(m.start(), k.start()), max(m.end(), k.end())
        extra, edge = _coordinated(text, numbers, i, rules, forward=m.start() >= k.end())
        kin = _KIN_AFTER.match(text, max(m.end(), edge))
        if kin and not _COORD_VERB.search(kin.group(0)) and (m.start() >= k.end() or kin.end() <= k.start()) and not (
                m.start() >= k.end() and re.match(r"\s+(?:[\w'\u2019-]+\s+){0,3}?(?:were|was|are|is|have|has|had)\b", text[kin.end():])):
            extra, edge = extra + 1, kin.end()  # (forward: "killed a trader and his son was hurt" -- the son is another clause's)
        if extra:
            v += extra
            start, end = min(start, edge), max(end, edge)
        whole = bool(_WHOLE.match(text, m.end(), min(len(text), m.end() + 25)))
        also = bool(_ALSO.search(text, max(0, k.start() - 25), k.start()) or _ALSO.search(text, max(0, m.start() - 10), m.start())
                    or _ALSO_AFTER.match(text, end))
        note = (m.group("q") + " " if m.group("q") else "") + num + (f" + {extra} named beside" if extra else "")
        found.append(Count(v, start, end, note, whole, also))
    return found


# more dead beside those already counted: "4 militants were also killed", "the gunmen also killed a guard"
_ALSO = re.compile(r"\balso\s+(?:[\w-]+\s+)?$", re.I)  # right before the death word or the number
_ALSO_AFTER = re.compile(r"\s*,?\s*(?:too|as well)\b(?!\s+as\b)", re.I)


def _with_also(best: Count, counts: list[Count]) -> Count:
    """``best`` plus the dead reported as also killed beside it."""
    extra = [c for c in counts if c.also and c is not best]
    if not extra:
        return best
    return replace(best, value=best.value + sum(c.value for c in extra),
                   note=best.note + "".join(f" + {c.value} also killed" for c in extra))


_OTHER_SOURCE = re.compile(r",?\s+(?:while|whereas)\s+|;\s+", re.I)


def sentence_count(counts: list[Count], text: str) -> Count:
    """The figure one sentence gives: the largest (a total beside its parts, "killed 5, including
    2 children"), unless the counts are rival whole tolls in clauses of their own ("61 people were
    killed on Tuesday, while the monitor said 194 people had died"): then the smallest."""
    rest = [c for c in counts if not c.also] or counts
    whole = [c for c in rest if c.whole]
    if len(whole) > 1:
        ordered = sorted(whole, key=lambda c: c.start)
        if any(_OTHER_SOURCE.search(text, a.end, b.start) for a, b in zip(ordered, ordered[1:])):
            return _with_also(min(whole, key=lambda c: c.value), counts)
    return _with_also(max(rest, key=lambda c: c.value), counts)


def conservative(counts: list[Count]) -> Count | None:
    """The most conservative figure: the smallest stated count (GUIDE.md) -- of the whole toll when
    one is given ("16 people were killed" over "four Americans" and "two soldiers", who are among them)."""
    if not counts:
        return None
    rest = [c for c in counts if not c.also]
    if not rest:  # only "also" counts: the smallest of them (the others it adds to are not this event's)
        return min(counts, key=lambda c: c.value)
    whole = [c for c in rest if c.whole]
    if whole and all(c.value <= min(w.value for w in whole) for c in rest if not c.whole):
        return _with_also(min(whole, key=lambda c: c.value), counts)
    return _with_also(min(rest, key=lambda c: c.value), counts)


def explicitly_none(text: str) -> bool:
    return bool(_NO_FATAL.search(text))


# A named person reported dead: one fatality when the text gives no number ("the assassination
# of Col. Ali Hasan", "Hasan was killed").  Two name words (or a title and a name) after "of";
# a name right before a passive killing verb.
_NAME_WORD = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|abu|abd|bin|ibn)[- ])?[A-Z][a-z][\w'\u2019-]*"
_TITLE = r"(?:(?:Col|Gen|Lt|Maj|Capt|Sgt|Dr|Sheikh|Brig|Cmdr|Colonel|General|Major|Captain|Commander|Imam|Mayor)\.?\s+)"
_NOT_PERSON = re.compile(r"\b(?:State|Forces?|Army|Front|Brigades?|Battalion|Division|Legion|Council|Party|Movement|Government|Ministry|Police|Syria|Iraq|Turkey)\b|^(?:It|This|That|They|There|Which|Who|What|Nobody|No)$")
_NAMED_DEATH = re.compile(
    r"\b(?:assassination|killing|murder|execution|beheading|death)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    rf"(?P<a>{_TITLE}?{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}|{_TITLE}{_NAME_WORD})"
    rf"|(?:^|[.,;:\u201c\"]\s*|\bthat\s+)(?P<b>{_TITLE}?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})\s+(?:was|had been|has been)\s+"
    r"(?:shot dead|shot and killed|killed|assassinated|executed|murdered|beheaded|stabbed to death)\b"
    # the active form: "gunmen shot dead Col. Karim Haddad", "assassinated Sheikh Omar Saleh"
    r"|\b(?:shot dead|shot and killed|gunned down|assassinated|executed|murdered|beheaded|stabbed to death|killed)\s+"
    rf"(?:the\s+)?(?P<c>{_TITLE}{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}|{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})(?![\w-])")
_MEMBERS_AFTER = re.compile(r"\s+(?:fighters|militants|members|soldiers|troops|gunmen|insurgents|rebels|jihadists|"
                            r"elements|operatives|commanders|leaders|supporters|loyalists|militiamen|mercenaries|forces|personnel|"
                            r"recruits|cadres|combatants|policemen|officers|guards|agents|suspects|positions|bases)\b")
_MORE_NAMES = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<n>{_TITLE}?{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})(?![\w-])")


# "protested over the killing of X": an earlier death that caused this event, not a death in it
_CAUSE_BEFORE = re.compile(r"\b(?:over|against|about|protest\w*|condemn\w*|mourn\w*|for|after|following|avenge|revenge)\s+(?:the\s+)?$", re.I)


def named_victim(text: str) -> Count | None:
    """One death when ``text`` names a person as killed ("the assassination of X", "X was killed"),
    or reports one person killed in the singular ("the leader of X was shot dead", "killing him")."""
    for m in _NAMED_DEATH.finditer(text):
        name = m.group("a") or m.group("b") or m.group("c")
        if _NOT_PERSON.search(name) or _CAUSE_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
            continue
        if _MEMBERS_AFTER.match(text, m.end()):
            continue  # "killed Boko Haram militants": the group's name, not a person's
        n, end, names = 1, m.end(), [name]
        if m.group("c"):  # "killed Ahmed Ali and Omar Saeed": each named person is one death
            for more in iter(lambda: _MORE_NAMES.match(text, end), None):
                if _NOT_PERSON.search(more.group("n")):
                    break
                n, end = n + 1, more.end()
                names.append(more.group("n"))
        return Count(n, m.start(), end, "named victim" + ("s" if n > 1 else "") + ": " + ", ".join(names))
    for m in _ONE_KILLED.finditer(text):
        before = text[max(0, m.start() - 70):m.start()]
        if _NOBODY.search(before) or _CAUSE_BEFORE.search(before[-40:]) or _EARLIER_DEATH.search(before):
            continue
        return Count(1, m.start(), m.end(), f"one person killed: {m.group(0)}")
    return None
