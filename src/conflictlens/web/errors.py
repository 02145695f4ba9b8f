"""One JSON error shape for the HTTP API: ``{"error": {"status", "code", "message", "details"?}}``."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import errors as e

log = logging.getLogger("conflictlens.web")

# most specific first
STATUS_OF: tuple[tuple[type[e.ConflictlensError], int, str], ...] = (
    (e.NotFoundError, 404, "not_found"),
    (e.QuerySyntaxError, 400, "bad_query"),
    (e.QuestionError, 400, "bad_question"),
    (e.ConfigError, 400, "bad_parameter"),
    (e.InputError, 400, "bad_input"),
    (e.MissingExtraError, 501, "missing_extra"),
    (e.StoreError, 503, "store_unavailable"),
    (e.GazetteerError, 503, "gazetteer_unavailable"),
    (e.ExtractionError, 503, "extraction_unavailable"),
)
CODE_OF_STATUS = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                  405: "method_not_allowed", 413: "body_too_large", 415: "unsupported_media_type",
                  422: "invalid_parameters", 501: "not_implemented"}


class ApiError(Exception):
    """An HTTP error raised by our own handlers (auth, limits, unavailable features)."""

    def __init__(self, status: int, message: str, code: str | None = None):
        super().__init__(message)
        self.status = status
        self.code = code or CODE_OF_STATUS.get(status, "error")
        self.message = message


def error_body(status: int, code: str, message: str, details: list | None = None) -> dict:
    body = {"status": status, "code": code, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def status_of(exc: e.ConflictlensError) -> tuple[int, str]:
    for kind, status, code in STATUS_OF:
        if isinstance(exc, kind):
            return status, code
    return 500, "internal_error"


def _respond(request: Request, status: int, code: str, message: str, details: list | None = None,
             headers: dict | None = None):
    if not request.url.path.startswith("/api"):
        from .pages import render_error

        return render_error(request, status, message)
    return JSONResponse(error_body(status, code, message, details), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _respond(request, exc.status, exc.code, exc.message, headers=headers)

    @app.exception_handler(e.ConflictlensError)
    async def _domain_error(request: Request, exc: e.ConflictlensError):
        status, code = status_of(exc)
        return _respond(request, status, code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        details = [{"loc": [str(p) for p in err.get("loc", ())], "message": str(err.get("msg", ""))}
                   for err in exc.errors()]
        first = details[0] if details else {"loc": [], "message": "invalid request"}
        message = f"{'.'.join(first['loc'][1:] or first['loc'])}: {first['message']}"
        return _respond(request, 422, "invalid_parameters", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        status = exc.status_code
        return _respond(request, status, CODE_OF_STATUS.get(status, "error"), str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _respond(request, 500, "internal_error", "internal error (see the server log)")


def html_error(status: int, message: str) -> HTMLResponse:
    from html import escape

    return HTMLResponse(f"<!doctype html><title>{status}</title><p>{escape(message)}</p>", status_code=status)
