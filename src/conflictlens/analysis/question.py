"""Parse an analyst question into a typed ``Question`` (pure; vocabulary in ``questions.toml``).

Forms understood::

    has|is ACTOR returned to | active in | increasing in PLACE [since DATE]
    how many (incidents|attacks|people killed ...) [by ACTOR] ... in PLACE [since DATE]

"rural X", "X countryside", "the outskirts of X" ask about the wider (first-level
administrative) area of X.  Actor and place names are resolved by the callables
passed in (see ``resolve.py``), so this module needs no table or gazetteer.
"""
from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Callable

from ..errors import QuestionError
from .records import ActorRef, PlaceRef, Question

ActorResolver = Callable[[str], ActorRef]
PlaceResolver = Callable[[str, bool], PlaceRef]  # (name, wider_area) -> PlaceRef

FORMS_HELP = (
    "I understand questions of these forms:\n"
    "  Has ACTOR returned to PLACE?          e.g. Has ISIS returned to rural Aleppo?\n"
    "  Is ACTOR active in PLACE?             e.g. Is Hayat Tahrir al-Sham active in Idlib?\n"
    "  Is ACTOR (activity) increasing in PLACE?\n"
    "  How many incidents|attacks [by ACTOR] in PLACE [since DATE]?\n"
    "  How many people were killed in PLACE since DATE?\n"
    "PLACE may be a town, a region or a country; 'rural X' or 'X countryside' means the region of X."
)


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    text = resources.files("conflictlens.analysis").joinpath("questions.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _alt(phrases) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()
    return re.sub(r"[?.!\s]+$", "", text)


def _split_since(text: str) -> tuple[str, str | None]:
    m = re.search(r"\s+(?:since|after|from)\s+(.+)$", text, re.IGNORECASE)
    return (text[:m.start()], m.group(1)) if m else (text, None)


def parse_since(text: str, today: date | None = None) -> date:
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    import dateparser

    settings = {"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if today:
        settings["RELATIVE_BASE"] = datetime(today.year, today.month, today.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        raise QuestionError(f"I cannot read the date {text!r} (try 2024-03-01 or 'March 2024').")
    return parsed.date()


def split_place(text: str) -> tuple[str, bool]:
    """'rural Aleppo' -> ('Aleppo', True); 'the town of Azaz' -> ('Azaz', False)."""
    words = vocabulary()["place"]
    name, wide = text.strip(), False
    for _ in range(3):
        before = name
        m = re.match(rf"^(?:{_alt(words['area_prefixes'])})\s+", name, re.IGNORECASE)
        if m:
            name, wide = name[m.end():], True
        m = re.search(rf"\s*(?:{_alt(words['area_suffixes'])})$", name, re.IGNORECASE)
        if m and m.start() > 0:
            name, wide = name[:m.start()], True
        m = re.match(rf"^(?:{_alt(words['plain_prefixes'])})\s+", name, re.IGNORECASE)
        if m:
            name = name[m.end():]
        if name == before:
            break
    return name.strip(" ,'"), wide


def strip_actor(text: str) -> str:
    words = vocabulary()["actor"]
    name = text.strip()
    name = re.sub(rf"^(?:{_alt(words['prefixes'])})\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(rf"(?:'s)?\s+(?:{_alt(words['suffixes'])})$", "", name, flags=re.IGNORECASE)
    return name.strip(" ,")


def event_types(text: str, anywhere: bool = False) -> tuple[str, ...]:
    """Incident types a phrase names ("protests" -> Protests); ``anywhere``: inside a longer phrase."""
    words = vocabulary()["event_words"]
    key = re.sub(r"\s+", " ", text.strip().lower())
    if key in words:
        return tuple(words[key])
    if anywhere:
        for phrase in sorted(words, key=len, reverse=True):
            if re.search(rf"\b{re.escape(phrase)}\b", key):
                return tuple(words[phrase])
    return ()


def parse_question(text: str, actors: ActorResolver, places: PlaceResolver, today: date | None = None) -> Question:
    """The question as a typed record; raises QuestionError (with the forms understood) when it does not parse."""
    cleaned = _clean(text or "")
    if not cleaned:
        raise QuestionError("the question is empty.\n" + FORMS_HELP)
    vocab = vocabulary()
    body, since_text = _split_since(cleaned)
    since = parse_since(since_text, today) if since_text else None

    kinds = vocab["verbs"]
    verb_alt = "|".join(f"(?P<{kind}>{_alt(phrases)})" for kind, phrases in kinds.items())
    m = re.match(rf"^(?:{_alt(vocab['auxiliaries'])})\s+(?P<actor>.+?)\s+(?:been\s+|become\s+)?(?:{verb_alt})\s+"
                 rf"(?P<place>.+)$", body, re.IGNORECASE)
    if m:
        kind = next(k for k in kinds if m.group(k))
        actor_text = strip_actor(m.group("actor"))
        if not actor_text:
            raise QuestionError(f"I see no actor in {text!r}.\n" + FORMS_HELP)
        name, wide = split_place(m.group("place"))
        if not name:
            raise QuestionError(f"I see no place in {text!r}.\n" + FORMS_HELP)
        types = event_types(actor_text)
        return Question(text=text.strip(), kind=kind, actor=None if types else actors(actor_text),
                        place=places(name, wide), since=since, event_types=types)

    count = vocab["count"]
    m = re.match(rf"^(?:{_alt(count['leaders'])})\s+(?P<what>.+)\s+in\s+(?P<place>.+)$", body, re.IGNORECASE)
    if m:
        what = m.group("what")
        metric = "fatalities" if re.search(rf"\b(?:{_alt(count['fatality_words'])})\b", what, re.IGNORECASE) \
            else "incidents"
        actor = None
        am = re.search(rf"\b(?:{_alt(count['actor_markers'])})\s+(?P<a>.+?)(?:\s+(?:were|was|have|has|been|did)\b.*)?$",
                       what, re.IGNORECASE)
        if am is None:
            am = re.search(r"\b(?:has|have|did)\s+(?P<a>.+?)\s+(?:carried|conducted|launched|claimed|made|killed|been)\b",
                           what, re.IGNORECASE)
        if am and strip_actor(am.group("a")):
            actor = actors(strip_actor(am.group("a")))
        else:  # "how many ISIS attacks": the words before the incident noun, when they name a known actor
            words = re.sub(rf"\b(?:{_alt(count['nouns'])})\b.*$", "", what, flags=re.IGNORECASE).strip()
            candidate = actors(strip_actor(words)) if strip_actor(words) else None
            actor = candidate if candidate is not None and candidate.known else None
        name, wide = split_place(m.group("place"))
        if not name:
            raise QuestionError(f"I see no place in {text!r}.\n" + FORMS_HELP)
        return Question(text=text.strip(), kind="count", actor=actor, place=places(name, wide), since=since,
                        metric=metric, event_types=event_types(what, anywhere=True))

    raise QuestionError(f"I do not understand {text.strip()!r}.\n" + FORMS_HELP)
