"""The web interface: server-rendered pages (Jinja2, autoescaped) plus our own JS for map and timeline."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Path as PathParam, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from .. import __version__
from .highlight import evidence_segments, quotes_no_words
from .security import COOKIE, one_at_a_time, require_read
from .shapes import event_json

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
TEMPLATES.env.autoescape = True  # article text is data, never markup
router = APIRouter(include_in_schema=False)
READ = [Depends(require_read), Depends(one_at_a_time)]

EVIDENCE_FIELDS = ("event", "event_type", "actor1", "actor2", "date", "location", "fatalities", "injured")


def _context(request: Request, **values) -> dict:
    options = request.app.state.options
    vendor = request.app.state.vendor
    return {"request": request, "version": __version__, "tile_url": options.tile_url,
            "has_leaflet": (vendor / "leaflet" / "leaflet.js").is_file(),
            "has_cluster": (vendor / "leaflet.markercluster" / "leaflet.markercluster.js").is_file(), **values}


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, "error.html", _context(request, status=status, message=message),
                                      status_code=status)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, token: str | None = None):
    if token:  # /?token=... keeps the token in a cookie for this browser, then drops it from the URL
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response
    require_read(request)
    return TEMPLATES.TemplateResponse(request, "index.html", _context(request))


@router.get("/articles/{article_id}", response_class=HTMLResponse, dependencies=READ)
def article_page(request: Request, article_id: Annotated[int, PathParam(ge=1, le=2**62)]):
    cl = request.app.state.cl
    article = cl.article(article_id)
    events = cl.article_events(article.id)
    return TEMPLATES.TemplateResponse(request, "article.html", _context(
        request, article=article, events=[_page_event(e, article) for e in events],
        segments=evidence_segments(article.text, events), fields=EVIDENCE_FIELDS))


def _page_event(event, article) -> dict:
    """The API's event shape, each evidence entry flagged ``no_words`` when it quotes no words of its own."""
    shown = event_json(event, article)
    bare = {(ev.field, ev.span.start, ev.span.end) for ev in event.evidence if quotes_no_words(event, ev)}
    shown["evidence"] = [dict(e, no_words=(e.get("field"), e.get("start"), e.get("end")) in bare)
                         for e in shown.get("evidence") or []]
    return shown


@router.get("/incidents/{incident_id}", response_class=HTMLResponse, dependencies=READ)
def incident_page(request: Request, incident_id: Annotated[int, PathParam(ge=1, le=2**62)]):
    from .api_routes import analysis, as_json

    incident = as_json(analysis("get_incident")(request.app.state.cl.store, incident_id), "incident_to_json")
    return TEMPLATES.TemplateResponse(request, "incident.html", _context(
        request, incident=incident, incident_id=incident_id))
