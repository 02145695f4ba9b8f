"""Schema-driven fuzzing (schemathesis-style, with hypothesis): every GET endpoint of the OpenAPI
schema gets generated parameters; the server must never answer 5xx, and every error has the one shape."""
from __future__ import annotations

import string
from datetime import date
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SKIP = {"/api/ask"}  # loads the NLP model and gazetteer; covered by its own tests
TEXT = st.text(alphabet=string.printable + "äéحب\u0000\ue000\"'*()", max_size=60)


def value_strategy(schema: dict):
    options = schema.get("anyOf") or [schema]
    strategies = []
    for option in options:
        kind = option.get("type")
        if "enum" in option:
            strategies.append(st.sampled_from(option["enum"]))
        elif kind == "integer":
            lo, hi = option.get("minimum", -10), option.get("maximum", 10**6)
            strategies.append(st.integers(min_value=min(lo, 0) - 2, max_value=min(hi, 10**7) + 2))
        elif kind == "string" and option.get("format") == "date":
            strategies.append(st.dates(min_value=date(1, 1, 1)).map(date.isoformat))
        elif kind == "string":
            strategies.append(TEXT)
    strategies.append(TEXT)  # anything may arrive as text
    return st.one_of(strategies)


def operations(app) -> list[tuple[str, list[dict]]]:
    schema = app.openapi()
    found = []
    for path, methods in schema["paths"].items():
        if "get" in methods and path not in SKIP:
            found.append((path, methods["get"].get("parameters", [])))
    return found


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from conflictlens.api import Conflictlens
    from conflictlens.options import load_options
    from conflictlens.store.sqlite import SQLiteStore
    from conflictlens.web.app import create_app

    from conftest import seed  # tests/web/conftest.py (pytest puts its folder on sys.path)

    tmp = tmp_path_factory.mktemp("fuzz")
    options = load_options(env={}, db=str(tmp / "fuzz.db"), extract=False, progress=False,
                           gazetteer=str(tmp / "gaz.sqlite"), token="t")
    store = SQLiteStore(options.db)
    seed(store)
    cl = Conflictlens(options, store=store)
    with TestClient(create_app(options, cl=cl), client=("127.0.0.1", 5000), raise_server_exceptions=False) as c:
        c.operations = None
        yield c
    cl.close()


@st.composite
def requests(draw, ops):
    path, params = draw(st.sampled_from(ops))
    query, url = {}, path
    for p in params:
        if p["in"] == "path":
            value = draw(value_strategy(p.get("schema", {})).filter(lambda v: str(v) not in ("", ".", "..")))
            url = url.replace("{" + p["name"] + "}", quote(str(value), safe=""))
        elif p["in"] == "query" and (p.get("required") or draw(st.booleans())):
            query[p["name"]] = draw(value_strategy(p.get("schema", {})))
    return url, query


def test_get_endpoints_never_fail_and_errors_have_one_shape(fuzz_client):
    ops = operations(fuzz_client.app)
    assert len(ops) >= 9

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(requests(ops))
    def check(request):
        url, query = request
        response = fuzz_client.get(url, params=query)
        assert response.status_code < 500, (url, query, response.text)
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"}, body
            assert body["error"]["status"] == response.status_code
            assert body["error"]["code"] and body["error"]["message"]

    check()
