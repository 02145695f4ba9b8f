from conflictlens.extract.coding import load_rules
from conflictlens.extract.detect import detect
from conflictlens.extract.typing import type_incident

R = load_rules()


def typed(sentence):
    hits = detect(sentence, 0, R)
    if not hits:
        return None
    t = type_incident(hits, sentence, R)
    return t.event_type, t.sub_event_type


def test_each_family_of_wording():
    assert typed("Residents protested outside the town hall against water cuts.") == ("Protests", "Peaceful protest")
    assert typed("Students demonstrated in the capital; police fired tear gas to disperse them.") == (
        "Protests", "Protest with intervention")
    assert typed("Rioters torched two buses and pelted stones at the police.")[0] == "Riots"
    assert typed("A mob lynched a man accused of theft.") == ("Riots", "Mob violence")
    assert typed("Government warplanes carried out airstrikes on the town.") == (
        "Explosions/Remote violence", "Air/drone strike")
    assert typed("Rebels shelled the district with mortars.") == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert typed("A roadside bomb struck a patrol.")[1] == "Remote explosive/landmine/IED"
    assert typed("A suicide bomber blew himself up at a checkpoint.")[1] == "Suicide bomb"
    assert typed("Gunmen kidnapped two traders on the highway.") == (
        "Violence against civilians", "Abduction/forced disappearance")
    assert typed("Police arrested four members of the cell.") == ("Strategic developments", "Arrests")
    assert typed("The army recaptured the village from the rebels.") == ("Battles", "Government regains territory")


def test_killing_a_soldier_is_a_battle_and_a_civilian_an_attack():
    assert typed("Gunmen shot dead a soldier at his home.") == ("Battles", "Armed clash")
    assert typed("Gunmen killed a teacher in the market.") == ("Violence against civilians", "Attack")


def test_shelling_with_small_arms_is_an_armed_clash():
    assert typed("Troops fired mortars, heavy machine guns and small arms at the enemy positions.") == (
        "Battles", "Armed clash")


def test_negation_threats_plans_and_statistics_give_no_event():
    assert typed("The ministry denied that soldiers had killed civilians.") is None
    assert typed("The militia threatened to attack the town.") is None
    assert typed("Rebels plan to launch an offensive next month.") is None
    assert typed("More than 200 people have been killed in the province since 2015.") is None


def test_a_statistic_blocks_only_its_own_clause():
    stat_then_event = "Four hundred people died over recent months, but shelling this week killed 30 in the town."
    hits = detect(stat_then_event, 0, R)
    assert hits and all(h.start > stat_then_event.index(", but") for h in hits)
    assert typed("Four hundred have been killed in recent months in the town and its villages.") is None
    assert typed("Rebels shelled the town on Monday; 400 have died in recent months.") == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_a_question_reports_no_event():
    assert typed("What is a greater crime than shelling civilians in their homes?") is None
    assert typed("Rebels shelled the district with mortars.") is not None


def test_a_participle_describing_plural_things_is_no_event():
    assert not [h for h in detect("There are many displaced families from the city living here.", 0, R)
                if h.text == "displaced"]
    assert typed("Residents returned to their destroyed homes in the village.") is None
    assert typed("Gunmen abducted two traders on the highway.") is not None


def test_fire_on_troops_bombed_raids_and_surrender_wording():
    assert typed("Soldiers fired on a convoy of militia fighters near the bridge.") == ("Battles", "Armed clash")
    assert typed("Two schools were bombed overnight in the district.") == ("Explosions/Remote violence", "Air/drone strike")
    assert typed("Police raided a flat and detained three suspects.") == ("Strategic developments", "Arrests")
    assert typed("Dozens of fighters surrendered to the army on Sunday.")[1] == "Other"


def test_a_large_crowd_is_not_a_statistic_but_a_long_period_is():
    assert typed("Around 1.5 million students protested in the capital on Friday.") == ("Protests", "Peaceful protest")
    assert typed("Since the start of the war, millions of people have fled and thousands were killed.") is None
    assert typed("Workers protested on Monday, the first strike since March.") == ("Protests", "Peaceful protest")
