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
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")
# a conflict named as what an agreement, a handover or a deployment ends, follows or answers: its
# background, not a second incident ("agreed on a truce to end the fighting", "withdrew after clashes")
_BACKGROUND_FIGHT = re.compile(r"\b(?:after|following|amid|to end|end(?:ed|s|ing)?|halt(?:ed|ing)?|stop(?:ped|ping)?|in the context of|"
                               r"due to|because of|during|since|over|to (?:stop|halt|end))\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.I)
_FIGHT_NOUN = re.compile(r"(?:fighting|clash(?:es)?|hostilities|battles?|offensive|war|skirmish(?:es)?)$", re.I)
_QUIET = frozenset({"Agreement", "Non-violent transfer of territory", "Headquarters or base established", "Change to group/activity"})
# lethal force words: shooting, killing, live fire (excessive force, not crowd control)
_LETHAL = re.compile(r"\b(?:kill\w*|shot|shoot\w*|opened fire|open fire|fired (?:on|at|into)|live (?:ammunition|rounds|fire)|bullets?|gunfire|"
                     r"dead|died|death|stabbed|massacre\w*|gunned|machine-?gun\w*|wounded|injur\w*)\b", re.I)
# a riot word that is damage to things (arson, vandalism), not a crowd's violence
_DAMAGE = re.compile(r"\b(?:set|torch|burn|vandal|ransack|smash|destroy)\w*", re.I)
# a remote-violence trigger that only names the weapon, not its going off
_EXPLOSION_WORD = re.compile(r"explo|blast|went off|detonat|struck|attack|bomber|hit", re.I)


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
    after = _SENTENCE_END.split(text_after[:70], maxsplit=1)[0]  # the trigger's own sentence
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
    before = _SENTENCE_END.split(text_before[-120:])[-1]
    if re.search(r"\b(?:was|were|been|being)\s*$", before[-25:] + " ") or re.search(r"\b(?:was|were)\b", before[-20:]):
        a = list(rules.armed_victim.finditer(before))
        c = list(rules.civilian_victim.finditer(before))
        if a or c:
            return bool(a and (not c or a[-1].start() > c[-1].start()))
    return None


def _sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding ``text[start:end]``."""
    a = 0
    for m in _SENTENCE_END.finditer(text, max(0, start - 400), start):
        a = m.end()
    m = _SENTENCE_END.search(text, end, end + 400)
    return a, (m.start() if m else min(len(text), end + 400))


def _subject(text: str, hit: TriggerHit) -> str:
    """The words before a trigger in its clause: where its agent is named."""
    a, _ = _sentence_at(text, hit.start, hit.end)
    before = text[a:hit.start]
    return re.split(r";|\s[\u2013\u2014-]\s", before)[-1]


def _object(text: str, hit: TriggerHit, size: int = 90) -> str:
    """The words after a trigger in its sentence, up to an agent's "by"."""
    _, b = _sentence_at(text, hit.start, hit.end)
    after = text[hit.end:min(b, hit.end + size)]
    return re.split(r"\b(?:by|at the hands of)\b", after, maxsplit=1, flags=re.I)[0]


def _first_side(words: str, rules: CodingRules) -> str | None:
    """"state" or "nonstate": the side named first in ``words`` (typing lists of triggers.toml)."""
    st = _cue(rules, "state_side").search(words)
    ns = _cue(rules, "nonstate_side").search(words)
    if st and (not ns or st.start() < ns.start()):
        # "pro-government militias", "state-backed tribal fighters" are the state's side
        return "state"
    if ns:
        return "nonstate"
    return None


def _territory(best: TriggerHit, text: str, rules: CodingRules) -> str:
    """GUIDE "Government regains territory / Non-state actor overtakes territory": the side that took the
    place decides, not the verb -- the state's forces regain it (also "seized control"), a non-state side
    overtakes it (also "recaptured"). The agent is the subject, or after "by" / "fell to"; else the side it was
    taken from is the other one."""
    subject = _subject(text, best)
    passive = re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", subject, re.I)
    _, b = _sentence_at(text, best.start, best.end)
    after = text[best.end:min(b, best.end + 120)]
    if best.text.lower().startswith("fell") or passive:
        by = re.search(r"\b(?:by|to)\b(.{0,80})", after, re.I) if passive else re.match(r"(.{0,80})", after)
        side = _first_side(by.group(1), rules) if by else None
    else:
        side = _first_side(subject, rules)
    if side is None:
        loser = re.search(r"\bfrom\b(.{0,70})", after, re.I)
        lost = _first_side(loser.group(1), rules) if loser else None
        side = {"state": "nonstate", "nonstate": "state"}.get(lost or "")
    if side == "state":
        return TERRITORY[0]
    if side == "nonstate":
        return TERRITORY[1]
    return best.sub_event_type


def _force_on_protesters(hit: TriggerHit, text: str, rules: CodingRules) -> str | None:
    """Whether a violent trigger's victims are protesters: "lethal" (shot, killed: GUIDE, excessive force
    against protesters) or "control" (tear gas, water cannon: a protest with intervention); None otherwise.
    The victims are the trigger's object, or its passive subject ("two protesters were shot dead")."""
    if hit.event_type not in (VAC, BATTLES) or hit.sub_event_type in TERRITORY:
        return None
    subject = _subject(text, hit)
    if re.search(r"\b(?:who|whom|which|that)\s+(?:\w+\s+){0,3}$", subject, re.I):
        return None  # "against the death of a man who was shot during a demonstration": a cause, not this event
    passive = re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", subject, re.I)
    if passive:
        victims = subject[-70:]
    else:
        if _cue(rules, "protester").search(subject[-60:]) and not re.search(r"\b(?:on|at|against)\s+(?:\w+\s+){0,4}$",
                                                                              subject[-60:], re.I):
            return None  # "protesters shot dead a policeman": the protesters are the agents (a riot)
        victims = _object(text, hit)
    if not _cue(rules, "protester").search(victims):
        return None
    if _cue(rules, "crowd_control").search(hit.text + " " + victims[:40]) and not _LETHAL.search(hit.text):
        return "control"
    return "lethal"


def _arson_by_armed(hit: TriggerHit, text: str, rules: CodingRules) -> bool:
    """A riot word that damages property, done by an armed side or an unknown person ("gunmen set fire to
    houses", "trucks were set on fire by armed men", "the military torched houses"): property destruction
    (ACLED: Looting/property destruction), not a crowd's riot."""
    if not _DAMAGE.match(hit.text):
        return False
    subject = _subject(text, hit)[-90:]
    _, b = _sentence_at(text, hit.start, hit.end)
    by = re.search(r"\bby\b(.{0,60})", text[hit.end:b], re.I)
    passive = re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", subject, re.I)
    agent = by.group(1) if by and passive else subject  # "were set on fire by armed men": the agent follows
    if _cue(rules, "unarmed_side").search(agent) or re.search(r"\b(?:mob|crowd|rioters|protesters|demonstrators)\b", agent, re.I):
        return False
    # the agent is the side named first: "100 nationals assaulted armed police and vandalised ..." is a crowd
    armed = _cue(rules, "arsonist").search(agent)
    crowd = rules.civilian_victim.search(agent)
    return bool(armed and (not crowd or armed.start() <= crowd.start()))


def _drop_background_fights(hits: list[TriggerHit], text: str) -> list[TriggerHit]:
    """An agreement, handover, base or deployment told with the fighting it ends or follows: the fighting is
    its background ("agreed to a ceasefire after two days of fighting"), so it does not decide the type."""
    if not any(h.sub_event_type in _QUIET for h in hits):
        return hits
    kept = [h for h in hits if not (h.sub_event_type == "Armed clash" and _FIGHT_NOUN.match(h.text)
                                     and _BACKGROUND_FIGHT.search(text[max(0, h.start - 60):h.start]))]
    return kept or hits


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
            if not protest and not mob and not _cue(rules, "grievance").search(window) and _arson_by_armed(first, text, rules):
                return Typing(STRATEGIC, "Looting/property destruction", first, "property burned or damaged by an armed side")
            if not protest and not mob and not _cue(rules, "grievance").search(window):
                # stones thrown, a church vandalised, a car set alight -- no demonstration, no demand: a mob
                return Typing(RIOTS, "Mob violence", first, "riot without a demonstration")
            return Typing(RIOTS, "Mob violence" if mob and not protest else "Violent demonstration", first,
                          "protest turned violent" if protest else "riot")
        if protest:
            if rules.violent.search(window):
                return Typing(RIOTS, "Violent demonstration", protest[0], "protesters used violence")
            if rules.excessive.search(window) or any(_force_on_protesters(h, text, rules) == "lethal" for h in hits):
                return Typing(PROTESTS, "Excessive force against protesters", protest[0], "force killed or maimed protesters")
            if rules.intervention.search(_CAUSE.sub(" ", window)):
                return Typing(PROTESTS, "Protest with intervention", protest[0], "protest met by intervention")
            return Typing(PROTESTS, "Peaceful protest", protest[0], "protest")
    hits = _drop_background_fights(hits, text)
    best = max(hits, key=lambda h: (h.priority, -h.start))
    if best.sub_event_type in TERRITORY:
        sub = _territory(best, text, rules)
        return Typing(BATTLES, sub, best, "territory taken by " + ("the state's forces" if sub == TERRITORY[0] else "a non-state side"))
    # GUIDE: Protests / Excessive force against protesters -- lethal force on protesters; crowd control
    # on them is an intervention (no protest verb needed: "opened fire on peaceful protesters")
    for h in sorted(hits, key=lambda h: h.start):
        force = _force_on_protesters(h, text, rules)
        if force == "lethal" or (force == "control" and h is best):
            sub = "Excessive force against protesters" if force == "lethal" else "Protest with intervention"
            return Typing(PROTESTS, sub, h, "force on protesters")
    if best.sub_event_type == "Remote explosive/landmine/IED" and not _EXPLOSION_WORD.search(best.text):
        disrupted = [h for h in hits if h.sub_event_type == "Disrupted weapons use"]
        if disrupted:  # "recovered explosives and defused three IEDs": the weapon named is the one defused
            return Typing(STRATEGIC, "Disrupted weapons use", disrupted[0], "a weapon found or defused")
    if best.event_type == VAC and best.sub_event_type == "Attack":
        armed = victims_armed(text[best.end:best.end + 80], text[max(0, best.start - 130):best.start], rules)
        if armed:
            return Typing(BATTLES, "Armed clash", best, "victims are armed")
        harm = [h for h in hits if h.event_type == VAC and not re.match(r"(?:attack(?:ed)?|assault(?:ed)?)$", h.text, re.I)]
        looting = [h for h in hits if h.sub_event_type == "Looting/property destruction"]
        if armed is None and looting and not harm and re.match(r"(?:attack(?:ed)?|assault(?:ed)?)$", best.text, re.I):
            # "attacked and burned a school", "attacked and damaged the building": the attack's only
            # stated effect is the damage (ACLED: Looting/property destruction)
            return Typing(STRATEGIC, "Looting/property destruction", looting[0], "an attack on property")
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
        if _cue(rules, "protester").search(subject[-40:] + " " + (named.group(0)[:40] if named else "")) and re.search(
                r"\b(?:protesters?|protestors?|demonstrators?|marchers?)\b", sides, re.I):
            # GUIDE: Riots / Violent demonstration -- demonstrators who fight the police riot
            return Typing(RIOTS, "Violent demonstration", best, "demonstrators fought")
        if not _cue(rules, "armed_side").search(around) and _cue(rules, "unarmed_side").search(sides):
            return Typing(RIOTS, "Mob violence", best, "a fight between unarmed groups")
    if best.sub_event_type == "Armed clash":
        armed = victims_armed(text[best.end:best.end + 80], text[max(0, best.start - 80):best.start], rules)
        if armed is False and not re.search(r"clash|fight|exchang|battle|skirmish|engag", best.text, re.I):
            return Typing(VAC, "Attack", best, "civilian victims")
    return Typing(best.event_type, best.sub_event_type, best, f"trigger {best.text!r}")
