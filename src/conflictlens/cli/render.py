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
