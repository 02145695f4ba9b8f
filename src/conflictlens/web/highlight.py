"""Article text cut into segments, each tagged with the evidence spans that cover it.

The templates render every segment escaped (Jinja2 autoescape) and wrap covered ones
in ``<mark>``; no article text is ever inserted as markup.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Event, Evidence


@dataclass(frozen=True)
class Mark:
    event: int  # index of the event in the article's event list
    field: str  # evidence field: event, actor1, location, fatalities ...


@dataclass(frozen=True)
class Segment:
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def fields(self) -> str:
        return " ".join(sorted({m.field for m in self.marks}))

    @property
    def events(self) -> str:
        return " ".join(str(i) for i in sorted({m.event for m in self.marks}))


def quotes_no_words(event: Event, evidence: Evidence) -> bool:
    """Evidence that stands for its field without words of its own: a date (or any field but the
    event's) whose span is a whole sentence of the event, as when the sentence names no date and
    the date came from the publication date.  Highlighting it would paint the whole sentence as
    date words; the page shows its note instead."""
    if evidence.field == "event":
        return False
    return any(e.field == "event" and (e.span.start, e.span.end) == (evidence.span.start, evidence.span.end)
               for e in event.evidence)


def evidence_segments(text: str, events: list[Event]) -> list[Segment]:
    """Cut ``text`` at every evidence boundary; spans that do not quote the text, or quote no words
    of their own (``quotes_no_words``), are ignored."""
    spans: list[tuple[int, int, Mark]] = []
    for index, event in enumerate(events):
        for ev in event.evidence:
            if quotes_no_words(event, ev):
                continue
            start, end = ev.span.start, ev.span.end
            if 0 <= start < end <= len(text) and text[start:end] == ev.span.text:
                spans.append((start, end, Mark(index, ev.field)))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        marks = tuple(m for s, e, m in spans if s <= a and b <= e)
        segments.append(Segment(text[a:b], marks))
    return segments
