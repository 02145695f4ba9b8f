"""The wording of incidents that news notes use besides the obvious verbs: bodies found, beatings,
road blocks, May Day marches, fortifications, curfews, prisoner releases ...  Hand-written sentences."""
import pytest

from conflictlens.extract.coding import load_rules
from conflictlens.extract.detect import detect
from conflictlens.extract.typing import type_incident

R = load_rules()


def _sub(sentence: str) -> str | None:
    hits = detect(sentence, 0, R)
    return type_incident(hits, sentence, R).sub_event_type if hits else None


@pytest.mark.parametrize("sentence, expected", [
    ("On 3 June, the body of a young man was found by a road in Qorvo with his hands tied.", "Attack"),
    ("On 3 June, two human heads were left near the market of Qorvo.", "Attack"),
    ("On 3 June, police officers beat a street vendor in Qorvo for ignoring the curfew.", "Attack"),
    ("On 3 June, unknown men fired shots at a councillor in his car in Qorvo.", "Attack"),
    ("On 3 June, residents gathered in Qorvo and demanded water deliveries.", "Peaceful protest"),
    ("On 3 June, bus drivers blocked the main highway at Qorvo to demand fuel.", "Peaceful protest"),
    ("On 1 May, trade unionists marked International Labour Day with a march in Qorvo.", "Peaceful protest"),
    ("On 3 June, activists formed a human chain in Qorvo.", "Peaceful protest"),
    ("On 3 June, youths lit tyres and built barricades on the road into Qorvo.", "Violent demonstration"),
    ("On 3 June, villagers stoned two officers in Qorvo.", "Mob violence"),
    ("On 3 June, rebel forces waged two attacks against army positions in Qorvo.", "Armed clash"),
    ("On 3 June, the army fired heavy and medium weapons at villages near Qorvo.", "Shelling/artillery/missile attack"),
    ("On 3 June, the military forces of Ruritania bombed insurgent camps near Qorvo.", "Air/drone strike"),
    ("On 3 June, militants set off explosives under a bridge near Qorvo.", "Remote explosive/landmine/IED"),
    ("On 3 June, police seized two tons of cannabis on the highway near Qorvo.", "Looting/property destruction"),
    ("On 3 June, rebel forces established new fortifications east of Qorvo.", "Change to group/activity"),
    ("On 3 June, the governor imposed a three-day curfew on Qorvo.", "Change to group/activity"),
    ("On 3 June, the government released 40 rebel prisoners from the jail in Qorvo.", "Other"),
    ("On 3 June, 300 families evacuated following clashes between two clans near Qorvo.", "Armed clash"),
    ("On 3 June, market traders engaged in a fist-fight with municipal officers in Qorvo.", "Armed clash"),
])
def test_note_wording_is_an_event_of_its_type(sentence, expected):
    assert _sub(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The dispute has fuelled a four-decade insurgency in the hills.",
    "Officials said the curfew will be imposed next week in Qorvo.",
    "The body of work on the region was published in March.",
    "Ivo Marsh, 41, and Tom Pell, 29, are the inmates.",
    "The president signed a proclamation to allow the deployment of guards.",
    "He had a cardiac arrest on the way to hospital.",
    "Doctors massaged his heart for hours before it started beating again.",
    "The prime minister has blamed the government of Ruritania for the attack on the defector.",
    "The fire service was busy fighting two apartment fires overnight.",
    "She said the company was engaged in reassuring conversations with advertisers.",
    "A late layup lifted the Qorvo Hawks to a 101-99 win.",
    "Measles spread in the Internally Displaced Peoples' camp outside Qorvo.",
    "Three residents had to be evacuated from a top floor flat.",
    "The Commission has taken another step towards fighting work-related cancer.",
    "He also faces a charge of possession of an offensive weapon.",
    "Ultimate fighting star Ruri Kovac was seen at the gala.",
    "He faces three counts of assault and one of criminal mischief.",
])
def test_background_plans_and_idioms_are_not_events(sentence):
    assert _sub(sentence) is None


def test_a_deal_reached_is_an_agreement_and_a_town_on_the_verge_of_capture_is_not_captured():
    assert _sub("Officials said a deal had been reached to let the fighters leave Qorvo.") == "Agreement"
    assert _sub("Commanders said the garrison was on the brink of being overrun.") is None


def test_an_arrest_for_ordinary_crime_is_no_political_event_but_one_of_militants_is():
    assert _sub("Police arrested two men suspected of stealing cheese from a market in Qorvo.") is None
    assert _sub("The owner of a restaurant was arrested on charges of insider trading.") is None
    assert _sub("Police arrested two suspected militants in Qorvo.") == "Arrests"


def test_court_proceedings_about_a_killing_are_not_the_killing():
    assert _sub("A woman has been charged with murder over the stabbing death of a taxi driver in June.") is None
    assert _sub("He pleaded guilty to the shooting of two guards.") is None


def test_protesters_who_demanded_are_a_protest_however_far_the_verb(extractor, make_article):
    [ev] = extractor.extract(make_article("On Monday, hundreds of protesters in Mosul city, Nineveh province demanded new elections."))
    assert ev.sub_event_type == "Peaceful protest"


def test_an_operation_that_left_fighters_dead_is_a_clash_with_its_toll(extractor, make_article):
    [ev] = extractor.extract(make_article("On Monday, an army operation near the river in Mosul left 3 IS militants dead."))
    assert ev.sub_event_type == "Armed clash" and ev.fatalities == 3


def test_a_storm_that_left_people_dead_is_no_event(extractor, make_article):
    """Negative: 'left N dead' is violence only when an operation or attack did it."""
    assert extractor.extract(make_article("On Monday, the storm in Mosul left three people dead.")) == []


def test_a_dumped_body_is_an_attack(extractor, make_article):
    [ev] = extractor.extract(make_article("On Monday, in Mosul, the body of a man was dumped from a van near the toll booth."))
    assert ev.sub_event_type == "Attack"
