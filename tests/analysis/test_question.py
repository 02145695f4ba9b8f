from __future__ import annotations

from datetime import date

import pytest

from conflictlens.analysis.question import FORMS_HELP, parse_question, split_place
from conflictlens.analysis.records import ActorRef, PlaceRef
from conflictlens.analysis.resolve import KnownPlaces, area_key, resolve_place
from conflictlens.textnorm import fold_key
from conflictlens.errors import QuestionError

ALIASES = {"isis": "Islamic State", "daesh": "Islamic State", "hts": "Hayat Tahrir al-Sham"}


def actors(text: str) -> ActorRef:
    return ActorRef(text, ALIASES.get(text.lower(), text), how="test", known=text.lower() in ALIASES)


def places(name: str, wide: bool) -> PlaceRef:
    return PlaceRef(("rural " if wide else "") + name, name, "admin1" if wide else "location", how="test")


def parse(text: str, today=None):
    return parse_question(text, actors, places, today)


@pytest.mark.parametrize("text, kind, actor, place, level", [
    ("Has ISIS returned to rural Aleppo?", "returned", "Islamic State", "Aleppo", "admin1"),
    ("has daesh come back to the Aleppo countryside", "returned", "Islamic State", "Aleppo", "admin1"),
    ("Is HTS active in Idlib?", "active", "Hayat Tahrir al-Sham", "Idlib", "location"),
    ("Is ISIS activity increasing in the countryside of Deir ez-Zor?", "increasing", "Islamic State", "Deir ez-Zor",
     "admin1"),
    ("Are attacks by ISIS increasing in Raqqa province?", "increasing", "Islamic State", "Raqqa", "admin1"),
])
def test_yes_no_forms(text, kind, actor, place, level):
    q = parse(text)
    assert (q.kind, q.actor.name, q.place.name, q.place.level) == (kind, actor, place, level)
    assert q.since is None and q.metric == "incidents"


def test_since_dates():
    assert parse("Has ISIS returned to rural Aleppo since 2023-01-15?").since == date(2023, 1, 15)
    assert parse("How many incidents in Azaz since March 2020?").since == date(2020, 3, 1)
    with pytest.raises(QuestionError, match="date"):
        parse("How many incidents in Azaz since the dawn of blorps?")


def test_count_forms():
    q = parse("How many people were killed in rural Aleppo since 2020-01-01?")
    assert (q.kind, q.metric, q.actor, q.place.name) == ("count", "fatalities", None, "Aleppo")
    q = parse("How many attacks by ISIS in the town of Azaz?")
    assert (q.kind, q.metric, q.actor.name, q.place.name) == ("count", "incidents", "Islamic State", "Azaz")
    q = parse("How many Daesh attacks in Raqqa since 2019-01-01?")
    assert (q.actor.name, q.place.name, q.since) == ("Islamic State", "Raqqa", date(2019, 1, 1))
    assert parse("How many incidents in Raqqa?").actor is None
    assert parse("Have ISIS attacks increased in Raqqa?").kind == "increasing"


@pytest.mark.parametrize("text", ["", "   ?", "What is the weather in Aleppo?", "ISIS Aleppo", "Has ISIS returned?"])
def test_unparseable_questions_explain_the_forms(text):
    with pytest.raises(QuestionError) as info:
        parse(text)
    assert "Has ACTOR returned to PLACE" in str(info.value)
    assert info.value.exit_code == 2
    assert "How many" in FORMS_HELP


def test_split_place():
    assert split_place("rural Aleppo") == ("Aleppo", True)
    assert split_place("Aleppo's countryside") == ("Aleppo", True)
    assert split_place("the outskirts of Azaz") == ("Azaz", True)
    assert split_place("the town of Azaz") == ("Azaz", False)


def test_resolve_place_from_stored_names():
    known = KnownPlaces(admin1={area_key("Aleppo"): ("Aleppo", "Syria")}, admin2={},
                        locations={fold_key("Azaz"): ("Azaz", "Aleppo", "Syria", 36.58, 37.04)},
                        countries={fold_key("Syria"): "Syria"})
    assert resolve_place("Aleppo", True, None, known).level == "admin1"
    assert resolve_place("Aleppo Governorate", False, None, known).name == "Aleppo"
    rural_azaz = resolve_place("Azaz", True, None, known)
    assert (rural_azaz.level, rural_azaz.name) == ("admin1", "Aleppo")
    town = resolve_place("Azaz", False, None, known)
    assert (town.level, town.radius_km) == ("location", 10.0)
    assert resolve_place("Syria", False, None, known).level == "country"
    assert resolve_place("Nowhere", False, None, known).level == "name"


def test_event_type_questions():
    q = parse("Are protests increasing in Libya?")
    assert q.actor is None and q.event_types == ("Protests",) and q.kind == "increasing"
    q = parse("How many airstrikes in rural Idlib since 2020-01-01?")
    assert q.event_types == ("Explosions/Remote violence",) and q.actor is None and q.place.name == "Idlib"
