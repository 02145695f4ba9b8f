"""The newcomer's path on the bundled sample articles, in headless Chromium: search, a marker on the
map, its article with highlighted evidence, and the seed question in the ask box.

Slow: it runs the real extraction (spaCy, the gazetteer in the per-user cache) over the samples.
"""
from __future__ import annotations

import time

from importlib import resources

import pytest

from test_web_browser import (  # noqa: F401  (browser is a fixture)
    CHROMEDRIVER, CHROMIUM, VENDOR_LEAFLET, browser, home_ready, serving, shot, wait_for)

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                       reason="needs /usr/bin/chromium and /usr/bin/chromedriver (run scripts/setup-browser.sh as root)"),
    pytest.mark.skipif(not (VENDOR_LEAFLET / "leaflet.js").exists(), reason="Leaflet not installed: run scripts/setup-web.sh"),
]

SEED_QUESTION = "Has ISIS returned to rural Aleppo?"


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    from conflictlens.api import Conflictlens
    from conflictlens.options import load_options
    from conflictlens.web.app import create_app

    tmp = tmp_path_factory.mktemp("samples")
    options = load_options(env={}, db=str(tmp / "samples.db"), progress=False)
    cl = Conflictlens(options)
    samples = resources.files("conflictlens").joinpath("data", "samples", "sample_articles.jsonl")
    results = cl.ingest([str(samples)])
    assert results and all(r.status == "added" for r in results)
    with serving(create_app(options, cl=cl)) as url:
        yield url
    cl.close()


def test_search_map_article_on_the_samples(sample_server, browser):
    from selenium.webdriver.common.by import By

    browser.get(sample_server + "/")
    wait_for(browser, home_ready, timeout=30, what="home page data")
    assert browser.find_elements(By.CSS_SELECTOR, "#map path.event-marker"), "no marker on the map"
    shot(browser, "samples-01-home")
    browser.find_element(By.ID, "q").send_keys("ISIS")
    browser.find_element(By.ID, "search-button").click()
    wait_for(browser, lambda d: home_ready(d) and d.find_elements(By.CSS_SELECTOR, "#results .result-title"),
             timeout=30, what="search results")
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#results .result-title")]
    assert any("ISIS" in t for t in titles)
    markers = browser.find_elements(By.CSS_SELECTOR, "#map path.event-marker")
    assert markers, "the search's incidents are not on the map"
    shot(browser, "samples-02-search-map")
    on_top = browser.execute_script(  # a marker not covered by another one, as a person would click
        "return arguments[0].find(m => { const r = m.getBoundingClientRect();"
        " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === m; });", markers)
    assert on_top is not None, "every marker is covered by another element"
    on_top.click()
    link = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".leaflet-popup a.open-article"),
                    what="marker popup")
    # Leaflet pans the map to show the popup: click once the link is where a person would see it
    from selenium.common.exceptions import ElementClickInterceptedException

    for attempt in range(5):  # under load the page may still shift between the check and the click
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
        wait_for(browser, lambda d: d.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            " const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
            " return e === arguments[0] || arguments[0].contains(e);", link), what="popup link uncovered")
        try:
            link.click()
            break
        except ElementClickInterceptedException:
            if attempt == 4:
                raise
            time.sleep(0.5)
    wait_for(browser, lambda d: d.find_elements(By.ID, "article-text"), what="article page")
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text mark.ev")
    assert browser.find_elements(By.CSS_SELECTOR, "#keywords .chip")
    shot(browser, "samples-03-article")


def test_seed_question_in_the_ask_box(sample_server, browser):
    from selenium.webdriver.common.by import By

    browser.get(sample_server + "/")
    wait_for(browser, home_ready, timeout=30, what="home page data")
    browser.find_element(By.ID, "ask-q").send_keys(SEED_QUESTION)
    browser.find_element(By.ID, "ask-button").click()
    box = wait_for(browser, lambda d: d.find_element(By.ID, "ask-answer")
                   if d.find_element(By.ID, "ask-answer").get_attribute("data-ready") in ("yes", "error") else None,
                   timeout=120, what="the answer")
    shot(browser, "samples-04-ask")
    assert box.get_attribute("data-ready") == "yes", box.text
    assert "Answer:" in box.text and "Aleppo" in box.text
