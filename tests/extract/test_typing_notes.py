"""Wording of short event notes: fire in both directions, heavy weapons, burning tyres, road blocks."""
from conflictlens.extract.coding import load_rules
from conflictlens.extract.detect import detect
from conflictlens.extract.typing import type_incident


def _type(sentence: str) -> tuple[str, str]:
    rules = load_rules()
    t = type_incident(detect(sentence, 0, rules), sentence, rules)
    return t.event_type, t.sub_event_type


def test_explosions_one_way_are_shelling_and_both_ways_a_clash():
    assert _type("Monitors recorded 4 explosions involving unknown weapons near Qorvo.")[1] == \
        "Shelling/artillery/missile attack"
    assert _type("Monitors recorded 30 projectiles/explosions in both directions of the frontline near Qorvo.")[1] == \
        "Armed clash"


def test_heavy_machine_guns_with_small_arms_are_a_clash():
    assert _type("Rebels fired heavy machine guns and small arms at army positions near Qorvo.")[1] == "Armed clash"


def test_burning_tyres_is_a_violent_demonstration():
    assert _type("Residents closed the road by burning tyres in Qorvo, denouncing water cuts.") == \
        ("Riots", "Violent demonstration")


def test_road_block_with_a_demand_is_a_protest():
    assert _type("Taxi drivers blocked the road in Qorvo demanding fuel.")[0] == "Protests"
    assert detect("Police blocked the road in Qorvo after the flood.", 0, load_rules()) == []


def test_shoot_out_is_a_clash():
    assert _type("A shoot-out took place in the Qorvo neighbourhood.")[1] == "Armed clash"
