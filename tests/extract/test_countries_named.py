"""The countries an article names: whole words, longest name first, counted."""
from conflictlens.extract.countries import article_countries, country_mentions


def test_longest_name_on_word_boundaries():
    names = [m[2] for m in country_mentions("Fighting in South Sudan spilled into Sudan; Nigerians fled to Niger.")]
    assert names == ["south sudan", "sudan", "niger"]  # not "sudan" inside "South Sudan", not "niger" in "Nigerians"


def test_most_named_country_first():
    got = article_countries("Troops from Chad entered Nigeria. Nigeria said Chad's army withdrew from Nigeria.", [])
    assert [iso for iso, _ in got] == ["NG", "TD"]


def test_the_country_table_adds_the_names_news_use():
    got = article_countries("Fighting spread from Turkey to Russia; the DRC and Ivory Coast sent envoys.", [])
    assert {iso for iso, _ in got} == {"TR", "RU", "CD", "CI"}
    assert dict(got)["TR"] == "Turkey"  # the ACLED-style name, not pycountry's "Türkiye"
    # other names of a country that are also places count as the country but are no country names
    assert article_countries("Shelling hit Gaza.", []) == [("PS", "Palestine")]
    from conflictlens.extract.countries import country_names
    assert "gaza" not in country_names(all_names=False) and "turkey" in country_names(all_names=False)
