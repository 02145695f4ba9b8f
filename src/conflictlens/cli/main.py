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

COMMAND_MODULES = (
    "ingest_cmd",    # ingest, search, show, keywords, articles
    "extract_cmd",   # extract, events, export
    "geo_cmd",       # gazetteer, geoparse
    "analysis_cmd",  # incidents, trend, ask, watch
    "web_cmd",       # serve
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        options = load_options(args.config, db=getattr(args, "sub_db", None) or args.db, progress=args.progress)
        return int(args.func(args, options) or 0)
    except ConflictlensError as exc:
        print(f"conflictlens: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("conflictlens: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
