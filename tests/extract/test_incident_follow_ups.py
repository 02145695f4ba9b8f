"""One incident, one event (GUIDE.md): in a short report, the perpetrators' arrest, the victim's
abduction told afterwards, and the abducted victim's body found the next day belong to the
incident.  Hand-written notes set in a test town the fake geocoder knows."""


def _coded(extractor, make_article, text):
    return [(e.event_date.isoformat(), e.sub_event_type, e.fatalities) for e in extractor.extract(make_article(text))]


def test_an_abducted_victim_found_dead_is_one_attack_on_the_day_of_the_abduction(extractor, make_article):
    got = _coded(extractor, make_article,
                 "On 3 March 2021, in Maiduguri, gunmen kidnapped a trader from his shop. "
                 "His corpse was found dumped by a road the following morning. 1 fatality.")
    assert got == [("2021-03-03", "Attack", 1)]


def test_the_arrest_of_the_shooters_is_part_of_the_shooting(extractor, make_article):
    got = _coded(extractor, make_article,
                 "On 3 March 2021, in Maiduguri, three gunmen on a motorcycle shot a man dead. "
                 "Two days later police caught the shooters hiding in a nearby farm.")
    assert got == [("2021-03-03", "Attack", 1)]


def test_an_unrelated_arrest_stays_its_own_event(extractor, make_article):
    got = _coded(extractor, make_article,
                 "On 3 March 2021, in Maiduguri, a man was shot dead by gunmen on a motorcycle. "
                 "On 5 March 2021, police arrested a journalist in Maiduguri over a social media post.")
    assert [g[1] for g in got] == ["Attack", "Arrests"]


def test_an_arrest_of_suspects_weeks_later_is_its_own_event(extractor, make_article):
    got = _coded(extractor, make_article,
                 "On 3 March 2021, in Maiduguri, a man was shot dead by gunmen on a motorcycle. "
                 "On 9 March 2021, police arrested two suspects in Maiduguri.")
    assert [g[1] for g in got] == ["Attack", "Arrests"]
