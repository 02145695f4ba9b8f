"""Who acted: an actor naming the weapon after a passive "by" is the agent; an actor row
listing several countries resolves to its first country when the text names none."""
from datetime import date

from conflictlens.extract.actors import ActorTable


def test_a_multi_country_row_without_a_country_is_its_first_country():
    table = ActorTable.load()
    found = [m.actor for m in table.find("Taliban militants ambushed a convoy", None, None)]
    assert [a.name for a in found] == ["Taliban"] and found[0].country == "Afghanistan"
    # the Pakistani movement only where the text is set in Pakistan
    assert [m.actor.name for m in table.find("Taliban militants ambushed a convoy", "Pakistan", None)] == \
        ["TTP: Tehreek-i-Taliban Pakistan"]


def test_the_maker_of_the_weapon_after_by_is_actor1(extractor, make_article):
    events = extractor.extract(make_article(
        "On Monday, six Islamic State fighters were killed by Iraqi military airstrikes near Mosul."))
    assert len(events) == 1
    assert events[0].sub_event_type == "Air/drone strike"
    assert events[0].actor1 == "Military Forces of Iraq" and events[0].actor2.startswith("Islamic State")


def test_a_subject_before_an_active_trigger_stays_actor1(extractor, make_article):
    events = extractor.extract(make_article(
        "On Monday, Islamic State fighters attacked an army checkpoint near Mosul."))
    assert events and events[0].actor1.startswith("Islamic State")


def test_an_observer_is_no_side_of_the_event(extractor, make_article):
    events = extractor.extract(make_article(
        "On Monday, the OSCE Special Monitoring Mission observed 21 explosions involving artillery near Kharkiv."))
    assert events and "OSCE" not in events[0].actor1 and "OSCE" not in events[0].actor2


def test_an_actor_named_with_its_weapon_is_actor1(extractor, make_article):
    events = extractor.extract(make_article(
        "On Monday, Saudi-led coalition airstrikes hit a bridge outside Marib."))
    assert events and events[0].actor1 == "Operation Restoring Hope"


def test_the_side_killed_after_a_firefight_is_actor2(extractor, make_article):
    events = extractor.extract(make_article(
        "On Monday, an Islamic State fighter was killed after exchanging fire with Iraqi soldiers in Mosul."))
    assert events and events[0].actor1 == "Military Forces of Iraq"
    assert events[0].actor2.startswith("Islamic State")


def test_coalition_strikes_are_air_strikes_by_the_coalition(extractor, make_article):
    events = extractor.extract(make_article(
        "On Monday, coalition strikes hit Islamic State positions near Mosul, killing 12 militants."))
    assert events and events[0].sub_event_type == "Air/drone strike"
    assert events[0].actor1 != "Unidentified Military Forces" and events[0].actor2.startswith("Islamic State")


def test_unnamed_rebels_keep_the_report_s_word_and_government_positions_are_the_military(extractor, make_article):
    events = extractor.extract(make_article("On Monday, rebel groups shelled government positions near Gao."))
    assert events and events[0].actor1 == "Rebel Groups (Mali)" and events[0].actor2 == "Military Forces of Mali"


def test_a_force_reporting_its_own_action_stays_actor1(extractor, make_article):
    events = extractor.extract(make_article(
        "On Monday, the Iraqi army said it killed 20 Islamic State militants near Mosul."))
    assert events and events[0].actor1 == "Military Forces of Iraq" and events[0].actor2.startswith("Islamic State")


def test_a_passive_victim_killed_in_a_clash_is_actor2(extractor, make_article):
    events = extractor.extract(make_article("On Monday, a soldier was killed in a clash with gunmen near Mosul."))
    assert events and events[0].actor1.startswith("Unidentified Armed Group")
    assert events[0].actor2 == "Military Forces of Iraq"


def test_a_joint_attribution_names_the_joint_actor():
    from conflictlens.extract.actors import ActorTable

    found = [m.actor.name for m in ActorTable.load().find("Boko Haram/ISWAP fighters shelled the base", "Nigeria", None)]
    assert found and found[0].startswith("Islamic State (West Africa) and/or Boko Haram")
    # before the 2016 split "Boko Haram" is one group (after it: see test_actor_conventions.py)
    assert [m.actor.name for m in ActorTable.load().find("Boko Haram fighters shelled the base", "Nigeria", date(2015, 1, 1))] == \
        ["Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"]


def test_a_presumed_agent_after_by_is_actor1(extractor, make_article):
    events = extractor.extract(make_article("On Monday, shells fired by presumed Islamic State fighters fell in Mosul."))
    assert events and events[0].actor1.startswith("Islamic State")


def test_clashes_between_two_named_sides_keep_their_order(extractor, make_article):
    events = extractor.extract(make_article(
        "On Monday, clashes were reported between Iraqi troops and Islamic State fighters near Mosul."))
    assert events and events[0].actor1 == "Military Forces of Iraq" and events[0].actor2.startswith("Islamic State")


def test_soldiers_killed_by_militants_name_the_militants_actor1(extractor, make_article):
    events = extractor.extract(make_article("On Monday, two soldiers were shot and killed by Islamic State militants in Mosul."))
    assert events and events[0].actor1.startswith("Islamic State") and events[0].actor2 == "Military Forces of Iraq"
