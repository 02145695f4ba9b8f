"""End-to-end extraction on short hand-written articles (spaCy model, fake geocoder)."""
from datetime import date

import pytest

from conflictlens.extract import Extractor
from conflictlens.models import Event

pytestmark = pytest.mark.slow


def by_type(events: list[Event], sub: str) -> list[Event]:
    return [e for e in events if e.sub_event_type == sub]


def test_an_attack_with_evidence_for_every_field(extractor, make_article):
    text = ("Gunmen killed three farmers in Kafr Sousa on Tuesday evening, residents said. "
            "The attackers fled on motorcycles.")
    art = make_article(text)
    events = extractor.extract(art)
    assert len(events) == 1
    ev = events[0]
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert ev.event_date == date(2021, 3, 9) and ev.date_precision == "day"
    assert ev.fatalities == 3
    assert ev.location == "Kafr Sousa" and ev.place.latitude == 33.50
    assert ev.actor2.startswith("Civilians")
    fields = {e.field for e in ev.evidence}
    assert {"event", "event_type", "actor1", "date", "location", "fatalities"} <= fields
    for e in ev.evidence:
        assert text[e.span.start:e.span.end] == e.span.text
    assert ev.event_key


def test_the_same_incident_repeated_is_one_event(extractor, make_article):
    text = ("Suspected militants ambushed an army patrol near Maiduguri on Monday, killing four soldiers. "
            "The ambush near Maiduguri was the second this month, officials said.")
    events = extractor.extract(make_article(text))
    assert len(events) == 1
    assert events[0].sub_event_type == "Armed clash" and events[0].fatalities == 4


def test_two_places_in_one_sentence_give_two_events(extractor, make_article):
    text = "On 3 March 2021, protesters rallied in Haifa and Marib against rising prices."
    events = extractor.extract(make_article(text))
    assert sorted(e.location for e in events) == ["Haifa", "Marib"]
    assert all(e.event_type == "Protests" for e in events)


def test_background_and_threats_are_not_events(extractor, make_article):
    text = ("During 2015 the militants seized Mosul in a major offensive. "
            "The group threatened on Monday to attack Kharkiv. "
            "Analysts say fighting could resume in Gao.")
    assert extractor.extract(make_article(text)) == []


def test_reextraction_gives_the_same_keys(extractor, make_article):
    art = make_article("On 2 March 2021, Turkish drones struck a car near Tal Abyad, killing two fighters.")
    a = extractor.extract(art)
    b = extractor.extract(art)
    assert [e.event_key for e in a] == [e.event_key for e in b] and a


def test_extract_many_matches_extract(extractor, make_article):
    arts = [make_article("On 1 March 2021, police arrested five men in Gao.", url="u1"),
            make_article("Residents protested in Haifa on Monday over power cuts.", url="u2")]
    many = extractor.extract_many(arts)
    assert [[e.event_key for e in evs] for evs in many] == [[e.event_key for e in extractor.extract(a)] for a in arts]


def test_the_injected_geocoder_is_used(fake_geocoder, make_article):
    geo = fake_geocoder
    Extractor(None, geocoder=geo).extract(make_article("On 1 March 2021, rebels shelled Kharkiv."))
    assert [m.text for m in geo.asked] == ["Kharkiv"]
