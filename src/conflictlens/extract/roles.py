"""Stage: role assignment -- actor1 (who acted) and actor2 (who was acted upon).

Uses the actor table's matches in the incident's sentence.  By event type:
protests -> Protesters (+ the intervening force), riots -> Rioters (+ target),
violence against civilians -> the perpetrator (else an unidentified armed group) and
Civilians; battles and remote violence -> the actor before the trigger (after "by" in
the passive) and the one after it.  A claim of responsibility makes the claimant actor1;
an unknown aircraft or drone is "Unidentified Military Forces".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Actor

_PASSIVE_BY = re.compile(r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+|suspected\s+|alleged\s+|presumed\s+|assumed\s+|apparent\s+|likely\s+|reportedly\s+|"
                         r"[\w-]+-(?:backed|led|allied|aligned|affiliated|linked|supported)\s+)*$", re.I)
_CLAIM = re.compile(r"\bclaim(?:ed|s)?\s+(?:the\s+)?responsibility\b|\bclaimed\s+(?:the\s+)?(?:attack|killing|bombing)\b", re.I)
_UNKNOWN_AIR = re.compile(r"\b(?:unknown|unidentified|unmarked)\s+(?:aircraft|warplanes?|jets?|drones?|planes?|helicopters?)\b", re.I)
_UNKNOWN_ARMED = re.compile(r"\b(?:unknown|unidentified|armed|masked)\s+(?:gunmen|attackers|assailants|men|individuals|persons|people|group|commando)\b|\bgunmen\b|\bassailants\b|\bunknown party\b", re.I)
# a passive trigger without "by": the side named before it was acted upon ("two militants were captured")
_PASSIVE_TRIGGER = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)
# the subject of a reporting verb watched or told the event: "the OSCE SMM observed 21 explosions"
_OBSERVER = re.compile(r"\s*(?:(?!(?:was|were|is|are|been|be|being|had|has|have)\b)[\w-]+\s+){0,2}?(?:observed|recorded|monitored|heard|saw|documented|noted|counted|registered|"
                       r"reported|said|stated|told)\b(?!\s+(?:that\s+)?(?:it|they|its|their|we|our|he|she)\b)", re.I)
# "a gang member was killed after exchanging fire with the police": the subject was acted upon
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:killed|injured|wounded|shot|captured|arrested|detained)\s+"
                             r"(?:after|while|when|during|in)\s+(?:an?\s+|the\s+)?$", re.I)
_PROTEST_WORDS = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|(?-i:march)(?:ed|es|ing)?|sit-?ins?|strik(?:e|es|ing)|riot\w*)\b", re.I)
# a trigger naming a fight between sides, not who started it
_SYMMETRIC = re.compile(r"(?:clash(?:es|ed)?|fighting|battles?|skirmish(?:es)?|exchanges? of fire|fire ?fights?|gun ?battles?)\b", re.I)
_SYMMETRIC_ANY = re.compile(r"\b(?:clash(?:es|ed)?|fighting|battles?|skirmish(?:es)?|exchanges? of fire|fire ?fights?|"
                            r"gun ?battles?|shoot-?outs?|exchanged fire)\b", re.I)
_EXPLICIT_UNKNOWN = re.compile(r"\b(?:unknown|unidentified|unmarked|anonymous)\b", re.I)
_ARMED_KINDS = frozenset({"named", "military", "police", "government", "generic"})
_STATE_KINDS = frozenset({"military", "police", "government"})


@dataclass(frozen=True)
class FoundActor:
    actor: Actor
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Roles:
    actor1: FoundActor | None
    actor2: FoundActor | None
    note: str = ""
    source1: str = ""  # how actor1 was found: claim | agent | subject | national | object | unknown | default | crowd


def _is_civilian(a: Actor) -> bool:
    return a.actor_type == "civilians"


def _is_crowd(a: Actor) -> bool:
    return a.actor_type in ("protesters", "rioters")


def assign_roles(event_type: str, sub_event_type: str, trigger_start: int, trigger_end: int,
                 sentence_start: int, sentence_text: str, found: list[FoundActor], table, country: str | None,
                 when, frames=()) -> Roles:
    """``found``: actors matched in the sentence (article offsets), in order; ``frames``: the
    parsed frames (syntax.Frame) of the sentence's event words, the trigger's first."""
    text = sentence_text
    roles = _regex_roles(event_type, sub_event_type, trigger_start, trigger_end, sentence_start, text, found, table,
                         country, when)
    if frames and event_type not in ("Protests", "Riots"):
        return _with_syntax(roles, event_type, sub_event_type, frames, found, table, country, when, sentence_start, text)
    return roles


def _overlaps(f: FoundActor, spans) -> bool:
    return any(f.start < b and f.end > a for a, b in spans)


def _syntax_agent(frames, found: list[FoundActor], table, when, sentence_start: int, text: str):
    """The first actor standing in an agent position of the frames (or a state named by its
    adjective there: "an Israeli strike"), with the frame that gave it."""
    for fr in frames:
        for a, b in fr.agents:
            hit = [f for f in found if _overlaps(f, [(a, b)]) and not _is_civilian(f.actor) and not _is_crowd(f.actor)]
            if hit:  # "IS militants": the named group over the generic word inside it
                return min(hit, key=lambda f: (_unidentified(f), -(f.end - f.start), f.start)), fr
            state = _national_agent(text, b - sentence_start, table, when, whole=text[a - sentence_start:b - sentence_start])
            if state is not None:
                return FoundActor(state[0], a, b, text[a - sentence_start:b - sentence_start]), fr
    return None, None


def _with_syntax(roles: Roles, event_type: str, sub_event_type: str, frames, found, table, country, when,
                 sentence_start: int, text: str) -> Roles:
    """The parse decides who acted where the word windows guessed: the agent of the event's
    frame is actor1 (a victim in the patient position never is), its patient actor2.  A claim of
    responsibility and an explicitly unknown aircraft keep their place (GUIDE.md)."""
    actor1, actor2, source = roles.actor1, roles.actor2, roles.source1
    agent, frame = _syntax_agent(frames, found, table, when, sentence_start, text)
    patients = [f for fr in ([frame] if frame is not None else frames[:1]) for f in found if _overlaps(f, fr.patients)]
    if source in ("claim", "unknown") and not (source == "unknown" and agent is not None and _is_state(agent.actor)
                                                and event_type == "Explosions/Remote violence"):
        return roles
    if agent is not None and (actor1 is None or agent.actor.name != actor1.actor.name):
        actor1, source = agent, "syntax"
    elif agent is None and actor1 is not None and source not in ("default",) and any(
            f.actor.name == actor1.actor.name for f in patients) and event_type in _VIOLENT \
            and not _SYMMETRIC_ANY.search(text):
        # the side the window read as the doer was acted upon ("two soldiers were killed in an attack")
        victim = actor1
        actor1 = FoundActor(table.generic("unidentified_armed_group", country, when), victim.start, victim.end, victim.text)
        if event_type == "Violence against civilians":
            actor1 = FoundActor(table.generic("perpetrator", country, when), victim.start, victim.end, victim.text)
        actor2, source = victim, "syntax"
    elif not (agent is not None and actor2 is None and any(f.actor.name != agent.actor.name for f in patients)):
        return roles  # (the words gave the parse's agent, but no target: the parse's patient is actor2)
    if event_type == "Violence against civilians" and actor1 is not None and _is_civilian(actor1.actor):
        return roles
    side = next((f for f in patients if f.actor.name != actor1.actor.name), None)
    if side is not None:
        actor2 = side
    elif actor2 is not None and actor2.actor.name == actor1.actor.name:
        actor2 = None
    if event_type == "Violence against civilians" and (actor2 is None or not _is_civilian(actor2.actor)):
        actor2 = next((f for f in found if _is_civilian(f.actor)), None) or FoundActor(
            table.generic("civilians", country, when), actor1.start, actor1.end, actor1.text)
    return Roles(actor1, actor2, "the agent and patient of the event in the sentence's parse", source)


def _is_state(a: Actor) -> bool:
    return a.actor_type == "state_forces"


def _regex_roles(event_type: str, sub_event_type: str, trigger_start: int, trigger_end: int,
                 sentence_start: int, text: str, found: list[FoundActor], table, country: str | None,
                 when) -> Roles:
    """The roles read from word windows around the trigger (no parse)."""

    def generic(kind: str, at: int = trigger_start, at_end: int = trigger_end) -> FoundActor:
        a = table.generic(kind, country, when)
        return FoundActor(a, at, at_end, text[at - sentence_start:at_end - sentence_start])

    def passive_agent() -> FoundActor | None:
        if re.search(r"\bby$", text[trigger_start - sentence_start:trigger_end - sentence_start]) and after:
            return after[0]
        for f in after:
            gap = text[trigger_end - sentence_start:f.start - sentence_start]
            if len(gap) < 60 and _PASSIVE_BY.search(gap):
                return f
        if before:  # "... were killed by Afghan military airstrikes": the actor names the trigger's maker
            f = before[-1]
            gap = text[f.end - sentence_start:trigger_start - sentence_start]
            if re.fullmatch(r"(?:['\u2019]s?)?\s*(?:[a-z-]+\s+)?", gap) and _PASSIVE_BY.search(text[:f.start - sentence_start]):
                return f
        return None

    def claimant() -> FoundActor | None:
        m = _CLAIM.search(text)
        if not m:
            return None
        cand = [f for f in found if f.end <= sentence_start + m.start() and not _is_civilian(f.actor)]
        return cand[-1] if cand else None

    if event_type == "Protests":
        a1 = next((f for f in found if f.actor.actor_type == "protesters"), None) or generic("protesters")
        force = next((f for f in found if f.actor.actor_type == "state_forces" and f.start > a1.start), None)
        if sub_event_type == "Peaceful protest":
            force = None
        elif force is None:
            force = generic("police")
        return Roles(a1, force, "protest", "crowd")
    if event_type == "Riots":
        a1 = next((f for f in found if _is_crowd(f.actor)), None)
        if a1 is None or a1.actor.actor_type != "rioters":
            a1 = generic("rioters", a1.start if a1 else trigger_start, a1.end if a1 else trigger_end)
        target = next((f for f in found if f.start >= trigger_end and not _is_crowd(f.actor)), None)
        return Roles(a1, target, "riot", "crowd")

    # who watched or told it is no side of it ("the OSCE SMM observed 21 explosions")
    found = [f for f in found if not _OBSERVER.match(text, f.end - sentence_start)]
    # an actor named with the weapon ("Saudi-led coalition air raids") made it: before the trigger
    before = [f for f in found if f.end <= trigger_start or f.start < trigger_start < f.end
              or (f.start == trigger_start and f.end < trigger_end)]
    # an actor inside the trigger after its first word ("killed 20 Boko Haram militants") was acted upon
    after = [f for f in found if f.start >= trigger_end or (trigger_start < f.start and f.end <= trigger_end)]
    m = _UNKNOWN_AIR.search(text)
    agent = passive_agent()
    actor1 = claimant()
    source = "claim"
    if actor1 is None and m and event_type == "Explosions/Remote violence":
        actor1 = FoundActor(table.generic("unidentified_military", country, when), sentence_start + m.start(),
                            sentence_start + m.end(), m.group(0))
        source = "unknown"
    if actor1 is None and agent is not None:
        actor1, source = agent, "agent"
    if actor1 is not None and _is_civilian(actor1.actor):
        actor1 = None  # civilians are the ones acted upon in fighting and attacks (a passive "by" names a cause)
    passive = agent is None and (_PASSIVE_TRIGGER.search(text[:trigger_start - sentence_start]) is not None
                                 or _PASSIVE_BEFORE.search(text[:trigger_start - sentence_start]) is not None)
    if actor1 is None and not passive:
        subj = [f for f in before if not _is_civilian(f.actor) and not _is_crowd(f.actor)]
        if subj:
            actor1, source = subj[0], "subject"
    if actor1 is None and event_type in _VIOLENT:
        state = _national_agent(text, trigger_start - sentence_start, table, when)
        if state is not None:
            actor1, source = FoundActor(state[0], sentence_start + state[1], sentence_start + state[2],
                                        text[state[1]:state[2]]), "national"
    if actor1 is None:
        um = _UNKNOWN_ARMED.search(text)
        if um:
            actor1 = FoundActor(table.generic("unidentified_armed_group", country, when), sentence_start + um.start(),
                                sentence_start + um.end(), um.group(0))
            source = "unknown"
    # the side acted upon
    others = [f for f in found if actor1 is None or (f.actor.name != actor1.actor.name and f is not actor1)]
    if agent is not None:
        pre = [f for f in before if actor1 is None or f.actor.name != actor1.actor.name]
        actor2 = pre[-1] if pre else next((f for f in others if f in after), None)
    else:
        actor2 = next((f for f in others if f in after), None) or (
            next((f for f in reversed(others) if f.end <= trigger_start), None) if actor1 is None or passive else None)
        if actor1 is None and actor2 is not None and actor2.end <= trigger_start and not _is_civilian(actor2.actor) \
                and not passive:
            actor1, actor2, source = actor2, None, "subject"
    if actor2 is None and event_type == "Explosions/Remote violence":
        # "1 child was killed and 3 civilians were wounded by a mortar": the civilians were hit
        actor2 = next((f for f in found if _is_civilian(f.actor)), None)
    if event_type == "Violence against civilians":
        if actor1 is None or _is_civilian(actor1.actor):
            actor1, source = generic("perpetrator"), "default"
        if actor2 is None or not _is_civilian(actor2.actor):
            actor2 = next((f for f in found if _is_civilian(f.actor)), None) or generic("civilians")
    elif actor1 is None:
        source = "default"
        if event_type == "Explosions/Remote violence" and sub_event_type == "Air/drone strike":
            actor1 = generic("unidentified_military")
        elif event_type == "Battles" and _SYMMETRIC.match(text, trigger_start - sentence_start) and \
                len({f.actor.name for f in after if not _is_civilian(f.actor)}) >= 2:
            # "clashes were reported between A ... and B": the sides in the order the report names them
            sides = [f for f in after if not _is_civilian(f.actor)]
            actor1 = sides[0]
            actor2 = next(f for f in sides if f.actor.name != actor1.actor.name)
            source = "sides"
        elif event_type == "Battles" and passive and actor2 is not None and actor2.start >= trigger_end:
            # "a gang member was killed after exchanging fire with the police": the forces killed him
            side = next((f for f in reversed(before) if not _is_civilian(f.actor)), None)
            actor1, actor2, source = actor2, side or generic("unidentified_armed_group"), "object"
        elif event_type in ("Battles", "Explosions/Remote violence"):
            actor1 = generic("unidentified_armed_group")
        elif sub_event_type in ("Arrests", "Disrupted weapons use"):
            actor1 = generic("police")
        elif actor2 is not None:
            actor1, actor2, source = actor2, None, "object"
        else:
            actor1 = generic("unidentified_armed_group")
    if actor2 is not None and actor2.actor.actor_type == "protesters" and not _PROTEST_WORDS.search(text):
        # "police arrested three students": students, not protesters, where no protest is told
        actor2 = FoundActor(table.generic("civilians", country, when), actor2.start, actor2.end, actor2.text)
    if actor2 is not None and actor1 is not None and actor2.actor.name == actor1.actor.name and sub_event_type != "Armed clash":
        actor2 = None
    return Roles(actor1, actor2, "roles", source)


@dataclass(frozen=True)
class Statement:
    """Another sentence about the incident: ``kind`` "incident" (one of its event sentences),
    "context" (a following or neighbouring sentence without a trigger of its own) or "restated"
    (an uncoded sentence of the article reporting the same kind of event, e.g. the lead)."""
    index: int
    start: int
    text: str
    kind: str
    found: tuple[FoundActor, ...]
    hits: tuple = ()  # TriggerHit of its event words (article offsets)


_NOMINAL = re.compile(r"\b(?:the|a|an|this|that|its|their|his|her)\s+(?:[a-z-]+\s+)?$", re.I)
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_WEAK_SOURCES = frozenset({"default", "object"})
_NEAR = 3  # sentences: how far a neighbour may be from the incident's own sentences to name its sides


def _unidentified(f: FoundActor | None) -> bool:
    return f is None or f.actor.name.lower().startswith("unidentified")


def _named_side(f: FoundActor | None) -> bool:
    return f is not None and not _unidentified(f) and not _is_civilian(f.actor) and not _is_crowd(f.actor)


# An accusation names the accused (docs/ARCHITECTURE.md: the accused is actor1, the accuser never
# is): "blamed the attack on Y", "blamed Y for", "accused Y of", "held Y responsible", "believed
# to have been carried out by Y".  The group stands within a few words after the cue.
_ACCUSATION = re.compile(
    r"\bblam(?:ed|es|ing)\s+(?:the\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,3}?on\s+|\bblam(?:ed|es|ing)\s+(?=[^.;]{0,60}\bfor\b)|"
    r"\baccus(?:ed|es|ing)\s+|\bheld\s+(?=[^.;]{0,50}\bresponsible\b)|"
    r"\b(?:believed|thought|suspected|said|alleged|presumed)\s+to\s+(?:have\s+been|be)\s+(?:carried out|perpetrated|committed|"
    r"planted|launched|staged|behind|the work of)\s+(?:by\s+)?|\battributed\s+(?:[\w-]+\s+){0,3}?to\s+", re.I)


_OF_THE_ACT = re.compile(r"\b(?:attack|assault|bomb|blast|explosion|kill|murder|shoot|shot|strike|shell|ambush|massacre|"
                         r"assassinat|raid|abduct|kidnap|rocket|missile|incident|it\b|this\b)", re.I)


def _accused_in(st: Statement) -> FoundActor | None:
    for m in _ACCUSATION.finditer(st.text):
        if re.match(r"accus|blam\w+\s+(?!.*\bon\b)|held", m.group(0), re.I) and not _OF_THE_ACT.search(st.text, m.end()):
            continue  # "accused the government of lying": an accusation, but not of this act
        at = st.start + m.end()
        cand = [f for f in st.found if at <= f.start <= at + 40 and _named_side(f)]
        if cand:
            return min(cand, key=lambda f: f.start)
    return None


def _claim_in(st: Statement) -> FoundActor | None:
    m = _CLAIM.search(st.text)
    if not m:
        return None
    cand = [f for f in st.found if f.end <= st.start + m.start() and _named_side(f)]
    return cand[-1] if cand else None


def incident_roles(event_type: str, sub_event_type: str, roles: Roles, main_index: int,
                   statements: list[Statement], table, country: str | None, when) -> Roles:
    """Complete the trigger sentence's roles from the incident's other sentences.

    actor1 found by default (no agent written in the trigger sentence) or unidentified gives way
    to a claim of responsibility in the incident's sentences or neighbours; one found by default
    also to the agent of another sentence reporting the same kind of event (the incident's other
    sentences first, then restatements such as the lead).  An armed incident without a target
    takes the nearest named side its sentences and neighbours mention (the victim's affiliation).
    """
    if event_type in ("Protests", "Riots") or roles.actor1 is None:
        return roles
    actor1, actor2, source, note = roles.actor1, roles.actor2, roles.source1, roles.note
    ordered = sorted(statements, key=lambda st: (abs(st.index - main_index), st.index))
    near = [st for st in ordered if st.kind == "incident" or (st.kind == "context" and abs(st.index - main_index) <= _NEAR)]
    if event_type != "Strategic developments" and (source in _WEAK_SOURCES or _unidentified(actor1)):
        claim = next((c for c in map(_claim_in, near) if c is not None), None)
        if claim is not None:
            actor1, source, note = claim, "claim", "claim of responsibility in the incident's sentences"
        else:
            accused = next((c for c in map(_accused_in, near) if c is not None), None)
            if accused is not None:
                actor1, source, note = accused, "claim", "accused in the report (an accusation, not a claim)"
    if source in _WEAK_SOURCES or (_unidentified(actor1) and source != "claim"
                                   and not _EXPLICIT_UNKNOWN.search(actor1.text)):
        for st in [s for s in ordered if s.kind == "incident"] + [s for s in ordered if s.kind != "incident"]:
            other = _agent_in(st, event_type, sub_event_type, table, country, when)
            if other is _UNKNOWN_DOER:
                break  # the report itself says who is unknown ("launched by militants"): no guessing further
            if other is not None and (actor2 is None or other.actor.name != actor2.actor.name or st.kind == "restated"):
                actor1, source = other, "agent"
                note = "the agent of another sentence reporting the incident" if st.kind == "incident" else \
                    "the agent of the same kind of event reported without a date elsewhere in the article"
                break
    if actor2 is not None and actor2.actor.name == actor1.actor.name:
        actor2 = None
    if actor2 is None and event_type in ("Battles", "Explosions/Remote violence"):
        side = next((f for st in near for f in st.found
                     if _named_side(f) and f.actor.name != actor1.actor.name), None)
        if side is not None:
            actor2 = side
    if actor1 is roles.actor1 and actor2 is roles.actor2:
        return roles
    return Roles(actor1, actor2, note, source)


_UNKNOWN_DOER = FoundActor(Actor("", "", 0), 0, 0, "")  # marker: the incident's own report names an unidentified doer


def _agent_in(st: Statement, event_type: str, sub_event_type: str, table, country, when) -> FoundActor | None:
    """The side that acted in another sentence's report of the same kind of event, if written."""
    for h in st.hits:
        same_kind = h.event_type == event_type or (h.event_type in _VIOLENT and event_type in _VIOLENT)
        if not same_kind or (event_type == "Strategic developments" and h.sub_event_type != sub_event_type):
            continue
        r = assign_roles(h.event_type, h.sub_event_type, h.start, h.end, st.start, st.text, list(st.found),
                         table, country, when)
        nominal = _NOMINAL.search(st.text[:h.start - st.start])
        if r.source1 == "subject" and nominal and not any(
                f.end > st.start + nominal.start() and f.start < h.start for f in st.found):
            continue  # "the presence of X ... suggested the battle was ending": X is no agent of "the battle"
        if st.kind == "incident" and r.source1 in ("claim", "agent") and _unidentified(r.actor1):
            return _UNKNOWN_DOER
        if r.source1 in ("claim", "agent", "subject", "national") and _named_side(r.actor1):
            a = r.actor1.actor
            if a.name.startswith("Government of") and event_type in _VIOLENT and a.country:
                # "government attacks" elsewhere in the report: its forces did the fighting
                return FoundActor(table.generic("military", a.country, when), r.actor1.start, r.actor1.end, r.actor1.text)
            return r.actor1
    return None


# "Turkey's incursion", "the Turkish attack", "Russian air strikes": a state named as the doer of the action
_NATIONAL_BEFORE = re.compile(r"\b(?P<w>[A-Z][a-z]+|U\.?S\.?|UK)(?:['\u2019]s)?\s+(?:(?:military|army|air|artillery|"
                              r"drone|missile|rocket|naval|ground|aerial|cross-border)\s+)?$")


_NATIONAL_WORD = re.compile(r"(?:the\s+)?(?P<w>[A-Z][a-z]+|U\.?S\.?|UK)(?:['\u2019]s)?")


def _national_agent(text: str, at: int, table, when, whole: str | None = None) -> tuple[Actor, int, int] | None:
    """The military forces of the country whose name or adjective stands right before the
    trigger at ``at`` ("Turkey's incursion", "Turkish shelling"), if any; with ``whole``, the
    country named by that agent phrase itself (the parse's modifier: "Israeli")."""
    if whole is not None:
        m = _NATIONAL_WORD.fullmatch(whole.strip())
        if not m:
            return None
        found = table.find(f"{m.group('w')} forces", None, when)
        if len(found) == 1 and found[0].start == 0 and found[0].actor.actor_type == "state_forces":
            return found[0].actor, at - len(whole), at
        return None
    m = _NATIONAL_BEFORE.search(text[max(0, at - 40):at])
    if not m:
        return None
    word = m.group("w")
    found = table.find(f"{word} forces", None, when)
    if len(found) == 1 and found[0].start == 0 and found[0].actor.actor_type == "state_forces":
        offset = max(0, at - 40)
        return found[0].actor, offset + m.start("w"), offset + m.end("w")
    return None


# organised crime named in the report ("drug trafficking", "a gang", "the cartel"), or its modus
# operandi where ACLED codes gangs: a drive-by shooting, a body dumped or found with wounds or torture
_CRIME = re.compile(r"\b(?:gangs?|gangsters?|drugs?|narco\w*|traffick\w*|cartels?|criminal (?:groups?|gangs?|organi[sz]ations?|factions?)|"
                    r"organi[sz]ed crime|militias?|extortion|hit ?men|sicarios?|drive[- ]by(?: shootings?)?|"
                    r"found dead|bod(?:y|ies) (?:of [^.;]{0,40})?(?:was|were) (?:found|dumped|discovered)|"
                    r"(?:was|were) found (?:murdered|killed|dead|shot|with (?:gunshot|bullet|stab)))", re.I)


def criminal_perpetrator(roles: Roles, event_type: str, text: str, table, country: str | None, when) -> Roles:
    """Where ACLED codes unattributed criminal violence as a gang (countries.csv
    ``unknown_perpetrator``), an unidentified armed group that attacked civilians, or fought
    where the report ties the violence to organised crime, is the country's unidentified gang."""
    a1 = roles.actor1
    if a1 is None or not a1.actor.name.startswith("Unidentified Armed Group") or event_type not in _VIOLENT:
        return roles
    if not _CRIME.search(text):
        return roles
    gang = table.generic("perpetrator", country, when)
    if gang.name == a1.actor.name:
        return roles
    return Roles(FoundActor(gang, a1.start, a1.end, a1.text), roles.actor2, roles.note, roles.source1)


def front_line_sides(roles: Roles, event_type: str, text: str, regions, table, country: str | None, when) -> Roles:
    """Fire on a front line with two known belligerents (data/actors/fronts.csv) that the report
    attributes to no side -- no named actor, no "gunmen" -- is coded between the front's two
    sides, as ACLED codes monitors' tallies of ceasefire violations."""
    a1, a2 = roles.actor1, roles.actor2
    if event_type not in ("Battles", "Explosions/Remote violence") or a1 is None or not _unidentified(a1):
        return roles
    if (a2 is not None and not _unidentified(a2) and not _is_civilian(a2.actor)) or _UNKNOWN_ARMED.search(text):
        return roles
    sides = table.front_sides(country, [r for r in regions if r], text, when)
    if sides is None:
        return roles
    # the other side stays unnamed (which side fired is not told, only that the front's forces did),
    # unless fire went both ways: an exchange is between the front's two sides
    other = a2 if a2 is not None and not _unidentified(a2) else None
    if _EXCHANGE.search(text):
        other = FoundActor(sides[1], a1.start, a1.end, a1.text)
    return Roles(FoundActor(sides[0], a1.start, a1.end, a1.text), other,
                 "a front line's two sides (fronts.csv): the report names no side", "front")


_EXCHANGE = re.compile(r"\bin both directions\b|\bexchang(?:ed|es|ing) (?:of )?(?:fire|shelling|artillery|gunfire)\b|"
                       r"\bexchanges? of (?:fire|shelling|artillery|gunfire)\b|\btraded (?:fire|shelling)\b", re.I)


def clash_order(roles: Roles, sub_event_type: str, table, country: str | None) -> Roles:
    """The order of an armed clash's sides between state forces and another group where ACLED
    lists them in a fixed order whoever the report says started it (countries.csv ``clash_order``:
    Brazil's police first, Mexico's forces second); elsewhere the report's order stands."""
    a1, a2 = roles.actor1, roles.actor2
    if sub_event_type != "Armed clash" or a1 is None or a2 is None or roles.source1 == "claim":
        return roles
    if _is_state(a1.actor) == _is_state(a2.actor):
        return roles
    order = table.clash_order(country)
    if not order or _is_state(a1.actor) == (order == "state_first"):
        return roles
    return Roles(a2, a1, f"ACLED's order of a clash's sides in {country}", "order")
