"""Actor naming conventions (ACLED) and the acronym "IS" read as a group, not the verb."""
from __future__ import annotations

from datetime import date

import pytest

from conflictlens.extract.actors import ActorTable


@pytest.fixture(scope="module")
def table():
    return ActorTable.load()


@pytest.mark.parametrize("text", ["On Tuesday, IS militants attacked Iraqi forces in Mosul.",
                                  "On Tuesday, IS snipers wounded two policemen in Mosul."])
def test_is_before_a_group_word_is_the_islamic_state_and_the_agent(extractor, make_article, text):
    [ev] = extractor.extract(make_article(text))
    assert ev.actor1.startswith("Islamic State")


def test_is_as_a_verb_names_no_group(extractor, make_article):
    """Negative: a shouted headline's IS, and the ordinary verb, are no actor."""
    events = extractor.extract(make_article("THIS IS WHY SOLDIERS FIRED ON THE CROWD IN MOSUL"))
    assert all(not ev.actor1.startswith("Islamic State") for ev in events)
    [ev] = extractor.extract(make_article("Police said the man who is accused of the attack killed two soldiers in Mosul on Tuesday."))
    assert not ev.actor1.startswith("Islamic State")


def test_boko_haram_without_a_faction_after_the_split_is_the_either_or_actor(table):
    """ACLED since August 2016: "Boko Haram" with no faction named is ISWAP and/or JAS."""
    m = table.find("Boko Haram fighters looted the village", "Cameroon", date(2020, 5, 5))[0]
    assert m.actor.name.startswith("Islamic State (West Africa) and/or Boko Haram")
    m = table.find("Boko Haram fighters looted the village", "Nigeria", date(2014, 5, 5))[0]
    assert m.actor.name.startswith("Boko Haram - Jamaatu")  # before the split: one group


def test_a_named_faction_keeps_its_own_name(table):
    assert table.find("ISWAP fighters attacked", "Nigeria", date(2020, 5, 5))[0].actor.name == "Islamic State (West Africa)"
    assert table.find("JAS fighters attacked", "Nigeria", date(2020, 5, 5))[0].actor.name.startswith("Boko Haram - Jamaatu")


def test_a_clash_in_brazil_lists_the_police_first(extractor, make_article):
    """countries.csv clash_order: ACLED's Brazil coding lists the police first in a shoot-out, whoever fired first."""
    ev = extractor.extract(make_article("On Monday in Sao Paulo, Brazil, drug traffickers opened fire on military police "
                                        "officers, and a shoot-out followed."))[0]
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1.startswith("Military Forces of Brazil") and ev.actor2


def test_a_clash_in_mexico_lists_the_police_second(extractor, make_article):
    ev = extractor.extract(make_article("On Monday in Monterrey, Mexico, state police clashed with armed men of a cartel."))[0]
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor2.startswith("Police Forces of Mexico")


def test_elsewhere_the_reports_order_stands(extractor, make_article):
    """Negative: no fixed order in Iraq -- the attacker named first stays actor1."""
    ev = extractor.extract(make_article("On Monday, IS militants attacked Iraqi forces in Mosul."))[0]
    assert ev.actor1.startswith("Islamic State") and ev.actor2.startswith("Military Forces of Iraq")


def test_a_bad_clash_order_is_a_clear_error():
    from conflictlens.errors import ConfigError
    from conflictlens.extract.actor_data import parse_countries

    with pytest.raises(ConfigError, match="clash_order"):
        parse_countries("country,adjectives,names,unknown_perpetrator,iso2,clash_order\nX,,,,,sideways\n", "t.csv")
