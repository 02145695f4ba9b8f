"""The FastAPI application: the JSON API under /api/ and the web interface, one process.

    create_app(options)            a server over options.db
    create_app(options, cl=lens)   over an existing Conflictlens (tests inject a temporary one)
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..api import Conflictlens
from ..options import Options
from .errors import install_error_handlers
from .security import DEFAULT_MAX_BODY, BodyLimitMiddleware

HERE = Path(__file__).resolve().parent
OWN_STATIC = HERE / "static_src"  # our JS and CSS (versioned)
VENDOR = HERE / "static" / "vendor"  # Leaflet, world-atlas ... (installed by scripts/setup-web.sh)


def content_security_policy(tile_url: str = "") -> str:
    """Scripts only from this server (article text can never run script); tiles from the tile host."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        if parts.scheme in ("http", "https") and parts.netloc:
            host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
            images += f" {parts.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def create_app(options: Options, cl: Conflictlens | None = None) -> FastAPI:
    from . import api_routes, pages

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if cl is None:  # our own store: close it; an injected one belongs to the caller
            app.state.cl.close()

    app = FastAPI(
        title="conflictlens", version=__version__, lifespan=lifespan,
        description="ACLED-coded conflict events from news articles: search, events, incidents, trends, export.",
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,  # the Swagger page would call a CDN
    )
    app.state.options = options
    app.state.cl = cl or Conflictlens(options)
    app.state.vendor = VENDOR
    app.state.db_lock = threading.Lock()
    install_error_handlers(app)
    csp = content_security_policy(options.tile_url)

    @app.middleware("http")
    async def _security_headers(request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = csp
        return response

    app.add_middleware(BodyLimitMiddleware, max_bytes=int(options.extras.get("max_body", DEFAULT_MAX_BODY)))
    app.include_router(api_routes.read)
    app.include_router(api_routes.write)
    app.include_router(pages.router)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:  # browsers ask for it before reading the page's <link rel="icon">
        return FileResponse(OWN_STATIC / "favicon.svg", media_type="image/svg+xml",
                            headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=OWN_STATIC), name="static")
    VENDOR.mkdir(parents=True, exist_ok=True)
    app.mount("/vendor", StaticFiles(directory=VENDOR, check_dir=False), name="vendor")

    return app
