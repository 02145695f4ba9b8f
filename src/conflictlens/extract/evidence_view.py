"""Show an event with the words behind each field highlighted in its sentence(s)."""
from __future__ import annotations

from ..models import Event

FIELD_STYLES = {
    "event_type": "bold magenta", "actor1": "bold red", "actor2": "bold yellow", "date": "bold cyan",
    "location": "bold green", "fatalities": "bold white on red", "injured": "bold black on yellow",
}


def _context_spans(event: Event) -> list[tuple[int, int]]:
    spans = sorted({(e.span.start, e.span.end) for e in event.evidence if e.field == "event"})
    return spans or sorted({(e.span.start, e.span.end) for e in event.evidence})[:1]


def format_event_evidence(article_text: str, event: Event):
    """A rich ``Text``: the event's line, then its sentence(s) with each field's words highlighted,
    then one line per field quoting its words and how they were read.  Falls back to plain text
    (fields in [brackets]) when rich is not installed."""
    try:
        from rich.text import Text
    except ImportError:  # pragma: no cover - rich is a dependency
        return _plain(article_text, event)
    out = Text()
    head = f"{event.event_date or '?'} ({event.date_precision})  {event.event_type} / {event.sub_event_type}"
    out.append(head + "\n", style="bold")
    out.append(f"  {_side(event.actor1, event.assoc_actor_1)}  vs  {_side(event.actor2, event.assoc_actor_2)}  @ {event.location or '?'}"
               f"  fatalities {event.fatalities}" + (f", injured {event.injured}" if event.injured is not None else "") + "\n")
    for start, end in _context_spans(event):
        line = Text("  \u201c" + article_text[start:end] + "\u201d\n")
        for ev in event.evidence:
            if ev.field in FIELD_STYLES and start <= ev.span.start and ev.span.end <= end:
                line.stylize(FIELD_STYLES[ev.field], 3 + ev.span.start - start, 3 + ev.span.end - start)
        out.append_text(line)
    for ev in event.evidence:
        if ev.field == "event":
            continue
        out.append(f"    {ev.field:<11}", style=FIELD_STYLES.get(ev.field, ""))
        quote = ev.span.text if len(ev.span.text) <= 80 else ev.span.text[:77] + "..."
        out.append(f" \u201c{quote}\u201d" + (f"  ({ev.note})" if ev.note else "") + "\n")
    return out


def _side(actor: str, assoc: str) -> str:
    """An actor with its associated groups: "Protesters (Pakistan) [Journalists (Pakistan)]"."""
    return (actor or "-") + (f" [{assoc}]" if assoc else "")


def _plain(article_text: str, event: Event) -> str:
    lines = [f"{event.event_date} {event.event_type} / {event.sub_event_type}: {_side(event.actor1, event.assoc_actor_1)}"
             f" vs {_side(event.actor2, event.assoc_actor_2)} @ {event.location}"]
    for start, end in _context_spans(event):
        marks = sorted((e.span.start, e.span.end, e.field) for e in event.evidence
                       if e.field != "event" and start <= e.span.start and e.span.end <= end)
        text, pos = "", start
        for a, b, f in marks:
            if a < pos:
                continue
            text += article_text[pos:a] + f"[{article_text[a:b]}]({f})"
            pos = b
        lines.append("  " + text + article_text[pos:end])
    return "\n".join(lines)
