"""Analysis: cross-article incidents, trends and analyst questions.

Entry points (for the CLI, the ingest path and the HTTP API)::

    update_incidents(store, article_ids: Sequence[int] = (), *, days=1, km=10.0) -> int
    rebuild_incidents(store, *, days=1, km=10.0) -> int
    list_incidents(store, flt: EventFilter | None = None) -> list[Incident]
    get_incident(store, incident_id: int) -> Incident            # NotFoundError
    same_incident(a: Event, b: Event, days=1, km=10.0) -> bool

JSON views: ``incident_to_json(Incident) -> dict``.
"""
from __future__ import annotations

from .dedup import same_incident
from .incidents import get_incident, list_incidents, rebuild_incidents, update_incidents
from .jsonify import incident_to_json
from .records import Incident

__all__ = ["Incident", "get_incident", "incident_to_json", "list_incidents", "rebuild_incidents", "same_incident",
           "update_incidents"]
