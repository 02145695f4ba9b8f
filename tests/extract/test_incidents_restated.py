"""Issue 10, class 8: one incident told twice in one article is one event -- a summary lead
(placed in a region, dated by a period such as "in recent days") beside the body that dates each
incident, a second source's toll, a dateline restating the lead."""
from __future__ import annotations

from datetime import date

import pytest

SUMMARY_REPORT = """Militants step up attacks around Mosul

Militant attacks have returned to the countryside around Mosul, with the killing of a village
headman and two soldiers in recent days, the provincial council said.

On Tuesday evening, gunmen on a motorbike shot dead a village headman in Tal Abyad, a relative said.

He had been threatened for months, the relative said.

Separately, two soldiers were killed when militants attacked a checkpoint on the edge of Mosul on Saturday night.

The army said the attackers fled towards the desert.

Local officials say the militants move at night through farmland that the army rarely patrols.

In recent days, security forces have stepped up patrols in the area, a police officer said.

Residents said they feared a return to the violence of past years.

The provincial council called for more troops to be sent.

The council said schools would stay open.

Farmers said they had stopped working their fields after dark.

A council member said the army had promised reinforcements.
"""


@pytest.mark.parametrize("published", [None, date(2021, 3, 10)])
def test_a_summary_lead_adds_no_event_to_the_body_incidents(extractor, make_article, published):
    text = SUMMARY_REPORT if published else SUMMARY_REPORT.replace("On Tuesday evening", "On 9 March 2021, in the evening")\
        .replace("on Saturday night", "on 6 March 2021")
    events = extractor.extract(make_article(text, published=published))
    got = {ev.location: ev.event_date for ev in events}
    assert got == {"Tal Abyad": date(2021, 3, 9), "Mosul": date(2021, 3, 6)}, [(e.location, e.event_date) for e in events]
    summary = [e for ev in events for e in ev.evidence if e.note == "the article's summary of its incidents"]
    assert summary and summary[0].span.text.startswith("Militant attacks have returned")
    assert sorted(ev.fatalities for ev in events) == [1, 2]  # the summary's "two soldiers" is not added again


def test_a_lead_about_another_kind_of_event_stays_its_own_event(extractor, make_article):
    """Negative: the summary rule folds a lead only into incidents of its own kind."""
    text = SUMMARY_REPORT.replace(
        "Militant attacks have returned to the countryside around Mosul, with the killing of a village\nheadman and two soldiers in recent days, the provincial council said.",
        "Hundreds of residents protested in Mosul against the closure of the hospital, the provincial council said.")
    events = extractor.extract(make_article(text, published=date(2021, 3, 10)))
    assert "Peaceful protest" in {ev.sub_event_type for ev in events}


def test_an_incident_told_only_over_a_period_is_still_coded(extractor, make_article):
    """Negative: "in recent days" is no reason to drop a report's one concrete incident."""
    events = extractor.extract(make_article("In recent days, gunmen killed five villagers in Tal Abyad, residents said."))
    assert len(events) == 1 and events[0].fatalities == 5


def test_a_second_sources_toll_for_the_same_ambush_is_one_event(extractor, make_article):
    text = ("Gunmen ambushed an army convoy near Gao on Sunday, killing five soldiers, the army said. "
            "A local official said nine soldiers died in the ambush near Gao. "
            "The army said the attackers fled on motorbikes.")
    [ev] = extractor.extract(make_article(text))
    assert ev.fatalities == 5  # the most conservative of the two sources' figures (GUIDE)
    assert ev.event_date == date(2021, 3, 7)


def test_a_dateline_restating_the_lead_is_one_event(extractor, make_article):
    text = ("GAO, Mali, March 8 (Wire) - Suspected jihadists killed four soldiers at a checkpoint outside Gao on Monday, "
            "officials said. The checkpoint attack in Gao on Monday killed four soldiers and wounded two, a military source said. "
            "Mali has faced an insurgency since 2012.")
    [ev] = extractor.extract(make_article(text))
    assert ev.fatalities == 4 and ev.event_date == date(2021, 3, 8)
    assert len([e for e in ev.evidence if e.field == "event"]) >= 2  # both reports kept as evidence


def test_two_incidents_on_different_days_stay_apart(extractor, make_article):
    """Negative: restated is not the same as similar -- two attacks at one place on two days are two events."""
    text = ("Gunmen killed two soldiers at a checkpoint in Gao on Monday. "
            "On Friday, gunmen killed three soldiers at another checkpoint in Gao.")
    events = extractor.extract(make_article(text))
    assert sorted(ev.fatalities for ev in events) == [2, 3]
