"""Associated actors: the groups the crowd or civilian side belongs to, from the words the
report uses for that side (data/actors/assoc_groups.csv).  Hand-written sentences."""
import pytest

from conflictlens.errors import ConfigError
from conflictlens.extract.assoc import associated_groups, parse_assoc_groups, side_words


def _side(sentence, trigger, acted_upon, country="Ruritania"):
    i = sentence.index(trigger)
    return associated_groups(side_words(sentence, i, i + len(trigger), acted_upon), country)


def test_the_crowd_is_named_by_its_subject():
    assert _side("Reporters and media workers staged a sit-in outside the court in Qorvo.", "staged a sit-in", False) == \
        "Journalists (Ruritania)"  # "media workers" are journalists, not a labour group


def test_the_victims_are_named_after_the_trigger_or_as_a_passive_subject():
    assert _side("Gunmen shot dead a farmer and two women near Qorvo.", "shot dead", True) == \
        "Farmers (Ruritania); Women (Ruritania)"
    assert _side("A journalist was shot dead by gunmen near Qorvo.", "shot dead", True) == "Journalists (Ruritania)"
    # the attackers' words are not the victims'
    assert _side("Farmers' militias shot dead a trader near Qorvo.", "shot dead", True) == "Traders (Ruritania)"


def test_no_group_named_gives_nothing_and_no_country_drops_the_brackets():
    assert _side("Gunmen shot dead a man near Qorvo.", "shot dead", True) == ""
    assert associated_groups("a nurse and a teacher", None) == "Health Workers; Teachers"


def test_a_malformed_group_file_is_a_config_error():
    with pytest.raises(ConfigError):
        parse_assoc_groups("label,words\nJournalists,journalist\n", "test.csv")  # no {c}
    with pytest.raises(ConfigError):
        parse_assoc_groups("name,aliases\n", "test.csv")


def test_events_carry_associated_actors(extractor, make_article):
    events = extractor.extract(make_article("On Monday, gunmen shot dead a journalist in Maiduguri."))
    assert events and events[0].assoc_actor_2 == "Journalists (Nigeria)"
    assert any(e.field == "assoc_actor_2" for e in events[0].evidence)


def test_students_arrested_without_a_protest_are_civilians_with_their_group(extractor, make_article):
    events = extractor.extract(make_article("On Monday, police arrested three students in Maiduguri."))
    assert events and events[0].actor2 == "Civilians (Nigeria)" and events[0].assoc_actor_2 == "Students (Nigeria)"


def test_the_evidence_view_shows_associated_groups(extractor, make_article):
    from conflictlens.extract.evidence_view import format_event_evidence

    text = "On Monday, gunmen shot dead a journalist in Maiduguri."
    events = extractor.extract(make_article(text))
    assert "[Journalists (Nigeria)]" in str(format_event_evidence(text, events[0]))


def test_the_month_march_is_no_protest_and_singular_groups_count(extractor, make_article):
    events = extractor.extract(make_article("On 9 March 2021, police arrested two students in Maiduguri."))
    assert events and events[0].actor2 == "Civilians (Nigeria)"
    assert _side("Gunmen shot a shopkeeper near Qorvo.", "shot", True) == "Traders (Ruritania)"
    assert _side("A man who suffered minor injuries was shot near Qorvo.", "shot", True) == ""
