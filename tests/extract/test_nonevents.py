"""Non-events (issue 10, class 9): statistics over a period, background older than 60 days,
habitual or generic statements, plans, threats and calls, hypotheticals and negated events
report no incident (GUIDE.md "What is an event"); a reported incident told in the same
family of wording still does.  Hand-written sentences and articles; no dev text.

The articles are published on Wednesday 10 March 2021 (conftest), so "on Monday" is 8 March.
"""
from datetime import date

import pytest

from conflictlens.extract.coding import load_rules
from conflictlens.extract.detect import detect

R = load_rules()

MONDAY, TUESDAY, FRIDAY, SUNDAY = date(2021, 3, 8), date(2021, 3, 9), date(2021, 3, 5), date(2021, 3, 7)


def words(sentence):
    return [h.text.lower() for h in detect(sentence, 0, R)]


def coded(extractor, make_article, text):
    return [(e.location, e.event_date, e.sub_event_type) for e in extractor.extract(make_article(text))]


# --- statistics over a period --------------------------------------------------------------

def test_a_count_of_attacks_over_a_period_is_a_statistic():
    assert words("Insurgents have carried out more than 150 attacks in the province since January, killing 90 people.") == []
    assert words("The rebels have staged dozens of raids on border villages this year.") == []
    assert words("Between January and June, at least 300 civilians were killed across the region.") == []
    assert words("The army says it has killed 200 fighters since the start of the operation.") == []
    assert words("Since the offensive began, militants have abducted some 40 aid workers.") == []


def test_frequency_and_prevalence_are_general_statements():
    assert words("Residents say the army arrests young men every night.") == []
    assert words("Soldiers detain people at the checkpoint on a daily basis.") == []
    assert words("Kidnappings are frequent in the area.") == []
    assert words("The highway is notorious for ambushes.") == []
    # an explanation beside a reported incident is no statistic
    assert words("It is thought that the attack was carried out by settlers, as it is a common occurrence.") != []
    # a grievance's period is no tally: nobody counts anything
    assert words("Parents protested on Monday against fees charged since the start of the closure.") != []


def test_a_count_in_a_single_incident_is_no_statistic():
    assert words("On Monday, insurgents attacked a market, killing nine people.") != []
    assert words("Two airstrikes hit the town on Sunday, killing six civilians.") != []
    assert words("Rebels shelled the town on Monday; 400 have died in recent months.") != []


@pytest.mark.slow
def test_an_article_with_a_period_toll_codes_only_its_incident(extractor, make_article):
    text = ("On Monday, insurgents attacked a market near Maiduguri, killing nine people. "
            "Insurgents have carried out more than 150 attacks in Borno since January, killing 90 people. "
            "The group has staged dozens of raids on villages around Maiduguri this year.")
    assert coded(extractor, make_article, text) == [("Maiduguri", MONDAY, "Attack")]


# --- background older than 60 days --------------------------------------------------------

def test_long_past_history_is_background():
    assert words("Three years ago, rebels shelled the city for a week.") == []
    assert words("During the militants' rule, fighters executed dozens of residents.") == []


@pytest.mark.slow
def test_dated_history_gives_no_event_and_the_new_incident_does(extractor, make_article):
    text = ("The revolt began in March 2011, when troops opened fire on protesters in Kafr Sousa. "
            "In 2014 the militants seized Mosul and held it for three years. "
            "On Tuesday, gunmen shot dead two soldiers at a checkpoint in Mosul.")
    assert coded(extractor, make_article, text) == [("Mosul", TUESDAY, "Armed clash")]


@pytest.mark.slow
def test_an_old_month_is_background_but_last_week_is_not(extractor, make_article):
    old = "In October, militants attacked a convoy near Gao, killing four soldiers."
    assert coded(extractor, make_article, old) == []
    new = "Last week, militants attacked a convoy near Gao, killing four soldiers."
    assert [loc for loc, _, _ in coded(extractor, make_article, new)] == ["Gao"]


@pytest.mark.slow
def test_a_toll_in_an_undated_background_sentence_is_not_counted(extractor, make_article):
    text = ("Militants attacked a convoy near Gao on Monday. "
            "The same group ambushed troops there two years ago, killing 20.")
    events = extractor.extract(make_article(text))
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [("Gao", MONDAY, 0)]


# --- habitual and generic statements ------------------------------------------------------

def test_habits_are_no_incidents():
    assert words("Security forces constantly arrest people at checkpoints around the city.") == []
    assert words("Militants regularly attack convoys on this road.") == []
    assert words("Security forces often fire tear gas at students who protest on campus.") == []
    assert words("Soldiers routinely detain young men in the market.") == []
    assert words("The gang frequently kidnaps travellers on the highway.") == []
    assert words("Gunmen usually ambush patrols at night, residents say.") == []
    assert words("Rebels have repeatedly shelled the district.") == []
    assert words("Armed men tend to raid the villages during the harvest.") == []


def test_the_same_wording_with_an_incident_is_coded():
    assert words("On Monday, militants attacked a convoy on this road.") != []
    assert words("Forces arrested 12 people at a checkpoint on Friday.") != []
    assert words("Police fired tear gas at students who protested on campus on Sunday.") != []
    # an adverb of manner or of a single moment is no habit
    assert words("Gunmen suddenly opened fire on the crowd.") != []
    assert words("The often-targeted town was shelled on Monday.") != []
    assert words("Soldiers quickly detained the two men.") != []


@pytest.mark.slow
def test_a_habit_in_a_report_is_not_coded_but_its_incident_is(extractor, make_article):
    text = ("Militants regularly attack convoys on the road to Gao. "
            "On Monday, militants attacked a convoy near Gao, killing three soldiers. "
            "Security forces constantly arrest people at checkpoints around Mosul. "
            "Forces arrested 12 people in Mosul on Friday.")
    got = coded(extractor, make_article, text)
    assert ("Gao", MONDAY, "Armed clash") in got
    assert ("Mosul", FRIDAY, "Arrests") in got
    assert len(got) == 2


# --- plans, threats, calls ----------------------------------------------------------------

def test_threats_plans_and_calls_are_not_events():
    assert words("The group threatened to attack the city.") == []
    assert words("The commander vowed to retaliate against the rebels.") == []
    assert words("Opposition leaders urged supporters to protest outside parliament on Friday.") == []
    assert words("The militia has warned it will kidnap foreign workers.") == []
    assert words("The rebels announced plans to storm the capital.") == []
    assert words("Unions have called for a general strike and demonstrations next week.") == []


def test_ultimatums_plans_and_asked_for_arrests_are_not_events():
    assert words("The rebels gave the army two days to leave the town or face attack.") == []
    assert words("The group is planning an assault on the city.") == []
    assert words("The minister ordered the arrest of the organisers.") == []
    assert words("The opposition demanded the arrest of the officers.") == []
    assert words("A court issued an arrest warrant for the commander.") == []
    assert words("The army said it had thwarted what it called a planned bomb attack.") == []


def test_an_attack_after_a_threat_is_coded():
    assert words("On Sunday, fighters staged a planned attack on an army base.") != []
    assert words("Police arrested 12 people on Monday, a day after the minister ordered a crackdown.") != []
    assert words("A day after threatening the town, the group attacked a checkpoint on Sunday.") != []
    assert words("Supporters protested outside parliament on Friday, as their leaders had urged.") != []


@pytest.mark.slow
def test_a_threat_gives_no_event_in_an_article(extractor, make_article):
    text = ("The rebels threatened on Monday to attack Marib. "
            "Their commander vowed to retaliate for the death of his brother. "
            "On Sunday, rebels shelled a market in Marib, killing two civilians.")
    assert coded(extractor, make_article, text) == [("Marib", SUNDAY, "Shelling/artillery/missile attack")]


# --- hypotheticals ------------------------------------------------------------------------

def test_hypotheticals_are_not_events():
    assert words("If troops storm the town, civilians will be killed.") == []
    assert words("Had the rebels attacked the base, dozens would have died.") == []
    assert words("Residents fear the militants could attack the camp.") == []
    assert words("Experts say a drone strike on the dam is possible.") == []


def test_open_conditions_are_hypotheticals():
    assert words("In the event of an attack, residents should go to the shelters.") == []
    assert words("Any attack on the city would be met with force.") == []
    assert words("It is unclear whether the rebels attacked the base.") == []
    assert words("An assault on the town is expected soon, officials said.") == []
    # a hedge on a link, not on the incident
    assert words("The attack is likely related to the protests against the banks.") != []
    # the hedge of a later clause is its own
    assert "militants attacked" in words("Militants attacked the base and more clashes are expected.")


@pytest.mark.slow
def test_a_hypothetical_in_an_article_is_not_coded(extractor, make_article):
    text = ("Had the rebels attacked the base near Tal Abyad, dozens would have died. "
            "Rebels attacked a checkpoint near Tal Abyad on Monday, wounding three soldiers.")
    assert coded(extractor, make_article, text) == [("Tal Abyad", MONDAY, "Armed clash")]


# --- negated events -----------------------------------------------------------------------

def test_negated_events_are_not_events():
    assert words("Police did not arrest any protesters on Monday.") == []
    assert words("No one was arrested after the march.") == []
    assert words("Officials said no protesters were detained.") == []
    assert words("The army denied shelling the village.") == []
    assert words("None of the demonstrators was arrested.") == []


def test_denied_reports_and_restraint_are_not_events():
    assert words("The army dismissed reports that it had shelled the village.") == []
    assert words("The government stopped short of arresting the leaders.") == []


def test_events_beside_a_negation_are_events():
    assert words("Police arrested three protesters on Monday.") != []
    assert words("Police arrested three protesters, not the organisers, on Monday.") != []
    assert words("The army shelled the village, a spokesman confirmed, denying reports of deaths.") != []
    # a negated toll is no negated attack
    assert words("Rebels blew up a bridge although no deaths were reported in the attack.") != []
    assert words("No people were reported injured or killed.") == []


@pytest.mark.slow
def test_a_negated_arrest_gives_no_event_beside_a_real_one(extractor, make_article):
    text = ("Hundreds of students protested in Haifa on Friday. Officials said no protesters were detained. "
            "Police arrested three activists in Haifa on Sunday.")
    got = coded(extractor, make_article, text)
    assert [(loc, day) for loc, day, _ in got] == [("Haifa", FRIDAY), ("Haifa", SUNDAY)]
    # (the protest may be typed "with intervention": typing reads the denied detention as force)
    assert got[0][2] in ("Peaceful protest", "Protest with intervention") and got[1][2] == "Arrests"


# --- retrospectives, lawsuits, proceedings and topics: past or generic crimes, not news ---------

def test_works_lawsuits_and_proceedings_about_crimes_are_not_incidents():
    assert words("Tonight the series examines the crimes of two brothers who burned down a temple and murdered a couple.") == []
    assert words("It took years and two trials to close the case involving the murders of a family.") == []
    assert words("She spoke at the launch of a novel by a local author about sexual abuse, at a hall in the city.") == []
    assert words("The student claims in the suit that he was harassed, was unlawfully detained, and suffered harm.") == []
    assert words("The league charged the club over the attack on the visiting team's bus.") == []


def test_the_same_words_reporting_an_incident_are_coded():
    assert words("Students protested against the new law on Monday.") != []
    assert words("Three flats which were used to hide weapons were set on fire by unknown men.") != []
    assert words("Gunmen opened fire on worshippers on Friday.") != []


# --- a long report: background paragraphs and one current incident ------------------------

LONG = "\n\n".join([
    "The conflict around Kharkiv has changed the lives of everyone in the region.",
    " ".join([
        "The fighting began in 2014, when separatists seized government buildings across the east.",
        "In 2015, artillery duels along the front killed hundreds of people.",
        "Rebels have carried out more than 400 attacks on the city's outskirts since the war began.",
    ]),
    " ".join([
        "Soldiers routinely detain men of fighting age at checkpoints on the ring road.",
        "Residents say drones often strike the power lines at night.",
        "Officials have threatened to arrest anyone who films the checkpoints.",
        "Some fear the rebels could shell the railway station next.",
    ]),
    " ".join([
        "On Tuesday, rebels shelled a residential district in Kharkiv, killing three civilians.",
        "Two more people were wounded, a hospital spokesman said.",
        "The army did not return fire, the spokesman added.",
    ]),
    " ".join([
        "Aid groups called for a ceasefire.",
        "Since January, at least 60 civilians have been killed in the province.",
        "Prices of food have doubled this year.",
    ]),
])


@pytest.mark.slow
def test_a_long_report_codes_only_its_current_incident(extractor, make_article):
    events = extractor.extract(make_article(LONG))
    assert [(e.location, e.event_date, e.sub_event_type) for e in events] == [
        ("Kharkiv", TUESDAY, "Shelling/artillery/missile attack")]
    assert events[0].fatalities == 3
