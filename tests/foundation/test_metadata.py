from datetime import date

from hypothesis import given, strategies as st

from conflictlens.ingest.metadata import article_metadata, cited_sources, dateline_date, detect_language, parse_date


def test_parse_date_formats():
    assert parse_date("2020-06-23") == date(2020, 6, 23)
    assert parse_date("2020-06-23T10:00:00+03:00") == date(2020, 6, 23)
    assert parse_date("Tue, 23 Jun 2020 10:00:00 GMT") == date(2020, 6, 23)
    assert parse_date("23 June 2020") == date(2020, 6, 23)
    assert parse_date("June 23, 2020") == date(2020, 6, 23)
    assert parse_date("Sept. 3, 2019") == date(2019, 9, 3)
    assert parse_date("not a date") is None
    assert parse_date("2020-02-31") is None
    assert parse_date(None) is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_parse_date_round_trips(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d %B %Y")) == day
    assert parse_date(day.strftime("%B %d, %Y")) == day


@given(st.text())
def test_parse_date_never_raises(text):
    parse_date(text)
    dateline_date(text)


def test_dateline_only_at_start():
    assert dateline_date("BEIRUT, June 23, 2020 (Reuters) - Shelling hit the city.") == date(2020, 6, 23)
    assert dateline_date("Published: 5 May 2021\nText") == date(2021, 5, 5)
    assert dateline_date("Gunmen attacked a post on Jun. 20, 2020, in the town.") is None


def test_no_date_is_never_invented():
    meta = article_metadata("Gunmen attacked a checkpoint on Jun. 20, 2020, killing two.", published=None,
                            source="Example News", url="https://example.org/a")
    assert meta.published is None and meta.published_from == "none"
    assert meta.outlet == "Example News"


def test_outlet_from_url_and_metadata_origin():
    meta = article_metadata("Some text here.", published="2021-01-02", source=None,
                            url="https://www.example-news.org/story")
    assert meta.outlet == "example-news.org"
    assert meta.published == date(2021, 1, 2) and meta.published_from == "metadata"


def test_cited_sources():
    text = ("Rebels shelled the town, reports Example Daily. A security source told Valley Post that two died. "
            "According to the Regional Monitor for Human Rights, five were wounded.")
    found = cited_sources(text)
    assert "Example Daily" in found
    assert any("Valley Post" in s for s in found)
    assert any(s.startswith("Regional Monitor for Human Rights") for s in found)


def test_language():
    assert detect_language("The army said that the attack was repelled and the town was calm on Monday.") == "en"
    assert detect_language("Les forces de sécurité ont arrêté des suspects dans la ville et les environs.") == "fr"
    assert detect_language("قتل ثلاثة أشخاص في هجوم على نقطة تفتيش") == "ar"
    assert detect_language("") is None
