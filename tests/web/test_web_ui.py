"""The web UI's own rules (issue 13, class 11) that need no browser: date evidence marks the date
words only, the favicon, the map's scripts and data are ours and local."""
from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from datetime import date

from conflictlens.models import Article, Event, Evidence, Place, Span
from conflictlens.web.highlight import evidence_segments, quotes_no_words

TEXT = ("Militiamen raided a market in Dar Salma on Thursday, wounding four traders. "
        "Separately, a roadside bomb struck an army truck near Qasr Nawa.")


def quoted(words: str, field: str, note: str = "") -> Evidence:
    start = TEXT.index(words)
    return Evidence(field, Span(start, start + len(words), words), note)


SENTENCE_1 = TEXT[:TEXT.index(" Separately")]
SENTENCE_2 = TEXT[TEXT.index("Separately"):]


def events() -> list[Event]:
    dated = Event(event_date=date(2022, 6, 2), date_precision="day", event_type="Violence against civilians",
                  sub_event_type="Attack", actor1="Militia", fatalities=0, event_key="a",
                  place=Place("Dar Salma", 33.1, 36.2, country="Testland", precision=1),
                  evidence=(quoted(SENTENCE_1, "event"), quoted("on Thursday", "date", "weekday before publication"),
                            quoted("Dar Salma", "location")))
    undated = Event(event_date=date(2022, 6, 3), date_precision="day", event_type="Explosions/Remote violence",
                    sub_event_type="Remote explosive/landmine/IED", actor1="Unidentified Armed Group (Testland)",
                    fatalities=0, event_key="b",
                    place=Place("Qasr Nawa", 33.4, 36.5, country="Testland", precision=1),
                    evidence=(quoted(SENTENCE_2, "event"),
                              quoted(SENTENCE_2, "date", "no date in the sentence: the publication date"),
                              quoted("Qasr Nawa", "location")))
    return [dated, undated]


def test_a_date_that_quotes_its_whole_sentence_has_no_words_of_its_own():
    dated, undated = events()
    assert [quotes_no_words(dated, ev) for ev in dated.evidence] == [False, False, False]
    assert [quotes_no_words(undated, ev) for ev in undated.evidence] == [False, True, False]


def test_only_date_words_are_marked_as_date():
    segments = evidence_segments(TEXT, events())
    dates = [s.text for s in segments if "date" in s.fields.split()]
    assert dates == ["on Thursday"]
    assert "".join(s.text for s in segments) == TEXT
    # the undated event's sentence is still marked as its event, only not as a date
    second = [s for s in segments if s.text.startswith("Separately")]
    assert second and second[0].fields == "event"


def save(lens) -> int:
    article = Article(text=TEXT, content_hash=hashlib.sha256(TEXT.encode()).hexdigest(), url="https://news.test/dar",
                      title="Market raid in Dar Salma", published=date(2022, 6, 3), outlet="Test Wire",
                      keywords=("Dar Salma",), language="en")
    article_id, _ = lens.store.save_article(article, events())
    return article_id


def test_article_page_marks_date_words_and_explains_a_date_without_them(client, lens):
    html = client.get(f"/articles/{save(lens)}").text
    body = html[html.index('id="article-text"'):]
    date_marks = re.findall(r'<mark class="ev ([^"]*)"[^>]*>([^<]*)</mark>', body)
    assert [words for classes, words in date_marks if "date" in classes.split()] == ["on Thursday"]
    # the evidence list names the date's source instead of quoting the sentence as date words
    assert re.search(r"<b>date</b>: <small[^>]*>no date in the sentence: the publication date</small>", html)
    assert re.search(r"<b>date</b>: “on Thursday”", html)


def test_favicon_is_an_svg_of_our_own_and_every_page_links_it(client, lens):
    for path in ("/favicon.ico", "/static/favicon.svg"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
        root = ET.fromstring(response.content)
        assert root.tag.endswith("svg") and len(root) >= 2
    for page in ("/", f"/articles/{lens.seeded['attack']}", "/articles/999999"):
        assert '<link rel="icon" href="/static/favicon.svg' in client.get(page).text


def test_map_scripts_are_local_and_loaded_in_order(client, lens):
    app = client.app
    html = client.get("/").text
    scripts = re.findall(r'<script src="([^"]+)"', html)
    ours = [s.split("?")[0] for s in scripts if s.startswith("/static/")]
    assert ours == ["/static/app.js", "/static/map.js", "/static/home.js"]  # map.js needs CL, home.js CLMap
    assert all(s.startswith("/") for s in scripts)  # nothing from another host
    vendor = app.state.vendor
    if (vendor / "leaflet.markercluster" / "leaflet.markercluster.js").is_file():
        assert "/vendor/leaflet.markercluster/leaflet.markercluster.js" in scripts
        assert scripts.index("/vendor/leaflet/leaflet.js") < scripts.index(
            "/vendor/leaflet.markercluster/leaflet.markercluster.js")
    assert client.get("/static/map.js").status_code == 200
