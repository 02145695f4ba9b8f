"""`conflictlens serve`: the HTTP API and web interface (FastAPI + uvicorn)."""
from __future__ import annotations

import sys

from .common import parse_port


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="start the web interface and HTTP API",
                              description="Serve the web interface and the JSON API (/api/, schema at "
                                          "/api/openapi.json). Writing (ingest, delete) needs CONFLICTLENS_TOKEN.")
    p.add_argument("--db", dest="serve_db", metavar="FILE", default=None,
                   help="SQLite database (same as the global --db)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; other addresses need CONFLICTLENS_TOKEN)")
    p.add_argument("--port", type=parse_port, default=8000)
    p.add_argument("--tile-url", dest="tile_url", default=None,
                   help="optional map tile URL template, e.g. http://localhost:8080/{z}/{x}/{y}.png "
                        "(default: offline country outlines only)")
    p.set_defaults(func=handler)


def handler(args, options) -> int:
    from ..web.security import check_bind

    if args.serve_db:
        options = options.replace(db=args.serve_db)
    if args.tile_url is not None:
        options = options.replace(tile_url=args.tile_url)
    check_bind(args.host, options.token)
    import uvicorn

    from ..web.app import create_app

    app = create_app(options)
    where = f"[{args.host}]" if ":" in args.host else args.host
    print(f"conflictlens: serving {options.db} on http://{where}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
