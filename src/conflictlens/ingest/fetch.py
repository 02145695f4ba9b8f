"""HTTP fetching for ingest: timeouts, a size limit, a proper User-Agent, bounded redirects.

``Fetcher(options).get(url)`` downloads one http(s) URL and returns a
``FetchedPage``.  Every failure is a ``FetchError`` (an ``InputError``) that
names the URL and the reason: a non-2xx status, a timeout, a refused
connection, too many redirects, a body larger than ``options.max_bytes``, or a
scheme other than http/https.  The body is streamed and the download stops as
soon as it passes the limit, so a huge response never sits in memory.

The transport is injectable (``httpx.MockTransport`` in tests).  Options used:
``fetch_timeout``, ``max_bytes``, ``user_agent``, ``max_redirects`` (default 5),
``fetch_deadline`` (seconds for the whole download; 0, the default, means four
times ``fetch_timeout``) and ``fetch_trust_env`` (honour proxy environment
variables, default True).

With ``respect_robots`` (default True) a URL that the site's ``/robots.txt``
disallows for our User-Agent is not downloaded (a ``FetchError`` says so).  The
robots file is read once per site and Fetcher; a missing one (4xx) allows
everything, and so does one that cannot be read (5xx, timeout), so a flaky robots
file never blocks an article the user asked for.
"""
from __future__ import annotations

import codecs
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError
from ..options import Options
from .robots import RobotsRules, parse_robots

ROBOTS_SITES = 1024  # robots.txt rules kept per fetcher
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)["']""")


def megabytes(n: int) -> str:
    """A byte count as a short MB figure for messages ("20 MB", "0.5 MB")."""
    value = n / 1_000_000
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"


def declared_charset(body: bytes, content_type: str = "") -> str | None:
    """The character set a response declares: Content-Type, then <meta charset>, then <?xml encoding?>."""
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", content_type or "", re.IGNORECASE)
    found = m.group(1) if m else None
    if not found:
        head = body[:4096]
        m2 = _META_CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
        found = m2.group(1).decode("ascii", "ignore") if m2 else None
    if not found:
        return None
    try:
        return codecs.lookup(found).name
    except LookupError:
        return None


def decode_body(body: bytes, encoding: str | None) -> str:
    """Decode a downloaded body: BOM, then the declared charset, then UTF-8, then Windows-1252."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    for name in (encoding, "utf-8"):
        if name:
            try:
                return body.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
    return body.decode("cp1252", errors="replace")


@dataclass(frozen=True)
class FetchedPage:
    """One downloaded response."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str  # media type only, lower case ("text/html")
    encoding: str | None  # declared charset, normalised by codecs; None when not declared
    body: bytes

    @property
    def text(self) -> str:
        return decode_body(self.body, self.encoding)


class Fetcher:
    """An httpx client configured from the options; use as a context manager or call ``close``."""

    def __init__(self, options: Options, transport: httpx.BaseTransport | None = None):
        self.options = options
        self.max_bytes = options.max_bytes
        self.deadline = options.fetch_deadline if options.fetch_deadline > 0 else 4 * options.fetch_timeout
        self.client = httpx.Client(
            headers={"User-Agent": options.user_agent, "Accept": ACCEPT},
            timeout=httpx.Timeout(options.fetch_timeout),
            follow_redirects=True,
            max_redirects=options.max_redirects,
            transport=transport,
            trust_env=options.fetch_trust_env,
            event_hooks={"request": [self._check_robots]},  # every hop, redirects included
        )
        self._robots: dict[str, RobotsRules | None] = {}  # site -> rules (None: everything allowed)

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str) -> FetchedPage:
        """Download ``url``; raises ``FetchError`` naming the URL and the reason."""
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(url, f"unsupported URL scheme {scheme or '(none)'!r}: only http and https")
        if self.options.respect_robots and not self.allowed_by_robots(url):
            raise FetchError(url, "disallowed by the site's robots.txt (set respect_robots = false to fetch anyway)")
        timeout = self.options.fetch_timeout
        try:
            with self.client.stream("GET", url) as response:
                if not 200 <= response.status_code < 300:
                    raise FetchError(url, f"HTTP status {response.status_code} {response.reason_phrase}".rstrip())
                body = self._read_limited(url, response)
                content_type = response.headers.get("content-type", "")
                return FetchedPage(
                    url=url,
                    final_url=str(response.url),
                    status=response.status_code,
                    content_type=content_type.split(";")[0].strip().lower(),
                    encoding=declared_charset(body, content_type),
                    body=body,
                )
        except FetchError:
            raise
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {timeout:g} s ({type(exc).__name__})") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(url, f"too many redirects (limit {self.client.max_redirects})") from exc
        except httpx.ConnectError as exc:
            raise FetchError(url, f"cannot connect: {exc or type(exc).__name__}") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"invalid URL: {exc}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc

    def _check_robots(self, request: httpx.Request) -> None:
        """A redirect may lead where robots.txt disallows us: each request is checked, not only the first."""
        if not self.options.respect_robots or request.url.path == "/robots.txt":
            return
        url = str(request.url)
        if not self.allowed_by_robots(url):
            raise FetchError(url, "disallowed by the site's robots.txt (set respect_robots = false to fetch anyway)")

    def allowed_by_robots(self, url: str) -> bool:
        """Whether the site's robots.txt lets our User-Agent fetch ``url`` (read once per site)."""
        parts = urlsplit(url)
        site = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if site not in self._robots:
            if len(self._robots) >= ROBOTS_SITES:  # bounded: a long-lived fetcher forgets the oldest site
                self._robots.pop(next(iter(self._robots)))
            self._robots[site] = self._read_robots(site)
        rules = self._robots[site]
        return rules is None or rules.allows(url)

    def _read_robots(self, site: str) -> RobotsRules | None:
        url = site + "/robots.txt"
        try:
            with self.client.stream("GET", url) as response:
                if not 200 <= response.status_code < 300:
                    return None
                body = self._read_limited(url, response)
                content_type = response.headers.get("content-type", "")
        except (httpx.HTTPError, FetchError):
            return None
        return parse_robots(decode_body(body, declared_charset(body, content_type)), self.options.user_agent)

    def _read_limited(self, url: str, response: httpx.Response) -> bytes:
        limit = self.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"response is {megabytes(int(declared))}, larger than the limit of "
                                  f"{megabytes(limit)}")
        started = time.monotonic()
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"response is larger than the limit of {megabytes(limit)} "
                                      f"(stopped after {megabytes(size)})")
            if time.monotonic() - started > self.deadline:
                raise FetchError(url, f"download took longer than {self.deadline:g} s")
            chunks.append(chunk)
        return b"".join(chunks)
