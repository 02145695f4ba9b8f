"""The JSON API: shapes, paging, filters, errors, auth and limits."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from conflictlens.web.app import create_app

TOKEN = "test-token-123"  # the token conftest.web_options sets


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_health_counts(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["counts"]["articles"] == 2 and body["counts"]["events"] == 2
    assert body["write_enabled"] is True


def test_openapi_schema_lists_the_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/search", "/api/events", "/api/incidents", "/api/trend", "/api/ask",
                 "/api/export", "/api/keywords", "/api/health", "/api/ingest"):
        assert path in paths, path


def test_articles_list_and_paging(client):
    first = client.get("/api/articles", params={"limit": 1}).json()
    second = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == 2 and len(first["items"]) == 1 and len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert first["items"][0]["title"] == "Farmers march in Riverton"  # newest first


def test_article_by_id_and_url_has_text_and_evidence(client, lens):
    article_id = lens.seeded["attack"]
    body = client.get(f"/api/articles/{article_id}").json()
    assert body["text"].startswith("Gunmen attacked")
    assert body["keywords"][0] == "Tel Hamra"
    (event,) = body["events"]
    assert event["fatalities"] == 3 and event["location"] == "Tel Hamra"
    fields = {e["field"]: e["text"] for e in event["evidence"]}
    assert fields["fatalities"] == "killing three guards"
    by_url = client.get("/api/articles/https://news.test/tel-hamra").json()
    assert by_url["id"] == article_id


def test_events_filters_and_total(client):
    everything = client.get("/api/events", params={"with_total": "true"}).json()
    assert everything["total"] == 2 and everything["next_offset"] is None

    def total(**params) -> int:
        return client.get("/api/events", params={**params, "with_total": "true"}).json()["total"]

    protests = client.get("/api/events", params={"event_type": "Protests"}).json()
    assert [e["location"] for e in protests["items"]] == ["Riverton"] and "total" not in protests
    assert client.get("/api/events", params={"admin1": "north"}).json()["items"][0]["location"] == "Tel Hamra"
    assert total(actor="Northern") == 1
    assert total(since="2021-04-01") == 1
    assert total(near="35.5,38.2,10") == 1 and total(near="35.5,38.2,10", country="Elsewhere") == 0
    first = client.get("/api/events", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    page = client.get("/api/events", params={"limit": 1, "offset": first["next_offset"]}).json()
    assert len(page["items"]) == 1 and page["next_offset"] is None
    assert page["items"][0]["id"] != first["items"][0]["id"]
    assert page["items"][0]["article_url"].startswith("https://news.test/")


def test_search_and_keyword_facet(client):
    hits = client.get("/api/search", params={"q": "checkpoint"}).json()["items"]
    assert [h["title"] for h in hits] == ["Checkpoint attack near Tel Hamra <b>bold</b>"]
    assert [hits[0]["snippet"][a:b] for a, b in hits[0]["highlights"]] == ["checkpoint"]
    assert client.get("/api/search", params={"q": "Riverton OR checkpoint", "keyword": "farmers"}).json()["items"][0][
        "title"] == "Farmers march in Riverton"


def test_keywords(client):
    items = client.get("/api/keywords", params={"top": 3}).json()["items"]
    assert len(items) == 3 and all(i["articles"] == 1 for i in items)


@pytest.mark.parametrize("fmt,marker", [("acled-csv", "event_id_cnty"), ("geojson", "FeatureCollection"),
                                        ("jsonl", "Tel Hamra")])
def test_export_formats(client, fmt, marker):
    response = client.get("/api/export", params={"format": fmt, "country": "Testland"})
    assert response.status_code == 200 and marker in response.text
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "geojson":
        features = response.json()["features"]
        assert {f["geometry"]["coordinates"][1] for f in features} == {35.5, 34.1}


def test_errors_share_one_shape(client):
    assert_error(client.get("/api/articles/424242"), 404, "not_found")
    assert_error(client.get("/api/search", params={"q": '"unclosed'}), 400, "bad_query")
    assert_error(client.get("/api/events", params={"limit": 100000}), 422, "invalid_parameters")
    assert_error(client.get("/api/events", params={"since": "yesterday"}), 422)
    assert_error(client.get("/api/events", params={"near": "1,2"}), 400, "bad_parameter")
    assert_error(client.get("/api/events", params={"since": "2021-05-01", "until": "2021-01-01"}), 400)
    assert_error(client.get("/api/export", params={"format": "xlsx"}), 422)
    assert_error(client.get("/api/no-such-thing"), 404)
    assert_error(client.post("/api/health"), 405)


def test_ingest_and_delete_need_the_token(client):
    article = {"url": "https://news.test/new", "title": "New", "text": "Clashes were reported in Riverton today."}
    assert_error(client.post("/api/ingest", json=[article]), 401, "unauthorized")
    assert_error(client.post("/api/ingest", json=[article], headers={"Authorization": "Bearer wrong"}), 401)
    ok = client.post("/api/ingest", json=[article, {"title": "no text"}], headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200, ok.text
    body = ok.json()
    assert body["added"] == 1 and body["failed"] == 1
    (failed,) = [r for r in body["items"] if r["status"] == "failed"]
    assert "missing both" in failed["error"]
    assert client.get("/api/articles/https://news.test/new").status_code == 200
    assert_error(client.delete("/api/articles/https://news.test/new"), 401)
    gone = client.delete("/api/articles/https://news.test/new", headers={"X-Conflictlens-Token": TOKEN})
    assert gone.status_code == 200
    assert_error(client.get("/api/articles/https://news.test/new"), 404)


def test_writes_are_refused_without_a_configured_token(options, lens):
    app = create_app(options.replace(token=""), cl=lens)
    with TestClient(app, client=("127.0.0.1", 5000)) as c:
        assert_error(c.post("/api/ingest", json=[]), 403, "forbidden")


def test_remote_reads_need_the_token_when_one_is_set(web_options, lens):
    app = create_app(web_options, cl=lens)
    with TestClient(app, client=("192.0.2.7", 5000)) as remote:
        assert_error(remote.get("/api/events"), 401)
        assert remote.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        remote.get("/", params={"token": TOKEN}, follow_redirects=False)  # sets the browser cookie
        assert remote.get("/api/health").status_code == 200


def test_body_limit(web_options, lens):
    app = create_app(web_options.replace(extras={"max_body": 1000}), cl=lens)
    with TestClient(app, client=("127.0.0.1", 5000)) as c:
        big = [{"text": "x" * 2000}]
        assert_error(c.post("/api/ingest", content=json.dumps(big), headers={
            "Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}), 413, "body_too_large")


def test_ingest_batch_size_is_limited(client):
    many = [{"text": f"article {i}"} for i in range(501)]
    assert_error(client.post("/api/ingest", json=many, headers={"Authorization": f"Bearer {TOKEN}"}), 422)


def test_bind_check_refuses_public_address_without_token():
    from conflictlens.errors import ConfigError
    from conflictlens.web.security import check_bind

    check_bind("127.0.0.1", "")
    check_bind("::1", "")
    check_bind("0.0.0.0", "secret")
    with pytest.raises(ConfigError, match="CONFLICTLENS_TOKEN"):
        check_bind("0.0.0.0", "")


def test_serve_command_refuses_public_address_without_token(tmp_path, monkeypatch, capsys):
    from conflictlens.cli.main import main

    from conflictlens.store.sqlite import SQLiteStore

    monkeypatch.delenv("CONFLICTLENS_TOKEN", raising=False)
    SQLiteStore(tmp_path / "x.db").close()  # serve reads an existing database (never creates one)
    code = main(["--db", str(tmp_path / "x.db"), "serve", "--host", "0.0.0.0", "--port", "1"])
    assert code == 2
    assert "refusing to listen on 0.0.0.0" in capsys.readouterr().err


def test_incidents_trend_and_incident_page(client):
    listed = client.get("/api/incidents")
    if listed.status_code == 501:
        pytest.skip("analysis is not available in this version")
    items = listed.json()["items"]
    assert {i["location"] for i in items} == {"Tel Hamra", "Riverton"}
    attack = next(i for i in items if i["location"] == "Tel Hamra")
    one = client.get(f"/api/incidents/{attack['id']}").json()
    assert one["fatalities"] == 3
    page = client.get(f"/incidents/{attack['id']}")
    assert page.status_code == 200 and "Checkpoint attack near Tel Hamra &lt;b&gt;" in page.text
    assert_error(client.get("/api/incidents/987654"), 404)
    trend = client.get("/api/trend", params={"by": "month"}).json()
    assert [(p["period"], p["incidents"]) for p in trend["periods"] if p["incidents"]] == [
        ("2021-03-01", 1), ("2021-05-01", 1)]


def test_ask_answers_or_says_what_it_understands(client):
    response = client.get("/api/ask", params={"q": "Have the Northern Brigades returned to Tel Hamra?"})
    if response.status_code == 501:
        pytest.skip("analysis is not available in this version")
    assert response.status_code == 200, response.text
    assert response.json()["question"].startswith("Have the Northern Brigades")
    assert_error(client.get("/api/ask", params={"q": "banana"}), 400, "bad_question")
