"""A venue, square or quarter of a town is coded to the town; admin words drop from the name."""
from conflictlens.extract.places import place_candidates


def _first(sentence: str) -> str:
    return place_candidates(sentence, 0, len(sentence), [], [])[0].mention.text


def test_square_of_a_town_is_the_town():
    assert _first("Nurses protested in Qorvo Square of Telmar city on Monday.") == "Telmar"


def test_venue_in_a_town_is_the_town():
    assert _first("Gunmen fired at the Varn international airport in Zelkova district.") == "Zelkova"
    assert _first("Inmates rioted at Brisk prison close to Almora on Friday.") == "Almora"


def test_administrative_word_leaves_the_name():
    assert _first("Residents protested in Quillan Upazila on Monday.") == "Quillan"


def test_institution_of_a_country_is_not_split():
    names = [c.mention.text for c in place_candidates("A bomb exploded near the Ministry of Finance in Brakka.", 0, 56, [], [])]
    assert "Finance" not in names


def test_event_sentence_without_a_place_inherits_the_lead_sentence_place():
    from conflictlens.extract.parse import Sentence
    from conflictlens.extract.places import earlier_place

    text = "On 8 May, in Qorvo, Telmar, police raided a house. A shoot-out broke out."
    s1 = Sentence(0, 0, 50, text[:50], 0)
    s2 = Sentence(1, 51, len(text), text[51:], 0)
    found = earlier_place(text, (s1, s2), [], 1, True)
    assert found is not None and found.mention.text == "Qorvo"


def test_country_and_institution_names_yield_to_a_town():
    assert _first("Shells hit Yemen's west, in Qorvo district.") == "Qorvo"
    assert _first("Workers protested at the Ministry of Labour in Telmar city.") == "Telmar"
    assert _first("Gunmen attacked a bus in Municipality of Almora on Friday.") == "Almora"
