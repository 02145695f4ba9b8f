"""A place the gazetteer does not know is coded to its container or another place of a short note."""
from conflictlens.extract.places import fallback_mentions, place_candidates


def _mention(text: str, name: str):
    return next(c.mention for c in place_candidates(text, 0, len(text), [], []) if c.mention.text == name)


def test_village_of_a_district_falls_back_to_the_district():
    text = "On 3 May, gunmen killed two soldiers in the Qarnel village of Dostabad district, Velmar."
    alts = [m.text for m in fallback_mentions(text, _mention(text, "Qarnel"), short=True)]
    assert alts[0] == "Dostabad"


def test_village_close_to_a_city_falls_back_to_the_city_in_a_short_note():
    text = "On 3 May, militants clashed with the army in the Orvan village close to Tesmir city."
    assert [m.text for m in fallback_mentions(text, _mention(text, "Orvan"), short=True)] == ["Tesmir"]


def test_a_village_the_text_places_near_a_town_falls_back_to_that_town_in_any_article():
    for text in ("Shells fell on the Orvan village close to Tesmir city.",
                 "Shells fell on the village of Orvan, near Tesmir, on Monday.",
                 "Shells fell on Orvan village, 5 km from Tesmir.",
                 "Shells fell on Orvan, 12 kilometres south-east of Tesmir."):
        orvan = _mention(text, "Orvan")
        assert orvan.container == "Tesmir", text
        assert [m.text for m in fallback_mentions(text, orvan, short=False)] == ["Tesmir"], text


def test_the_village_is_the_place_and_the_town_it_lies_near_only_its_anchor():
    text = "An air strike hit the village of Orvan, near Tesmir, killing four people."
    assert place_candidates(text, 0, len(text), [], [])[0].mention.text == "Orvan"
    text = "Protesters blocked a road in the region of Velmar, near Tesmir."  # a region is no village
    assert place_candidates(text, 0, len(text), [], [])[0].mention.text != "Velmar"


def test_an_unrelated_town_after_a_village_is_no_container():
    text = "Shells fell on Orvan village on Monday while talks went on in Tesmir."
    assert _mention(text, "Orvan").container is None


def test_two_country_border_is_not_a_place():
    text = "Fighters were captured close to the Syria-Iraq border."
    assert all(c.mention.text != "Syria-Iraq" for c in place_candidates(text, 0, len(text), [], []))


def test_acronym_before_at_is_not_part_of_the_name():
    text = "Troops exchanged fire across the LoC at Varsel sector area (Kondra district)."
    first = place_candidates(text, 0, len(text), [], [])[0].mention
    assert (first.text, text[first.start:first.end]) == ("Varsel", "Varsel")


def test_currency_is_not_a_place_and_a_blocked_road_names_one():
    text = "Protesters against the high US dollar rate blocked the Tarnel roundabout."
    names = [c.mention.text for c in place_candidates(text, 0, len(text), [], [])]
    assert "US" not in names and names[0] == "Tarnel"


def test_spot_of_a_town_is_the_town():
    text = "Residents protested outside a shop in Varka Chowk of Delmar town (Oskan district)."
    assert place_candidates(text, 0, len(text), [], [])[0].mention.text == "Delmar"


def test_the_village_named_beats_its_subdivision():
    text = "Militants attacked the village of Ferrow, in Kalmata subdivision (Oro, North)."
    assert place_candidates(text, 0, len(text), [], [])[0].mention.text == "Ferrow"
