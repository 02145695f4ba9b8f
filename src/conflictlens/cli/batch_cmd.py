"""`batch extract`: clean and extract JSONL/Parquet partitions on a Dask cluster (batch.py)."""
from __future__ import annotations

import sys

from .common import parse_count, parse_positive


def register(sub) -> None:
    p = sub.add_parser("batch", help="batch jobs on a Dask cluster (needs conflictlens[dask])")
    jobs = p.add_subparsers(dest="job", metavar="JOB", required=True)
    e = jobs.add_parser("extract", help="clean and extract JSONL/Parquet files, partition by partition")
    e.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl or .parquet file, or a folder of them")
    e.add_argument("--dask", required=True, metavar="SCHEDULER|local",
                   help="'local' (a LocalCluster of --workers processes) or a scheduler address (tcp://host:8786)")
    e.add_argument("--out", metavar="DIR", help="write events to DIR/<partition>.parquet (ACLED columns) "
                                                "instead of the database")
    e.add_argument("--state", metavar="DIR", help="where finished partitions are marked when writing to the "
                                                  "database (default: <db>.batch)")
    e.add_argument("--workers", type=parse_count, default=None, metavar="N",
                   help="local workers (default: option `workers`, 0 = the machine's cores)")
    e.add_argument("--partition-size", type=parse_positive, default=1000, metavar="N",
                   help="JSONL lines a partition (Parquet: one row group a partition)")
    e.set_defaults(func=cmd_batch_extract)


def cmd_batch_extract(args, options) -> int:
    from ..batch import run_batch

    def report(result) -> None:
        if result.error:
            print(f"conflictlens: partition {result.name} failed: {result.error}", file=sys.stderr)
        for origin, reason in result.failed:
            print(f"conflictlens: {origin}: {reason}", file=sys.stderr)

    workers = options.workers if args.workers is None else args.workers
    done = run_batch(args.inputs, options, args.dask, out_dir=args.out, state_dir=args.state, workers=workers,
                     partition_size=args.partition_size, progress=report)
    for exc in done.unreadable:
        print(f"conflictlens: {exc.origin}: {exc.reason}", file=sys.stderr)
    skipped = sum(p.skipped for p in done.partitions)
    failed = sum(p.error is not None for p in done.partitions)
    where = args.out or options.db
    print(f"{len(done.partitions)} partitions ({skipped} already done, {failed} failed): {done.articles} articles, "
          f"{done.events} events -> {where}")
    return 0 if done.ok else 1
