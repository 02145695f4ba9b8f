"""`conflictlens gazetteer ...` and `conflictlens geoparse ...`: thin wrappers over conflictlens.geo."""
from __future__ import annotations

import json
import sys

from contextlib import contextmanager

from ..errors import ConfigError, ConflictlensError, GazetteerError, InputError

ADMIN2_HELP = "admin2Codes.txt"


def register(subparsers) -> None:
    gz = subparsers.add_parser("gazetteer", help="build, import into and inspect the place gazetteer")
    gsub = gz.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    p = gsub.add_parser("stats", help="what the gazetteer holds")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(func=cmd_stats)
    p = gsub.add_parser("build", help="build the gazetteer from packaged data now (normally done on first use)")
    p.add_argument("--force", action="store_true", help="rebuild even if it is current (drops imports)")
    p.set_defaults(func=cmd_build)
    p = gsub.add_parser("import", help="import GeoNames dumps (allCountries.txt, SY.txt/SY.zip, alternateNamesV2, "
                                       "admin1CodesASCII, admin2Codes) or a CSV of places")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--kind", choices=["auto", "geonames", "alternates", "admin1", "admin2", "csv"], default="auto",
                   help="file format (default: from the file name and content)")
    p.add_argument("--country", action="append", metavar="CC",
                   help="admin codes files: import only this country's rows (repeatable)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_import)
    p = gsub.add_parser("download", help="download GeoNames country files (e.g. SY IQ) and their admin-2 names, "
                                         "and import them (the only command that downloads place data)")
    p.add_argument("countries", nargs="+", metavar="COUNTRY", help="ISO 3166 two-letter codes")
    p.add_argument("--base-url", default=None,
                   help="where the dumps are: a GeoNames mirror (default: options.geonames_url, else "
                        "https://download.geonames.org/export/dump/)")
    p.add_argument("--keep", metavar="DIR", help="keep the downloaded files in DIR (default: a geonames/ "
                                                 "folder next to the gazetteer, re-imported from after a rebuild)")
    p.add_argument("--no-admin2", dest="admin2", action="store_false",
                   help=f"do not fetch {ADMIN2_HELP} (admin-2 names)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no download messages")
    p.set_defaults(func=cmd_download)
    gz.set_defaults(func=lambda args, options: (gz.print_help(), 2)[1])

    gp = subparsers.add_parser("geoparse", help="find and resolve every place mention in a text")
    gp.add_argument("text", nargs="?", help="the text (or use --file / --jsonl / stdin)")
    gp.add_argument("--file", help="read the text from this file ('-' for stdin)")
    gp.add_argument("--jsonl", metavar="IN", help='batch: one {"id", "text"} per line in, one {"id", "places"} out')
    gp.add_argument("--json", action="store_true", help="JSON output")
    gp.add_argument("--no-ner", action="store_true", help="gazetteer matcher and patterns only (no spaCy)")
    gp.add_argument("--no-demonyms", action="store_true", help="leave out demonyms such as 'Syrian'")
    gp.set_defaults(func=cmd_geoparse)


def _geocoder(options):
    from ..geo import open_geocoder

    return open_geocoder(options, progress=lambda what, n: print(f"gazetteer: {what}: {n} rows", file=sys.stderr))


def cmd_stats(args, options) -> int:
    stats = _geocoder(options).gazetteer.stats()
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    for key, value in stats.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for k, v in value.items():
                print(f"  {k:20} {v}")
        elif isinstance(value, list):
            print(f"{key}: {len(value)}")
            for row in value:
                print(f"  {row['path']} ({row['kind']}, {row['rows']} rows, {row['at']})")
        else:
            print(f"{key:22} {value}")
    return 0


def cmd_build(args, options) -> int:
    from ..geo.gazetteer import build_packaged, ensure_gazetteer, gazetteer_path

    path = gazetteer_path(options)
    if args.force and path.exists():
        import os

        tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
        build_packaged(tmp)
        os.replace(tmp, path)
    else:
        ensure_gazetteer(path)
    print(f"gazetteer ready: {path}")
    return 0


@contextmanager
def _progress_bar(options, args):
    """A rich progress bar on stderr (bytes downloaded, rows imported), or None when quiet or not a TTY."""
    if args.quiet or not options.progress or not sys.stderr.isatty():
        yield None
        return
    from rich import filesize
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from .common import console

    tasks: dict[str, int] = {}
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[count]}"),
                  TimeRemainingColumn(), console=console(stderr=True), transient=False) as bar:
        def report(task: str, unit: str, done: int, total: int | None) -> None:
            if task not in tasks:
                tasks[task] = bar.add_task(task, total=total, count="")
            if unit == "B":
                count = filesize.decimal(done) + (f"/{filesize.decimal(total)}" if total else "")
            else:
                count = f"{done:,} rows"
            bar.update(tasks[task], completed=done, total=total or None, count=count)

        yield report


def cmd_import(args, options) -> int:
    from ..geo.importers import import_file

    geocoder = _geocoder(options)
    failed = 0
    with _progress_bar(options, args) as progress:
        for path in args.files:
            try:
                report = import_file(geocoder.gazetteer, path, kind=args.kind, countries=args.country,
                                     progress=progress)
            except GazetteerError as exc:  # the rest of the batch goes on
                failed += 1
                print(f"conflictlens: {exc}", file=sys.stderr)
                continue
            print(report.describe())
    return 1 if failed else 0


def cmd_download(args, options) -> int:
    from ..geo.download import GEONAMES_URL, download_countries

    geocoder = _geocoder(options)
    base = args.base_url or options.geonames_url or GEONAMES_URL
    say = (lambda msg: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr))
    failed = 0
    with _progress_bar(options, args) as progress:
        for report in download_countries(geocoder.gazetteer, args.countries, base, options, keep=args.keep,
                                         say=say, progress=progress, admin2=args.admin2):
            failed += report.failed
            print(report.describe(), file=sys.stderr if report.error else sys.stdout)
    return 1 if failed else 0


def _load_nlp(options, args):
    if args.no_ner:
        return None
    try:
        import spacy

        return spacy.load(options.spacy_model, disable=["lemmatizer"])
    except (ImportError, OSError) as exc:
        print(f"conflictlens: spaCy model {options.spacy_model} not available ({exc}); gazetteer matching only",
              file=sys.stderr)
        return None


def _place_json(mention, place) -> dict:
    row = {"start": mention.start, "end": mention.end, "text": mention.text, "label": mention.label}
    if place is None:
        row.update(name=mention.text, latitude=None, longitude=None, country=None, admin1=None, geonameid=None,
                   precision=None)
        return row
    row.update(name=place.name, matched_name=place.matched_name, latitude=place.latitude, longitude=place.longitude,
               country=place.country, admin1=place.admin1, admin2=place.admin2, geonameid=place.geonameid,
               precision=place.precision, reason=place.reason,
               candidates=[{"name": c.name, "country": c.country, "latitude": c.latitude, "longitude": c.longitude,
                            "geonameid": c.geonameid, "score": c.score} for c in place.candidates])
    return row


def cmd_geoparse(args, options) -> int:
    from ..geo import geoparse

    geocoder = _geocoder(options)
    nlp = _load_nlp(options, args)
    demonyms = not args.no_demonyms
    if args.jsonl:
        return _geoparse_jsonl(args.jsonl, geocoder, nlp, demonyms)
    if args.text is not None:
        text = args.text
    elif args.file:
        try:
            text = sys.stdin.read() if args.file == "-" else open(args.file, encoding="utf-8").read()
        except OSError as exc:
            raise InputError(args.file, str(exc)) from exc
    elif not sys.stdin.isatty():
        text = sys.stdin.read()
    else:
        raise ConfigError("geoparse needs TEXT, --file F or --jsonl IN")
    results = geoparse(text, geocoder, nlp=nlp, demonyms=demonyms)
    if args.json:
        print(json.dumps({"places": [_place_json(m, p) for m, p in results]}, ensure_ascii=False, indent=2))
        return 0
    for m, p in results:
        where = (f"{p.name} -> {p.matched_name} ({p.latitude:.4f}, {p.longitude:.4f}) {p.country or ''}"
                 f"{' / ' + p.admin1 if p.admin1 else ''} precision {p.precision}") if p else "unresolved"
        print(f"{m.start:>6}-{m.end:<6} {m.text!r:28} {m.label:8} {where}")
    return 0


def _geoparse_jsonl(path: str, geocoder, nlp, demonyms: bool) -> int:
    from ..geo import geoparse

    try:
        fh = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(path, str(exc)) from exc
    rows = []
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                rows.append((row["id"], row["text"]))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{lineno}", f"not a {{\"id\", \"text\"}} JSON line ({exc})") from exc
    docs = nlp.pipe(t for _, t in rows) if nlp is not None else (None for _ in rows)
    for (rid, text), doc in zip(rows, docs):
        try:
            results = geoparse(text, geocoder, doc=doc, demonyms=demonyms)
        except ConflictlensError as exc:
            print(f"conflictlens: {rid}: {exc}", file=sys.stderr)
            results = []
        places = [{k: v for k, v in _place_json(m, p).items() if k not in ("candidates", "reason")}
                  for m, p in results if p is not None]
        print(json.dumps({"id": rid, "places": places}, ensure_ascii=False))
    return 0
