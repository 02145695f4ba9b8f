"""Typed records of the analysis stage: incidents, trend series, questions and answers."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..models import Place

QuestionKind = Literal["returned", "active", "increasing", "count"]
Verdict = Literal["yes", "no", "uncertain", "count"]


@dataclass(frozen=True)
class IncidentSource:
    """One article's report of an incident (one stored event)."""

    event_id: int
    article_id: int
    outlet: str | None
    url: str | None
    title: str | None
    published: date | None
    event_date: date | None
    event_type: str
    actor1: str
    actor2: str
    location: str
    fatalities: int
    quote: str
    reported_toll: int | None = None  # None: the report says nothing about deaths
    toll_quote: str = ""  # the words the toll was read from


@dataclass(frozen=True)
class MergeLink:
    """Why a report joined its incident: the member it matched best, the score and the shared facts."""

    event_id: int
    with_event_id: int
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class NearMiss:
    """Another incident of a compatible type nearby in time and place that was kept apart, and why."""

    incident_id: int
    event_date: date | None
    event_type: str
    location: str
    score: float
    reason: str


@dataclass(frozen=True)
class Disagreement:
    """A field the sources report differently: each value with the articles that give it."""

    field: str
    values: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class Incident:
    """One real-world incident, merged from the events of one or more articles.

    ``fatalities`` is the most conservative credible figure of the sources (``toll.conservative_toll``:
    the lowest figure another source supports, else the lower median; ``toll_rule`` says which);
    ``fatalities_max`` the highest.  ``links`` say why each report was merged; ``near_misses`` list
    the similar incidents nearby that were kept apart (filled by ``get_incident`` and ``incidents --json``).
    """

    id: int | None
    event_date: date | None
    date_min: date | None
    date_max: date | None
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    place: Place | None
    fatalities: int
    fatalities_max: int
    sources: tuple[IncidentSource, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    toll_rule: str = ""
    links: tuple[MergeLink, ...] = ()
    near_misses: tuple[NearMiss, ...] = ()

    @property
    def location(self) -> str:
        return self.place.name if self.place else ""

    @property
    def article_ids(self) -> tuple[int, ...]:
        return tuple(sorted({s.article_id for s in self.sources}))

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({s.outlet or (s.url or f"article {s.article_id}") for s in self.sources}))

    @property
    def actors(self) -> tuple[str, ...]:
        names: list[str] = []
        for s in self.sources:
            for a in (s.actor1, s.actor2):
                if a and a not in names:
                    names.append(a)
        return tuple(names)


@dataclass(frozen=True)
class TrendPoint:
    period: date  # first day of the period
    incidents: int
    fatalities: int


@dataclass(frozen=True)
class TrendSeries:
    by: str  # day | week | month
    points: tuple[TrendPoint, ...]

    @property
    def total_incidents(self) -> int:
        return sum(p.incidents for p in self.points)

    @property
    def total_fatalities(self) -> int:
        return sum(p.fatalities for p in self.points)


@dataclass(frozen=True)
class PlaceRef:
    """Where a question asks about, as an area to match incidents against.

    ``level`` is admin1, admin2, country, location (a named place, with an optional
    radius around ``latitude``/``longitude``) or name (unknown place: matched by name only).
    """

    text: str  # as asked, e.g. "rural Aleppo"
    name: str  # the area, e.g. "Aleppo"
    level: Literal["admin1", "admin2", "country", "location", "name"]
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float = 0.0
    how: str = ""  # how it was resolved


@dataclass(frozen=True)
class ActorRef:
    text: str  # as asked, e.g. "ISIS"
    name: str  # canonical, e.g. "Islamic State"
    aliases: tuple[str, ...] = ()
    how: str = ""
    known: bool = True  # False: in neither the actor table nor the stored events


@dataclass(frozen=True)
class Question:
    text: str
    kind: QuestionKind
    place: PlaceRef
    actor: ActorRef | None = None
    since: date | None = None
    metric: Literal["incidents", "fatalities"] = "incidents"
    event_types: tuple[str, ...] = ()  # only these incident types ("Are protests increasing in X?")


@dataclass(frozen=True)
class RateTest:
    """Conditional Poisson test (binomial on the split of counts) of recent vs baseline rate."""

    recent_count: int
    recent_days: int
    base_count: int
    base_days: int
    recent_rate: float  # incidents per 30 days
    base_rate: float
    p_increase: float  # one-sided p-value, H1: recent rate > baseline rate
    p_decrease: float  # one-sided p-value, H1: recent rate < baseline rate
    method: str = "conditional Poisson (exact binomial) test"


@dataclass(frozen=True)
class Window:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Answer:
    question: Question
    verdict: Verdict
    summary: str  # one or two sentences with the numbers
    as_of: date | None
    recent: Window | None
    baseline: Window | None
    recent_count: int
    base_count: int
    recent_fatalities: int
    base_fatalities: int
    test: RateTest | None
    incidents: tuple[Incident, ...]  # the incidents behind the answer (recent window, or since DATE)
    coverage: str  # caveat on coverage
    sources: int  # distinct sources covering the place in the windows
    articles: int
    notes: tuple[str, ...] = field(default=())
    as_of_from: str = ""  # what the windows' end is: the date asked for, or the database's latest incident
    roles: tuple[str, ...] = ()  # the asked actor's role in each of ``incidents`` (answer.actor_role)
    uncounted: tuple[Incident, ...] = ()  # incidents in the windows where the actor was only the target
