"""Crowds: a protest about an arrest is no protest met by force; rioters and road blocks with
burning tyres are violent demonstrations; a fight between unarmed groups is mob violence,
while clashes of armed men stay armed clashes.  Hand-written sentences."""
import pytest

from conflictlens.extract.coding import load_rules
from conflictlens.extract.detect import detect
from conflictlens.extract.typing import type_incident

R = load_rules()


def _sub(sentence: str) -> str:
    return type_incident(detect(sentence, 0, R), sentence, R).sub_event_type


@pytest.mark.parametrize("sentence, expected", [
    ("Journalists protested in Qorvo against the arrest of an editor and demanded his release. "
     "She had been detained over an unpaid tax bill.", "Peaceful protest"),
    ("Families of migrants detained in Ruritania gathered in Qorvo to protest against deportations.", "Peaceful protest"),
    ("Workers protested in Qorvo over unpaid wages; police dispersed them and arrested six.", "Protest with intervention"),
    ("Rioters blocked the main road in Qorvo with burning tyres.", "Violent demonstration"),
    ("Supporters of two rival parties clashed in Qorvo during a campaign meeting.", "Mob violence"),
    ("Villagers and herders fought with sticks and machetes near Qorvo.", "Mob violence"),
    ("Gunmen clashed with soldiers near Qorvo.", "Armed clash"),
    ("Clashes broke out in Qorvo on Monday, killing 4 people.", "Armed clash"),
])
def test_crowd_events_are_typed_by_who_took_part(sentence, expected):
    assert _sub(sentence) == expected


def test_a_fighter_of_a_national_army_is_no_civilian():
    assert _sub("Gunmen shot dead a Syrian National Army fighter at a checkpoint near Qorvo.") == "Armed clash"
    assert _sub("Gunmen shot dead two Indian nationals near Qorvo.") == "Attack"


def test_a_riot_with_no_demonstration_is_mob_violence():
    assert _sub("Unknown persons vandalised gravestones at a church in Qorvo.") == "Mob violence"
    assert _sub("Residents pelted stones at police in Qorvo, opposing a quarantine zone.") == "Violent demonstration"


def test_an_attack_on_a_village_is_on_civilians_and_the_attacker_after_by_is_no_victim():
    assert _sub("Islamist militants attacked Qorvo village overnight.") == "Attack"
    assert _sub("Gunmen shot dead a soldier at his home.") == "Armed clash"  # the home is where, not whom
    assert _sub("One civilian was killed and one was wounded by army fire near Qorvo.") == "Attack"


def test_burning_tyres_storming_and_stopped_protesters():
    assert _sub("In Qorvo, demonstrators closed the ring road with burning tyres and rubble.") == "Violent demonstration"
    assert _sub("Angry crowds rallied at the mayor's office in Qorvo and tried to storm the gate.") == \
        "Violent demonstration"
    assert _sub("Soldiers stopped protesters from pitching a camp in a square in Qorvo.") == "Protest with intervention"
