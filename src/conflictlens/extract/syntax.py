"""Stage: the structure of each candidate event sentence (spaCy's dependency parse).

The parser (with the tagger and lemmatizer it needs) runs only on sentences with an event
word, so its cost stays a small part of the pipeline.  ``parse_syntax`` keeps, per sentence,
the tokens with their offsets, lemma, part of speech, dependency label and head; no spaCy
object leaves this module.  ``frame_of`` reads the predicate of an event word and its
arguments from that parse:

- the **agent** (who acted): the subject of an active verb ("Boko Haram fighters ambushed"),
  the "by" phrase of a passive one ("were killed by gunmen", "a bomb planted by militants"),
  the modifier of an attack noun ("a Houthi attack", "Russian air strikes", "Israel's
  strike"), the subject of the verb that carries out an attack noun ("the US military said
  it carried out air strikes": a pronoun subject is the subject of the reporting verb),
  and the subject a participle or conjoined verb shares ("planes bombed X, killing three");
- the **patient** (who was acted upon): the object, the passive subject, the subject of
  "died", the "on/against" phrase of an attack noun, the object of the verb an attack
  noun is the subject of ("a Houthi attack killed five soldiers");
- where the event word itself names no agent (a passive "were killed" or "died"), the
  agent of the attack its clause tells of: "killed in a militant attack", "died after an
  attack by gunmen", "were killed when fighters ambushed their convoy".
"""
from __future__ import annotations

import re

import threading
from dataclasses import dataclass
from typing import Sequence

from ..errors import ExtractionError


@dataclass(frozen=True)
class Token:
    start: int  # article offsets
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the head token in the sentence (itself for the root)


@dataclass(frozen=True)
class SentenceSyntax:
    index: int  # the sentence's index in the article
    tokens: tuple[Token, ...]

    def children(self, i: int, *deps: str) -> list[int]:
        return [j for j, t in enumerate(self.tokens) if t.head == i and j != i and (not deps or t.dep in deps)]

    def token_at(self, start: int, end: int) -> list[int]:
        return [j for j, t in enumerate(self.tokens) if t.start < end and t.end > start]


@dataclass(frozen=True)
class Frame:
    """An event word's predicate and the character spans (article offsets) of its arguments."""
    predicate: int
    agents: tuple[tuple[int, int], ...]
    patients: tuple[tuple[int, int], ...]
    how: str  # which construction gave the agent: subject | passive-by | modifier | carrier | shared | clause | ""


class SyntaxModel:
    """spaCy's parser, tagger and lemmatizer (no entity recogniser), loaded on first use."""

    def __init__(self, name: str):
        self.name = name
        self._lock = threading.Lock()
        self._nlp = None

    def _load(self):
        with self._lock:
            if self._nlp is None:
                try:
                    import spacy
                    self._nlp = spacy.load(self.name, exclude=["ner", "senter"])
                except (OSError, ImportError) as exc:
                    raise ExtractionError(f"cannot load the spaCy model {self.name!r}: {exc}") from exc
        return self._nlp

    def parse(self, texts: Sequence[str]) -> list[list[tuple]]:
        nlp = self._nlp or self._load()
        out = []
        for doc in nlp.pipe(texts, batch_size=64):
            out.append([(t.idx, t.idx + len(t.text), t.text, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.head.i - doc[0].i)
                        for t in doc])
        return out


def parse_syntax(sentences, model: SyntaxModel) -> tuple[SentenceSyntax, ...]:
    """``sentences``: objects with ``index``, ``start`` and ``text`` (parse.Sentence)."""
    sentences = list(sentences)
    if not sentences:
        return ()
    parsed = model.parse([_parse_form(s.text) for s in sentences])
    out = []
    for s, toks in zip(sentences, parsed):
        out.append(SentenceSyntax(s.index, tuple(Token(s.start + a, s.start + b, text, lemma, pos, tag, dep, head)
                                                    for a, b, text, lemma, pos, tag, dep, head in toks)))
    return tuple(out)


# "IS" as a group's acronym ("IS militants attacked") is read by the tagger as the verb "is";
# it is parsed as a name of the same length (offsets unchanged).  Not in all-caps text.
_IS_ACRONYM = re.compile(r"(?<![A-Za-z'\u2019-])IS(?![A-Za-z'\u2019-])")


def _parse_form(text: str) -> str:
    if "IS" not in text or sum(c.isupper() for c in text) > 0.5 * sum(c.isalpha() for c in text):
        return text
    return _IS_ACRONYM.sub("Ix", text)


# verbs whose subject carries out an attack named by their object ("carried out air strikes")
_CARRIERS = frozenset({"carry", "launch", "conduct", "stage", "mount", "execute", "perform", "make", "claim", "unleash"})
# verbs whose clause reports the event: "the army said it carried out"
_REPORTING = frozenset({"say", "announce", "state", "report", "confirm", "claim", "add", "tell", "declare", "admit", "acknowledge"})
# nouns and verbs naming an attack: the agent of their clause is the event's agent
_ATTACKS = frozenset({"attack", "strike", "airstrike", "raid", "ambush", "bombing", "bombardment", "shelling", "assault",
                      "offensive", "operation", "incursion", "shoot", "shooting", "ambush", "bomb", "shell", "fire", "storm",
                      "target", "hit", "open", "kill", "gun", "stab", "execute", "assassinate", "behead", "massacre",
                      "abduct", "kidnap", "seize", "capture", "arrest", "detain", "clash", "fight", "battle", "pound",
                      "rocket", "missile", "drone", "plant", "detonate", "explode", "explosion", "blast"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their"})
_NP_LEFT = frozenset({"compound", "amod", "det", "nummod", "poss", "nmod", "quantmod", "case"})
_VICTIM_INTRANSITIVE = frozenset({"die", "perish", "succumb"})
# a time is no side: "on Monday", "at night"
_TIMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "night", "morning",
                    "evening", "afternoon", "day", "week", "month", "year", "weekend", "dawn", "dusk", "midnight", "noon",
                    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                    "november", "december", "today", "yesterday", "hour", "time"})
# words that tell how or with what, not who: "roadside bomb", "air strikes", "fresh attacks"
_MANNER = frozenset({"air", "roadside", "suicide", "car", "truck", "drone", "mortar", "rocket", "missile", "artillery",
                     "deadly", "fresh", "new", "heavy", "coordinated", "twin", "double", "overnight", "cross-border",
                     "aerial", "ground", "night", "bomb", "gun", "knife", "arson", "grenade", "sniper", "retaliatory",
                     "alleged", "suspected", "apparent", "latest", "recent", "first", "second", "last", "major", "large",
                     "small", "fierce", "violent", "brutal", "separate", "similar", "further", "possible", "explosive",
                     "improvised", "remote", "landmine", "mine", "ied", "vehicle", "motorcycle", "bicycle", "shell"})
# the means of an attack stand for whoever used them: "Israeli warplanes", "a bomb planted by X"
_MEANS = frozenset({"attack", "strike", "airstrike", "raid", "ambush", "bombing", "bombardment", "shelling", "assault",
                    "offensive", "operation", "incursion", "bomb", "shell", "mortar", "rocket", "missile", "drone", "plane",
                    "warplane", "jet", "aircraft", "helicopter", "gunship", "artillery", "explosive", "device", "mine",
                    "landmine", "ied", "grenade", "shooting", "fire", "blast", "explosion", "barrage", "salvo", "sniper"})


def _np_span(syn: SentenceSyntax, i: int) -> tuple[int, int]:
    """The noun phrase headed by token ``i``: its left modifiers and an "of" phrase."""
    toks = syn.tokens
    lo = hi = i
    stack = [i]
    while stack:
        j = stack.pop()
        for c in syn.children(j):
            t = toks[c]
            if (c < i and t.dep in _NP_LEFT) or (c < j and j != i and t.dep in _NP_LEFT):
                lo = min(lo, c)
                stack.append(c)
            elif c > i and t.dep == "prep" and t.lemma == "of" and j == i:
                for p in syn.children(c, "pobj"):
                    hi = max(hi, p)
                    stack.append(p)
            elif c > i and j != i and t.dep in _NP_LEFT | {"pobj"}:
                hi = max(hi, c)
    return toks[lo].start, toks[hi].end


def _with_conj(syn: SentenceSyntax, i: int) -> list[int]:
    out, stack = [i], [i]
    while stack:
        for c in syn.children(stack.pop(), "conj"):
            out.append(c)
            stack.append(c)
    return out


def _headline_verb(syn: SentenceSyntax, i: int) -> bool:
    """"militants abducted two people" parsed as a noun root with a participle: no finite verb
    in the sentence, so the participle is its predicate and the noun its subject."""
    t = syn.tokens[i]
    head = syn.tokens[t.head]
    return t.dep == "acl" and head.dep == "ROOT" and head.pos in ("NOUN", "PROPN") and not syn.children(i, "agent")


def _is_passive(syn: SentenceSyntax, i: int) -> bool:
    t = syn.tokens[i]
    if syn.children(i, "auxpass", "nsubjpass"):
        return True
    return t.tag == "VBN" and t.dep in ("acl", "amod") and not syn.children(i, "aux") and not _headline_verb(syn, i)


def _resolve_pronoun(syn: SentenceSyntax, i: int) -> int | None:
    """"The army said it carried out ...": the pronoun subject is the reporting verb's subject."""
    j = syn.tokens[i].head
    seen = 0
    while seen < 6:
        seen += 1
        head = syn.tokens[j]
        if head.lemma in _REPORTING and head.pos in ("VERB", "AUX"):
            subj = [c for c in syn.children(j, "nsubj") if syn.tokens[c].lemma not in _PRONOUNS]
            return subj[0] if subj else None
        if head.head == j:
            return None
        j = head.head
    return None


def _subject(syn: SentenceSyntax, v: int, depth: int = 0) -> tuple[list[int], str]:
    """The agent tokens of verb ``v`` (active subject, passive "by", or shared with its head verb)."""
    toks = syn.tokens
    if _is_passive(syn, v):
        agents = [p for a in syn.children(v, "agent") for p in syn.children(a, "pobj")]
        return agents, "passive-by" if agents else ""
    subj = syn.children(v, "nsubj")
    if not subj and _headline_verb(syn, v):
        subj = [toks[v].head]
    if subj:
        s = subj[0]
        if toks[s].lemma in _PRONOUNS:
            r = _resolve_pronoun(syn, s)
            return ([r], "subject") if r is not None else ([], "")
        if toks[s].lemma in ("who", "that", "which") and toks[v].dep == "relcl":
            return [toks[v].head], "subject"
        return [s], "subject"
    t = toks[v]
    if depth < 3 and t.head != v and t.dep in ("advcl", "conj", "xcomp") and toks[t.head].pos in ("VERB", "AUX"):
        if t.dep == "advcl" and t.tag != "VBG":
            return [], ""  # "... when X attacked": an adverbial clause with its own (missing) subject
        agents, how = _subject(syn, t.head, depth + 1)
        return agents, "shared" if agents else ""
    return [], ""


def _patients_of_verb(syn: SentenceSyntax, v: int) -> list[int]:
    toks = syn.tokens
    out = syn.children(v, "dobj", "nsubjpass")
    if toks[v].lemma in _VICTIM_INTRANSITIVE:
        out += syn.children(v, "nsubj")
    if _is_passive(syn, v) and toks[v].dep in ("acl", "amod") and toks[v].head != v:
        out.append(toks[v].head)
    for p in syn.children(v, "prep"):
        if toks[p].lemma in ("on", "against", "at"):
            out += [o for o in syn.children(p, "pobj") if toks[o].pos in ("NOUN", "PROPN")]
    return out


def _noun_frame(syn: SentenceSyntax, n: int) -> tuple[list[int], list[int], str]:
    toks = syn.tokens
    agents, how = [], ""
    for p in syn.children(n, "prep"):
        if toks[p].lemma in ("by", "from") and not agents:
            agents = [o for o in syn.children(p, "pobj") if toks[o].lemma not in _TIMES]
            how = "passive-by" if agents else ""
    if not agents:
        agents = _means_agent(syn, n)
        how = "passive-by" if agents else ""
    if not agents:
        agents = [c for c in syn.children(n, "amod", "compound", "poss", "nmod") if c < n
                  and toks[c].pos in ("PROPN", "ADJ", "NOUN", "PRON") and toks[c].lemma not in _PRONOUNS
                  and toks[c].lemma not in _MANNER]
        agents = [a for c in agents for a in _with_conj(syn, c)]
        how = "modifier" if agents else ""
    patients = [o for p in syn.children(n, "prep") if toks[p].lemma in ("on", "against", "targeting")
                for o in syn.children(p, "pobj")]
    t = toks[n]
    if t.dep in ("dobj", "nsubjpass") and t.head != n:
        v = t.head
        if toks[v].lemma in _CARRIERS and not agents:
            agents, how = _subject(syn, v)
            how = "carrier" if agents else ""
            if not patients:
                patients = [o for p in syn.children(v, "prep") if toks[p].lemma in ("on", "against")
                            for o in syn.children(p, "pobj")]
    elif t.dep == "nsubj" and t.head != n:
        patients = patients or syn.children(t.head, "dobj")
    elif t.dep == "pobj" and t.head != n:
        prep = t.head
        v = toks[prep].head
        if toks[prep].lemma in ("in", "after", "during", "by", "following", "from") and toks[v].pos in ("VERB", "AUX"):
            if _is_passive(syn, v) or toks[v].lemma in _VICTIM_INTRANSITIVE:
                patients = patients or [c for c in syn.children(v, "nsubjpass", "nsubj")]
    return agents, patients, how


def _clause_agent(syn: SentenceSyntax, v: int) -> tuple[list[int], str]:
    """The agent of an attack reported in a clause or phrase under verb ``v`` ("killed when
    fighters ambushed ...", "died after an attack by gunmen")."""
    toks = syn.tokens
    for c in syn.children(v, "advcl"):
        if toks[c].lemma in _ATTACKS:
            agents, _ = _subject(syn, c)
            if agents:
                return agents, "clause"
    for p in syn.children(v, "prep", "agent"):
        if toks[p].lemma not in ("in", "after", "during", "following", "by", "from", "amid"):
            continue
        for o in syn.children(p, "pobj"):
            if toks[o].lemma in _ATTACKS:
                agents, _, _ = _noun_frame(syn, o)
                if agents:
                    return agents, "clause"
    return [], ""


def _means_agent(syn: SentenceSyntax, n: int) -> list[int]:
    """Who used a weapon or made an attack, told after the noun: "a bomb planted by militants",
    "the bombing ... was carried out by X", "the attack, believed to be the work of Y"."""
    toks = syn.tokens
    for c in syn.children(n, "acl", "relcl"):
        if _is_passive(syn, c):
            agents = [p for a in syn.children(c, "agent") for p in syn.children(a, "pobj")]
            if agents:
                return agents
    t = toks[n]
    if t.dep in ("nsubjpass", "nsubj") and t.head != n:
        stack, seen = [t.head], 0
        while stack and seen < 6:
            v = stack.pop()
            seen += 1
            agents = [p for a in syn.children(v, "agent") for p in syn.children(a, "pobj")]
            if agents:
                return agents
            stack += syn.children(v, "xcomp", "ccomp")
    return []


def frame_of(syn: SentenceSyntax, start: int, end: int) -> Frame | None:
    """The frame of the event word at ``start:end`` (article offsets), if the parse has it."""
    idx = syn.token_at(start, end)
    if not idx:
        return None
    toks = syn.tokens
    # the word of the span that governs the others ("shot dead" -> shot; "air strikes" -> strikes)
    inside = set(idx)
    heads = [i for i in idx if toks[i].head not in inside or toks[i].head == i]
    p = next((i for i in heads if toks[i].pos in ("VERB", "AUX")), None)
    if p is None:
        p = next((i for i in heads if toks[i].pos in ("NOUN", "PROPN")), heads[0] if heads else idx[0])
    t = toks[p]
    if t.pos in ("VERB", "AUX"):
        agents, how = _subject(syn, p)
        patients = _patients_of_verb(syn, p)
        if not agents and (_is_passive(syn, p) or t.lemma in _VICTIM_INTRANSITIVE):
            agents, how = _clause_agent(syn, p)
    else:
        agents, patients, how = _noun_frame(syn, p)
    agents = list(dict.fromkeys(a for g in agents for a in _with_conj(syn, g)))
    resolved = []
    for a in agents:  # "an Israeli strike killed": the strike's maker acted
        if toks[a].lemma in _MEANS and toks[a].pos == "NOUN" and a != p:
            found, _, _ = _noun_frame(syn, a)
            found = found or _means_agent(syn, a)
            if found:
                resolved += [x for g in found for x in _with_conj(syn, g)]
                how = "means"
            continue  # a weapon or an attack with no maker told is no agent
        resolved.append(a)
    agents = list(dict.fromkeys(resolved))
    patients = [a for g in patients for a in _with_conj(syn, g) if toks[a].lemma not in _TIMES and a not in agents]
    return Frame(p, tuple(_np_span(syn, a) for a in agents), tuple(_np_span(syn, a) for a in patients), how)
