"""Helpers shared by the CLI commands: argument types, JSON shapes, the console.

Argument types raise ``argparse.ArgumentTypeError`` (never another exception), so a
malformed value is one line on stderr and exit status 2 (see ``main.OneLineParser``).
"""
from __future__ import annotations

import argparse
import calendar
import re
import sys
from datetime import date, timedelta
from pathlib import Path

from ..errors import ConfigError, MissingDatabaseError
from ..models import Article, Event, EventFilter

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_RELATIVE = {"today": 0, "yesterday": 1}
_AGO = re.compile(r"(\d+)\s+(day|week)s?\s+ago")
_NUMERIC = re.compile(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})")
_WORDY = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})"  # 1 June 2020
                    r"|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))")  # June 1, 2020
DATE_FORMS = "2020-06-01, 2020-6-1, 1 June 2020, June 1 2020, today, yesterday or '3 days ago'"


def read_day(text: str, today: date | None = None) -> date:
    """A day as people type it: ISO with or without leading zeros (2020-6-1), a day and a month
    name (1 June 2020, June 1, 2020), today, yesterday, "N days/weeks ago" (relative to
    ``today``, default the current date); day/month/year with slashes only when unambiguous
    (13/6/2020).  Raises ConfigError naming the value and the forms understood."""
    value = " ".join((text or "").strip().lower().split())
    today = today or date.today()
    if value in _RELATIVE:
        return today - timedelta(days=_RELATIVE[value])
    m = _AGO.fullmatch(value)
    if m:
        return today - timedelta(days=int(m.group(1)) * (7 if m.group(2) == "week" else 1))
    m = _NUMERIC.fullmatch(value)
    if m:
        a, b, c = m.groups()
        if len(a) == 4:
            return _day(text, int(a), int(b), int(c))
        if len(c) != 4:
            raise ConfigError(f"{text!r} is not a date: write the year in full ({DATE_FORMS})")
        first, second = int(a), int(b)
        if first <= 12 and second <= 12 and first != second:
            raise ConfigError(f"{text!r} is ambiguous (day/month or month/day?): write it as "
                              f"{c}-{a.zfill(2)}-{b.zfill(2)} or {c}-{b.zfill(2)}-{a.zfill(2)}")
        day, month = (first, second) if first > 12 or first == second else (second, first)
        return _day(text, int(c), month, day)
    m = _WORDY.fullmatch(value)
    if m:
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        if month not in _MONTHS:
            raise ConfigError(f"{text!r} is not a date: {month!r} is not a month name ({DATE_FORMS})")
        return _day(text, int(year), _MONTHS[month], int(day))
    raise ConfigError(f"{text!r} is not a date ({DATE_FORMS})")


def _day(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ConfigError(f"{text!r} is not a date: {exc}") from None


def parse_day(value: str) -> date:
    """argparse type: see :func:`read_day`."""
    try:
        return read_day(value)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_count(value: str) -> int:
    """argparse type: a whole number, 0 or more."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: must be 0 or more")
    return n


def parse_positive(value: str) -> int:
    """argparse type: a whole number, 1 or more."""
    n = parse_count(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: must be 1 or more")
    return n


def parse_port(value: str) -> int:
    """argparse type: a TCP port number."""
    n = parse_count(value)
    if not 0 < n < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1-65535)")
    return n


def resolved_filter(cl, flt: EventFilter) -> EventFilter:
    """The filter with its actor resolved through the actor table (``Conflictlens.actor_filter``);
    how the name was read is one line on stderr (an unknown name is a substring match)."""
    check_dates(flt.since, flt.until)
    flt, ref = cl.actor_filter(flt)
    if ref is not None:
        how = f"= {ref.name} ({ref.how})" if ref.known else ref.how
        print(f"conflictlens: actor {ref.text!r} {how}", file=sys.stderr)
    return flt


def check_dates(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise ConfigError(f"--since {since} is after --until {until}: nothing can match")


def is_database_url(db: str) -> bool:
    """A database URL (postgresql://...) rather than a file path."""
    return "://" in (db or "")


def require_database(db: str) -> None:
    """Read commands never create a database: a path that does not exist is a typo or a
    missing ingest, not a new empty database.  URLs and ``:memory:`` are not checked."""
    if not db or db == ":memory:" or is_database_url(db) or Path(db).exists():
        return
    raise MissingDatabaseError(f"no database at {db} (run `conflictlens ingest ... --db {db}` first)")


def parse_near(value: str) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not LAT,LON,KM (e.g. 36.58,37.04,25)") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise argparse.ArgumentTypeError(f"{value!r}: latitude, longitude or radius out of range")
    return lat, lon, km


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def article_json(article: Article, text: bool = False) -> dict:
    data = {
        "id": article.id, "url": article.url, "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from, "source": article.outlet,
        "cited_sources": list(article.cited_sources), "language": article.language,
        "keywords": list(article.keywords),
    }
    if text:
        data["text"] = article.text
    return data


def event_json(event: Event, article: Article | None = None) -> dict:
    """The one event shape of every JSON output: ``Event.to_dict`` (docs/event.schema.json)."""
    return event.to_dict(article)
