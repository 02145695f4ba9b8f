"""Fetcher: User-Agent, redirects, status errors, timeouts, size limits; plus one real loopback server."""
from __future__ import annotations

import http.server
import json
import socket
import threading

import httpx
import pytest

from conflictlens.errors import FetchError, InputError
from conflictlens.ingest.fetch import Fetcher, decode_body, declared_charset

from ingest_helpers import ARTICLE_TEXT, collect, fake_web, make_fetcher

PAGE = "<html><head><title>T</title></head><body><p>" + ARTICLE_TEXT + "</p></body></html>"


def test_get_sends_user_agent_and_returns_the_page(options):
    seen: list[httpx.Request] = []
    fetcher = make_fetcher(options, {"http://news.test/a": (200, "text/html; charset=utf-8", PAGE)}, seen)
    page = fetcher.get("http://news.test/a")
    assert page.status == 200 and page.content_type == "text/html" and page.encoding == "utf-8"
    assert page.final_url == "http://news.test/a" and page.text == PAGE
    assert seen[0].headers["user-agent"] == options.user_agent


def test_redirects_are_followed_and_bounded(options):
    routes = {
        "http://news.test/old": httpx.Response(301, headers={"location": "http://news.test/new"}),
        "http://news.test/new": (200, "text/html", PAGE),
        "http://news.test/loop": httpx.Response(302, headers={"location": "http://news.test/loop"}),
    }
    fetcher = make_fetcher(options, routes)
    assert fetcher.get("http://news.test/old").final_url == "http://news.test/new"
    with pytest.raises(FetchError, match="too many redirects"):
        fetcher.get("http://news.test/loop")


def test_max_redirects_and_deadline_are_options(options):
    routes = {
        "http://news.test/r1": httpx.Response(301, headers={"location": "http://news.test/r2"}),
        "http://news.test/r2": httpx.Response(301, headers={"location": "http://news.test/end"}),
        "http://news.test/end": (200, "text/html", PAGE),
    }
    assert make_fetcher(options, routes).get("http://news.test/r1").final_url == "http://news.test/end"
    with pytest.raises(FetchError, match=r"too many redirects \(limit 1\)"):
        make_fetcher(options.replace(max_redirects=1), routes).get("http://news.test/r1")
    assert Fetcher(options.replace(fetch_timeout=2.0)).deadline == 8.0  # 0 = four times the timeout
    assert Fetcher(options.replace(fetch_deadline=30.0)).deadline == 30.0


@pytest.mark.parametrize("status", [404, 403, 500, 503])
def test_non_2xx_status_is_a_fetch_error_with_the_status(options, status):
    fetcher = make_fetcher(options, {"http://news.test/x": (status, "text/html", "nope")})
    with pytest.raises(FetchError) as info:
        fetcher.get("http://news.test/x")
    assert info.value.origin == "http://news.test/x" and f"HTTP status {status}" in info.value.reason


def test_timeout_and_connection_errors_have_reasons(options):
    def slow(request):
        raise httpx.ReadTimeout("read timed out", request=request)

    def refused(request):
        raise httpx.ConnectError("connection refused", request=request)

    fetcher = make_fetcher(options, {"http://news.test/slow": slow, "http://news.test/down": refused})
    with pytest.raises(FetchError, match="timed out after 15 s"):
        fetcher.get("http://news.test/slow")
    with pytest.raises(FetchError, match="cannot connect: connection refused"):
        fetcher.get("http://news.test/down")


def test_download_stops_at_the_size_limit(options):
    produced = []

    def endless():
        for _ in range(10_000):
            produced.append(1)
            yield b"x" * 1000

    routes = {
        "http://news.test/stream": lambda r: httpx.Response(200, headers={"content-type": "text/plain"},
                                                            content=endless()),
        "http://news.test/declared": httpx.Response(200, headers={"content-length": "50000000",
                                                                  "content-type": "text/html"}, content=b""),
    }
    fetcher = make_fetcher(options.replace(max_bytes=20_000), routes)
    with pytest.raises(FetchError, match="larger than the limit of"):
        fetcher.get("http://news.test/stream")
    assert len(produced) < 100  # stopped early, did not drain the stream
    with pytest.raises(FetchError, match="response is 50 MB, larger than the limit"):
        fetcher.get("http://news.test/declared")


def test_only_http_and_https(options):
    fetcher = make_fetcher(options, {})
    for url in ("file:///etc/passwd", "ftp://files.test/a", "javascript:alert(1)"):
        with pytest.raises(FetchError, match="unsupported URL scheme"):
            fetcher.get(url)


def test_charset_from_header_meta_and_fallback():
    assert declared_charset(b"", "text/html; charset=ISO-8859-1") == "iso8859-1"
    assert declared_charset(b'<meta charset="windows-1256">', "text/html") == "cp1256"
    assert declared_charset(b"<p>none</p>", "text/html") is None
    assert decode_body("caf\u00e9".encode("cp1252"), None) == "caf\u00e9"


def test_url_items_in_a_batch(options):
    routes = {
        "http://news.test/page": (200, "text/html", PAGE),
        "http://news.test/plain": (200, "text/plain", ARTICLE_TEXT),
        "http://news.test/pdf": (200, "application/pdf", b"%PDF-1.4 ..."),
        "http://news.test/empty": (200, "text/html", b"   "),
    }
    fetcher = make_fetcher(options, routes)
    items = ["http://news.test/page", "http://news.test/gone", "http://news.test/pdf", "http://news.test/empty",
             "http://news.test/plain"]
    docs, errors = collect(items, options, fetcher=fetcher)
    assert [(d.origin, d.url) for d in docs] == [("http://news.test/page", "http://news.test/page"),
                                                 ("http://news.test/plain", "http://news.test/plain")]
    assert docs[0].html == PAGE and docs[1].text == ARTICLE_TEXT
    reasons = {e.origin: e.reason for e in errors}
    assert "HTTP status 404" in reasons["http://news.test/gone"]
    assert "unsupported content type application/pdf" in reasons["http://news.test/pdf"]
    assert reasons["http://news.test/empty"] == "empty response"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_url_is_an_error_and_the_batch_goes_on(tmp_path, options):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE_TEXT)
    url = f"http://127.0.0.1:{_free_port()}/nothing-listens-here"
    docs, errors = collect([url, good], options.replace(fetch_timeout=3.0))
    assert len(docs) == 1 and docs[0].origin == str(good)
    assert errors[0].origin == url and "cannot connect" in errors[0].reason
    assert isinstance(errors[0], InputError)


class _Handler(http.server.BaseHTTPRequestHandler):
    agents: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server naming
        _Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            body = PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        elif self.path == "/moved":
            body = b""
            self.send_response(302)
            self.send_header("Location", "/article")
        elif self.path == "/robots.txt":
            body = b"User-agent: *\nDisallow: /moved\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
        else:
            body = b"missing"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def loopback_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_real_loopback_server(loopback_server, options):
    _Handler.agents.clear()
    with Fetcher(options.replace(fetch_timeout=5.0)) as fetcher:
        page = fetcher.get(loopback_server + "/moved")
        assert page.final_url == loopback_server + "/article" and page.text == PAGE
        with pytest.raises(FetchError, match="HTTP status 404"):
            fetcher.get(loopback_server + "/missing")
    assert _Handler.agents and all(a == options.user_agent for a in _Handler.agents)


def test_real_loopback_server_robots_txt(loopback_server, options):
    with Fetcher(options.replace(fetch_timeout=5.0, respect_robots=True)) as fetcher:
        assert fetcher.get(loopback_server + "/article").text == PAGE
        with pytest.raises(FetchError, match="robots.txt"):
            fetcher.get(loopback_server + "/moved")


def test_jsonl_and_json_over_http(options):
    line = json.dumps({"title": "remote", "text": ARTICLE_TEXT})
    routes = {
        "http://data.test/batch.jsonl": (200, "text/plain", line + "\n{broken\n"),
        "http://data.test/api/articles": (200, "application/json", "[" + line + "]"),
    }
    docs, errors = collect(["http://data.test/batch.jsonl", "http://data.test/api/articles"], options,
                           fetcher=make_fetcher(options, routes))
    assert [d.origin for d in docs] == ["http://data.test/batch.jsonl:1", "http://data.test/api/articles[0]"]
    assert [e.origin for e in errors] == ["http://data.test/batch.jsonl:2"]


def test_robots_txt_is_honoured_and_read_once_per_site(options):
    seen: list[httpx.Request] = []
    routes = {
        "http://news.test/robots.txt": (200, "text/plain", "User-agent: *\nDisallow: /private/\n"),
        "http://news.test/a": (200, "text/html", PAGE),
        "http://news.test/b": (200, "text/html", PAGE),
        "http://news.test/private/x": (200, "text/html", PAGE),
        # a group naming our User-Agent is the one that applies to us
        "http://wire.test/robots.txt": (200, "text/plain", "User-agent: *\nDisallow: /\n\n"
                                                           "User-agent: conflictlens\nDisallow: /no-bots/\n"),
        "http://wire.test/story": (200, "text/html", PAGE),
        "http://wire.test/no-bots/y": (200, "text/html", PAGE),
    }
    fetcher = make_fetcher(options.replace(respect_robots=True), routes, seen)
    assert fetcher.get("http://news.test/a").text == PAGE and fetcher.get("http://news.test/b").text == PAGE
    assert fetcher.get("http://wire.test/story").text == PAGE
    for url in ("http://news.test/private/x", "http://wire.test/no-bots/y"):
        with pytest.raises(FetchError, match="robots.txt"):
            fetcher.get(url)
    assert [str(r.url) for r in seen] == ["http://news.test/robots.txt", "http://news.test/a", "http://news.test/b",
                                          "http://wire.test/robots.txt", "http://wire.test/story"]
    # switched off: fetched anyway, robots.txt not asked for
    assert make_fetcher(options, routes).get("http://news.test/private/x").text == PAGE


@pytest.mark.parametrize("robots", [(404, "text/plain", "nope"), (503, "text/plain", "down"),
                                    httpx.Response(200, headers={"content-length": "999999999"})])
def test_missing_or_unreadable_robots_txt_allows_everything(options, robots):
    routes = {"http://news.test/robots.txt": robots, "http://news.test/private/x": (200, "text/html", PAGE)}
    fetcher = make_fetcher(options.replace(respect_robots=True, max_bytes=1000), routes)
    assert fetcher.get("http://news.test/private/x").text == PAGE


def test_a_redirect_into_a_disallowed_path_is_not_followed(options):
    seen: list[httpx.Request] = []
    routes = {
        "http://news.test/robots.txt": (200, "text/plain", "User-agent: *\nDisallow:\n"),
        "http://news.test/moved": httpx.Response(301, headers={"location": "http://wire.test/private/x"}),
        "http://wire.test/robots.txt": (200, "text/plain", "User-agent: *\nDisallow: /private/\n"),
        "http://wire.test/private/x": (200, "text/html", PAGE),
    }
    fetcher = make_fetcher(options.replace(respect_robots=True), routes, seen)
    with pytest.raises(FetchError, match="robots.txt") as err:
        fetcher.get("http://news.test/moved")
    assert "wire.test/private/x" in str(err.value)
    assert "http://wire.test/private/x" not in [str(r.url) for r in seen]
