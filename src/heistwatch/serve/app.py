"""The FastAPI application: dashboard pages (``heistwatch.serve.web``) and the REST API
(``heistwatch.serve.api``) over one store.

``create_app(db_url, public_read=False, url_allowlist=())`` is the factory the CLI, the tests
and the benchmark use.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from importlib.resources import as_file
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response

from heistwatch.serve.data import LedgerCache
from heistwatch.serve.security import BodySizeLimit, URLAllowList
from heistwatch.serve.templating import STATIC_DIR
from heistwatch.store.store import Store, open_store

DEFAULT_MAX_BODY = 1 * 1024 * 1024          # JSON and form bodies
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024       # document uploads
SESSION_COOKIE = "hw_session"
SESSION_MAX_AGE = 12 * 3600

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


@dataclass
class Settings:
    public_read: bool = False
    url_allowlist: URLAllowList = field(default_factory=URLAllowList)
    secret: bytes = b""
    max_body: int = DEFAULT_MAX_BODY
    max_upload: int = DEFAULT_MAX_UPLOAD
    fetch_timeout: float = 20.0


def create_app(
    db_url: str | None = None,
    *,
    public_read: bool = False,
    url_allowlist: list[str] | tuple[str, ...] | URLAllowList = (),
    store: Store | None = None,
    secret: bytes | str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    apply_decision: Any = None,
) -> FastAPI:
    """The heistwatch web app over the database at ``db_url`` (migrated to head on start).

    ``url_allowlist`` names hosts or networks that ingest-by-URL may fetch although they are not
    public (e.g. ``["127.0.0.1/32"]`` in tests). ``secret`` signs session cookies (default:
    ``$HEISTWATCH_SECRET``, else random per process, so sessions end when the server restarts).
    ``apply_decision(decision_id)`` brings the ledger up to date after a review decision (default:
    the ledger stage's hook, see :func:`heistwatch.serve.review.default_apply`).
    """
    if store is None:
        if db_url is None:
            raise ValueError("create_app needs db_url or store")
        store = open_store(db_url)
    if secret is None:
        secret = os.environ.get("HEISTWATCH_SECRET") or secrets.token_bytes(32)
    if isinstance(secret, str):
        secret = secret.encode()
    allow = url_allowlist if isinstance(url_allowlist, URLAllowList) else URLAllowList.parse(url_allowlist)
    settings = Settings(public_read=public_read, url_allowlist=allow, secret=secret, max_body=max_body,
                        max_upload=max_upload)

    app = FastAPI(
        title="heistwatch",
        version="1",
        description=(
            "Crypto-heist ledger: documents, extracted claims, resolved incidents, actors, analyst "
            "decisions and exports (STIX 2.1, MISP, CSV, JSON, Parquet, HTML). Authenticate with "
            "`Authorization: Bearer <token>` (tokens from `heistwatch token create`)."
        ),
        docs_url=None,  # Swagger UI loads from a CDN; /api/docs is rendered here from the schema
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.cache = LedgerCache(store.engine)
    app.state.settings = settings
    app.state.apply_decision = apply_decision

    from heistwatch.serve import api, web

    app.include_router(api.router)
    app.include_router(web.router)

    static_root = Path(str(STATIC_DIR))

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name == "plotly.min.js":
            return FileResponse(_plotly_js(), media_type="text/javascript",
                                headers={"Cache-Control": "public, max-age=86400"})
        path = (static_root / name).resolve()
        if path.parent != static_root.resolve() or not path.is_file():
            return JSONResponse({"detail": "not found"}, status_code=404)
        media = {"css": "text/css", "js": "text/javascript", "svg": "image/svg+xml"}.get(path.suffix[1:],
                                                                                        "application/octet-stream")
        return FileResponse(path, media_type=media, headers={"Cache-Control": "public, max-age=3600"})

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    app.add_middleware(BodySizeLimit, max_bytes=max_body, overrides=[("/api/documents/upload", max_upload)])
    return app


def _plotly_js() -> Path:
    """Plotly's bundled JavaScript from the installed ``plotly`` package (no CDN)."""
    from importlib.resources import files

    resource = files("plotly") / "package_data" / "plotly.min.js"
    with as_file(resource) as path:
        return Path(path)
