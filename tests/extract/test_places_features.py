"""A settlement beats a forest or road named beside it; a bare compass word is no place."""
from conflictlens.extract.places import place_candidates


def _names(sentence: str) -> list[str]:
    return [c.mention.text for c in place_candidates(sentence, 0, len(sentence), [], [])]


def test_village_beats_the_forest_beside_it():
    assert _names("Gunmen ambushed a patrol in the Korvel forest between Dass and Marlo village (Tessin).")[0] == "Marlo"


def test_compass_word_is_not_a_place():
    assert "North" not in _names("A union leader in the North joined the sit-in at Varen.")
