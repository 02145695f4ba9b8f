"""`ingest --workers N` / `extract --workers N` (parallel.py): the same outcome as one process.

The articles are short invented reports written for these tests.
"""
from __future__ import annotations

import json

import pytest

from conflictlens.api import Conflictlens
from conflictlens.errors import ConfigError
from conflictlens.models import EventFilter
from conflictlens.parallel import extract_parallel, ingest_parallel, machine_cores, worker_count, worker_pool

REPORTS = [
    ("2021-03-04", "Gunmen on motorcycles attacked a police checkpoint near Gao on Tuesday, killing three officers "
                   "and wounding two others, a local official said."),
    ("2021-03-05", "Hundreds of teachers marched through the centre of Nairobi on Thursday to demand unpaid "
                   "salaries. The protest ended peacefully in the afternoon."),
    ("2021-03-06", "An air strike hit a market in Maarat al-Numan on Friday morning, killing seven civilians, "
                   "according to a monitoring group."),
    ("2021-03-07", "Al Shabaab fighters ambushed a military convoy outside Baidoa on Saturday. Four soldiers were "
                   "killed in the fighting, the army said."),
    ("2021-03-08", "Police fired tear gas at students who were protesting against fee increases in Lagos on "
                   "Sunday. Several students were arrested."),
    ("2021-03-09", "A roadside bomb exploded as a bus passed through Kandahar on Monday, killing two passengers. "
                   "No group claimed the attack."),
    ("2021-03-10", "Residents of Tripoli blocked roads with burning tyres on Tuesday night after a week of power "
                   "cuts. Security forces later cleared the barricades."),
    ("2021-03-11", "Unidentified armed men abducted a village chief in Zamfara on Wednesday, residents said. "
                   "The kidnappers have not contacted the family."),
]


def write_corpus(path, copies: int) -> None:
    """Each report several times, each copy with its own opening line, so every article is distinct;
    one malformed line and one empty article among them."""
    lines = []
    for k in range(copies):
        for i, (day, text) in enumerate(REPORTS):
            lines.append(json.dumps({"url": f"https://example.org/{k}/{i}", "published": day, "source": "Test Wire",
                                     "title": f"Report {k}-{i}", "text": f"Dispatch {k}, item {i}. {text}"}))
        if k == 1:
            lines.append("{not json")
            lines.append(json.dumps({"url": "https://example.org/empty", "text": "   "}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def outcome(cl: Conflictlens) -> tuple:
    events = [(e.article_id, e.event_key, e.event_date, e.event_type, e.sub_event_type, e.actor1, e.actor2,
               e.location, e.fatalities, e.notes) for e in cl.events(EventFilter())]
    articles = [(a.id, a.url, a.title, a.published, a.keywords) for a in cl.store.iter_articles()]
    return events, articles


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "reports.jsonl"
    write_corpus(path, copies=3)
    return path


@pytest.fixture(scope="module")
def pool():
    """Two worker processes, started once for this module's tests."""
    from conflictlens.options import load_options

    with worker_pool(load_options(env={}, progress=False), 2) as p:
        yield p


def _opts(options, db):
    return options.replace(db=str(db), extract=True)


@pytest.mark.slow
def test_two_workers_store_what_one_does(tmp_path, options, corpus, pool):
    with Conflictlens(_opts(options, tmp_path / "one.db")) as one:
        serial = ingest_parallel(one, [str(corpus)], workers=1)
        serial_out = outcome(one)
        extractor = one.extractor
    with Conflictlens(_opts(options, tmp_path / "two.db"), extractor=extractor) as two:
        seen = []
        parallel = ingest_parallel(two, [str(corpus)], workers=2, pool=pool, min_parallel=0, chunk=5,
                                   progress=seen.append)
        parallel_out = outcome(two)
        again = ingest_parallel(two, [str(corpus)], workers=2, pool=pool, min_parallel=0, chunk=5)
        assert outcome(two) == parallel_out  # idempotent: nothing added, nothing duplicated

    assert serial_out[0], "the reports code events"
    assert parallel_out == serial_out  # same events, same article ids in the same order, same keywords
    strip = [(r.origin, r.status, r.article_id, r.events, r.error) for r in serial]
    assert [(r.origin, r.status, r.article_id, r.events, r.error) for r in parallel] == strip
    assert seen == parallel  # the progress callback saw every item, in order
    failed = [r for r in parallel if r.status == "failed"]
    assert len(failed) == 2 and all(str(corpus) in r.origin for r in failed)  # named file (and line), batch went on
    assert {r.status for r in again} == {"unchanged", "failed"}


@pytest.mark.slow
def test_extract_with_workers_writes_the_same_events(tmp_path, options, corpus, pool):
    results = {}
    extractor = None
    for workers in (1, 2):
        with Conflictlens(_opts(options, tmp_path / f"x{workers}.db").replace(extract=False),
                          extractor=extractor) as cl:
            cl.ingest([str(corpus)])
            assert cl.events() == []
            counted = []
            n = extract_parallel(cl, workers=workers, pool=pool if workers > 1 else None, min_parallel=0, batch=4,
                                 progress=lambda a, k: counted.append((a.id, k)))
            results[workers] = (n, counted, outcome(cl))
            extractor = cl.extractor
    assert results[1][0] > 0
    assert results[2] == results[1]


def test_small_batches_stay_in_one_process(tmp_path, options, corpus, monkeypatch):
    import conflictlens.parallel as parallel

    def no_pool(*a, **k):
        raise AssertionError("a pool was started for a handful of articles")

    monkeypatch.setattr(parallel, "worker_pool", no_pool)
    with Conflictlens(options.replace(db=str(tmp_path / "s.db"))) as cl:  # extract=False: quick
        results = ingest_parallel(cl, [str(corpus)], workers=4)  # 26 items < MIN_PARALLEL
    assert sum(r.status == "added" for r in results) == 3 * len(REPORTS)


def test_worker_count():
    assert worker_count(3) == 3
    assert worker_count(0) == machine_cores() >= 1
    assert worker_count(None) == machine_cores()
    with pytest.raises(ConfigError):
        worker_count(-1)


def test_cli_workers_option(tmp_path, corpus, capsys, monkeypatch):
    from conflictlens.cli.main import main

    monkeypatch.delenv("CONFLICTLENS_DB", raising=False)
    db = str(tmp_path / "cli.db")
    assert main(["--db", db, "--no-progress", "ingest", "--workers", "-1", str(corpus)]) == 2
    assert "must be 0 or more" in capsys.readouterr().err
    # a small batch: one process whatever --workers says; bad items named, exit status 1
    assert main(["--db", db, "--no-progress", "ingest", "--no-extract", "--workers", "3", str(corpus)]) == 1
    out, err = capsys.readouterr()
    assert "24 added" in out + err and f"{corpus}:17: malformed JSON" in err
    assert main(["--db", db, "--no-progress", "extract", "--workers", "2", "1", "2"]) == 0
    assert "from 2 articles" in capsys.readouterr().out
