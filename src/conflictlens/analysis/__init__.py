"""Analysis: cross-article incidents, trends and analyst questions.

Entry points (for the CLI, the ingest path and the HTTP API)::

    update_incidents(store, article_ids: Sequence[int] = (), *, days=1, km=10.0) -> int
        # incremental, idempotent merge; call after each ingest batch and after extract
    rebuild_incidents(store, *, days=1, km=10.0) -> int
    list_incidents(store, flt: EventFilter | None = None) -> list[Incident]
    get_incident(store, incident_id: int) -> Incident                  # raises NotFoundError
    trend_series(store, flt: EventFilter | None = None, by: str = "month") -> TrendSeries
    ask(store, question_text: str, actors=None, geocoder=None, today: date | None = None) -> Answer
        # raises QuestionError (exit code 2) with the forms understood
    run_saved(store, actors=None, geocoder=None, today=None) -> list[WatchResult]   # `watch`

Pure stages::

    same_incident(a: Event, b: Event, days=1, km=10.0) -> bool
    parse_question(text, actors: str -> ActorRef, places: (name, wide) -> PlaceRef, today=None) -> Question
    rate_change(recent_count, recent_days, base_count, base_days) -> RateTest
    answer(question, incidents, place_incidents, today=None) -> Answer

JSON views: ``incident_to_json(Incident)``, ``trend_to_json(TrendSeries)``, ``answer_to_json(Answer)`` -> dict.
"""
from __future__ import annotations

from .answer import answer, ask
from .dedup import same_incident
from .incidents import get_incident, list_incidents, rebuild_incidents, update_incidents
from .jsonify import answer_to_json, incident_to_json, trend_to_json
from .question import parse_question
from .records import Answer, Incident, Question, RateTest, TrendSeries
from .stats import rate_change
from .trend import trend_series
from .watch import run_saved

__all__ = ["Answer", "Incident", "Question", "RateTest", "TrendSeries", "answer", "answer_to_json", "ask",
           "get_incident", "incident_to_json", "list_incidents", "parse_question", "rate_change",
           "rebuild_incidents", "run_saved", "same_incident", "trend_series", "trend_to_json", "update_incidents"]
