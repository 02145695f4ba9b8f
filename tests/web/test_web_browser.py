"""End-to-end: the web interface in headless Chromium (Debian's chromium + chromedriver, via Selenium).

Screenshots go to artifacts/screenshots/.  Skipped when the browser or its driver is missing
(scripts/setup-browser.sh installs them; CI runs it).
"""
from __future__ import annotations

import os
import re
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
VENDOR_LEAFLET = Path(__file__).resolve().parents[2] / "src" / "conflictlens" / "web" / "static" / "vendor" / "leaflet"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                       reason="needs /usr/bin/chromium and /usr/bin/chromedriver (run scripts/setup-browser.sh as root)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app):
    """Run ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server(web_options, lens):
    from conflictlens.web.app import create_app

    with serving(create_app(web_options, cl=lens)) as url:
        yield url


@pytest.fixture
def browser(tmp_path):
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1100", f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def wait_for(driver, condition, timeout: float = 15.0, what: str = "condition"):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition, message=f"timed out waiting for {what}")


def shot(driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def home_ready(driver) -> bool:
    return driver.find_element("id", "home").get_attribute("data-ready") == "yes"


def test_search_open_article_and_see_highlighted_evidence(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    wait_for(browser, home_ready, what="home page data")
    browser.find_element(By.ID, "q").send_keys("checkpoint")
    browser.find_element(By.ID, "search-button").click()
    wait_for(browser, lambda d: home_ready(d) and "1 articles match" in d.find_element(By.ID, "results-count").text,
             what="search results")
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#results .result-title")]
    assert titles == ["Checkpoint attack near Tel Hamra <b>bold</b>"]  # the title's markup is shown as text
    shot(browser, "01-search")
    browser.find_element(By.CSS_SELECTOR, "#results .result-title").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "article-text"), what="article page")
    marks = {m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article-text mark.ev")}
    assert {"killing three guards", "Northern Brigades", "Gunmen attacked a checkpoint"} <= marks
    keywords = [k.text for k in browser.find_elements(By.CSS_SELECTOR, "#keywords .chip")]
    assert keywords == ["Tel Hamra", "Northern Brigades", "checkpoint"]
    # the article's <script> is text on the page, and it never ran
    assert "<script>window.__pwned = 1</script>" in browser.find_element(By.ID, "article-text").text
    assert browser.execute_script("return window.__pwned === undefined")
    browser.find_element(By.CSS_SELECTOR, ".event-row").click()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#article-text mark.focus"), what="focused evidence")
    shot(browser, "02-article-evidence")


@pytest.mark.skipif(not (VENDOR_LEAFLET / "leaflet.js").exists(), reason="Leaflet not installed: run scripts/setup-web.sh")
def test_markers_on_the_map_lead_to_the_article(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    wait_for(browser, home_ready, what="home page data")
    wait_for(browser, lambda d: d.find_element(By.ID, "map").get_attribute("data-outlines") == "loaded",
             what="country outlines")
    markers = browser.find_elements(By.CSS_SELECTOR, "#map path.event-marker")
    assert len(markers) == 2
    colours = {m.get_attribute("fill") for m in markers}
    assert colours == {"#9467bd", "#2ca02c"}  # violence against civilians, protests
    assert re.search(r"2 of 2 (incidents|events) placed on the map", browser.find_element(By.ID, "map-count").text)
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")
    shot(browser, "03-map")
    # facet: only protests
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "f-event_type")).select_by_visible_text("Protests")
    browser.find_element(By.ID, "search-button").click()
    wait_for(browser, lambda d: home_ready(d) and len(d.find_elements(By.CSS_SELECTOR, "#map path.event-marker")) == 1,
             what="filtered markers")
    browser.find_element(By.CSS_SELECTOR, "#map path.event-marker").click()
    popup = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".leaflet-popup"), what="marker popup")
    shot(browser, "04-map-popup")
    assert "Fatalities: 0" in popup.text and "Hundreds of farmers marched in Riverton" in popup.text
    incident_links = popup.find_elements(By.CSS_SELECTOR, "a.open-incident")
    if incident_links:  # the map shows incidents: their page lists every source
        incident_links[0].click()
        wait_for(browser, lambda d: d.find_elements(By.ID, "incident-sources"), what="incident page")
        sources = browser.find_elements(By.CSS_SELECTOR, "#incident-sources a")
        assert [a.text for a in sources] == ["Farmers march in Riverton"]
        shot(browser, "05-incident")
        browser.back()
        wait_for(browser, home_ready, what="home page again")
        browser.find_element(By.CSS_SELECTOR, "#map path.event-marker").click()
    link = wait_for(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".leaflet-popup a.open-article"),
                    what="article link in the popup")
    link.click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "article-text"), what="article page from the map")
    assert browser.find_element(By.ID, "article-title").text == "Farmers march in Riverton"
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text mark.focus")  # the marker's event is focused


def test_ask_box_answers_or_explains(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    wait_for(browser, home_ready, what="home page data")
    browser.find_element(By.ID, "ask-q").send_keys("Have the Northern Brigades returned to Tel Hamra?")
    browser.find_element(By.ID, "ask-button").click()
    box = wait_for(browser, lambda d: d.find_element(By.ID, "ask-answer")
                   if d.find_element(By.ID, "ask-answer").get_attribute("data-ready") in ("yes", "error") else None,
                   what="an answer")
    shot(browser, "06-ask")
    assert box.text.strip()
    if box.get_attribute("data-ready") == "yes":
        assert "Answer:" in box.text and "Tel Hamra" in box.text
    else:  # not understood or not available: a message, not a crash
        assert "internal error" not in box.text
