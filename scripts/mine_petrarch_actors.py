#!/usr/bin/env python3
"""Mine the PETRARCH2 actor dictionaries for alias candidates of the bundled actors.

A developer tool, not run at install or run time.  It reads the TABARI-format
``.actor`` dictionaries of PETRARCH2 (Phoenix.*.actors.txt, MIT licence,
Copyright (c) 2014 Open Event Data), finds the dictionary entries that share a
name with an actor of the conflictlens table, and prints the entry's other names
that the table does not know yet, as CSV ``actor,candidate_alias,entry,source``.
Review the candidates by hand before adding them to ``data/actors/actors_*.csv``
(dictionary entries also list leaders' names and old group names, which are not
aliases in ACLED's sense).

usage: python scripts/mine_petrarch_actors.py [DICTIONARY_DIR] [--all]

DICTIONARY_DIR defaults to ../shared/dictionaries next to the repository.
--all prints every matched entry's names, including the ones already known.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from conflictlens.extract.actor_text import alias_key
from conflictlens.extract.actors import ActorTable

_CODE_RE = re.compile(r"\[[^\]]*\]")
_PAREN_RE = re.compile(r"\(([^)]*)\)")


def petrarch_name(raw: str) -> list[str]:
    """``ISLAMIC_ARMY_OF_ADEN_(IAA)_`` -> ["Islamic Army Of Aden", "IAA"]."""
    raw = _CODE_RE.sub("", raw.split("#", 1)[0]).strip().lstrip("+").strip()
    if not raw or raw.startswith("<") or raw.startswith("{"):
        return []
    names = []
    for inner in _PAREN_RE.findall(raw):
        inner = inner.replace("_", " ").strip()
        if inner:
            names.append(inner)
    main = _PAREN_RE.sub("", raw).replace("_", " ").strip()
    main = re.sub(r"\s+", " ", main)
    if main:
        names.insert(0, main.title() if main.isupper() and len(main) > 6 else main)
    return names


def read_entries(path: Path) -> list[list[str]]:
    """Each dictionary entry as the list of its names (the head line and its ``+`` lines)."""
    entries: list[list[str]] = []
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            current = None
            continue
        if stripped.startswith("+") and current is not None:
            current.extend(petrarch_name(stripped))
        elif not stripped.startswith("+"):
            current = petrarch_name(stripped)
            if current:
                entries.append(current)
    return entries


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    default = Path(__file__).resolve().parents[1].parent / "shared" / "dictionaries"
    folder = Path(args[0]) if args else default
    files = sorted(folder.glob("*.actors.txt")) if folder.is_dir() else []
    if not files:
        print(f"no PETRARCH2 .actors.txt dictionaries in {folder}; pass the folder as the first argument",
              file=sys.stderr)
        return 1
    table = ActorTable.load()
    known: dict[str, str] = {}  # alias key -> canonical name
    for actor in table.actors:
        for name in (actor.name, *actor.aliases):
            known.setdefault(alias_key(re.sub(r"\s*\([^)]*\)", "", name)), actor.name)
    writer = csv.writer(sys.stdout)
    writer.writerow(["actor", "candidate_alias", "entry", "source"])
    for path in files:
        for names in read_entries(path):
            keys = [alias_key(n) for n in names]
            hits = {known[k] for k in keys if k in known and len(k) > 3}
            if len(hits) != 1:  # no match, or an entry mixing several of our actors
                continue
            actor = hits.pop()
            for name, key in zip(names, keys):
                if "--all" in argv or key not in known:
                    writer.writerow([actor, name, names[0], path.name])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
