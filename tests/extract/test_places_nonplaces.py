"""Names that are no place of an event (issue 10): peoples' adjectives, a witness's initials,
dates, organisations, seas and continents, venues named after people -- and the places that
look like them but are places ("the Somali region", "the July 7 area", "off the coast of X")."""
from conflictlens.extract.places import non_place, place_candidates, venue_name, wide_area


def _names(sentence: str) -> list[str]:
    return [c.mention.text for c in place_candidates(sentence, 0, len(sentence), [], [])]


def _place(extractor, make_article, text: str):
    events = extractor.extract_many([make_article(text)])[0]
    assert events, text
    return events[0].place


# --- peoples' and countries' adjectives ---

def test_adjective_of_a_people_is_no_place():
    assert _names("Rockets fell on the Alawite-majority quarter at dawn.") == []
    assert _names("Mortars hit Druze-populated hamlets in the hills.") == []
    assert non_place("Moldovan") and non_place("Greek-Turkish") and non_place("Shiite-majority")


def test_holder_in_front_of_a_town_leaves_the_town():
    assert _names("Drones struck a depot in Kurdish-held Tal Abyad on Sunday.")[0] == "Tal Abyad"


def test_region_named_after_a_people_is_a_place():
    assert _names("Militias clashed in the Somali region on Sunday.")[0] == "Somali"
    assert not non_place("Rakhine State")


def test_adjective_container_is_no_container():
    text = "Troops fired at boats off the coast of Varnel (Moldovan) on Sunday."
    first = place_candidates(text, 0, len(text), [], [])[0].mention
    assert first.text == "Varnel" and first.container is None and first.qualifier == "near"


# --- a witness's initials ---

def test_initials_are_no_place():
    assert non_place("R.T.") and non_place("J. P.")
    assert not non_place("Marib")


def test_initials_of_a_witness_leave_the_town(extractor, make_article):
    place = _place(extractor, make_article,
                   "On Sunday gunmen shot dead two farmers in Marib, a relative, K.D., told reporters.")
    assert place is not None and place.name == "Marib"


# --- dates ---

def test_dates_are_no_place():
    assert "October 2014" not in _names("The siege began in October 2014 and on Sunday troops shelled Marib.")
    assert _names("The siege began in October 2014 and on Sunday troops shelled Marib.")[0] == "Marib"
    assert non_place("Late September") and non_place("Eid al-Fitr") and non_place("Sunday")


def test_area_named_after_a_date_is_a_place():
    assert _names("Shells fell on houses in the November 30 area of the port.")[0] == "November 30"


# --- organisations and officials ---

def test_organisations_and_titles_are_no_place():
    for name in ("Syrian Network for Human Rights", "Norwegian Refugee Council", "Red Crescent",
                 "Director of Prisons", "Governor of Marib"):
        assert non_place(name), name
    assert _names("Staff rallied outside the office of the Director of Prisons on Sunday.") == []


def test_town_next_to_an_organisation_is_the_place(extractor, make_article):
    place = _place(extractor, make_article,
                   "On Sunday an airstrike killed three civilians in Mosul, the Kurdistan Human Rights Network said.")
    assert place is not None and place.name == "Mosul"


def test_place_words_in_names_are_not_organisations():
    assert not non_place("La Union") and not non_place("Cross River")


def test_bare_administrative_word_is_no_place():
    assert _names("A reporter was beaten at an unknown spot in the State.") == []


# --- seas, oceans, continents ---

def test_seas_and_continents_are_wide_areas():
    for name in ("Mediterranean", "the Aegean Sea", "Red Sea", "Gulf of Aden", "Europe", "West Africa", "Sahel"):
        assert wide_area(name), name
    assert not wide_area("Red Sea", " state") and not wide_area("Marib")


def test_town_beside_a_sea_is_the_place(extractor, make_article):
    place = _place(extractor, make_article, "On Sunday pirates attacked a tanker in the Red Sea off Marib, killing two sailors.")
    assert place is not None and place.name == "Marib" and place.latitude is not None and place.precision == 2


def test_open_sea_alone_gets_no_point(extractor, make_article):
    place = _place(extractor, make_article,
                   "On Sunday the coastguard opened fire on a dinghy in the Ionian Sea, killing two migrants.")
    assert place is not None and place.latitude is None


# --- venues named after people ---

def test_venue_named_after_a_person_yields_to_the_town():
    text = "Doctors protested at the Ibn Khaldun (al Salam) hospital in Gao on Sunday."
    assert _names(text)[0] == "Gao"
    text = "Shells hit the al-Mansur clinic, wounding staff, in Mosul on Sunday."
    assert _names(text)[0] == "Mosul"


def test_venue_name_is_recognised():
    text = "Shells hit the al-Mansur clinic on Sunday."
    mention = place_candidates(text, 0, len(text), [], [])
    assert mention == [] or venue_name(text, mention[0].mention)


def test_venue_of_a_town_in_a_short_note_is_coded_to_the_town(extractor, make_article):
    place = _place(extractor, make_article,
                   "On 7 March 2021, gunmen shot at guards at the Abu Hamid al-Ghazali school of Haifa city.")
    assert place is not None and place.name == "Haifa" and place.latitude is not None


def test_venue_not_located_falls_back_to_the_town_of_its_sentence(extractor, make_article):
    place = _place(extractor, make_article,
                   "On Sunday a bomb exploded at the Sheikh Zayed square, wounding five people, near Kafr Sousa.")
    assert place is not None and place.latitude is not None and place.precision == 2


# --- a village that cannot be placed ---

def test_village_east_of_a_town_is_coded_to_the_town_near(extractor, make_article):
    place = _place(extractor, make_article,
                   "On Sunday Turkish drones struck a village east of Tal Abyad, killing two Kurdish fighters.")
    assert place is not None and place.name == "Tal Abyad" and place.precision == 2 and place.country == "Syria"


def test_an_abbreviation_the_text_defines_is_no_place():
    """"the District Commissioner (DC) ... the DC": the title's initials, not Washington DC."""
    from conflictlens.extract.places import _abbreviation

    text = "A bomb hit the car of the Kahda District Commissioner (DC) near Hoosh. The DC survived."
    assert _abbreviation(text, text.rindex("DC"), "DC")
    # negative: capitals the text does not define as initials stay candidates
    assert not _abbreviation("Protesters marched in Washington DC on Monday.", 31, "DC")
