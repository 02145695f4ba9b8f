"""`batch extract --dask` (batch.py) on a LocalCluster of 2 worker processes: the same events as
extracting the same articles in one process, Parquet partitions written whole and skipped when
done, a failed or missing partition done again alone.  The reports are invented for these tests."""
from __future__ import annotations

import json
import sys

import pytest

from conflictlens.errors import MissingExtraError

pytest.importorskip("dask.bag", reason="needs the dask extra: pip install 'conflictlens[dask]'")
pq = pytest.importorskip("pyarrow.parquet")
distributed = pytest.importorskip("distributed")

from conflictlens.api import Conflictlens  # noqa: E402
from conflictlens.batch import BatchPartition, event_rows, plan_partitions, require_dask, run_batch  # noqa: E402
from conflictlens.models import EventFilter, PreparedArticle  # noqa: E402

REPORTS = [
    "Militants stormed an army base near Menaka on Sunday, killing five soldiers, the defence ministry said.",
    "Thousands of farmers marched in Kisumu on Monday to protest against the price of fertiliser.",
    "Shelling hit a residential district of Donetsk on Tuesday, killing two civilians and wounding four.",
    "Police in Karachi arrested twelve people after clashes between rival political supporters on Wednesday.",
    "A car bomb exploded outside a government office in Mogadishu on Thursday, killing three people.",
    "Gunmen kidnapped six travellers on the highway near Kaduna on Friday, local police said.",
]


def write_jsonl(path, copies: int = 3) -> None:
    lines = []
    for k in range(copies):
        for i, text in enumerate(REPORTS):
            lines.append(json.dumps({"url": f"https://example.org/b/{k}/{i}", "published": f"2022-05-{10 + i:02d}",
                                     "source": "Test Wire", "text": f"Bulletin {k}. {text}"}))
        if k == 0:
            lines.append('{"url": "https://example.org/b/broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def serial_rows(path, options) -> list[dict]:
    """The events of every line, extracted in this process the way `extract` does."""
    from conflictlens.ingest.readers import read_jsonl

    cl = Conflictlens(options)
    prepared = [cl.prepare(d) for d in read_jsonl(str(path), path.read_text(encoding="utf-8"))]
    good = [p for p in prepared if p.article is not None]
    pairs = []
    for p, events in zip(good, cl.extractor.extract_many([p.article for p in good])):
        pairs += [(ev, PreparedArticle(p.origin, p.url, p.article)) for ev in events]
    return without_time(event_rows(pairs))


def parquet_rows(out_dir) -> list[dict]:
    rows = []
    for f in sorted(out_dir.glob("*.parquet")):
        rows += pq.read_table(f).to_pylist()
    return without_time(rows)


def without_time(rows: list[dict]) -> list[dict]:
    """The rows less ``timestamp`` (when the article was read in, not part of the event)."""
    return [{k: v for k, v in r.items() if k != "timestamp"} for r in rows]


@pytest.mark.slow
def test_dask_gives_the_events_of_one_process_and_redoes_only_missing_partitions(tmp_path, options, client):
    src = tmp_path / "reports.jsonl"
    write_jsonl(src)
    out = tmp_path / "out"
    opts = options.replace(extract=True)
    report = run_batch([str(src)], opts, out_dir=str(out), partition_size=5, client=client)
    assert len(report.partitions) == 4 and not any(p.skipped or p.error for p in report.partitions)
    failed = [f for p in report.partitions for f in p.failed]
    assert len(failed) == 1 and failed[0][0] == f"{src}:7"  # the bad line, named with its file and line
    assert failed[0][1].startswith("malformed JSON") and report.partitions[1].failed == tuple(failed)
    rows = parquet_rows(out)
    expected = serial_rows(src, opts)
    assert expected, "the reports code events"
    assert rows == expected  # same events, same order, ACLED columns
    assert set(pq.read_schema(next(out.glob("*.parquet"))).names) >= {"event_date", "actor1", "fatalities", "latitude"}

    again = run_batch([str(src)], opts, out_dir=str(out), partition_size=5, client=client)
    assert all(p.skipped for p in again.partitions) and again.events == report.events

    lost = sorted(out.glob("*.parquet"))[2]
    lost.unlink()
    (out / lost.name).write_bytes(b"PAR1 half a file")  # a torn file is not a finished partition
    redo = run_batch([str(src)], opts, out_dir=str(out), partition_size=5, client=client)
    assert [p.skipped for p in redo.partitions] == [True, True, False, True]
    assert parquet_rows(out) == expected


@pytest.mark.slow
def test_dask_into_the_store_matches_ingest(tmp_path, options, client):
    src = tmp_path / "reports.jsonl"
    write_jsonl(src, copies=2)
    opts = options.replace(extract=True)

    def events(db):
        with Conflictlens(opts.replace(db=str(db))) as cl:
            return [(e.article_id, e.event_key, e.sub_event_type, e.actor1, e.actor2, e.location, e.fatalities)
                    for e in cl.events(EventFilter())]

    with Conflictlens(opts.replace(db=str(tmp_path / "ingest.db"))) as cl:
        cl.ingest([str(src)])
    report = run_batch([str(src)], opts.replace(db=str(tmp_path / "dask.db")), partition_size=100, client=client)
    assert report.articles == 2 * len(REPORTS) and (tmp_path / "dask.db.batch").is_dir()
    assert events(tmp_path / "dask.db") == events(tmp_path / "ingest.db") != []
    again = run_batch([str(src)], opts.replace(db=str(tmp_path / "dask.db")), partition_size=100, client=client)
    assert all(p.skipped for p in again.partitions)
    assert events(tmp_path / "dask.db") == events(tmp_path / "ingest.db")


def test_partitions_and_unreadable_inputs(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps({"text": f"line {i}"}) for i in range(7)), encoding="utf-8")  # no final newline
    (tmp_path / "empty").mkdir()
    parts, errors = plan_partitions([str(src), str(tmp_path / "missing.jsonl"), str(tmp_path / "empty")],
                                    partition_size=3)
    assert [(p.start, p.stop) for p in parts if p.path == str(src)] == [(0, 3), (3, 6), (6, 7)]
    assert all(isinstance(p, BatchPartition) for p in parts)
    assert len({p.name for p in parts if p.path == str(src)}) == 3
    assert [(e.origin, e.reason) for e in errors] == [(str(tmp_path / "missing.jsonl"), "no such file or folder"),
                                                      (str(tmp_path / "empty"), "folder holds no .jsonl or .parquet file")]
    same, _ = plan_partitions([str(src)], partition_size=3)
    assert [p.name for p in same] == [p.name for p in parts if p.path == str(src)]  # stable names
    other, _ = plan_partitions([str(src)], partition_size=4)
    assert not {p.name for p in other} & {p.name for p in same}


def test_missing_extra_names_the_pip_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    with pytest.raises(MissingExtraError) as err:
        require_dask()
    assert "pip install 'conflictlens[dask]'" in str(err.value)
