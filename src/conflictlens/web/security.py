"""Who may do what: reads are open on localhost, writes need the token; request size limits.

The token (``CONFLICTLENS_TOKEN``) is presented as ``Authorization: Bearer TOKEN``, as
``X-Conflictlens-Token: TOKEN``, or (for the browser) as the ``conflictlens_token`` cookie
that ``/?token=TOKEN`` sets.
"""
from __future__ import annotations

import hmac
import ipaddress

from fastapi import Request

from ..errors import ConfigError
from .errors import ApiError

COOKIE = "conflictlens_token"
DEFAULT_MAX_BODY = 5_000_000


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str) -> None:
    """Refuse to listen beyond this machine without a token."""
    if not is_loopback_host(host) and not token:
        raise ConfigError(
            f"refusing to listen on {host}: other machines could reach this server without a token. "
            "Set CONFLICTLENS_TOKEN (or token in the config file), or use --host 127.0.0.1")


def presented_token(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-conflictlens-token") or request.cookies.get(COOKIE) or ""


def token_ok(request: Request, token: str) -> bool:
    given = presented_token(request)
    return bool(token) and bool(given) and hmac.compare_digest(given.encode(), token.encode())


def require_read(request: Request) -> None:
    """Reads: open to local clients; other clients need the token when one is configured."""
    token = request.app.state.options.token
    client = request.client.host if request.client else None
    if not token or is_loopback_host(client) or token_ok(request, token):
        return
    raise ApiError(401, "this server needs a token for clients on other machines "
                        "(Authorization: Bearer TOKEN)")


def require_write(request: Request) -> None:
    """Ingest and delete: always the token; refused when the server has none."""
    token = request.app.state.options.token
    if not token:
        raise ApiError(403, "writing is disabled: start the server with CONFLICTLENS_TOKEN set")
    if not token_ok(request, token):
        raise ApiError(401, "missing or wrong token (Authorization: Bearer TOKEN)")


def one_at_a_time(request: Request):
    """Serialise the handlers' use of the shared SQLite connection (handlers run in a thread pool)."""
    lock = request.app.state.db_lock
    with lock:
        yield


class BodyLimitMiddleware:
    """Pure ASGI middleware: 413 for bodies over ``max_bytes`` (declared or streamed)."""

    def __init__(self, app, max_bytes: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                too_big = True
            if too_big:
                return await self._reject(send)
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await self._reject(send)

    async def _reject(self, send):
        import json

        from .errors import error_body

        body = json.dumps(error_body(413, "body_too_large",
                                     f"request body larger than {self.max_bytes} bytes")).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass
