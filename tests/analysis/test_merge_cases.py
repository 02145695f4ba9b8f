"""The hand-written merge cases (tests/fixtures/merge) through the real extractor, geocoder and merger.

Several differently worded reports of each incident (outlets' styles, tolls, spellings, relative
and absolute dates, with and without a publication date) must become one incident each, and the
near misses (same type, nearby in time and place) must stay apart.  Slow: spaCy and the gazetteer.
"""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from conflictlens.api import Conflictlens
from conflictlens.models import RawDocument
from conflictlens.options import load_options

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "merge"

pytestmark = pytest.mark.slow


def _lines(name: str) -> list[dict]:
    return [json.loads(line) for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    articles, gold = _lines("articles.jsonl"), _lines("incidents.jsonl")
    db = tmp_path_factory.mktemp("merge") / "cases.db"
    with Conflictlens(load_options(env={}, db=str(db), progress=False)) as cl:
        cl.ingest_documents(iter(RawDocument(origin=a["url"], url=a["url"], title=a.get("title"),
                                             published=a.get("published"), source=a.get("source"), text=a["text"])
                                 for a in articles))
        from conflictlens.analysis import list_incidents

        incidents = list_incidents(cl.store)
        urls = dict(cl.store.conn.execute("SELECT id, url FROM articles").fetchall())
    return gold, incidents, urls


def test_reports_of_one_incident_merge_and_near_misses_stay_apart(merged):
    gold, incidents, urls = merged
    gold_of = {u: g["incident"] for g in gold for u in g["articles"]}
    pred_pairs, gold_pairs = set(), set()
    members = [(inc.id, urls[s.article_id]) for inc in incidents for s in inc.sources]
    for (ia, ua), (ib, ub) in itertools.combinations(members, 2):
        if ua == ub:
            continue
        pair = tuple(sorted((ua, ub)))
        if ia == ib:
            pred_pairs.add(pair)
        if gold_of[ua] == gold_of[ub]:
            gold_pairs.add(pair)
    tp = len(pred_pairs & gold_pairs)
    precision = tp / len(pred_pairs) if pred_pairs else 1.0
    recall = tp / len(gold_pairs) if gold_pairs else 1.0
    assert precision >= 0.95 and recall >= 0.85, (precision, recall, pred_pairs ^ gold_pairs)


def test_seed_like_villages_never_merge(merged):
    gold, incidents, urls = merged
    for inc in incidents:
        names = {next(g["incident"] for g in gold if urls[s.article_id] in g["articles"]) for s in inc.sources}
        assert not {"kafrghan-assassination", "talmalid-killing"} <= names, inc


def test_tolls_are_conservative_and_credible(merged):
    gold, incidents, urls = merged
    for g in gold:
        incs = [i for i in incidents if any(urls[s.article_id] in g["articles"] for s in i.sources)]
        if not incs or len(incs[0].sources) < 2:
            continue  # a single report's toll is the extractor's reading, not the merge rule's
        toll = max(incs, key=lambda i: len(i.sources)).fatalities
        assert abs(toll - g["fatalities"]) <= 0.25 * max(1, g["fatalities"]), (g["incident"], toll)
