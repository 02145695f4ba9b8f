"""Country and region from the text: containers, region names, and the check of geocoded points."""
from conflictlens.extract.context import Region, admin_chain, article_regions, checked_place, regions_of
from conflictlens.models import Candidate, Place


def test_admin_chain_reads_parentheses_and_commas():
    text = "Gunmen attacked a convoy near Foo village (Bar district, Sindh) on Monday."
    assert admin_chain(text, text.index(" village")) == ["Bar district", "Sindh"]
    text = "Shells fell near Foo, Luhansk."
    assert admin_chain(text, text.index(",")) == ["Luhansk"]
    text = "A man was killed in Foo municipality, Chihuahua, on Friday."
    assert admin_chain(text, text.index(" municipality")) == ["Chihuahua"]


def test_regions_vote_for_their_country():
    regions, votes = regions_of(["Qwzx", "Haut-Katanga"])
    assert votes.most_common(1)[0][0] == "CD"
    assert regions and regions[0].country == "CD"
    assert regions_of(["J&K"])[1].most_common(1)[0][0] == "IN"


def test_article_regions_prefers_the_stated_region_over_a_foreign_country_named():
    text = "Protesters marched in Foo (Hyderabad, Sindh) against a decision taken in India."
    named = article_regions(text)
    assert named.countries[0] == "PK"


def test_namesake_abroad_is_replaced_by_a_fitting_candidate_or_dropped():
    wrong = Place("Foo", 10.0, 10.0, country="Norway", admin1="Telemark", precision=1,
                  candidates=(Candidate(1, "Foo", -12.0, 27.0, "CD", "Haut-Katanga", 0.5, "P"),))
    fixed = checked_place(wrong, "CD", ())
    assert (fixed.latitude, fixed.longitude) == (-12.0, 27.0)
    alone = checked_place(Place("Foo", 10.0, 10.0, country="Norway", precision=1), "CD", ())
    assert alone.latitude is None and alone.name == "Foo"


def test_namesake_in_another_region_of_the_same_country_is_dropped():
    place = Place("Foo", 45.1, 33.6, country="Ukraine", admin1="Crimea", precision=1)
    region = Region("UA", "luhanska")
    assert checked_place(place, "UA", (region,)).latitude is None
    right = Place("Foo", 48.7, 38.5, country="Ukraine", admin1="Luhansk", precision=1)
    assert checked_place(right, "UA", (region,)).latitude == 48.7


def test_demonyms_vote_for_their_country_and_country_centres_are_no_place():
    from conflictlens.extract.context import country_level

    assert article_regions("People protested in Qorvo against the arrest of a Ukrainian activist.").countries[0] == "UA"
    centre = Place("Qorvo", 45.1, 15.5, country="Croatia", precision=3, matched_name="Croatia")
    assert country_level(centre)
    assert not country_level(Place("Zagreb", 45.8, 15.9, country="Croatia", admin1="Zagreb", precision=1,
                                   matched_name="Zagreb"))


def test_admin_chain_stops_at_the_end_of_the_sentence():
    from conflictlens.extract.context import admin_chain

    text = "Police raided a house in Dorvo, Kessel, Laguna. Police said two men died."
    assert admin_chain(text, text.index("Dorvo") + 5) == ["Kessel", "Laguna"]


def test_a_one_country_admin_word_votes_for_that_country():
    from conflictlens.extract.context import article_regions

    assert article_regions("Gunmen killed a farmer in Barangay Dorvo on Monday.").countries[:1] == ("PH",)
