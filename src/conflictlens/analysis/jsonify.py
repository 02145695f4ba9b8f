"""Plain-dict views of the analysis records, for ``--json`` and the HTTP API."""
from __future__ import annotations

from datetime import date

from .records import Answer, Incident, RateTest, TrendSeries, Window


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def incident_to_json(inc: Incident) -> dict:
    p = inc.place
    return {
        "id": inc.id, "event_date": _iso(inc.event_date), "date_min": _iso(inc.date_min), "date_max": _iso(inc.date_max),
        "event_type": inc.event_type, "sub_event_type": inc.sub_event_type, "actor1": inc.actor1, "actor2": inc.actor2,
        "location": inc.location or None, "country": p.country if p else None, "admin1": p.admin1 if p else None,
        "admin2": p.admin2 if p else None, "latitude": p.latitude if p else None,
        "longitude": p.longitude if p else None, "geo_precision": p.precision if p else None,
        "fatalities": inc.fatalities, "fatalities_max": inc.fatalities_max,
        "articles": list(inc.article_ids), "sources": list(inc.outlets),
        "reports": [{
            "event_id": s.event_id, "article_id": s.article_id, "source": s.outlet, "url": s.url, "title": s.title,
            "published": _iso(s.published), "event_date": _iso(s.event_date), "event_type": s.event_type,
            "actor1": s.actor1, "actor2": s.actor2, "location": s.location or None, "fatalities": s.fatalities,
            "evidence": s.quote, "reported_toll": s.reported_toll, "toll_evidence": s.toll_quote or None}
            for s in inc.sources],
        "evidence": [s.quote for s in inc.sources if s.quote],
        "toll_rule": inc.toll_rule,
        "why_merged": [{"event_id": m.event_id, "matched_event_id": m.with_event_id, "score": m.score,
                        "shared": list(m.reasons)} for m in inc.links],
        "near_misses": [{"incident_id": n.incident_id, "event_date": _iso(n.event_date), "event_type": n.event_type,
                         "location": n.location or None, "score": n.score, "kept_apart_because": n.reason}
                        for n in inc.near_misses],
        "disagreements": [{"field": d.field, "values": [{"value": v, "articles": list(ids)} for v, ids in d.values]}
                          for d in inc.disagreements],
    }


def trend_to_json(series: TrendSeries) -> dict:
    return {
        "by": series.by, "incidents": series.total_incidents, "fatalities": series.total_fatalities,
        "periods": [{"period": p.period.isoformat(), "incidents": p.incidents, "fatalities": p.fatalities}
                    for p in series.points],
    }


def _window(w: Window | None) -> dict | None:
    return {"start": w.start.isoformat(), "end": w.end.isoformat(), "days": w.days} if w else None


def rate_test_to_json(t: RateTest | None) -> dict | None:
    if t is None:
        return None
    return {"method": t.method, "recent_count": t.recent_count, "recent_days": t.recent_days,
            "base_count": t.base_count, "base_days": t.base_days, "recent_rate_per_30d": round(t.recent_rate, 3),
            "base_rate_per_30d": round(t.base_rate, 3), "p_increase": t.p_increase, "p_decrease": t.p_decrease}


def answer_to_json(a: Answer) -> dict:
    q = a.question
    return {
        "question": q.text,
        "answer": a.recent_count if a.verdict == "count" and q.metric == "incidents"
        else a.recent_fatalities if a.verdict == "count" else a.verdict,
        "summary": a.summary,
        "understood": {
            "kind": q.kind, "metric": q.metric, "since": _iso(q.since), "event_types": list(q.event_types),
            "actor": {"text": q.actor.text, "name": q.actor.name, "how": q.actor.how} if q.actor else None,
            "place": {"text": q.place.text, "name": q.place.name, "level": q.place.level,
                      "country": q.place.country, "how": q.place.how},
        },
        "as_of": _iso(a.as_of), "recent_window": _window(a.recent), "baseline_window": _window(a.baseline),
        "recent_count": a.recent_count, "baseline_count": a.base_count,
        "recent_fatalities": a.recent_fatalities, "baseline_fatalities": a.base_fatalities,
        "test": rate_test_to_json(a.test),
        "coverage": {"sources": a.sources, "articles": a.articles, "caveat": a.coverage},
        "notes": list(a.notes),
        "as_of_from": a.as_of_from or None,
        "incidents": [{**incident_to_json(i), "role": role or None}
                      for i, role in zip(a.incidents, a.roles or (None,) * len(a.incidents))],
        "not_counted": [{**incident_to_json(i), "role": "target"} for i in a.uncounted],
    }
