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
