"""An event whose own place the gazetteer lacks is coded to a located container the text names:
a district town at precision 2; a first-level region's centre only when the region is small
enough for its centre to stand for any place in it, else the name is kept without coordinates."""
from dataclasses import replace

from conflictlens.extract.context import Region, article_regions, checked_place
from conflictlens.extract.locate import located
from conflictlens.extract.places import containers_of, place_candidates
from conflictlens.geo.base import GeoContext
from conflictlens.models import Place

# invented towns; the regions are real first-level regions (the text's region tables know them)
POINTS = {
    "dostabad": Place("Dostabad", -3.30, 28.10, "Democratic Republic of the Congo", "Sud-Kivu", precision=1,
                      matched_name="Dostabad", reason="exact match of 'Dostabad'"),
    "ituri": Place("Ituri", 1.56, 30.25, "Democratic Republic of the Congo", "Ituri", precision=1,
                   matched_name="Ituri", reason="exact match of 'Ituri'"),  # a town named like a region
    "sud-kivu": Place("Sud-Kivu", -2.49, 28.84, "Democratic Republic of the Congo", "Sud-Kivu", precision=3,
                      matched_name="Sud-Kivu", reason="exact match of 'Sud-Kivu'; ADM1 centre"),
}


class ContainerGeocoder:
    """Knows two places; a name with a known container is coded to the container (as the
    gazetteer geocoder does); ``reach`` is the share of the region's towns near its centre."""

    def __init__(self, reach: float):
        self.reach = reach

    def resolve(self, mention, context):
        own = POINTS.get(mention.text.lower())
        if own is not None:
            return replace(own, name=mention.text)
        outer = POINTS.get((mention.container or "").lower())
        if outer is not None:
            return replace(outer, name=mention.text, precision=max(2, outer.precision),
                           reason=f"not in the gazetteer near {mention.container}; coded to {outer.matched_name}")
        return None

    def resolve_many(self, mentions, context):
        return [self.resolve(m, context) for m in mentions]

    def region_reach(self, place):
        return self.reach


def _locate(text: str, name: str, reach: float) -> Place | None:
    mention = next(c.mention for c in place_candidates(text, 0, len(text), [], []) if c.mention.text == name)
    return located(ContainerGeocoder(reach), mention, text, GeoContext(text=text), article_regions(text), True)


def test_containers_of_reads_the_chain_without_kind_words():
    text = "Militias attacked Kolvani village (Dostabad district, Sud-Kivu) on Monday."
    mention = next(c.mention for c in place_candidates(text, 0, len(text), [], []) if c.mention.text == "Kolvani")
    names = [name for name, _ in containers_of(text, mention)]
    assert names == ["Dostabad", "Sud-Kivu"]
    assert all(text[at:at + len(name)] == name for name, at in containers_of(text, mention))


def test_unknown_village_is_coded_to_its_district_town():
    text = "Militias attacked Kolvani village (Dostabad district, Sud-Kivu) on Monday."
    place = _locate(text, "Kolvani", reach=0.1)
    assert (place.latitude, place.longitude) == (-3.30, 28.10) and place.precision == 2
    assert place.reason.startswith("Kolvani not located; coded to Dostabad")


def test_unknown_village_in_a_wide_region_keeps_its_name_without_coordinates():
    text = "Militias attacked Kolvani village (Sud-Kivu) on Monday."
    place = _locate(text, "Kolvani", reach=0.2)
    assert place.latitude is None and place.name == "Kolvani"
    assert place.admin1 == "Sud-Kivu" and place.country  # the country still names the actors
    assert "too wide" in place.reason


def test_unknown_village_in_a_small_region_is_coded_to_its_centre():
    text = "Militias attacked Kolvani village (Sud-Kivu) on Monday."
    place = _locate(text, "Kolvani", reach=0.9)
    assert (place.latitude, place.longitude) == (-2.49, 28.84) and place.precision == 3


def test_a_region_in_another_spelling_is_the_same_region():
    place = Place("Kolvani", 34.0, 69.0, country="Afghanistan", admin1="Lowgar", precision=1)
    assert checked_place(place, "AF", (Region("AF", "logar"),)).latitude == 34.0
    assert checked_place(place, "AF", (Region("AF", "kunar"),)).latitude is None


def test_operating_area_of_the_forces_a_text_names():
    from conflictlens.extract.context import operating_area

    area = operating_area("Monitors of the OSCE SMM recorded shelling near a village.", None)
    assert area is not None and area.country == "UA" and {r.country for r in area.regions} == {"UA"}
    assert len(area.regions) == 2
    assert operating_area("Monitors of the OSCE SMM recorded shelling.", "NG") is None  # set in another country
    assert operating_area("The DPRK fired a missile; SMMS were sent.", None) is None  # whole words only


def test_a_loose_spelling_match_is_trusted_only_in_the_country_the_text_names():
    from conflictlens.extract.locate import _trusted
    from conflictlens.models import Candidate

    other = (Candidate(1, "Qalvira", 1.0, 1.0, "NO", None, 0.4, "P"),)
    key = Place("Qalveera", 32.19, 34.97, country="Palestine", precision=1, candidates=other,
                reason="key match of 'Qalvira'")
    assert _trusted(key, "PS").latitude == 32.19
    assert _trusted(key, "IL").latitude is None and _trusted(key, None).latitude is None
    skeleton = replace(key, reason="skeleton match of 'Qlvr'")
    assert _trusted(skeleton, "PS").latitude is None


def test_admin_chain_reads_a_parenthesis_after_a_comma_and_keeps_names_capitalised():
    from conflictlens.extract.context import admin_chain

    text = "Villagers attacked officials in Borvani village, Tesh (Uttarakhand) on Monday."
    assert admin_chain(text, text.index(" village")) == ["Tesh", "Uttarakhand"]
    text = "Women demonstrated in Kelvo town, in Gbarsa subdivision (Doe, Nimba), to demand water."
    assert admin_chain(text, text.index(" town")) == ["Gbarsa", "Doe", "Nimba"]
    text = "A rally was held in Karvik town center, Istanbul in memory of the victims."
    assert admin_chain(text, text.index(" town")) == ["Istanbul"]


def test_a_place_put_in_the_region_of_its_own_name_is_that_regions_town():
    from conflictlens.extract.context import region_lookup, town_of_region
    from conflictlens.models import Candidate

    region = [r for r in region_lookup("Veracruz") if r.country == "MX"]
    centre = Place("Veracruz", 19.53, -96.92, country="Mexico", admin1="Veracruz", precision=3,
                   candidates=(Candidate(1, "Veracruz", 16.4, -92.0, "MX", "Chiapas", 0.5, "P"),
                               Candidate(2, "Veracruz", 19.18, -96.14, "MX", "Veracruz", 0.9, "P")),
                   reason="exact match of 'Veracruz'; ADM1 centre")
    town = town_of_region(centre, region)
    assert (town.latitude, town.precision) == (19.18, 1)
    other = [r for r in region_lookup("Chiapas") if r.country == "MX"]
    assert town_of_region(centre, other).latitude == 19.53  # another region named: no change


def test_region_names_written_longer_or_under_another_parent_are_the_same_region():
    from conflictlens.extract.context import _same_region, region_lookup

    sulu = region_lookup("Sulu")
    assert all(_same_region("Muslim Mindanao (ARMM)", r) for r in sulu)
    assert all(_same_region("Soccsksargen", r) for r in region_lookup("South Cotabato"))  # regions.toml [parents]
    assert not any(_same_region("Soccsksargen", r) for r in sulu)


def test_state_abbreviations_and_a_town_near_another_in_the_chain():
    from conflictlens.extract.context import admin_chain, region_lookup

    assert {r.country for r in region_lookup("KL")} == {"IN"}
    text = "Men attacked a family in Varnoli village near Tesar town (Kachchh, Gujarat) on Sunday."
    assert admin_chain(text, text.index(" village")) == ["Tesar", "Kachchh", "Gujarat"]


def test_a_town_written_with_city_or_town_after_its_name_is_the_town():
    text = "Hundreds of people protested in Dostabad City against the curfew."
    place = _locate(text, "Dostabad City", reach=0.1)
    assert place.latitude == -3.30 and place.name == "Dostabad City" and "coded to Dostabad" in place.reason


def test_a_region_whose_reach_cannot_be_told_does_not_place_an_unknown_village():
    text = "Militias attacked Kolvani village (Sud-Kivu) on Monday."
    place = _locate(text, "Kolvani", reach=None)
    assert place.latitude is None and place.admin1 == "Sud-Kivu"


def test_another_names_village_in_the_region_does_not_replace_a_namesake():
    from conflictlens.models import Candidate

    wrong = Place("Kolvane", 45.1, 33.6, country="Ukraine", admin1="Crimea", precision=1, matched_name="Kolvane",
                  candidates=(Candidate(1, "Kolvanivka", 48.3, 39.2, "UA", "Luhansk", 0.5, "P"),))
    region = [r for r in region_lookup_("Luhansk") if r.country == "UA"]
    assert checked_place(wrong, "UA", tuple(region)).latitude is None
    same = replace(wrong, candidates=(Candidate(2, "Kolvane", 48.7, 38.6, "UA", "Luhansk", 0.5, "P"),))
    assert checked_place(same, "UA", tuple(region)).latitude == 48.7


def region_lookup_(name):
    from conflictlens.extract.context import region_lookup

    return region_lookup(name)


def test_a_unit_below_the_region_named_like_a_region_is_not_that_region():
    from conflictlens.extract.context import regions_of

    assert regions_of(["Sucre municipality"]) == ([], regions_of([])[1])
    assert regions_of(["Sucre"])[1]["VE"] > 0  # the states of that name


def test_names_with_two_linking_words_are_read_whole():
    text = "On 4 May, in Vista de la Colina, Guerrero, armed men clashed with police."
    assert place_candidates(text, 0, len(text), [], [])[0].mention.text == "Vista de la Colina"


def test_admin_chain_reads_a_direction_before_the_country_and_its_parenthesis():
    from conflictlens.extract.context import admin_chain

    text = "Artillery hit Kervash village in northern Yemen (Saqayn, Saada) at dawn."
    assert admin_chain(text, text.index(" village")) == ["Yemen", "Saqayn", "Saada"]


def test_a_district_named_like_a_region_in_a_district_region_chain_is_its_town():
    text = "Militias attacked Kolvani village (Ituri, Sud-Kivu) on Monday."
    place = _locate(text, "Kolvani", reach=0.1)
    assert (place.latitude, place.precision) == (1.56, 2) and "coded to Ituri" in place.reason
    alone = "Militias attacked Kolvani village (Ituri) on Monday."
    assert _locate(alone, "Kolvani", reach=0.1).latitude is None  # the region itself: too wide


def test_operating_area_cues_short_ones_only_where_the_text_is_set_in_the_country():
    from conflictlens.extract.context import operating_area

    assert operating_area("NAF jets struck a camp near Zarovo.", None) is None  # Nigeria's air force too
    assert operating_area("NAF units fired mortars near Zarovo.", "UA").country == "UA"
    assert operating_area("The OSCE SMM recorded 12 explosions near Zarovo.", None).country == "UA"
    assert operating_area("The OSCE SMM recorded 12 explosions near Zarovo.", "NG") is None


def test_regions_differing_by_a_direction_are_not_the_same_region():
    from conflictlens.extract.context import _same_region, region_lookup

    north = region_lookup("North Kordofan")
    assert north and not any(_same_region("South Kordofan", r) for r in north)
    assert any(_same_region("North Kordofan", r) for r in north)
