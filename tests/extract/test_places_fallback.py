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
    assert fallback_mentions(text, _mention(text, "Orvan"), short=False) == []


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
