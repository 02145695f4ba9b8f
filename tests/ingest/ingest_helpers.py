"""Helpers for the ingest tests: fixture paths, collecting reader output, a fake web (httpx.MockTransport)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import httpx
from conflictlens.errors import InputError
from conflictlens.ingest.fetch import Fetcher
from conflictlens.ingest.readers import read_inputs
from conflictlens.models import RawDocument
from conflictlens.options import Options

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

ARTICLE_TEXT = (
    "Gunmen on a motorcycle shot dead a local council member in the town of Example Ridge on "
    "Thursday evening, his relatives said. The attackers fled towards the hills, and no group has "
    "claimed the killing so far.\n"
)


def collect(items, options: Options, fetcher=None, **kw) -> tuple[list[RawDocument], list[InputError]]:
    """Run read_inputs and split what it yields into documents and errors (in order)."""
    docs, errors = [], []
    for out in read_inputs([str(i) for i in items], options, fetcher=fetcher, **kw):
        assert isinstance(out, (RawDocument, InputError)), out
        (docs if isinstance(out, RawDocument) else errors).append(out)
    return docs, errors


def fake_web(routes: dict[str, object], seen: list[httpx.Request] | None = None) -> httpx.MockTransport:
    """A MockTransport answering from ``routes``: URL -> Response, (status, content-type, body) or callable."""

    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        answer = routes.get(str(request.url))
        if answer is None:
            return httpx.Response(404, text="not found")
        if callable(answer):
            return answer(request)
        if isinstance(answer, httpx.Response):
            return answer
        status, content_type, body = answer
        return httpx.Response(status, headers={"content-type": content_type},
                              content=body if isinstance(body, bytes) else body.encode("utf-8"))

    return httpx.MockTransport(handler)


def make_fetcher(options: Options, routes: dict[str, object],
                 seen: list[httpx.Request] | None = None) -> Fetcher:
    return Fetcher(options, transport=fake_web(routes, seen))


Handler = Callable[[httpx.Request], httpx.Response]
