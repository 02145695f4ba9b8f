"""Terminal rendering of an article with its events and highlighted evidence."""
from __future__ import annotations

from rich.markup import escape

from ..models import Article, Event

FIELD_STYLE = {
    "event": "underline", "event_type": "bold magenta", "actor1": "bold red", "actor2": "bold cyan",
    "date": "bold green", "location": "bold blue", "fatalities": "bold yellow", "injured": "yellow",
}


def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Rich markup for ``text`` with the given (start, end, style) spans, innermost last."""
    marks: list[tuple[int, int, str]] = []
    for start, end, style in spans:
        if 0 <= start < end <= len(text):
            marks.append((start, 1, f"[{style}]"))
            marks.append((end, 0, "[/]"))
    out, pos = [], 0
    for offset, _, tag in sorted(marks, key=lambda m: (m[0], m[1])):
        out.append(escape(text[pos:offset]))
        out.append(tag)
        pos = offset
    out.append(escape(text[pos:]))
    return "".join(out)


def event_sentence(article: Article, event: Event) -> tuple[int, int]:
    """The article stretch covering the event's evidence, widened to whole sentences."""
    spans = [e.span for e in event.evidence if e.span.end > e.span.start]
    if not spans:
        return 0, 0
    start = min(s.start for s in spans)
    end = max(s.end for s in spans)
    while start > 0 and article.text[start - 1] not in ".!?\n":
        start -= 1
    while end < len(article.text) and article.text[end - 1] not in ".!?\n":
        end += 1
    return start, end


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
        day = ev.event_date.isoformat() if ev.event_date else "?"
        where = ev.location or "?"
        if ev.place and ev.place.precision:
            where += f" (precision {ev.place.precision})"
        con.print(f"\n[bold]{i}. {day} ({ev.date_precision}) {escape(ev.event_type)} / {escape(ev.sub_event_type)}[/]")
        con.print(f"   actor1 [red]{escape(ev.actor1)}[/]  actor2 [cyan]{escape(ev.actor2 or '-')}[/]  "
                  f"at [blue]{escape(where)}[/]  fatalities {ev.fatalities}"
                  + (f"  injured {ev.injured}" if ev.injured is not None else ""))
        start, end = event_sentence(article, ev)
        if end > start:
            spans = [(e.span.start - start, e.span.end - start, FIELD_STYLE.get(e.field, "bold"))
                     for e in ev.evidence if start <= e.span.start and e.span.end <= end and e.field != "event"]
            con.print("   “" + highlight(article.text[start:end].rstrip("\n"), spans) + "”")
        notes = [f"{e.field}: {e.note}" for e in ev.evidence if e.note]
        if notes:
            con.print("   [dim]" + escape("; ".join(notes)) + "[/]")
