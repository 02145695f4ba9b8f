"""Issue 10, class 5 ("Counts misread"): every wording class ``extract/counts.py`` handles, positive and
negative, at two levels -- the functions (``find_counts``, ``named_victim``, ``conservative``) and a whole
extraction (``ev.fatalities``).  GUIDE.md, ``fatalities``: people killed in this event; 0 when none are
reported or it is unclear whether anyone died; the most conservative figure; named victims are the same
deaths; "a few" = 3, "several"/"many"/"a number of" = 10, "dozens" = 12, "hundreds" = 100.

All sentences are invented for these tests."""
from __future__ import annotations

import pytest

from conflictlens.extract.coding import load_rules
from conflictlens.extract.counts import conservative, find_counts, named_victim, sentence_count

rules = load_rules()


def values(text: str) -> list[int]:
    return sorted(c.value for c in find_counts(text, rules, "fatalities"))


def toll(*sentences: str) -> int | None:
    """The article's figure as the pipeline forms it: one per sentence, then the most conservative."""
    per = [sentence_count(f, s) for s in sentences if (f := find_counts(s, rules, "fatalities"))]
    best = conservative(per)
    return best.value if best else None


def named(text: str) -> int | None:
    hit = named_victim(text)
    return hit.value if hit else None


@pytest.fixture
def fatalities(extractor, make_article):
    """The fatalities of the one event a whole extraction codes from ``text``."""
    def run(text: str) -> int:
        events = extractor.extract(make_article(text))
        assert len(events) == 1, [(e.event_type, e.location, e.fatalities) for e in events]
        return events[0].fatalities
    return run


# --- the article "a": one victim, never the attack or the place ------------------------------------

def test_the_article_of_the_attack_is_not_a_count():
    """Class 'a' / 'an' (GUIDE: people killed): in "killed in a raid" the "a" counts the raid, so the
    stated number wins; "a" heading a victim noun is one death."""
    assert values("At least 12 soldiers were killed in a raid on their base.") == [12]
    assert values("Three guards died in a blast at the gate.") == [3]
    assert values("Porters were killed in an attack on a convoy.") == []
    assert values("A bomb killed two porters.") == [2]
    assert values("A soldier was killed near the border.") == [1]
    assert values("Gunmen killed a shepherd in the hills.") == [1]


def test_a_number_of_is_vague_not_one():
    """Class 'a' inside a vague quantity (GUIDE: "a number of" = 10): never read as 1."""
    assert values("The attack killed a number of villagers.") == [10]
    assert values("The wounded guard died a day later.") == []


def test_a_single_a_couple_and_compounds():
    """Class number words: "a single" is 1 and "a couple"/"a pair" 2 (one figure, not "a" + "single"),
    while "twenty-one" adds up and "two dozen" multiplies."""
    assert values("A single guard was killed.") == [1]
    assert values("Gunmen killed a couple of herders.") == [2]
    assert values("A pair of guards died in the blast.") == [2]
    assert values("Twenty-one recruits died.") == [21]
    assert values("Two dozen villagers were killed.") == [24]


def test_the_article_at_whole_extraction(fatalities):
    """Class 'a' at whole extraction: "12 ... in a raid" is 12, "a soldier" is 1, "a number of" is 10."""
    assert fatalities("On Monday, at least 12 soldiers were killed in a raid on an army post near Gao.") == 12
    assert fatalities("On Monday, a soldier was killed when gunmen attacked a checkpoint in Gao.") == 1
    assert fatalities("On Monday, the militants stormed a village near Maiduguri and killed a number of residents.") == 10


# --- parts named inside the toll -----------------------------------------------------------------

def test_a_part_named_inside_the_toll_is_not_another_count():
    """Class subset (GUIDE: the most conservative figure; the parts are among the dead, not more):
    "including a child", "(2 men and 3 women)", "among them" name part of the toll."""
    assert values("Four people, including a child, were killed in the strike.") == [4]
    assert values("5 civilians (2 men and 3 women) died in the shelling.") == [5]
    assert values("Two civilians, among them a woman, were killed.") == [2]
    assert toll("The strike killed 7 people (4 of them children).") == 7
    assert toll("Gunmen killed 6 villagers, including 2 children.") == 6


def test_parts_at_whole_extraction(fatalities):
    """Class subset at whole extraction."""
    assert fatalities("On Monday, four people, including a child, were killed when a shell hit a market in Kharkiv.") == 4
    assert fatalities("On Monday, gunmen raided a village near Maiduguri, killing 5 civilians (2 men and 3 women).") == 5


# --- the vocabulary of death ---------------------------------------------------------------------

def test_martyrdom_fatal_shots_and_deaths_by_torture_or_beating_are_deaths():
    """Class death words (GUIDE: people killed): "martyred", "martyrdom", "fatally shot", "tortured /
    beaten / stabbed to death" report deaths; "shot" or "beaten" alone does not."""
    assert values("Three fighters were martyred in the ambush.") == [3]
    assert values("The group announced the martyrdom of two of its members.") == [2]
    assert values("Two guards were fatally shot at the gate.") == [2]
    assert values("A farmer was tortured to death by militiamen.") == [1]
    assert values("Two traders were beaten to death in the market.") == [2]
    assert values("A teacher was stabbed to death outside his home.") == [1]
    assert values("Two guards were shot at the gate.") == []
    assert values("Two traders were beaten in the market.") == []


def test_one_death_in_the_singular_without_a_number():
    """Class one victim, no number (GUIDE: people killed): the same death words in the singular
    ("the commander was martyred"), a wound that proved fatal ("was shot in the chest and died",
    "the soldier later died", "died of his wounds", "leaving the driver dead") are one death;
    plural subjects and the wounded alone are not one."""
    assert named("Rebels said their commander was martyred.") == 1
    assert named("The trader was fatally stabbed in the market.") == 1
    assert named("The clerk was tortured to death.") == 1
    assert named("The officer was shot in the chest and died.") == 1
    assert named("A sniper hit a soldier, and the soldier later died in hospital.") == 1
    assert named("The farmer died of his wounds.") == 1
    assert named("A mine hit a truck, leaving the driver dead.") == 1
    assert named("The soldiers later died.") is None
    assert named("The officer was shot in the chest and survived.") is None


def test_one_person_killed_as_the_object_in_the_singular():
    """"killing its driver", "killed the village imam": one death; the plural, a possessive
    ("the driver's hopes") and a person who was only hurt are not."""
    assert named("A sticky bomb went off under a car, killing its driver.") == 1
    assert named("Gunmen killed the village imam after prayers.") == 1
    assert named("A bomb hit the bus, killing the driver and wounding six passengers.") == 1
    assert named("Gunmen stormed the post, killing the soldiers guarding it.") is None
    assert named("The blast, killing the driver's hopes of a quick trip, closed the road.") is None
    assert named("A bomb went off under a car, wounding its driver.") is None


def test_death_words_at_whole_extraction(fatalities):
    """Class death words at whole extraction."""
    assert fatalities("On Monday, three fighters were martyred in an ambush near Marib.") == 3
    assert fatalities("On Monday, gunmen attacked a checkpoint in Mosul. A policeman was martyred.") == 1
    assert fatalities("On Monday, two guards were fatally shot by gunmen in Mosul.") == 2
    assert fatalities("On Monday, a shepherd was tortured to death by militiamen near Gao.") == 1
    assert fatalities("On Monday, a sniper shot a soldier at a checkpoint in Gao, and the soldier later died in hospital.") == 1
    assert fatalities("On Monday, a roadside bomb struck a truck near Mosul, leaving the driver dead.") == 1


# --- numbers that count no people ----------------------------------------------------------------

def test_ages_are_no_counts():
    """Class age (GUIDE: people killed, not their years): "a 25-year-old man" is one man; "Ali, 25,"
    and "aged 30" are ages."""
    assert values("A 25-year-old man was killed in the blast.") == [1]
    assert values("Ali, 25, was shot dead on Tuesday.") == []
    assert values("The boy, 12, was killed by a stray bullet.") == []
    assert values("A man aged 30 was shot dead.") == [1]
    assert named("Ali, 25, was shot dead on Tuesday.") == 1


def test_times_labels_and_measures_are_no_counts():
    """Class time / label / measure: "at 3 am", "Route 5", "the 5th Brigade", "Checkpoint 9" and a
    hyphenated measure ("a 10-minute firefight") count no dead."""
    assert values("The blast at 3 am killed a guard.") == [1]
    assert values("Two soldiers were killed at 6 pm.") == [2]
    assert values("A bomb on Route 5 killed two drivers.") == [2]
    assert values("Fighters of the 5th Brigade killed a civilian.") == [1]
    assert values("The blast hit Checkpoint 9 and killed a guard.") == [1]
    assert values("Two rebels were shot dead in a 10-minute firefight.") == [2]
    assert values("Soldiers were killed in a two-day siege.") == []


def test_years_are_no_counts_but_thousands_of_people_are():
    """Class year: "the 2014 massacre", "in 2019", "since 2011" are years; "2000 people were killed"
    is a count because people follow the number."""
    assert values("Relatives marked the 2014 massacre in which villagers were killed.") == []
    assert values("The 2014 bombing killed 30 people.") == [30]
    assert values("Fighting in 2019 killed hundreds.") == [100]
    assert values("2000 people were killed in the assault.") == [2000]
    assert values("Over 1500 civilians were killed in the assault.") == [1500]


def test_non_counts_at_whole_extraction(fatalities):
    """Classes age, time, label, year at whole extraction."""
    assert fatalities("On Monday, a 25-year-old man was shot dead by gunmen in Mosul.") == 1
    assert fatalities("On Monday, Karim Saleh, 34, was shot dead by gunmen in Mosul.") == 1
    assert fatalities("On Monday at 3 am, gunmen attacked a farm near Gao, killing a farmer.") == 1
    assert fatalities("On Monday, a roadside bomb on Route 5 near Mosul killed two drivers.") == 2
    assert fatalities("On Monday, fighters of the 5th Brigade shelled Marib, killing a civilian.") == 1
    assert fatalities("On Monday, the group behind the 2014 massacre attacked Gao, killing 3 villagers.") == 3
    assert fatalities("On Monday, 2000 people were killed when troops stormed Kharkiv.") == 2000
    assert fatalities("On Monday, gunmen clashed with soldiers in Gao during a 10-minute firefight in which two soldiers were killed.") == 2


# --- a campaign's or a period's toll -------------------------------------------------------------

def test_a_war_or_period_toll_is_not_the_events():
    """Class period toll (GUIDE: no statistics over long periods): a war's, an insurgency's or a
    period's toll -- also in a relative clause ("the insurgency, which has killed ...") -- is not the
    event's; the incident's own toll beside it still counts."""
    assert values("The war has killed 50,000 people.") == []
    assert values("The war has killed 500,000 people.") == []
    assert values("The insurgency, which has killed 30,000 people, began in 2009.") == []
    assert values("The conflict, which has claimed 3,000 lives, went on.") == []
    assert values("A total of 300 people have died since the offensive began.") == []
    assert values("At least 20 people have been killed in the past two weeks.") == []
    assert values("The blast killed 4, bringing the death toll since January to 90.") == [4]
    assert values("The attack killed 9 people.") == [9]
    assert values("The attack, which killed 9 people, was claimed by the group.") == [9]


def test_period_tolls_at_whole_extraction(fatalities):
    """Class period toll at whole extraction."""
    assert fatalities("On Monday, an airstrike on Marib killed 9 people. The war has killed 50,000 people.") == 9
    assert fatalities("On Monday, an airstrike on Marib killed 9 people. The insurgency, which has killed 30,000 people, "
                      "began in 2009.") == 9
    assert fatalities("On Monday, a car bomb in Mosul killed 4 people, bringing the death toll since January to 90.") == 4
    assert fatalities("On Monday, the attack on a market in Gao killed 9.") == 9


# --- unclear whether anyone died -----------------------------------------------------------------

def test_killed_or_injured_gives_no_death_count():
    """Class mixed outcome (GUIDE: 0 when it is unclear whether anyone died): "killed or injured 3",
    "3 ... killed, injured or captured" do not say how many died."""
    assert values("The raid killed or injured 3 people.") == []
    assert values("3 people were killed or injured in the raid.") == []
    assert values("2 rebels were killed, injured or captured in the sweep.") == []
    assert values("Fighters were captured or killed, the army said.") == []
    assert values("Two soldiers were killed and three were wounded.") == [2]


def test_nobody_and_lower_bounds():
    """Class negation (GUIDE: 0 when none are reported): "killed no one", "not a single" are nobody;
    "no fewer than 12" is a lower bound, not a negation."""
    assert values("The blast killed no one.") == []
    assert values("Not a single soldier was killed.") == []
    assert values("No one was killed in the attack.") == []
    assert values("No fewer than 12 people were killed.") == [12]
    assert values("Gunmen killed no fewer than 12 people.") == [12]


def test_unclear_deaths_at_whole_extraction(fatalities):
    """Classes mixed outcome and negation at whole extraction."""
    assert fatalities("On Monday, gunmen attacked a bus near Maiduguri, killing or injuring 3 passengers.") == 0
    assert fatalities("On Monday, gunmen attacked Gao. The raid killed or injured 3 people.") == 0
    assert fatalities("On Monday, a car bomb exploded in Mosul, but it killed no one.") == 0
    assert fatalities("On Monday, no fewer than 12 people were killed when a shell hit a market in Kharkiv.") == 12


# --- groups counted together ---------------------------------------------------------------------

def test_coordinated_groups_of_dead_add_up():
    """Class coordinated groups (GUIDE: people killed in this event): groups joined under one death
    verb add up ("5 soldiers and 1 officer were killed" = 6, "killing 3 policemen and a civilian" = 4);
    a group that belongs to another clause ("... and 2 soldiers were injured") or is no people
    ("and 2 vehicles") does not."""
    assert values("5 soldiers and 1 officer were killed in the ambush.") == [6]
    assert values("Gunmen opened fire, killing 3 policemen and a civilian.") == [4]
    assert values("2 rebels and 3 soldiers were killed in the clash.") == [5]
    assert values("Troops killed 4 militants, 2 smugglers and a civilian.") == [7]
    assert values("The militants killed 5 civilians and 2 soldiers were injured.") == [5]
    assert values("Gunmen killed 3 guards and 2 workers were kidnapped.") == [3]
    assert values("Gunmen burned 3 guards' huts and 2 vehicles, killing 1 guard.") == [1]


def test_kin_and_companions_of_a_victim_are_more_dead():
    """Class coordinated kin: "a farmer and his brother" are two dead, "a man and his two sons" three;
    kin in another clause ("and his son was injured", "his son's friend") are not."""
    assert values("A farmer and his brother were killed in a clash.") == [2]
    assert values("Gunmen killed a trader and his son.") == [2]
    assert values("Gunmen killed a man and his two sons.") == [3]
    assert values("A woman and her three children died in the fire.") == [4]
    assert values("Troops killed 3 rebels and their commander.") == [4]
    assert values("Gunmen killed a trader and his son was injured.") == [1]
    assert values("A farmer was killed and his brother was wounded.") == [1]
    assert values("Gunmen killed a trader, and his son fled.") == [1]


def test_also_killed_adds_to_the_toll():
    """Class additional dead (GUIDE: people killed in this event, on every side): "3 militants were
    also killed" adds to the 5 soldiers, not a rival, smaller figure; a restated toll ("police said 2
    guards were killed") stays the conservative one; "also" elsewhere in the clause adds nothing."""
    assert toll("5 soldiers were killed by militants.", "Officials said 3 militants were also killed.") == 8
    assert toll("5 soldiers were killed and 3 militants were also killed.") == 8
    assert toll("Gunmen killed 2 guards.", "They also killed a driver.") == 3
    assert toll("Gunmen killed 2 guards.", "A driver was killed as well.") == 3
    assert toll("Gunmen killed 2 guards.", "Police said 2 guards were killed.") == 2
    assert toll("Two rebels who were also smugglers were shot dead.") == 2


def test_groups_at_whole_extraction(fatalities):
    """Classes coordinated groups, kin and additional dead at whole extraction."""
    assert fatalities("On Monday, 5 soldiers and 1 officer were killed in an ambush near Gao.") == 6
    assert fatalities("On Monday, militants attacked a checkpoint in Mosul, killing 3 policemen and a civilian.") == 4
    assert fatalities("On Monday, militants raided a village near Maiduguri and killed 5 civilians and 2 soldiers were injured.") == 5
    assert fatalities("On Monday, gunmen killed a farmer and his brother near Gao.") == 2
    assert fatalities("On Monday, gunmen killed a man and his two sons in Gao.") == 3
    assert fatalities("On Monday, 5 soldiers were killed by militants near Gao. The army said 3 militants were also killed.") == 8


# --- one victim reported in other shapes ---------------------------------------------------------

def test_resulted_in_and_shot_and_died():
    """Class result / wound then death: "resulted in 1 tribesman killed" is 1; "a suspect was shot
    and died" is 1, also with a longer noun phrase."""
    assert values("Clashes resulted in 1 tribesman killed.") == [1]
    assert values("A suspect was shot and died in hospital.") == [1]
    assert named("A suspect in the robbery was shot and died.") == 1
    assert values("A suspect was shot and fled.") == []


def test_result_and_wound_at_whole_extraction(fatalities):
    """Class result / wound then death at whole extraction."""
    assert fatalities("On Monday, clashes between two tribes in Marib resulted in 1 tribesman killed.") == 1
    assert fatalities("On Monday, police raided a house in Mosul. A suspect was shot and died.") == 1


# --- named victims -------------------------------------------------------------------------------

def test_named_victims_are_one_death_each():
    """Class named victim (GUIDE: named victims are the same deaths, one each when no number is given):
    "shot dead Col. Karim Haddad" is 1, "killed Ahmed Ali and Omar Saeed" 2; a group's name
    ("Islamic State fighters", "Boko Haram militants") names no person; a death that caused the event
    ("rallied over the killing of X") is not this event's."""
    assert named("Gunmen shot dead Col. Karim Haddad on Monday.") == 1
    assert named("Gunmen assassinated Mayor Jamal Nasser in his office.") == 1
    assert named("Militants killed Ahmed Ali and Omar Saeed near the town.") == 2
    assert named("Troops killed Islamic State fighters near the town.") is None
    assert named("Soldiers killed Boko Haram militants near the lake.") is None
    assert named("Gunmen killed Hamas fighters.") is None
    assert named("Protesters rallied over the killing of Ahmed Ali.") is None
    assert values("Gunmen shot dead Col. Karim Haddad on Monday.") == []


def test_named_victims_at_whole_extraction(fatalities):
    """Class named victim at whole extraction."""
    assert fatalities("On Monday, gunmen shot dead Col. Karim Haddad in Mosul.") == 1
    assert fatalities("On Monday, militants killed Ahmed Ali and Omar Saeed in Gao.") == 2
    assert fatalities("On Monday, troops killed Islamic State fighters near Mosul.") == 0
    assert fatalities("On Monday, troops killed Boko Haram militants near Maiduguri.") == 0


def test_a_person_named_before_other_words_is_still_named():
    """Class named victim, negative of the group-name rule: only a member noun right after the name
    makes it a group's; a person followed by "and ..." stays one death."""
    assert named("Gunmen killed Ahmed Ali and soldiers fled.") == 1
