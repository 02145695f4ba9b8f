"""A settlement beats a forest or road named beside it; a bare compass word is no place."""
from conflictlens.extract.places import place_candidates


def _names(sentence: str) -> list[str]:
    return [c.mention.text for c in place_candidates(sentence, 0, len(sentence), [], [])]


def test_village_beats_the_forest_beside_it():
    assert _names("Gunmen ambushed a patrol in the Korvel forest between Dass and Marlo village (Tessin).")[0] == "Marlo"


def test_compass_word_is_not_a_place():
    assert "North" not in _names("A union leader in the North joined the sit-in at Varen.")


def test_lower_case_article_name_is_a_place():
    assert _names("Protesters blocked the el Varj road on Monday.")[0] == "el Varj"
    assert _names("A march was held in el Dormel on Friday.")[0] == "el Dormel"


def test_the_place_a_note_is_coded_as_comes_first():
    assert _names("Villagers clashed in Tovo village, coded as Marsk district, Keeran regency.")[0] == "Marsk"


def test_quarter_of_a_city_in_the_possessive_is_the_city():
    assert _names("Demonstrators gathered in Zelbor's Hamra district on Monday.")[0] == "Zelbor"


def test_possessive_owner_of_an_action_is_not_the_place():
    assert "Tarvos" not in _names("Rebels fended off Tarvos's offensive in Melbek on Monday.")
    assert _names("Shells fell in Tarvos's southern countryside.")[0] == "Tarvos"


def test_x_based_organisation_is_not_a_place():
    assert not any("based" in n for n in _names("The head of the Norland-based Kelso Monitor said troops shelled Varn village."))


def test_particle_names_and_enclave_of_and_entering():
    assert _names("Fighting went on in Qasr ez-Zavr on Friday.")[0] == "Qasr ez-Zavr"
    assert "Dormik" in _names("Fighters were entering the western enclave of Dormik.")
    assert "Velna" in _names("A convoy of troops was entering Velna when it was hit.")
