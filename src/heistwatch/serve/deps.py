"""Who is asking, and may they: tokens from the Authorization header or the session cookie.

API: ``Authorization: Bearer <token>`` (or ``X-API-Token``). A missing token is 401, an unknown
or revoked one 401, a token whose role is too low 403. The dashboard signs in with a token
and then carries a signed, HttpOnly, SameSite=Lax session cookie naming the token (checked
against the database on every request, so revoking a token ends its sessions); its forms carry
a CSRF token derived from the cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

from fastapi import HTTPException, Request
from sqlalchemy import select

from heistwatch.serve.auth import ANONYMOUS_READER, Principal, verify_token
from heistwatch.serve.security import read_session, sign_session
from heistwatch.store.schema import ApiToken

SESSION_COOKIE = "hw_session"
SESSION_MAX_AGE = 12 * 3600


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
        return ""  # present but malformed: counts as a wrong token
    return request.headers.get("x-api-token")


def _session_principal(request: Request) -> Principal | None:
    settings = request.app.state.settings
    payload = read_session(request.cookies.get(SESSION_COOKIE), settings.secret, max_age=SESSION_MAX_AGE)
    if not payload or not isinstance(payload.get("tid"), int):
        return None
    with request.app.state.store.session() as s:
        row = s.get(ApiToken, payload["tid"])
        if row is None or row.revoked_at is not None:
            return None
        return Principal(row.id, row.name, row.role)


def principal(request: Request) -> Principal | None:
    """The signed-in principal (token header first, then session cookie), or None.

    Raises 401 when a token is given but wrong: a wrong token never falls back to anonymous."""
    cached = getattr(request.state, "principal", "unset")
    if cached != "unset":
        return cached  # type: ignore[return-value]
    token = _bearer(request)
    if token is not None:
        with request.app.state.store.session() as s:
            who = verify_token(s, token)
        if who is None:
            raise HTTPException(401, "invalid or revoked token", headers={"WWW-Authenticate": "Bearer"})
        request.state.via_cookie = False
    else:
        who = _session_principal(request)
        request.state.via_cookie = who is not None
    request.state.principal = who
    return who


def require(request: Request, role: str) -> Principal:
    """The principal if it has at least ``role``; reads are open with ``--public-read``."""
    who = principal(request)
    if who is None:
        if role == "viewer" and request.app.state.settings.public_read:
            return ANONYMOUS_READER
        raise HTTPException(401, "authentication required", headers={"WWW-Authenticate": "Bearer"})
    if not who.can(role):
        raise HTTPException(403, f"this needs the {role} role; token {who.name!r} is {who.role}")
    if (role != "viewer" and getattr(request.state, "via_cookie", False)
            and request.url.path.startswith("/api/") and request.method not in ("GET", "HEAD")):
        # a browser session writing through the API must also prove it read one of our pages
        check_csrf(request, request.headers.get("x-csrf-token"))
    return who


def viewer(request: Request) -> Principal:
    return require(request, "viewer")


def analyst(request: Request) -> Principal:
    return require(request, "analyst")


def admin(request: Request) -> Principal:
    return require(request, "admin")


def new_session_cookie(request: Request, who: Principal) -> str:
    return sign_session({"tid": who.token_id, "iat": int(time.time())}, request.app.state.settings.secret)


def csrf_token(request: Request) -> str:
    cookie = request.cookies.get(SESSION_COOKIE) or ""
    return hmac.new(request.app.state.settings.secret, b"csrf|" + cookie.encode(), hashlib.sha256).hexdigest()[:40]


def check_csrf(request: Request, value: Any) -> None:
    if not isinstance(value, str) or not hmac.compare_digest(value, csrf_token(request)):
        raise HTTPException(403, "missing or stale form token; reload the page and try again")
