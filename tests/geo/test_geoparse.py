from conflictlens.geo import geoparse

ARTICLE = (
    "Gunmen killed a commander in the town of Kafr Ghan in rural Azaz on Tuesday, a local council said. "
    "Separately, three fighters died near the village of al-Numan in rural eastern Aleppo. "
    "Turkish forces shelled positions east of A'zaz, and residents of Al Bab reported drones over Homs."
)


def _by_text(results):
    return {m.text: (m, p) for m, p in results}


def test_offsets_point_into_the_text(geocoder):
    for m, _ in geoparse(ARTICLE, geocoder):
        assert ARTICLE[m.start:m.end] == m.text


def test_places_in_a_syrian_article_without_spacy(geocoder):
    found = _by_text(geoparse(ARTICLE, geocoder))
    kafr = found["Kafr Ghan"][1]
    assert kafr.matched_name == "Azaz" and kafr.precision == 2 and kafr.name == "Kafr Ghan"
    numan = found["al-Numan"][1]
    assert numan.matched_name == "al-Bab" and numan.precision in (2, 3)
    assert found["A'zaz"][1].precision == 2  # east of A'zaz
    assert found["Al Bab"][1].precision == 1 and found["Al Bab"][1].admin1 == "Aleppo"
    assert found["Homs"][1].country == "Syria"
    assert found["Turkish"][0].label == "DEMONYM"


def test_demonyms_can_be_left_out(geocoder):
    texts = {m.text for m, _ in geoparse(ARTICLE, geocoder, demonyms=False)}
    assert "Turkish" not in texts and "Homs" in texts


def test_names_inside_person_names_and_ordinary_words_are_not_places(geocoder):
    text = "Col. Paris Homs spoke on Monday. The March rally in London drew crowds, said John London Smith."
    found = _by_text(geoparse(text, geocoder))
    assert "March" not in found and "Monday" not in found
    assert "London" in found and found["London"][0].start == text.index("London drew") - 0


def test_arabic_script_mentions(geocoder):
    text = "قصفت الطائرات مدينة الباب ومدينة أعزاز"
    found = _by_text(geoparse(text, geocoder))
    assert found["الباب"][1].matched_name == "al-Bab"
    assert found["أعزاز"][1].matched_name == "Azaz"


def test_empty_and_placeless_text(geocoder):
    assert geoparse("", geocoder) == []
    assert geoparse("nothing here at all, just words.", geocoder) == []


class _Ent:
    def __init__(self, text, start, label):
        self.text, self.start_char, self.end_char, self.label_ = text, start, start + len(text), label


class _Doc:
    def __init__(self, ents):
        self.ents = ents


def test_ner_person_label_does_not_hide_a_place_that_fits_the_article(geocoder):
    text = "Syrian officials said Azaz was shelled; Azaz Smith was not hurt."
    doc = _Doc([_Ent("Azaz", text.index("Azaz"), "PERSON"), _Ent("Azaz Smith", text.rindex("Azaz"), "PERSON")])
    found = geoparse(text, geocoder, doc=doc)
    starts = [m.start for m, p in found if p is not None and p.matched_name == "Azaz"]
    assert starts == [text.index("Azaz")]


def test_ner_places_missing_from_the_gazetteer_are_reported_unresolved(geocoder):
    text = "Fighting reached Qqqzyville yesterday."
    doc = _Doc([_Ent("Qqqzyville", text.index("Qqq"), "GPE")])
    found = geoparse(text, geocoder, doc=doc)
    assert [(m.text, p) for m, p in found] == [("Qqqzyville", None)]


def test_person_labels_on_a_village_and_its_region(geocoder):
    text = "Turkish drones struck near the village of Kafr Qqq in rural Homs on Monday."
    doc = _Doc([_Ent("Turkish", 0, "NORP"), _Ent("Kafr Qqq", text.index("Kafr"), "PERSON"),
                _Ent("Homs", text.index("Homs"), "PERSON")])
    found = _by_text(geoparse(text, geocoder, doc=doc))
    village = found["Kafr Qqq"][1]
    assert village is not None and village.matched_name == "Homs" and village.precision == 2
    assert found["Homs"][1].country == "Syria"


def test_lists_of_places_are_not_containers(geocoder):
    text = "Protests were held in Homs, Aleppo and Tripoli on Friday."
    found = _by_text(geoparse(text, geocoder))
    assert found["Homs"][1].matched_name == "Homs" and found["Homs"][1].precision == 1
    assert found["Aleppo"][1].matched_name == "Aleppo"


def test_an_ner_list_entity_is_split(geocoder):
    text = "Officials in Homs, Aleppo and Idlib said."
    doc = _Doc([_Ent("Homs, Aleppo and Idlib", text.index("Homs"), "GPE")])
    assert [m.text for m, _ in geoparse(text, geocoder, doc=doc)] == ["Homs", "Aleppo", "Idlib"]


def test_a_name_placed_once_keeps_that_sense(geocoder):
    text = "A rally in Paris, Texas drew crowds. Later, Paris police said the rally was calm."
    places = [p for m, p in geoparse(text, geocoder) if m.text == "Paris"]
    assert len(places) == 2 and all(p.country == "United States" for p in places)


def test_acronyms_prefer_acronym_names(geocoder):
    text = "The U.S. and the EU agreed."
    found = _by_text(geoparse(text, geocoder))
    assert found["U.S."][1].country == "United States"
    assert found["EU"][1].matched_name == "European Union"


def test_big_places_inside_names_are_labelled_embedded(geocoder):
    text = "The London Times said prices rose in London, and traffic on Homs Road slowed in Homs."
    labels = [(m.text, m.label) for m, _ in geoparse(text, geocoder)]
    assert labels == [("London", "EMBEDDED"), ("London", "GAZ"), ("Homs", "EMBEDDED"), ("Homs", "GAZ")]
    small = "Gunmen attacked the Azaz Media Office in Azaz, north of Aleppo."
    assert [(m.text, m.label) for m, _ in geoparse(small, geocoder)] == [("Azaz", "GAZ"), ("Aleppo", "GAZ")]
