"""Terminal rendering of an article with its events and highlighted evidence."""
from __future__ import annotations

from rich.markup import escape

from ..extract.evidence_view import format_event_evidence
from ..models import Article, Event


def render_article(con, article: Article, events: list[Event]) -> None:
    day = article.published.isoformat() if article.published else "date unknown"
    con.print(f"[bold]{escape(article.title or '(untitled)')}[/]")
    con.print(f"[dim]#{article.id} · {escape(article.outlet or '')} · {day} ({article.published_from}) · "
              f"{escape(article.url or '')}[/]")
    if article.cited_sources:
        con.print("[dim]cites:[/] " + escape(", ".join(article.cited_sources)))
    con.print("[dim]keywords:[/] " + escape(", ".join(article.keywords)))
    con.print()
    con.print(escape(article.text))
    con.print()
    con.print(f"[bold]{len(events)} event(s)[/]")
    for i, ev in enumerate(events, 1):
        con.print(f"\n[bold]{i}.[/]", end=" ")
        con.print(format_event_evidence(article.text, ev))


# -- the events table ------------------------------------------------------------------------------
# (header, value of an event, priority): columns with a higher number go first when the terminal
# is narrow; the date, type and actors always stay, and are wrapped, never cut.
EVENT_COLUMNS = (
    ("date", lambda ev: ev.event_date.isoformat() if ev.event_date else "?", 0),
    ("type", lambda ev: ev.sub_event_type, 0),
    ("actor1", lambda ev: ev.actor1, 0),
    ("actor2", lambda ev: ev.actor2, 0),
    ("location", lambda ev: ev.location, 1),
    ("fat.", lambda ev: str(ev.fatalities), 1),
    ("id", lambda ev: str(ev.id), 2),
    ("country", lambda ev: (ev.place.country if ev.place else "") or "", 3),
)
_TABLE_ORDER = ("id", "date", "type", "actor1", "actor2", "location", "country", "fat.")
_MIN_WIDTH = {"date": 10, "id": 3, "fat.": 4}  # never narrower than a whole date
_WIDE_ENOUGH = {3: 120, 2: 96, 1: 60}  # terminal width a priority needs


def event_columns(width: int) -> list[str]:
    """The columns that fit a terminal ``width`` wide, in table order."""
    keep = {name for name, _, prio in EVENT_COLUMNS if prio == 0 or width >= _WIDE_ENOUGH[prio]}
    return [c for c in _TABLE_ORDER if c in keep]


def events_tsv(events: list[Event]) -> str:
    """Every column with full values, tab-separated, one header line (for pipes and files)."""
    get = {name: fn for name, fn, _ in EVENT_COLUMNS}
    lines = ["\t".join(_TABLE_ORDER)]
    for ev in events:
        lines.append("\t".join(" ".join(str(get[c](ev) or "").split()) for c in _TABLE_ORDER))
    return "\n".join(lines) + "\n"


def print_events(events: list[Event], out=None, width: int | None = None) -> None:
    """A table that fits the terminal (columns chosen by width, long values wrapped); tab-separated
    values with every column in full when the output is not a terminal."""
    import sys

    out = out or sys.stdout
    if not (hasattr(out, "isatty") and out.isatty()):
        out.write(events_tsv(events))
        print(f"{len(events)} events", file=sys.stderr)
        return
    from rich.console import Console
    from rich.table import Table

    con = Console(file=out, highlight=False, width=width)
    get = {name: fn for name, fn, _ in EVENT_COLUMNS}
    columns = event_columns(con.width)
    table = Table(show_lines=False, pad_edge=False)
    for c in columns:
        table.add_column(c, no_wrap=c in _MIN_WIDTH, min_width=_MIN_WIDTH.get(c), overflow="fold",
                         justify="right" if c in ("id", "fat.") else "left")
    for ev in events:
        table.add_row(*(escape(str(get[c](ev) or "")) for c in columns))
    con.print(table)
    con.print(f"{len(events)} events")
