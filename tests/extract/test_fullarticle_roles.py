"""Roles in report wording: the victims are never the side that acted in fighting or attacks."""
import pytest

pytestmark = pytest.mark.slow


def test_victims_named_before_a_passive_attack_are_actor2(extractor, make_article):
    text = "On Saturday, dozens of civilians in Kafr Sousa were suffocated by a chemical attack."
    events = extractor.extract(make_article(text))
    assert len(events) == 1
    assert not events[0].actor1.startswith("Civilians")
    assert events[0].actor2.startswith("Civilians")
