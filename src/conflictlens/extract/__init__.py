"""Event extraction in the ACLED standard, every field backed by evidence.

Stages (one module each): ``parse`` (sentences, entities), ``detect`` (trigger words,
negation/hedging), ``dates``, ``places`` (location mention selection), ``incidents``
(one event per place and day), ``typing`` (event and sub-event type), ``roles``
(actor1/actor2 with the actor table of ``actors``), ``counts`` (fatalities, injuries),
``pipeline`` (``extract_events`` and the ``Extractor``), ``evidence_view`` (display).
"""
from .parse import ParsedArticle, Sentence
from .pipeline import Extractor, event_key, extract_events

__all__ = ["Extractor", "ParsedArticle", "Sentence", "extract_events", "event_key", "format_event_evidence"]


def format_event_evidence(article_text, event):
    from .evidence_view import format_event_evidence as _f

    return _f(article_text, event)
