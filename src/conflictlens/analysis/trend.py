"""Incident and fatality counts per period, their sparkline, table and plot."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Iterable, Sequence

from ..errors import MissingExtraError
from ..models import EventFilter
from .incidents import matching_incident_ids, update_incidents
from .records import TrendPoint, TrendSeries

PERIODS = ("day", "week", "month")
SPARKS = "▁▂▃▄▅▆▇█"


def period_start(day: date, by: str) -> date:
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")


def next_period(start: date, by: str) -> date:
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def bucket(incidents: Iterable[tuple[date, int]], by: str = "month",
           since: date | None = None, until: date | None = None) -> TrendSeries:
    """Count (date, fatalities) pairs per period; periods without incidents are kept as zeros."""
    counts: dict[date, list[int]] = {}
    for day, fatalities in incidents:
        if day is None:
            continue
        slot = counts.setdefault(period_start(day, by), [0, 0])
        slot[0] += 1
        slot[1] += fatalities or 0
    if not counts and not (since and until):
        return TrendSeries(by=by, points=())
    first = period_start(since, by) if since else min(counts)
    last = period_start(until, by) if until else max(counts)
    points, cur = [], first
    while cur <= last:
        n, f = counts.get(cur, (0, 0))
        points.append(TrendPoint(cur, n, f))
        cur = next_period(cur, by)
    return TrendSeries(by=by, points=tuple(points))


def trend_series(store, flt: EventFilter | None = None, by: str = "month") -> TrendSeries:
    """Incidents (each counted once, at its incident date) and their conservative fatalities per period."""
    period_start(date(2000, 1, 1), by)  # validates ``by``
    flt = replace(flt or EventFilter(), limit=None, offset=0)
    update_incidents(store)
    ids = matching_incident_ids(store, flt)
    rows = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" for _ in chunk)
        rows += store.conn.execute(f"SELECT event_date, fatalities FROM incidents WHERE id IN ({marks}) "
                                   "AND event_date IS NOT NULL", chunk).fetchall()
    pairs = [(date.fromisoformat(r[0]), r[1]) for r in rows]
    return bucket(pairs, by, flt.since, flt.until)


def sparkline(values: Sequence[int]) -> str:
    if not values:
        return ""
    top = max(values)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, round(v / top * (len(SPARKS) - 1)))] if v else " " for v in values)


def period_label(start: date, by: str) -> str:
    return start.strftime("%Y-%m") if by == "month" else start.isoformat()


def render_table(series: TrendSeries) -> str:
    if not series.points:
        return "no incidents match"
    lines = [f"{'period':<10}  {'incidents':>9}  {'fatalities':>10}"]
    for p in series.points:
        lines.append(f"{period_label(p.period, series.by):<10}  {p.incidents:>9}  {p.fatalities:>10}")
    lines.append(f"{'total':<10}  {series.total_incidents:>9}  {series.total_fatalities:>10}")
    lines.append(f"incidents  {sparkline([p.incidents for p in series.points])}")
    lines.append(f"fatalities {sparkline([p.fatalities for p in series.points])}")
    return "\n".join(lines)


def plot_trend(series: TrendSeries, path: str, title: str = "") -> None:
    """Bar chart of incidents with a fatality line, written to PNG or SVG (by extension)."""
    try:
        import matplotlib
    except ImportError as exc:
        raise MissingExtraError("--plot", "pip install matplotlib") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [period_label(p.period, series.by) for p in series.points]
    fig, ax = plt.subplots(figsize=(max(6, len(labels) * 0.4), 3.5))
    ax.bar(labels, [p.incidents for p in series.points], color="#4c72b0", label="incidents")
    ax.set_ylabel("incidents")
    ax2 = ax.twinx()
    ax2.plot(labels, [p.fatalities for p in series.points], color="#c44e52", marker="o", label="fatalities")
    ax2.set_ylabel("fatalities")
    ax.set_title(title or f"incidents per {series.by}")
    ax.tick_params(axis="x", rotation=60, labelsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
