"""HTML -> main text: boilerplate and scripts removed, page metadata read, raw fields kept."""
from __future__ import annotations

import pytest

from conflictlens.ingest.html import html_to_document, page_metadata, parse_html, plain_text, strip_chrome
from conflictlens.models import RawDocument

BODY = (
    "<p>Three fighters were killed on Monday in clashes between two armed groups near the town of "
    "Kobani in northern Syria, local sources said.</p>"
    "<p>The fighting broke out at dawn after a patrol came under fire on the road leading to the "
    "village of Tal Abyad, according to residents who spoke by telephone.</p>"
    "<p>A medical source at the local hospital said that five other people had been wounded and were "
    "receiving treatment, two of them in a critical condition.</p>"
)


def page(head: str = "", body: str = BODY, around: str = "") -> str:
    return f"<html><head>{head}</head><body>{around}<article>{body}</article>{around}</body></html>"


def test_fixture_page_text_and_metadata(fixtures):
    raw = RawDocument(origin="article.html", html=(fixtures / "pages" / "article.html").read_text())
    doc = html_to_document(raw)
    assert doc.html is None and doc.origin == "article.html"
    assert doc.text.startswith("Three fighters were killed on Monday")
    assert "residents added." in doc.text
    assert doc.title == "Clashes near Kobani leave three dead"
    assert doc.published == "2024-05-14T09:30:00+03:00"
    assert doc.source == "The Example Post"
    assert doc.language == "en"
    for furniture in ("Share on", "WhatsApp", "Search", "Helpful keywords", "translated", "Copyright",
                      "zzqxtrackerword", "stylesheetword", "Home", "color:red"):
        assert furniture not in doc.text, furniture


def test_furniture_without_class_hints_is_still_dropped():
    body = BODY + (
        "<p>This article was translated from Arabic by the editorial team.</p>"
        "<h3>Helpful keywords</h3><ul><li>Kobani</li><li>Clashes</li><li>Syria</li></ul>"
    )
    doc = html_to_document(RawDocument(origin="p", html=page(body=body)))
    assert "Three fighters" in doc.text and "two of them in a critical condition." in doc.text
    assert "translated" not in doc.text and "Helpful keywords" not in doc.text
    assert not any(line.strip() in {"Kobani", "Clashes", "Syria"} for line in doc.text.splitlines())


def test_share_bar_search_box_and_tag_list_are_removed_from_the_tree():
    around = ('<div class="social-share"><a>Share on Facebook</a><a>Tweet</a></div>'
              '<div id="search-box"><input placeholder="Search"><span>Type to search the site</span></div>'
              '<ul class="post-tags"><li>idlib</li><li>raqqa</li></ul>')
    tree = strip_chrome(parse_html(page(body=BODY + around, around=around)))
    text = plain_text(tree)
    assert "Three fighters" in text
    for gone in ("Share on Facebook", "Tweet", "Type to search", "idlib", "raqqa"):
        assert gone not in text


def test_wordpress_tag_classes_on_the_article_do_not_remove_it():
    markup = ('<html><body><div class="post tag-syria tag-kobani category-news">' + BODY
              + "</div></body></html>")
    doc = html_to_document(RawDocument(origin="p", html=markup))
    assert "Three fighters" in doc.text


def test_scripts_and_styles_never_reach_the_text():
    body = BODY + "<script>var secretscriptword = 1;</script><style>.secretstyleword{}</style>" \
                  "<noscript>secretnoscriptword</noscript>"
    doc = html_to_document(RawDocument(origin="p", html=page(body=body)))
    for word in ("secretscriptword", "secretstyleword", "secretnoscriptword", "<", "{"):
        assert word not in doc.text


def test_tiny_page_falls_back_to_plain_text(fixtures):
    raw = RawDocument(origin="bare.html", html=(fixtures / "pages" / "bare.html").read_text())
    doc = html_to_document(raw)
    assert "Residents of the village gathered in the square on Friday" in doc.text
    assert "scriptonlyword" not in doc.text
    assert doc.title == "Short notice"


@pytest.mark.parametrize("head, expected", [
    ('<meta property="article:published_time" content="2023-02-06T04:17:00Z">', "2023-02-06T04:17:00Z"),
    ('<meta name="pubdate" content="2023-02-07">', "2023-02-07"),
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
     '{"@type": "NewsArticle", "datePublished": "2023-02-08T10:00:00+02:00"}]}</script>',
     "2023-02-08T10:00:00+02:00"),
])
def test_publication_date_from_meta_tags_and_json_ld(head, expected):
    assert page_metadata(parse_html(page(head=head))).published == expected


def test_publication_date_from_time_element():
    body = '<time class="entry-date published" datetime="2023-03-01T12:00:00Z">1 March</time>' + BODY
    doc = html_to_document(RawDocument(origin="p", html=page(body=body)))
    assert doc.published.startswith("2023-03-01")


def test_fields_given_by_the_raw_record_win():
    head = ('<meta property="og:title" content="Page title"><meta property="og:site_name" content="Page Site">'
            '<meta property="article:published_time" content="2020-01-01">')
    raw = RawDocument(origin="r", url="https://news.test/x", title="Record title", published="2024-06-01",
                      source="Record Outlet", html=page(head=head))
    doc = html_to_document(raw)
    assert (doc.title, doc.published, doc.source, doc.url) == (
        "Record title", "2024-06-01", "Record Outlet", "https://news.test/x")


def test_text_documents_pass_through_unchanged():
    raw = RawDocument(origin="t", text="Plain text.")
    assert html_to_document(raw) is raw


def test_encoding_declaration_and_broken_markup_are_tolerated():
    markup = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><div><p>' + BODY + "<p>unclosed <b>tags"
    doc = html_to_document(RawDocument(origin="p", html=markup))
    assert "Three fighters" in doc.text
