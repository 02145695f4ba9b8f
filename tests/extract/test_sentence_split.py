"""Issue 10, class 11: a rank or title before a name ends no sentence, so the evidence quote
starts where the sentence does."""
from __future__ import annotations

import pytest

from conflictlens.extract.parse import _sentences


def split(text: str) -> list[str]:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return [s.text for s in _sentences(text, [(s.start_char, s.end_char) for s in nlp(text).sents])]


@pytest.mark.parametrize("title", ["Col.", "Lt.", "Gen.", "Maj.", "Brig.", "Capt.", "Sgt.", "Cpl.", "Dr.", "Mr.",
                                   "Lt.-Col.", "Brig.-Gen."])
def test_a_title_before_a_name_keeps_the_sentence_whole(title):
    text = f"Gunmen shot dead {title} Karim Haddad near the market. Police said nobody was arrested."
    assert split(text) == [f"Gunmen shot dead {title} Karim Haddad near the market.", "Police said nobody was arrested."]


def test_stacked_ranks_stay_in_one_sentence():
    assert split("Lt. Gen. Samir Aoun and Maj. Hadi Kassem met. They left.") == [
        "Lt. Gen. Samir Aoun and Maj. Hadi Kassem met.", "They left."]


def test_a_number_label_before_a_number_is_no_sentence_end():
    assert split("The fire hit house No. 5 on the road. It spread.") == ["The fire hit house No. 5 on the road.", "It spread."]


def test_ordinary_sentence_ends_still_split():
    # a word that merely looks like an abbreviation at a real sentence end, and a line break after a title
    assert split("The unit was led by the general. Soldiers left.") == ["The unit was led by the general.", "Soldiers left."]
    assert split("Talks ended with No. Then they left.") == ["Talks ended with No.", "Then they left."]
    assert len(split("Shots were fired at Col.\nAhmed Street was closed.")) == 2


def test_the_event_quote_starts_at_the_sentence_start(extractor, make_article):
    art = make_article("Gunmen shot dead Col. Karim Haddad in Mosul on Monday.")
    [ev] = extractor.extract(art)
    assert ev.fatalities == 1 and ev.location == "Mosul"
    quotes = [e.span.text for e in ev.evidence if e.field == "event"]
    assert quotes and quotes[0].startswith("Gunmen shot dead Col. Karim Haddad")
