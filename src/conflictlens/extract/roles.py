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

_PASSIVE_BY = re.compile(r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+|suspected\s+|alleged\s+)*$", re.I)
_CLAIM = re.compile(r"\bclaim(?:ed|s)?\s+(?:the\s+)?responsibility\b|\bclaimed\s+(?:the\s+)?(?:attack|killing|bombing)\b", re.I)
_UNKNOWN_AIR = re.compile(r"\b(?:unknown|unidentified|unmarked)\s+(?:aircraft|warplanes?|jets?|drones?|planes?|helicopters?)\b", re.I)
_UNKNOWN_ARMED = re.compile(r"\b(?:unknown|unidentified|armed|masked)\s+(?:gunmen|attackers|assailants|men|individuals|persons|people|group|commando)\b|\bgunmen\b|\bassailants\b|\bunknown party\b", re.I)
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


def _is_civilian(a: Actor) -> bool:
    return a.actor_type == "civilians"


def _is_crowd(a: Actor) -> bool:
    return a.actor_type in ("protesters", "rioters")


def assign_roles(event_type: str, sub_event_type: str, trigger_start: int, trigger_end: int,
                 sentence_start: int, sentence_text: str, found: list[FoundActor], table, country: str | None,
                 when) -> Roles:
    """``found``: actors matched in the sentence (article offsets), in order."""
    before = [f for f in found if f.end <= trigger_start]
    after = [f for f in found if f.start >= trigger_end]
    text = sentence_text

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
        return Roles(a1, force, "protest")
    if event_type == "Riots":
        a1 = next((f for f in found if _is_crowd(f.actor)), None)
        if a1 is None or a1.actor.actor_type != "rioters":
            a1 = generic("rioters", a1.start if a1 else trigger_start, a1.end if a1 else trigger_end)
        target = next((f for f in after if not _is_crowd(f.actor)), None)
        return Roles(a1, target, "riot")

    m = _UNKNOWN_AIR.search(text)
    agent = passive_agent()
    actor1 = claimant()
    if actor1 is None and m and event_type == "Explosions/Remote violence":
        actor1 = FoundActor(table.generic("unidentified_military", country, when), sentence_start + m.start(),
                            sentence_start + m.end(), m.group(0))
    if actor1 is None and agent is not None:
        actor1 = agent
    if actor1 is not None and _is_civilian(actor1.actor):
        actor1 = None  # civilians are the ones acted upon in fighting and attacks (a passive "by" names a cause)
    if actor1 is None:
        subj = [f for f in before if not _is_civilian(f.actor) and not _is_crowd(f.actor)]
        if subj:
            actor1 = subj[0] if event_type != "Strategic developments" or len(subj) == 1 else subj[0]
    if actor1 is None:
        um = _UNKNOWN_ARMED.search(text)
        if um:
            actor1 = FoundActor(table.generic("unidentified_armed_group", country, when), sentence_start + um.start(),
                                sentence_start + um.end(), um.group(0))
    # the side acted upon
    others = [f for f in found if actor1 is None or (f.actor.name != actor1.actor.name and f is not actor1)]
    if agent is not None:
        pre = [f for f in before if actor1 is None or f.actor.name != actor1.actor.name]
        actor2 = pre[-1] if pre else next((f for f in others if f.start >= trigger_end), None)
    else:
        actor2 = next((f for f in others if f.start >= trigger_end), None) or (
            next((f for f in reversed(others) if f.end <= trigger_start), None) if actor1 is None else None)
        if actor1 is None and actor2 is not None and actor2.end <= trigger_start and not _is_civilian(actor2.actor):
            actor1, actor2 = actor2, None
    if event_type == "Violence against civilians":
        if actor1 is None or _is_civilian(actor1.actor):
            actor1 = generic("unidentified_armed_group")
        if actor2 is None or not _is_civilian(actor2.actor):
            actor2 = next((f for f in found if _is_civilian(f.actor)), None) or generic("civilians")
    elif actor1 is None:
        if event_type == "Explosions/Remote violence" and sub_event_type == "Air/drone strike":
            actor1 = generic("unidentified_military")
        elif event_type in ("Battles", "Explosions/Remote violence"):
            actor1 = generic("unidentified_armed_group")
        elif sub_event_type in ("Arrests", "Disrupted weapons use"):
            actor1 = generic("police")
        elif actor2 is not None:
            actor1, actor2 = actor2, None
        else:
            actor1 = generic("unidentified_armed_group")
    if sub_event_type == "Arrests" and actor2 is None:
        actor2 = None
    if actor2 is not None and actor1 is not None and actor2.actor.name == actor1.actor.name and sub_event_type != "Armed clash":
        actor2 = None
    return Roles(actor1, actor2, "roles")
