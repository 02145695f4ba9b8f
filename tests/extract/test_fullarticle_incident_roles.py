"""Roles across an incident's sentences: a claim, a passive agent or the victim's affiliation
written in another sentence of the report completes the trigger sentence's roles."""
import pytest

pytestmark = pytest.mark.slow


def _one(extractor, make_article, text):
    events = extractor.extract(make_article(text))
    assert len(events) == 1, [(e.sub_event_type, e.actor1, e.place) for e in events]
    return events[0]


def test_a_claim_in_the_next_sentence_names_the_attacker(extractor, make_article):
    ev = _one(extractor, make_article,
              "Unknown gunmen killed two soldiers in Mosul on Tuesday. "
              "The Islamic State claimed responsibility for the killing in a statement on its channels.")
    assert ev.actor1 == "Islamic State"


def test_the_agent_of_another_sentence_replaces_a_default_actor(extractor, make_article):
    ev = _one(extractor, make_article,
              "Two foreign militants were captured on Monday in Tal Abyad, an official said. "
              "They were captured by the Syrian Democratic Forces after a raid on a farm.")
    assert ev.sub_event_type == "Arrests"
    assert "Syrian Democratic Forces" in ev.actor1


def test_the_victims_force_named_in_a_neighbour_is_actor2(extractor, make_article):
    ev = _one(extractor, make_article,
              "On Monday, unknown gunmen shot dead a commander in Tal Abyad. "
              "The commander had served for years in the Syrian Democratic Forces.")
    assert ev.event_type == "Battles"
    assert ev.actor1.startswith("Unidentified")
    assert "Syrian Democratic Forces" in ev.actor2


def test_an_unknown_aircraft_is_not_replaced_by_a_rumoured_agent(extractor, make_article):
    ev = _one(extractor, make_article,
              "An unknown aircraft struck his car in Tal Abyad on Monday. "
              "Rumours circulated that he was killed by the Syrian Democratic Forces.")
    assert ev.actor1 == "Unidentified Military Forces"


def _long_report(body: str) -> str:
    filler = " ".join(f"Analysts said the policy debate number {i} went on in the capital." for i in range(12))
    return body + " " + filler


def test_a_country_level_lead_joins_the_incident_the_body_places(extractor, make_article):
    text = _long_report(
        "A suicide bombing claimed by the Islamic State has killed three Americans in northern Iraq. "
        "The bomber struck on Tuesday inside a cafe in the town of Mosul. "
        "As many as 11 people were killed in the attack, the deadliest in Iraq this spring.")
    events = extractor.extract(make_article(text))
    assert len(events) == 1, [(e.sub_event_type, e.place) for e in events]
    ev = events[0]
    assert ev.place.name == "Mosul"
    assert ev.sub_event_type == "Suicide bomb"
    assert ev.actor1 == "Islamic State"
    assert ev.fatalities == 11


def test_a_detail_sentence_gives_an_undated_lead_its_day_and_town(extractor, make_article):
    text = _long_report(
        "A British aid worker was arrested in Iraq on suspicion of spying, his family said. "
        "He was visiting friends in the city of Mosul on 2 March when security officers came to the house.")
    events = extractor.extract(make_article(text))
    assert len(events) == 1, [(e.sub_event_type, e.place) for e in events]
    assert events[0].place.name == "Mosul"
    assert events[0].event_date.isoformat() == "2021-03-02"
    assert events[0].sub_event_type == "Arrests"


def test_the_sentence_naming_the_weapon_and_toll_leads_an_incident(extractor, make_article):
    text = _long_report(
        "The surge in the killing around Mosul came on Monday amid reports of an offensive. "
        "Rebels responded with a wave of artillery bombardment targeting Mosul, killing 7 people and wounding 20.")
    events = extractor.extract(make_article(text))
    assert len(events) == 1, [(e.sub_event_type, e.place) for e in events]
    assert events[0].sub_event_type == "Shelling/artillery/missile attack"
    assert events[0].fatalities == 7


def test_an_unplaced_dated_report_in_a_long_article_is_set_where_the_article_is(extractor, make_article):
    text = _long_report(
        "Life in Mosul has become unbearable, residents say. "
        "Markets in Mosul are empty. Schools in Mosul are closed. "
        "Rescuers said 9 people were killed in shelling on Monday alone.")
    events = extractor.extract(make_article(text))
    assert [e.place.name for e in events] == ["Mosul"]
    assert events[0].event_date.isoformat() == "2021-03-08"


def test_a_state_named_before_the_action_is_its_military(extractor, make_article):
    ev = _one(extractor, make_article, "On Monday, Turkish shelling hit the outskirts of Tal Abyad, killing 2 people.")
    assert ev.actor1 == "Military Forces of Turkey"
    civ = _one(extractor, make_article, "On Monday, gunmen killed two Syrian civilians in Tal Abyad.")
    assert not civ.actor1.startswith("Military Forces")


def test_a_government_named_as_the_attacker_elsewhere_gives_its_military(extractor, make_article):
    text = _long_report(
        "Clashes broke out in Mosul on Monday, killing 4 people. "
        "Residents said the government attacked the district after weeks of siege.")
    events = extractor.extract(make_article(text))
    assert len(events) == 1, [(e.sub_event_type, e.actor1) for e in events]
    assert events[0].actor1 == "Military Forces of Iraq"


def test_a_bystander_subject_is_no_agent_of_a_nominal_battle(extractor, make_article):
    text = _long_report(
        "Mortar strikes hit Mosul on Monday, killing 3 people. "
        "The presence of Islamic State fighters in the convoy suggested the battle was ending.")
    events = extractor.extract(make_article(text))
    assert len(events) == 1, [(e.sub_event_type, e.actor1) for e in events]
    assert events[0].actor1 != "Islamic State"


def test_an_unidentified_doer_named_by_the_report_is_kept(extractor, make_article):
    text = _long_report(
        "A swarm of drones attacked an airbase near Mosul on Monday, killing 2 people. "
        "Militants are suspected of launching the attack.") + (
        " Elsewhere a drone was shot down by the Syrian Democratic Forces.")
    events = [e for e in extractor.extract(make_article(text)) if e.place and e.place.name == "Mosul"]
    assert len(events) == 1
    assert "Syrian Democratic Forces" not in events[0].actor1


def test_civilians_hit_by_shelling_are_actor2(extractor, make_article):
    ev = _one(extractor, make_article,
              "On Monday, an Islamic State mortar in Tal Abyad killed 1 child, and 3 civilians were wounded by it.")
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.actor2.startswith("Civilians")
