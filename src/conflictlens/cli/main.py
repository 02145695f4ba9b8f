"""The `conflictlens` command: argument parsing only; each command calls the library.

Command groups live in their own modules (``cli/<group>_cmd.py``); each exposes
``register(subparsers)`` and sets ``func(args, options) -> int`` on its parsers.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import ConflictlensError
from ..options import load_options
from .common import require_database

COMMAND_MODULES = (
    "ingest_cmd",    # ingest, search, show, keywords, articles
    "extract_cmd",   # extract, events, export
    "geo_cmd",       # gazetteer, geoparse
    "analysis_cmd",  # incidents, trend, ask, watch
    "web_cmd",       # serve
    "batch_cmd",     # batch extract (Dask)
)
# Commands that read an existing database: a path that does not exist is an error, not a new
# empty database (only `ingest` creates one).  Commands not listed here do their own opening.
READ_COMMANDS = frozenset({"search", "show", "keywords", "articles", "extract", "events", "export",
                           "incidents", "trend", "ask", "watch", "serve"})


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (and exit status 2), no usage dump."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="conflictlens",
        description="Read conflict news and turn it into a searchable database of ACLED-coded events.",
    )
    parser.add_argument("--config", help="TOML config file (default: $CONFLICTLENS_CONFIG or ./conflictlens.toml)")
    parser.add_argument("--db", help="SQLite database (default: $CONFLICTLENS_DB or ./conflictlens.db)")
    parser.add_argument("--no-progress", dest="progress", action="store_const", const=False,
                        help="no progress bar")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        module.register(sub)
    for command in sub.choices.values():  # `conflictlens COMMAND ... --db FILE` works for every command
        if not any("--db" in action.option_strings for action in command._actions):
            command.add_argument("--db", dest="sub_db", metavar="DB", help="SQLite database (same as the global --db)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed on one line
        return exc.code if isinstance(exc.code, int) else 2
    except ConflictlensError as exc:  # an argument type that raised our error instead of argparse's
        print(f"conflictlens: error: {exc}", file=sys.stderr)
        return 2
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        db = getattr(args, "sub_db", None) or getattr(args, "serve_db", None) or args.db
        options = load_options(args.config, db=db, progress=args.progress)
        if args.command in READ_COMMANDS:
            require_database(options.db)
        return int(args.func(args, options) or 0)
    except ConflictlensError as exc:
        print(f"conflictlens: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        if exc.filename is None:  # not about a file the user named: a bug, keep the traceback
            raise
        print(f"conflictlens: error: {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("conflictlens: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
