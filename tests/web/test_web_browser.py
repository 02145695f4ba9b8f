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
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # the map re-renders its labels while a condition reads them: a label gone stale is read again
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        condition, message=f"timed out waiting for {what}")


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


# -- the map: borders, labels, count bubbles; the home page's layout (issue 11, issue 13 class 11) --------
STACKED_PLACE = ("Ain Tamar", 34.8, 37.6)  # three incidents at one point, months apart: one count bubble


def add_stacked_incidents(store) -> None:
    import hashlib
    from datetime import date

    from conflictlens.models import Article, Event, Evidence, Place, Span

    name, lat, lon = STACKED_PLACE
    reports = [  # (published, event date, type, sub-event type, sentence)
        (date(2021, 1, 11), date(2021, 1, 10), "Battles", "Armed clash",
         "Two armed factions fought for hours on the edge of Ain Tamar on Sunday."),
        (date(2021, 2, 15), date(2021, 2, 14), "Explosions/Remote violence", "Shelling/artillery/missile attack",
         "Artillery shells landed on farmland outside Ain Tamar on Sunday."),
        (date(2021, 4, 21), date(2021, 4, 20), "Riots", "Violent demonstration",
         "Youths threw stones at the council building in Ain Tamar on Tuesday."),
    ]
    for published, day, kind, sub, text in reports:
        article = Article(text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                          url=f"https://news.test/ain-tamar-{day}", title=f"{kind} in Ain Tamar",
                          published=published, outlet="Test Wire", keywords=("Ain Tamar",), language="en")
        event = Event(event_date=day, date_precision="day", event_type=kind, sub_event_type=sub,
                      actor1="Unidentified Armed Group (Testland)",
                      place=Place(name, lat, lon, country="Testland", admin1="Middle", precision=1),
                      fatalities=0, event_key="a", evidence=(Evidence("event", Span(0, len(text), text)),))
        store.save_article(article, [event])
    try:
        from conflictlens.analysis import update_incidents
    except ImportError:
        return
    update_incidents(store)


@pytest.fixture
def stacked_server(web_options, lens):
    from conflictlens.web.app import create_app

    add_stacked_incidents(lens.store)
    with serving(create_app(web_options, cl=lens)) as url:
        yield url


def map_png(driver) -> "Image.Image":
    from io import BytesIO

    from PIL import Image

    return Image.open(BytesIO(driver.find_element("id", "map").screenshot_as_png)).convert("RGB")


def changed_pixels(a, b) -> int:
    """How many pixels differ visibly between two screenshots of the same element."""
    from PIL import ImageChops

    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 24 else 0)
    return diff.histogram()[255]


def hidden_while(driver, selector: str):
    """The map's screenshot with the elements matching ``selector`` hidden, then shown again."""
    driver.execute_script("document.querySelectorAll(arguments[0]).forEach(n => n.style.visibility = 'hidden')",
                          selector)
    try:
        return map_png(driver)
    finally:
        driver.execute_script("document.querySelectorAll(arguments[0]).forEach(n => n.style.visibility = '')",
                              selector)


ADMIN1 = Path(__file__).resolve().parents[2] / "src" / "conflictlens" / "web" / "static" / "vendor" / "admin1"


@pytest.mark.skipif(not (ADMIN1 / "admin1.json").exists(), reason="map data not installed: run scripts/setup-web.sh")
def test_map_draws_borders_labels_and_count_bubbles(stacked_server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(stacked_server + "/")
    wait_for(browser, home_ready, what="home page data")
    wait_for(browser, lambda d: d.find_element(By.ID, "map").get_attribute("data-outlines") == "loaded"
             and (d.find_element(By.ID, "map").get_attribute("data-admin1") or "").isdigit()
             and re.fullmatch(r"\d+ places, [1-9]\d* regions", d.find_element(By.ID, "map").get_attribute("data-labels") or "")
             and d.find_elements(By.CSS_SELECTOR, "#map .admin1-label"), what="borders and their names")
    box = browser.find_element(By.ID, "map")
    assert int(box.get_attribute("data-admin1")) > 1000  # the world's states and provinces, not a sample
    assert "5 of 5 incidents placed on the map" in browser.find_element(By.ID, "map-count").text

    # DOM: the admin-1 borders are one drawn path, the stacked incidents one bubble counting them,
    # every place shown is named, and states or provinces in view are named too
    borders = browser.find_elements(By.CSS_SELECTOR, "#map path.admin1-border")
    drawn = borders[0].get_attribute("d") if borders else ""  # clipped to the view by Leaflet
    assert drawn.count("M") >= 3 and drawn.count("L") >= 20
    bubbles = browser.find_elements(By.CSS_SELECTOR, "#map .event-cluster .cluster-count")
    assert [b.text for b in bubbles] == ["3"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map path.event-marker")) == 2  # the two apart
    places = {p.text for p in browser.find_elements(By.CSS_SELECTOR, "#map .place-label")}
    assert places == {"Tel Hamra", "Riverton", STACKED_PLACE[0]}
    regions = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#map .admin1-label")]
    assert len(regions) >= 3 and all(r.strip() for r in regions)

    # the view is fitted to the markers: every marker and bubble inside the map, the view not a continent
    frame = box.rect
    for node in browser.find_elements(By.CSS_SELECTOR, "#map path.event-marker, #map .event-cluster"):
        r = node.rect
        assert frame["x"] <= r["x"] and r["x"] + r["width"] <= frame["x"] + frame["width"]
        assert frame["y"] <= r["y"] and r["y"] + r["height"] <= frame["y"] + frame["height"]
    assert browser.execute_script("return document.querySelector('#map .leaflet-control-zoom-in')"
                                  ".classList.contains('leaflet-disabled')") is False
    wide, high = browser.execute_script(
        "const xs = [...document.querySelectorAll('#map path.event-marker, #map .event-cluster')]"
        ".map(n => n.getBoundingClientRect());"
        "return [Math.max(...xs.map(r => r.right)) - Math.min(...xs.map(r => r.left)),"
        "        Math.max(...xs.map(r => r.bottom)) - Math.min(...xs.map(r => r.top))];")
    # the markers spread over the map (along its tighter side) rather than huddle in a corner
    assert max(wide / frame["width"], high / frame["height"]) > 0.5

    # pixels: the screenshot (kept under the test's tmp dir) changes where each layer is hidden,
    # so borders, labels and bubbles are really painted and not covered by the land
    full = map_png(browser)
    full.save(tmp_path / "map.png")
    shot(browser, "07-map-borders-labels-clusters")
    assert len(full.getcolors(maxcolors=1 << 20) or ()) > 50  # not a blank box
    assert changed_pixels(full, hidden_while(browser, "#map .leaflet-admin1-pane")) > 300
    assert changed_pixels(full, hidden_while(browser, "#map .admin1-label")) > 200
    assert changed_pixels(full, hidden_while(browser, "#map .place-label")) > 150
    assert changed_pixels(full, hidden_while(browser, "#map .event-cluster")) > 300

    # a bubble opens into its incidents
    browser.find_element(By.CSS_SELECTOR, "#map .event-cluster").click()
    wait_for(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#map path.event-marker")) == 5,
             what="the bubble's incidents spread out")


def test_home_layout_fonts_ask_width_and_search_errors(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    wait_for(browser, home_ready, what="home page data")
    # one font family for the page, its forms and the map
    fonts = browser.execute_script(
        "return ['body', '#q', '#search-button', '#ask-q', '#map', '#map .leaflet-control-attribution']"
        ".map(s => document.querySelector(s)).filter(Boolean).map(n => getComputedStyle(n).fontFamily);")
    assert len(fonts) >= 5 and len(set(fonts)) == 1, fonts
    # a favicon is declared and served
    icon = browser.execute_script("return document.querySelector('link[rel=icon]').href")
    assert browser.execute_script(
        "return fetch(arguments[0]).then(r => r.ok && r.headers.get('content-type').includes('svg'))", icon)

    # the answer spans the content column, not a sidebar, and keeps its line breaks
    browser.find_element(By.ID, "ask-q").send_keys("Have the Northern Brigades returned to Tel Hamra?")
    browser.find_element(By.ID, "ask-button").click()
    wait_for(browser, lambda d: d.find_element(By.ID, "ask-answer").get_attribute("data-ready") in ("yes", "error"),
             what="an answer")
    answer = browser.find_element(By.ID, "ask-answer")
    assert answer.rect["width"] > 0.55 * browser.execute_script("return window.innerWidth")
    assert not browser.find_elements(By.CSS_SELECTOR, "aside #ask-answer")
    if answer.get_attribute("data-ready") == "yes":
        summary = answer.find_element(By.CSS_SELECTOR, ".summary")
        assert browser.execute_script("return getComputedStyle(arguments[0]).whiteSpace", summary) in ("pre-line", "pre-wrap")

    # a query the search cannot read: one message above the list, no result item
    browser.find_element(By.ID, "q").send_keys('"unclosed phrase')
    browser.find_element(By.ID, "search-button").click()
    wait_for(browser, lambda d: d.find_element(By.ID, "home").get_attribute("data-ready") == "error",
             what="the search error")
    message = browser.find_element(By.ID, "search-error")
    assert message.is_displayed() and "quote" in message.text
    assert browser.find_elements(By.CSS_SELECTOR, "#results li") == []
    shot(browser, "08-search-error")
    # the next good search clears it
    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys("checkpoint")
    browser.find_element(By.ID, "search-button").click()
    wait_for(browser, lambda d: home_ready(d) and d.find_elements(By.CSS_SELECTOR, "#results .result-title"),
             what="results again")
    assert not browser.find_element(By.ID, "search-error").is_displayed()
    # the snippet's matched words are bold, from the hit's highlight spans: no "**" marks on the page
    snippet = browser.find_element(By.CSS_SELECTOR, "#results .snippet")
    assert [b.text.lower() for b in snippet.find_elements(By.TAG_NAME, "b")] == ["checkpoint"]
    assert "**" not in snippet.text

    # the article page reads in the same family
    browser.find_element(By.CSS_SELECTOR, "#results .result-title").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "article-text"), what="article page")
    assert browser.execute_script("return getComputedStyle(document.getElementById('article-text')).fontFamily"
                                  " === getComputedStyle(document.body).fontFamily")


def add_far_namesake(store) -> None:
    """One more incident, at a namesake on another continent (a geocoding slip the view should not follow)."""
    import hashlib
    from datetime import date

    from conflictlens.models import Article, Event, Evidence, Place, Span

    text = "Police dispersed a sit-in outside the port office in Nova Ribeira on Wednesday."
    article = Article(text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(), url="https://news.test/ribeira",
                      title="Sit-in dispersed", published=date(2021, 6, 3), outlet="Test Wire", keywords=(), language="en")
    event = Event(event_date=date(2021, 6, 2), date_precision="day", event_type="Protests",
                  sub_event_type="Protest with intervention", actor1="Protesters (Testland)",
                  place=Place("Nova Ribeira", -8.8, 13.2, country="Testland", admin1="Coast", precision=1),
                  fatalities=0, event_key="a", evidence=(Evidence("event", Span(0, len(text), text)),))
    store.save_article(article, [event])
    try:
        from conflictlens.analysis import update_incidents
    except ImportError:
        return
    update_incidents(store)


@pytest.mark.skipif(not (VENDOR_LEAFLET / "leaflet.js").exists(), reason="Leaflet not installed: run scripts/setup-web.sh")
def test_the_first_view_fits_the_bulk_and_offers_the_far_marker(web_options, lens, browser):
    from selenium.webdriver.common.by import By

    from conflictlens.web.app import create_app

    add_stacked_incidents(lens.store)
    add_far_namesake(lens.store)
    with serving(create_app(web_options, cl=lens)) as url:
        browser.get(url + "/")
        wait_for(browser, home_ready, what="home page data")
        count = browser.find_element(By.ID, "map-count").text
        assert "6 of 6 incidents placed on the map" in count and "1 far from the rest" in count
        wait_for(browser, lambda d: d.find_element(By.ID, "map").get_attribute("data-labels"), what="labels")
        labels = [p.text for p in browser.find_elements(By.CSS_SELECTOR, "#map .place-label")]
        assert sorted(labels) == sorted(["Tel Hamra", "Riverton", STACKED_PLACE[0]])  # the far one is outside
        browser.find_element(By.CSS_SELECTOR, "#map-count a.show-all").click()
        wait_for(browser, lambda d: "Nova Ribeira" in {p.text for p in d.find_elements(By.CSS_SELECTOR, "#map .place-label")},
                 what="the far marker in view")
        frame = browser.find_element(By.ID, "map").rect
        for node in browser.find_elements(By.CSS_SELECTOR, "#map path.event-marker, #map .event-cluster"):
            r = node.rect
            assert frame["x"] <= r["x"] + r["width"] / 2 <= frame["x"] + frame["width"]
            assert frame["y"] <= r["y"] + r["height"] / 2 <= frame["y"] + frame["height"]
