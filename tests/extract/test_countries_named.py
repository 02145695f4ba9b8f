"""The countries an article names: whole words, longest name first, counted."""
from conflictlens.extract.countries import article_countries, country_mentions


def test_longest_name_on_word_boundaries():
    names = [m[2] for m in country_mentions("Fighting in South Sudan spilled into Sudan; Nigerians fled to Niger.")]
    assert names == ["south sudan", "sudan", "niger"]  # not "sudan" inside "South Sudan", not "niger" in "Nigerians"


def test_most_named_country_first():
    got = article_countries("Troops from Chad entered Nigeria. Nigeria said Chad's army withdrew from Nigeria.", [])
    assert [iso for iso, _ in got] == ["NG", "TD"]
