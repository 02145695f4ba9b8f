"""Full-article rules: long reports carry background, commentary and general statements that
are not events (GUIDE.md).  Hand-written sentences and articles; no dev text."""
from datetime import date

import pytest

from conflictlens.extract.coding import load_rules
from conflictlens.extract.counts import named_victim
from conflictlens.extract.dates import find_dates, resolve
from conflictlens.extract.detect import blocked, detect

R = load_rules()


def words(sentence):
    return [h.text.lower() for h in detect(sentence, 0, R)]


def test_long_past_times_block_the_clause_they_govern():
    assert words("Two years ago, after rebels shelled the market, the town emptied.") == []
    assert words("The massacres of the 1990s still shape the region.") == []
    # a relative clause's own time does not block the main event
    assert words("Workers of a plant, which closed a few years ago, protested in the square.") == ["protested"]
    # the event before a relative clause with an old time stays; the old event in it is blocked
    assert words("A mine exploded in a field where fighting took place in the 1980s.") != []
    assert "fighting" not in words("A mine exploded in a field where fighting took place in the 1980s.")


def test_future_plans_and_references_to_earlier_attacks_are_not_events():
    assert words("The summit on Friday will weigh the offensive on the province.") == []
    assert words("Sanctions were imposed last week as punishment for the poisoning attack.") == []
    assert words("As the army prepares a large offensive in the north, residents flee.") == []
    s = "Gunmen shot dead a teacher in revenge for the killing of a tribal elder."
    assert words(s) == ["shot dead"]


def test_a_closed_quote_ends_the_future():
    s = "\u201cWe will answer,\u201d the commander said after gunmen attacked the checkpoint."
    assert blocked(s, s.index("attacked"), R) == ""


def test_weeks_ago_and_possessive_months_are_dates():
    text = "A strike two weeks ago killed ten fighters; April\u2019s attack was worse."
    ms = find_dates(text)
    got = {m.text: resolve(m, date(2018, 2, 21)) for m in ms}
    assert got["two weeks ago"].value == date(2018, 2, 7)
    assert got["April\u2019s"].value.month == 4 and got["April\u2019s"].precision == "month"
    assert not [m for m in find_dates("Theresa May\u2019s cabinet met.") if m.kind == "month"]


def test_a_named_person_reported_killed_is_one_death():
    assert named_victim("The group claimed the assassination of Col. Ali Hasan Omar.").value == 1
    assert named_victim("Reports said that Haddad was killed by the militants.").value == 1
    assert named_victim("the killing of Islamic State fighters") is None
    assert named_victim("the death of civilians") is None


LONG = (" ".join([
    "Analysts say the conflict has entered a new phase.",
    "Diplomats met in the capital to discuss the crisis.",
    "Officials have long warned about the risks.",
    "The militants seized large areas during their rise.",
    "Fighting between the factions has been fierce for years.",
    "Residents describe the shelling as relentless.",
    "Many families have moved to camps further south.",
    "Prices of bread and fuel have tripled.",
    "Aid agencies struggle to reach the area.",
    "Local councils try to keep schools open.",
    "On Monday, gunmen killed two farmers near Maiduguri.",
    "The attackers fled on motorcycles, residents said.",
    "Humanitarian groups called for calm.",
]))


@pytest.mark.slow
def test_a_long_report_codes_its_dated_incident_not_its_commentary(extractor, make_article):
    events = extractor.extract(make_article(LONG))
    assert [(e.location, e.event_date) for e in events] == [("Maiduguri", date(2021, 3, 8))]
    assert events[0].fatalities == 2


@pytest.mark.slow
def test_an_undated_story_sentence_far_from_its_date_is_not_coded(extractor, make_article):
    text = ("On Monday, gunmen killed two farmers near Maiduguri. " + " ".join(
        f"Commentary sentence number {i} says little." for i in range(12))
            + " Rebels attacked a base in Gao.")
    events = extractor.extract(make_article(text))
    assert [e.location for e in events] == ["Maiduguri"]


@pytest.mark.slow
def test_a_long_report_codes_no_country_level_or_placeless_event(extractor, make_article):
    filler = " ".join(f"Commentary sentence number {i} says little." for i in range(12))
    text = ("On Monday, gunmen killed two farmers near Maiduguri. " + filler
            + " On Tuesday, the United States bombed targets, killing four fighters."
            + " On Wednesday, militants attacked a convoy, killing three soldiers.")
    events = extractor.extract(make_article(text))
    assert [e.location for e in events] == ["Maiduguri"]


def test_a_death_that_caused_a_protest_is_not_a_named_victim():
    assert named_victim("Crowds protested over the killing of Ahmad Saleh in the city.") is None


def test_a_future_outside_a_closed_quote_still_blocks():
    s = "Attention will turn on Friday to a summit on the \u201cphased\u201d offensive in the north."
    assert blocked(s, s.index("offensive"), R) == "future"


def test_long_vague_durations_are_general_statements():
    assert words("There have been signs for many months of raids, as typified by the attack.") == []
    assert words("On Monday workers protested, jobless for two months.") == ["protested"]
