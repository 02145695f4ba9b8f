"""Stage: incidents -- group an article's event sentences into incidents with a date and a place.

One incident is one place, one day (GUIDE.md): the lead and the body reporting the same
attack give one incident; one sentence naming two places gives two.  A sentence without
a date takes the date of the sentence before it in the same paragraph, else the anchor
(publication date); one without a place takes the place of the sentence before it.
Incidents dated more than 60 days before the anchor are background, not events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..models import Mention
from ..textnorm import fold_key
from .coding import CodingRules
from .counts import find_counts
from .dates import DateMention, ResolvedDate, resolve
from .detect import TriggerHit, detect, has_trigger
from .parse import ParsedArticle, Sentence
from .places import PlaceCandidate, place_candidates

BACKGROUND_DAYS = 60
DOMINANT_MENTIONS = 3  # sentences naming a place before a long report counts as set there
MORE_SPECIFIC = 15  # trigger priority: how much more specific a later sentence's event words must be to lead
LONG_ARTICLE = 12  # sentences: a report long enough to carry background and commentary
LEAD_SENTENCES = 2
CONTEXT_SENTENCES = 2
JOIN_SENTENCES = 3  # an undated sentence without a place continues an incident told at most this far before  # an undated sentence takes the date of a sentence at most this far before it
# a place named as a settlement ("in the town of X"): a sentence without event words can still place the story
_SETTLEMENT_OF = re.compile(r"\b(?:town|village|city|hamlet|district|neighbou?rhood|camp|suburb)\s+of\s+$", re.I)
_MULTI_PLACE = re.compile(r"\b(?:and|,)\s*$")


@dataclass
class Incident:
    date: ResolvedDate
    place: PlaceCandidate | None
    hits: list[TriggerHit]
    sentences: list[Sentence]
    tail: list[Sentence] = field(default_factory=list)  # following sentences without a new event (counts)
    nearby: list[str] = field(default_factory=list)  # other place names and containers of its sentences (context)
    dated: bool = True  # a date is written in (or right before) its own sentences, not just the publication date
    restated: list[Sentence] = field(default_factory=list)  # a summary that restates it (evidence only, no counts)


    @property
    def main(self) -> Sentence:
        return self.sentences[0]


def _is_heading(text: str) -> bool:
    """A headline or sub-heading: short and without a closing full stop; the body reports it."""
    return not re.search(r"[.!?\u201d\"')\]]\s*$", text) and len(text.split()) < 14


def _family(hits: list[TriggerHit]) -> str:
    types = {h.event_type for h in hits}
    if types & {"Protests", "Riots"}:
        return "crowd"
    if types == {"Strategic developments"}:
        return "strategic"
    return "violence"


def _sentence_date(s: Sentence, mentions: list[DateMention], anchor: date | None, previous: date | None) -> ResolvedDate | None:
    inside = [m for m in mentions if s.start <= m.start < s.end]
    ranked = sorted(inside, key=lambda m: {"explicit": 0, "weekday": 1, "relative": 2, "month": 3, "year": 4}[m.kind])
    for m in ranked:
        r = resolve(m, anchor, previous)
        if r.value is not None:
            return r
    return None


def find_incidents(doc: ParsedArticle, rules: CodingRules, mentions: list[DateMention], anchor: date | None,
                   actor_spans: dict[int, list[tuple[int, int]]]) -> list[Incident]:
    text = doc.article.text
    incidents: list[Incident] = []
    context_date: ResolvedDate | None = None
    context_at = -10  # index of the sentence the context date was written in
    context_place: PlaceCandidate | None = None
    context_place_at = -10
    last_para = -1
    last: Incident | None = None
    for s in doc.sentences:
        if s.paragraph != last_para:
            last_para = s.paragraph
            context_date = None  # a date does not carry into the next paragraph
        if context_date is not None and s.index - context_at > CONTEXT_SENTENCES:
            context_date = None  # nor far through a long paragraph (one-paragraph articles)
        own_date = _sentence_date(s, mentions, anchor, context_date.value if context_date else None)
        hits = detect(s.text, s.start, rules)
        if hits and _is_heading(s.text):
            hits = []
        ents = doc.entities_in(s.start, s.end)
        places = place_candidates(text, s.start, s.end, ents, actor_spans.get(s.index, [])) if hits else []
        if own_date is not None:
            context_date, context_at = own_date, s.index
        if context_place is not None and s.index - context_place_at > JOIN_SENTENCES:
            context_place = None  # a place named long before is not this sentence's place
        if not hits:
            if own_date is not None and not _is_heading(s.text):
                # "The bomber struck on Wednesday in the town of X. 16 people were killed in the attack."
                told = [c for c in place_candidates(text, s.start, s.end, ents, actor_spans.get(s.index, []))
                        if _SETTLEMENT_OF.search(text, max(0, c.mention.start - 30), c.mention.start)]
                if told:
                    context_place, context_place_at = told[0], s.index
                    if last is not None and _details(last, s, anchor) and own_date.value is not None \
                            and not (anchor and own_date.value < anchor - timedelta(days=BACKGROUND_DAYS)):
                        # "X was arrested in Turkey ... He was on holiday in the town of Y on 22 July when ..."
                        last.place, last.date, last.dated = told[0], own_date, True
            if last is not None and own_date is None and s.paragraph == last.sentences[-1].paragraph and _near(last, s):
                last.tail.append(s)
            elif last is not None and s.index == last.sentences[-1].index + 1 and own_date is None:
                last.tail.append(s)
            else:
                last = None
            continue
        when = own_date or context_date
        dated = when is not None and not _period(when)
        if when is None:
            when = ResolvedDate(anchor, "day", None, "publication date (no date in the text)") if anchor else ResolvedDate(None, "day")
        if anchor and when.value and (when.value < anchor - timedelta(days=BACKGROUND_DAYS) or _months_back(when, anchor) >= 2):
            last = None
            continue
        if anchor and when.value and when.value > anchor + timedelta(days=2):
            last = None
            continue
        if len(places) > 1 and _country_only(places[0]) and not _country_only(places[1]):
            places = places[1:] + places[:1]  # "protesters in Lebanon held a march through the town of X": X
        chosen = [places[0]] if places else []
        if chosen and context_place is not None and _country_only(chosen[0]) and not _country_only(context_place):
            chosen = [context_place]  # "... killed in the attack, the deadliest in Syria": the town told before
        elif chosen:
            # several places listed under one preposition ("shelled the villages of A, B and C"):
            # one incident per place (GUIDE: one event per location per day)
            chosen = _listed_places(text, places[0], places)
        if not chosen:
            if last is not None and own_date is None and s.paragraph == last.sentences[-1].paragraph and _near(last, s):
                last.hits.extend(hits)
                last.sentences.append(s)
                if last.place is None and context_place is not None and context_place_at > last.main.index:
                    last.place = context_place  # the place was told between its sentences
                continue
            chosen = [context_place] if context_place else [None]
        family = _family(hits)
        for place in chosen:
            key = fold_key(place.mention.text) if place else ""
            target = None
            for inc in incidents:
                tolerance = {"day": 0, "week": 7, "month": 31}[when.precision]
                same_day = (inc.date.value == when.value or (own_date is None and inc is last) or (
                    inc.date.value and when.value and abs((inc.date.value - when.value).days) <= tolerance))
                inc_key = fold_key(inc.place.mention.text) if inc.place else ""
                same_place = inc_key == key or not key or not inc_key or (
                    # a building named beside a town's incident of the same kind that day: one place
                    # ("gathered outside the Seray in Tripoli ... also gathered outside the Justice Palace")
                    s.paragraph == inc.sentences[-1].paragraph and (_facility(text, place) or _facility(text, inc.place)))
                if same_day and same_place and (_family(inc.hits) == family or family == "strategic" or _family(inc.hits) == "strategic"):
                    target = inc
                    break
            if target is None:
                target = Incident(when, place, list(hits), [s], dated=dated)
                incidents.append(target)
            else:
                target.dated = target.dated or dated
                target.hits.extend(hits)
                if s not in target.sentences:
                    target.sentences.append(s)
                if target.place is None and place is not None:
                    target.place = place
                if target.date.precision != "day" and when.precision == "day" and own_date is not None:
                    target.date = when
            target.nearby.extend(n for c in places for n in (c.mention.container, c.mention.text)
                                 if n and (place is None or n != place.mention.text))
            last = target
            if target.dated and own_date is None:
                context_date, context_at = target.date, s.index  # the incident's date goes on with its story
        if chosen and chosen[0] is not None:
            context_place, context_place_at = chosen[0], s.index
    if len(doc.sentences) >= LONG_ARTICLE:
        lead = _lead(doc)
        incidents = _fold_lead(incidents, lead)
        incidents = _fold_summary_lead(incidents, lead)
        home = _dominant_place(doc, actor_spans)
        homeless = [inc for inc in incidents if home is not None and inc.dated and not _placed(inc)]
        incidents = [inc for inc in incidents if _placed(inc) and (inc.dated or _specific(inc, rules, lead))]
        for inc in incidents:
            _most_specific_first(inc, rules)
        incidents = _fold_vague(incidents, text)
        for inc in homeless:  # "61 people were killed on Tuesday alone": where the whole report is set
            inc.place = home
            incidents.append(inc)
        return sorted(incidents, key=lambda inc: inc.main.index)
    return _fold_follow_ups(_fold_vague(incidents, text))


_PERPETRATORS = re.compile(r"\b(?:the|a|one|two|three|four|five|six|\d+)\s+(?:[\w-]+\s+)?(?:shooters?|perpetrators?|suspects?|"
                           r"attackers?|assailants?|gunmen|killers?|culprits?|robbers?|murderers?|kidnappers?|abductors?)\b", re.I)
_VICTIM_TAKEN = re.compile(r"\b(?:he|she|they|the victims?|the (?:man|woman|boy|girl|men|women))\s+(?:was|were|had been)\s+"
                           r"(?:\w+\s+)?(?:abducted|kidnapped)\b", re.I)
_BODY_FOUND = re.compile(r"\b(?:his|her|their|the victim's|the victims')\s+(?:corpses?|bod(?:y|ies)|remains)\b|"
                         r"\b(?:he|she|they)\s+(?:was|were)\s+(?:later\s+)?found\s+(?:dead|murdered|killed)\b", re.I)


def _fold_follow_ups(incidents: list[Incident]) -> list[Incident]:
    """In a short report, what happens next to the same people belongs to the incident (GUIDE:
    one event per incident): the perpetrators' arrest after an attack, the victim's abduction
    told after the killing, and the body of an abducted person found -- an attack, dated
    on the day of the abduction, where the abduction was reported."""
    out: list[Incident] = []
    for inc in incidents:
        _killed_after_abduction(inc)
        prev = out[-1] if out else None
        if prev is not None and _same_story(prev, inc):
            subs = {h.sub_event_type for h in inc.hits}
            said = " ".join(s.text for s in inc.sentences)
            prev_subs = {h.sub_event_type for h in prev.hits}
            if (subs <= {"Arrests"} and _PERPETRATORS.search(said) and _family(prev.hits) == "violence") or \
                    (subs <= {"Abduction/forced disappearance"} and _VICTIM_TAKEN.search(said) and "Attack" in prev_subs):
                prev.tail.extend(inc.sentences + inc.tail)
                continue
            if prev_subs <= {"Abduction/forced disappearance"} and _BODY_FOUND.search(said) and "Attack" in subs:
                inc.date, inc.dated = prev.date, prev.dated
                inc.place = prev.place or inc.place
                inc.sentences = inc.sentences + [s for s in prev.sentences if s not in inc.sentences]
                out[-1] = inc
                continue
        out.append(inc)
    return out


def _killed_after_abduction(inc: Incident) -> None:
    """An abduction whose victim's body is found in a later sentence of the same incident is an
    attack: that sentence leads (typing reads the lead sentence's triggers)."""
    main_subs = {h.sub_event_type for h in inc.hits if inc.main.start <= h.start < inc.main.end}
    if main_subs != {"Abduction/forced disappearance"}:
        return
    for s in inc.sentences[1:]:
        if _BODY_FOUND.search(s.text) and any(h.sub_event_type == "Attack" and s.start <= h.start < s.end for h in inc.hits):
            inc.sentences = [s] + [x for x in inc.sentences if x is not s]
            return


def _same_story(prev: Incident, inc: Incident) -> bool:
    """Whether ``inc`` can tell what happened next in ``prev``'s story: within two days, and at
    its place or at no place of its own."""
    if inc.dated and prev.date.value and inc.date.value and abs((inc.date.value - prev.date.value).days) > 2:
        return False
    return inc.place is None or prev.place is None or fold_key(inc.place.mention.text) == fold_key(prev.place.mention.text)


def _most_specific_first(inc: Incident, rules: CodingRules) -> None:
    """In a long report the incident's first sentence may only allude to it ("the surge in the
    killing ..."); a later one naming the weapon or means ("a wave of artillery bombardment ...,
    killing 12") with a toll reports it: that one becomes the main sentence (type, roles, evidence)."""
    def strength(s: Sentence) -> int:
        return max((h.priority for h in inc.hits if s.start <= h.start < s.end), default=0)

    best = max(inc.sentences, key=strength)
    if best is not inc.main and strength(best) >= strength(inc.main) + MORE_SPECIFIC \
            and any(find_counts(best.text, rules, kind) for kind in ("fatalities", "injured")):
        inc.sentences.remove(best)
        inc.sentences.insert(0, best)


def _dominant_place(doc: ParsedArticle, actor_spans: dict[int, list[tuple[int, int]]]) -> PlaceCandidate | None:
    """The place a long report is set in: a place (not a country) named in at least
    ``DOMINANT_MENTIONS`` sentences and at least twice as many as any other."""
    seen: dict[str, list[PlaceCandidate]] = {}
    for s in doc.sentences:
        keys = set()
        for c in place_candidates(doc.article.text, s.start, s.end, doc.entities_in(s.start, s.end),
                                  actor_spans.get(s.index, [])):
            key = fold_key(c.mention.text)
            if key not in keys and not _country_only(c):
                keys.add(key)
                seen.setdefault(key, []).append(c)
    ranked = sorted(seen.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < DOMINANT_MENTIONS or (len(ranked) > 1 and len(ranked[0]) < 2 * len(ranked[1])):
        return None
    return ranked[0][0]


def _fold_lead(incidents: list[Incident], lead: set[int]) -> list[Incident]:
    """A lead placed only in a country ("a suicide bombing ... has killed four Americans in Syria")
    reports the one incident of that day and kind the body places in a town: it joins that incident
    and, told first and most completely, becomes its main sentence."""
    out: list[Incident] = []
    for inc in incidents:
        if inc.main.index in lead and not _placed(inc) and inc.date.value is not None:
            same = [o for o in incidents if o is not inc and _placed(o) and o.date.value is not None
                    and (o.date.value == inc.date.value or (not inc.dated and 0 <= (inc.date.value - o.date.value).days <= 7))
                    and _family(o.hits) == _family(inc.hits) and o.main.index > inc.main.index]
            if len(same) == 1:
                target = same[0]
                target.hits[:0] = [h for h in inc.hits if inc.main.start <= h.start < inc.main.end]
                target.sentences.insert(0, inc.main)
                target.tail.extend(s for s in inc.sentences[1:] + inc.tail if s not in target.sentences)
                target.dated = target.dated or inc.dated
                continue
        out.append(inc)
    return out


# A period, not a day: "in recent days, the cell assassinated ...", "this month", "over the past week"
# sum up several incidents (class 8: a summary restates what the body dates one by one).
_PERIOD_WORDS = re.compile(r"recent (?:days|weeks)|(?:the )?past (?:week|month)|(?:this|the previous) month", re.I)


def _period(when: ResolvedDate) -> bool:
    m = when.mention
    return m is not None and m.kind == "relative" and when.precision in ("week", "month") and bool(
        _PERIOD_WORDS.search(m.relative or m.text))


_LIST_GAP = re.compile(r"\s*(?:villages?|towns?|cities|city|districts?)?\s*(?:,|and|, and|as well as)\s*(?:the\s+)?(?:villages?\s+of\s+|towns?\s+of\s+)?")


def _listed_places(text: str, head: PlaceCandidate, places: list[PlaceCandidate]) -> list[PlaceCandidate]:
    """``head`` and the places listed with it, head first: the run of names around it that only
    commas and "and" separate.  Containers ("Mosul, Iraq") and countries are not listed places."""
    ordered = sorted(places, key=lambda c: c.mention.start)
    i = ordered.index(head)
    lo = hi = i
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(ordered):
            a, b = (ordered[j + step], ordered[j]) if step < 0 else (ordered[j], ordered[j + step])
            gap = text[a.mention.end:b.mention.start]
            nxt = ordered[j + step]
            if len(gap) > 25 or not _LIST_GAP.fullmatch(gap) or _country_only(nxt) or \
                    nxt.mention.text in (a.mention.container, b.mention.container) or \
                    _one_name(a.mention.text, b.mention.text):
                break  # "Mosul, Iraq": a container; "Bosnia and Herzegovina", "Kohgiluyeh and Boyer-Ahmad": one name
            j += step
        lo, hi = (j, hi) if step < 0 else (lo, j)
    run = ordered[lo:hi + 1]
    gaps = [text[a.mention.end:b.mention.start] for a, b in zip(run, run[1:])]
    # a list ends with "and" ("A, B and C"); names joined by commas only are a place and its
    # containers ("San Juan, Lagunillas, Merida state"); "between A and B" is one place between two
    if len(run) < 2 or not re.search(r"\band\b|\bas well as\b", gaps[-1]) or \
            any(c.evidence.startswith("'between") for c in run):
        return [head]
    if len(run) > 2 and not all(re.search(r",|\band\b", g) for g in gaps):
        return [head]
    return [head] + [c for c in run if c is not head]


_FACILITY_END = re.compile(r"\s(?:tower|palace|hall|cent(?:re|er)|building|office|headquarters|court(?:house)?|prison|jail|"
                           r"hospital|clinic|university|college|school|mosque|church|temple|hotel|mall|stadium|station|"
                           r"parliament|ministry|embassy|consulate|seray|serail)$", re.I)


def _facility(text: str, place: PlaceCandidate | None) -> bool:
    """Whether a place candidate names a building ("the Justice Palace", "White Tower"), not a town."""
    if place is None:
        return False
    from .places import venue_name

    return bool(_FACILITY_END.search(" " + place.mention.text)) or venue_name(text, place.mention)


def _one_name(a: str, b: str) -> bool:
    """Whether "A and B" is one country's or region's name ("Bosnia and Herzegovina", "Kohgiluyeh and
    Boyer-Ahmad", written "va" in the region table), not two places."""
    from .context import fold, region_index

    index = region_index()
    return any(fold(f"{a} {conj} {b}") in index.countries or fold(f"{a} {conj} {b}") in index.regions
               for conj in ("and", "&", "va", "y", "et", "e", "und"))


_AREA_QUALIFIERS = frozenset({"rural", "region", "countryside", "near", "outskirts", "direction"})


def _fold_summary_lead(incidents: list[Incident], lead: set[int]) -> list[Incident]:
    """A long report's lead that no date of its own ties to a day ("attacks are back in the north's
    villages, with an officer and two guards killed") sums up the incidents
    its body dates one by one: when the body dates at least one incident of the same kind in the week
    before, at the lead's place or in the area around it, the lead is their summary -- no event of its
    own; its sentences stay as evidence of the first such incident (``restated``), without its counts."""
    out: list[Incident] = []
    for inc in incidents:
        if inc.main.index in lead and not inc.dated and inc.place is not None:
            key = fold_key(inc.place.mention.text)
            area = inc.place.mention.qualifier in _AREA_QUALIFIERS
            told = [o for o in incidents if o is not inc and o.dated and o.main.index > inc.main.index
                    and o.date.value is not None and inc.date.value is not None
                    and 0 <= (inc.date.value - o.date.value).days <= 7
                    and (_family(o.hits) == _family(inc.hits))
                    and o.place is not None and (area or fold_key(o.place.mention.text) == key
                                                 or key in {fold_key(n) for n in o.nearby})]
            if told:
                told[0].restated.extend(inc.sentences)
                continue
        out.append(inc)
    return out


def _details(inc: Incident, s: Sentence, anchor: date | None) -> bool:
    """Whether ``s``, right after an undated incident placed at most in a country, tells its day and town."""
    return (not inc.dated and (inc.place is None or _country_only(inc.place))
            and s.index - max(x.index for x in inc.sentences) <= 1 and len(inc.sentences) == 1)


def _near(inc: Incident, s: Sentence) -> bool:
    told = max(x.index for x in inc.sentences + inc.tail)
    return s.index - told <= JOIN_SENTENCES


def _months_back(when: ResolvedDate, anchor: date) -> int:
    """How many calendar months before the anchor a month-only date is ("in January" in a March
    report: 2 -- background, whatever day of January it was)."""
    if when.precision != "month" or when.value is None:
        return 0
    return (anchor.year - when.value.year) * 12 + anchor.month - when.value.month


def _placed(inc: Incident) -> bool:
    """A place more precise than a country: a long report's event without one cannot be coded
    (its country-level sentences are about states and policy: "Turkey's incursion", "the US")."""
    return inc.place is not None and not _country_only(inc.place)


def _country_only(place: PlaceCandidate) -> bool:
    from .context import fold, region_index

    key = re.sub(r"^the ", "", fold(place.mention.text))
    return key in region_index().countries or key in ("us", "u s", "america")


def _lead(doc: ParsedArticle) -> set[int]:
    """The lead: the first sentences of the body (headings and bylines skipped)."""
    body = [s.index for s in doc.sentences if not _is_heading(s.text)]
    return set(body[:LEAD_SENTENCES])


def _specific(inc: Incident, rules: CodingRules, lead: set[int]) -> bool:
    """An undated incident of a long article is coded only when it is concrete: a named place
    (not a region) and either the lead reports it or it gives a count of dead or wounded.
    Long reports are mostly background, commentary and general statements."""
    if inc.place is None or (inc.place.mention.qualifier in _VAGUE and not inc.place.mention.container):
        return False
    if any(s.index in lead for s in inc.sentences):
        return True
    return any(find_counts(s.text, rules, kind) for s in inc.sentences for kind in ("fatalities", "injured"))


_VAGUE = frozenset({"rural", "region", "countryside"})


def _contains(place: PlaceCandidate, other: Incident, text: str) -> bool:
    """Whether ``place`` is the region the text puts ``other``'s place in ("Bir al-Abd (Bir al-Abd,
    North Sinai) ... in North Sinai"): a region told beside the town of the same incident."""
    from .context import admin_chain

    key = fold_key(place.mention.text)
    chain = admin_chain(text, other.place.mention.end) if other.place.mention.end > 0 else []
    return key != fold_key(other.place.mention.text) and key in (
        {fold_key(other.place.mention.container or "")} | {fold_key(n) for n in other.nearby} | {fold_key(n) for n in chain})


def _fold_vague(incidents: list[Incident], text: str) -> list[Incident]:
    """An incident placed only in a region ("rural Aleppo"), or in the region the text puts another
    incident's town in, on the day of that incident and of its kind, is the same incident told less
    precisely: its sentences (and counts) join that one."""
    out: list[Incident] = []
    for inc in incidents:
        vague = inc.place is None or (inc.place.mention.qualifier in _VAGUE and not inc.place.mention.container)
        if inc.date.value is not None:
            same = [o for o in incidents if o is not inc and o.place is not None
                    and (o.place.mention.qualifier not in _VAGUE or o.place.mention.container)
                    and o.date.value == inc.date.value
                    and _family(o.hits) == _family(inc.hits)
                    and (vague or (o.main is not inc.main and _contains(inc.place, o, text)))]
            if same:
                target = same[0]
                target.hits.extend(inc.hits)
                target.tail.extend(inc.sentences + inc.tail)
                continue
        out.append(inc)
    return out


def statements_about(doc: ParsedArticle, inc: Incident, incidents: list[Incident], rules: CodingRules,
                     mentions: list[DateMention], main: Sentence, find_actors) -> list:
    """The other sentences that can name the incident's sides (``roles.Statement``): its own event
    sentences, its neighbours and following sentences that report no other incident, and the
    article's undated, uncoded sentences reporting an event (restatements such as the lead).
    ``find_actors(sentence)`` gives a sentence's actor matches."""
    from .roles import Statement

    coded = {s.index for other in incidents for s in other.sentences}
    own = {s.index for s in inc.sentences}
    dated = {s.index for s in doc.sentences for m in mentions if s.start <= m.start < s.end}
    out = []
    for s in inc.sentences:
        if s is not main:
            hits = tuple(h for h in inc.hits if s.start <= h.start < s.end)
            out.append(Statement(s.index, s.start, s.text, "incident", tuple(find_actors(s)), hits))
    tail = {s.index for s in inc.tail}
    for s in doc.sentences:
        if s.index in own or s.index in coded:
            continue
        if s.index in tail or abs(s.index - main.index) <= CONTEXT_SENTENCES + 1:
            hits = () if s.index in dated else tuple(detect(s.text, s.start, rules))
            out.append(Statement(s.index, s.start, s.text, "context", tuple(find_actors(s)), hits))
        elif s.index not in dated and has_trigger(s.text, rules) and not _is_heading(s.text):
            hits = tuple(detect(s.text, s.start, rules))
            if hits:
                out.append(Statement(s.index, s.start, s.text, "restated", tuple(find_actors(s)), hits))
    return out
