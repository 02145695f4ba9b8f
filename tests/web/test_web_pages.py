"""Server-rendered pages: escaping, evidence highlighting, security headers; the highlight segmenter."""
from __future__ import annotations

from datetime import date

from conflictlens.models import Event, Evidence, Span
from conflictlens.web.highlight import evidence_segments


def event(*spans: tuple[str, int, int, str]) -> Event:
    return Event(event_date=date(2021, 1, 1), date_precision="day", event_type="Battles",
                 sub_event_type="Armed clash", actor1="A",
                 evidence=tuple(Evidence(f, Span(s, e, t)) for f, s, e, t in spans))


def test_segments_cover_the_text_and_split_overlaps():
    text = "Rebels shelled the town of Kafr Nuri, killing two."
    e1 = event(("event", 0, 13, "Rebels shelled"[:13]), ("location", 19, 36, text[19:36]))
    e2 = event(("location", 27, 36, "Kafr Nuri"), ("fatalities", 38, 49, "killing two"))
    segments = evidence_segments(text, [e1, e2])
    assert "".join(s.text for s in segments) == text
    by_text = {s.text: s for s in segments}
    assert by_text["Kafr Nuri"].events == "0 1" and by_text["Kafr Nuri"].fields == "location"
    assert by_text["town of "].events == "0"
    assert by_text["killing two"].fields == "fatalities"
    assert not by_text[", "].marks


def test_spans_that_do_not_quote_the_text_are_ignored():
    text = "Short text."
    bad = event(("event", 0, 5, "Other"), ("location", 5, 500, "x"), ("date", -1, 3, "Sho"))
    assert [s.text for s in evidence_segments(text, [bad])] == [text]


def test_article_page_escapes_text_and_highlights_evidence(client, lens):
    response = client.get(f"/articles/{lens.seeded['attack']}")
    assert response.status_code == 200
    html = response.text
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "Checkpoint attack near Tel Hamra &lt;b&gt;bold&lt;/b&gt;" in html
    assert '<mark class="ev fatalities" data-events="0" title="fatalities">killing three guards</mark>' in html
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert 'href="/?keyword=Tel%20Hamra"' in html


def test_missing_article_page_is_a_404_page(client):
    response = client.get("/articles/999999")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "no article" in response.text


def test_home_page_loads_our_scripts_and_no_remote_ones(client):
    html = client.get("/").text
    assert 'id="map"' in html and 'id="timeline"' in html and 'id="ask-form"' in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert client.get("/static/home.js").status_code == 200


def test_token_link_sets_cookie_and_redirects(client):
    response = client.get("/", params={"token": "abc"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "conflictlens_token=abc" in response.headers["set-cookie"]
