"""Issue 10, class 7: several incidents in one article -- "on the same day" starts a new incident
at its own place, places listed under one verb are one event each (GUIDE: one event per location
per day, a toll told once shared out), and incidents late in a long article are found."""
from __future__ import annotations

from datetime import date


def test_on_the_same_day_elsewhere_is_another_incident_with_the_same_date(extractor, make_article):
    text = ("On Monday, gunmen killed two soldiers at a checkpoint in Gao. "
            "On the same day, a civilian was killed in Mosul by a roadside bomb.")
    events = {ev.location: ev for ev in extractor.extract(make_article(text))}
    assert set(events) == {"Gao", "Mosul"}
    assert events["Gao"].event_date == events["Mosul"].event_date == date(2021, 3, 8)
    assert events["Gao"].fatalities == 2 and events["Mosul"].fatalities == 1
    assert events["Mosul"].sub_event_type == "Remote explosive/landmine/IED"


def test_villages_listed_under_one_verb_are_one_event_each_with_the_toll_shared_out(extractor, make_article):
    text = "Government forces shelled the villages of Kafr Sousa, Tal Abyad and Marib on Tuesday, killing seven civilians."
    events = extractor.extract(make_article(text))
    assert [ev.location for ev in events] == ["Kafr Sousa", "Tal Abyad", "Marib"]
    assert [ev.fatalities for ev in events] == [3, 2, 2]  # 7 over 3 places, as ACLED shares a total out
    assert {ev.sub_event_type for ev in events} == {"Shelling/artillery/missile attack"}
    assert all(ev.event_date == date(2021, 3, 9) for ev in events)


def test_two_towns_joined_by_and(extractor, make_article):
    events = extractor.extract(make_article("On Tuesday, government artillery shelled the towns of Mosul and Tal Abyad."))
    assert sorted(ev.location for ev in events) == ["Mosul", "Tal Abyad"]


def test_a_place_and_its_containers_are_one_place(extractor, make_article):
    """Negative: commas without "and" chain a place to its region and country ("X, Y, Z state")."""
    events = extractor.extract(make_article("On Tuesday, gunmen killed five soldiers in Mosul, Nineveh, Iraq."))
    assert [ev.location for ev in events] == ["Mosul"] and events[0].fatalities == 5


def test_between_two_towns_is_one_event(extractor, make_article):
    """Negative: "between A and B" places one incident between two towns."""
    events = extractor.extract(make_article("On Tuesday, militants ambushed a convoy on the road between Mosul and Tal Abyad, killing four soldiers."))
    assert len(events) == 1 and events[0].fatalities == 4


def test_a_country_with_and_in_its_name_is_no_list(extractor, make_article):
    events = extractor.extract(make_article("On Tuesday, residents protested in Haifa, Bosnia and Herzegovina, against a dam."))
    assert len(events) == 1


BACKGROUND = [
    "The region has a long history of rivalry between clans over land and water.",
    "In 2014 the militants seized large parts of the province before they were driven out.",
    "Thousands of families fled to camps, where many still live.",
    "Aid agencies say funding for the camps has fallen every year.",
    "The government promised to rebuild roads, schools and clinics.",
    "Few of those projects have been finished, residents say.",
    "Farmers complain that the canals have not been repaired.",
    "Local elections are due next year.",
    "The governor said security had improved greatly.",
    "Critics say the army relies on tribal fighters it does not control.",
    "Smuggling across the desert border remains common.",
    "Prices of fuel and bread have doubled.",
]


def test_incidents_in_the_second_half_of_a_long_article_are_found(extractor, make_article):
    body = " ".join(BACKGROUND) + "\n\n" + (
        "On Sunday night, militants attacked an army post near Tal Abyad, killing three soldiers, a military source said. "
        "On Monday, a roadside bomb killed two civilians in Mosul, police said.")
    events = {ev.location: ev for ev in extractor.extract(make_article("Violence returns to the north\n\n" + body))}
    assert set(events) == {"Tal Abyad", "Mosul"}, list(events)
    assert events["Tal Abyad"].event_date == date(2021, 3, 7) and events["Tal Abyad"].fatalities == 3
    assert events["Mosul"].event_date == date(2021, 3, 8) and events["Mosul"].fatalities == 2


def test_buildings_of_one_town_the_same_day_are_one_event(extractor, make_article):
    """One event per location per day: a second building named for the same protest is no second place."""
    text = ("On Monday, protesters gathered outside the Seray in Mosul and demanded the release of activists. "
            "Protesters also gathered outside the Justice Palace.")
    [ev] = extractor.extract(make_article(text))
    assert (ev.place.latitude, ev.place.longitude) == (36.34, 43.13)  # the building is coded to its town, Mosul


def test_two_towns_the_same_day_stay_two_events(extractor, make_article):
    """Negative: the building rule joins buildings to a town, not towns to each other."""
    text = "On Monday, protesters gathered in Mosul. Protesters also gathered in Tal Abyad."
    assert sorted(ev.location for ev in extractor.extract(make_article(text))) == ["Mosul", "Tal Abyad"]


def test_the_region_a_towns_incident_is_told_in_is_no_second_event(extractor, make_article):
    """"in Tal Abyad (Tal Abyad, Raqqa) ... clashes in Raqqa": the region of the same day's clash is the same place."""
    text = ("On Monday, clashes broke out between the army and militants in Tal Abyad (Tal Abyad, Raqqa). "
            "The clashes in Raqqa killed two soldiers.")
    events = extractor.extract(make_article(text))
    assert [ev.location for ev in events] == ["Tal Abyad"] and events[0].fatalities == 2


def test_a_clash_in_another_region_the_same_day_stays_apart(extractor, make_article):
    """Negative: a region the text does not put the town in is another place."""
    text = ("On Monday, clashes broke out between the army and militants in Tal Abyad (Tal Abyad, Raqqa). "
            "Clashes also broke out in Mosul, killing two soldiers.")
    assert sorted(ev.location for ev in extractor.extract(make_article(text))) == ["Mosul", "Tal Abyad"]
