"""Stage: event typing -- one ACLED event type and sub-event type for an incident's triggers.

The highest-priority trigger wins, refined by GUIDE.md's rules for the hard cases:
a protest met by force (intervention, excessive force) or turning violent (riot);
a killing whose victims are soldiers or fighters is a Battle, of civilians Violence
against civilians; shelling together with small-arms fire is an Armed clash.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .coding import CodingRules
from .detect import TriggerHit

PROTESTS, RIOTS, BATTLES, VAC, REMOTE, STRATEGIC = (
    "Protests", "Riots", "Battles", "Violence against civilians", "Explosions/Remote violence", "Strategic developments")
_GENERIC_VAC = re.compile(r"^(?:killed|killing|shot|attacked|attack|assault(?:ed)?|injured|wounded|opened fire|gunned down|shot dead|shot and killed|shot to death)$", re.I)
_SMALL_ARMS = re.compile(r"\b(?:small arms|(?<!heavy )(?<!mm )(?<!mm and )machine guns?|gunfire|(?<!sniper )rifles?|clash(?:es|ed)?|exchanged fire|"
                         r"gun ?fights?|fire ?fights?|fighting|in both directions|shoot-?outs?)\b", re.I)


# an arrest the protest is about is no intervention: "protested the arrest of X. He was arrested in
# connection with ...", "families of migrants detained in Spain gathered ..."
_CAUSE = re.compile(r"\b(?:he|she|who|which|whom)\s+(?:was|had been|has been|is|were)\s+(?:\w+ly\s+)?(?:arrested|detained)\b|"
                    r"\b(?:[a-z]+s|people|men|women)\s+(?:arrested|detained)\s+(?:in|by|at|for|since|last|earlier|over|during)\b|"
                    r"\b(?:release|arrest|detention)\s+of\s+(?:the\s+|their\s+)?(?:[\w-]+\s+){0,3}(?:arrested|detained)\b", re.I)


# a trigger's direct object that is a place where civilians live or gather (nouns: cues.toml [typing])
_PLACE_OBJECT = r"\s+(?:(?:the|a|an|their|his|her|several|two|three|\d+|[A-Z][\w-]+|[\w-]+(?=\s+(?:villages?|hamlets?)))\s+){0,4}"
_PLACE_CACHE: dict[str, re.Pattern] = {}
# a clash word whose sides may be unarmed groups (then mob violence)
_BRAWL = re.compile(r"(?:clash(?:ed|es)?|fought|fighting|fights?|clash between|clashes between|skirmish(?:es)?)$", re.I)
_NEVER = re.compile(r"(?!)")


def _cue(rules: CodingRules, name: str) -> re.Pattern:
    return (rules.typing or {}).get(name) or _NEVER


def _civilian_place(rules: CodingRules) -> re.Pattern:
    nouns = (rules.typing or {}).get("civilian_places")
    if not nouns:
        return _NEVER
    rx = _PLACE_CACHE.get(nouns)
    if rx is None:
        rx = _PLACE_CACHE[nouns] = re.compile(_PLACE_OBJECT + r"(?:" + nouns + r")\b")
    return rx


@dataclass(frozen=True)
class Typing:
    event_type: str
    sub_event_type: str
    trigger: TriggerHit
    note: str


def victims_armed(text_after: str, text_before: str, rules: CodingRules) -> bool | None:
    """True when the words around the trigger name armed victims, False for civilians, None unknown."""
    after = re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", text_after[:70], maxsplit=1)[0]  # the trigger's own sentence
    # "a man was shot dead by gunmen", "1 was wounded by Afghan forces fire": after "by" comes the attacker
    after = re.split(r"\b(?:by|at the hands of)\b", after, maxsplit=1, flags=re.I)[0]
    if _civilian_place(rules).match(after):
        return False  # "attacked Arimba village", "fired on the village": the target is where civilians live
    a = rules.armed_victim.search(after)
    c = rules.civilian_victim.search(after)
    if a or c:
        if a and (not c or a.start() < c.start()):
            return True
        return False
    before = re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", text_before[-120:])[-1]
    if re.search(r"\b(?:was|were|been|being)\s*$", before[-25:] + " ") or re.search(r"\b(?:was|were)\b", before[-20:]):
        a = list(rules.armed_victim.finditer(before))
        c = list(rules.civilian_victim.finditer(before))
        if a or c:
            return bool(a and (not c or a[-1].start() > c[-1].start()))
    return None


def type_incident(hits: list[TriggerHit], text: str, rules: CodingRules) -> Typing:
    """Type an incident from its triggers; ``text`` is the article text (offsets of the hits)."""
    protest = [h for h in hits if h.event_type == PROTESTS]
    riot = [h for h in hits if h.event_type == RIOTS]
    window = " ".join(text[max(0, h.start - 200):h.end + 250] for h in (protest or riot or hits)[:1])
    if protest or riot:
        mob = [h for h in riot if h.sub_event_type == "Mob violence"]
        if mob and not protest:
            return Typing(RIOTS, "Mob violence", mob[0], "mob")
        if riot and (not protest or rules.violent.search(window)):
            first = riot[0]
            if not protest and not mob and not _cue(rules, "grievance").search(window):
                # stones thrown, a church vandalised, a car set alight -- no demonstration, no demand: a mob
                return Typing(RIOTS, "Mob violence", first, "riot without a demonstration")
            return Typing(RIOTS, "Mob violence" if mob and not protest else "Violent demonstration", first,
                          "protest turned violent" if protest else "riot")
        if protest:
            if rules.violent.search(window):
                return Typing(RIOTS, "Violent demonstration", protest[0], "protesters used violence")
            if rules.excessive.search(window):
                return Typing(PROTESTS, "Excessive force against protesters", protest[0], "force killed or maimed protesters")
            if rules.intervention.search(_CAUSE.sub(" ", window)):
                return Typing(PROTESTS, "Protest with intervention", protest[0], "protest met by intervention")
            return Typing(PROTESTS, "Peaceful protest", protest[0], "protest")
    best = max(hits, key=lambda h: (h.priority, -h.start))
    if best.event_type == VAC and best.sub_event_type == "Attack":
        armed = victims_armed(text[best.end:best.end + 80], text[max(0, best.start - 130):best.start], rules)
        if armed:
            return Typing(BATTLES, "Armed clash", best, "victims are armed")
        if armed is None and _GENERIC_VAC.match(best.text) and re.search(r"\b(?:attack(?:ed)?|targeted)\b", best.text, re.I):
            return Typing(BATTLES, "Armed clash", best, "attack on an unstated target")
        return Typing(VAC, "Attack", best, "civilian victims")
    if best.sub_event_type == "Shelling/artillery/missile attack":
        sent = text[max(0, best.start - 150):best.end + 150]
        if _SMALL_ARMS.search(sent):
            return Typing(BATTLES, "Armed clash", best, "shelling with small-arms fire")
    if best.sub_event_type == "Armed clash" and _BRAWL.match(best.text):
        around = text[max(0, best.start - 160):best.end + 160]
        named = re.match(r"\s*(?:with|between|among)\s+[^.;]{0,80}", text[best.end:best.end + 90], re.I)
        # a verb's sides are its subject ("supporters clashed"); a noun's, the words after "between/with"
        subject = text[max(0, best.start - 70):best.start] if re.match(r"(?:clashed|fought)$", best.text, re.I) else ""
        sides = subject + " " + (named.group(0) if named else "")
        if not _cue(rules, "armed_side").search(around) and _cue(rules, "unarmed_side").search(sides):
            return Typing(RIOTS, "Mob violence", best, "a fight between unarmed groups")
    if best.sub_event_type == "Armed clash":
        armed = victims_armed(text[best.end:best.end + 80], text[max(0, best.start - 80):best.start], rules)
        if armed is False and not re.search(r"clash|fight|exchang|battle|skirmish|engag", best.text, re.I):
            return Typing(VAC, "Attack", best, "civilian victims")
    return Typing(best.event_type, best.sub_event_type, best, f"trigger {best.text!r}")
