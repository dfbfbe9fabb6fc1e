"""API tokens with roles. Only a SHA-256 hash of each token is stored; the token itself is shown
once, when it is created.

Roles are ordered: viewer < analyst < admin. Reads need viewer (unless the server is started
with ``--public-read``), writes need analyst.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from heistwatch.store.schema import ApiToken

ROLES = ("viewer", "analyst", "admin")
TOKEN_PREFIX = "hw_"


def role_rank(role: str | None) -> int:
    return ROLES.index(role) + 1 if role in ROLES else 0


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is asking: the token's name and role (name is the author of decisions)."""

    token_id: int | None
    name: str
    role: str

    def can(self, role: str) -> bool:
        return role_rank(self.role) >= role_rank(role)


ANONYMOUS_READER = Principal(None, "anonymous", "viewer")


def create_token(session: Session, name: str, role: str) -> str:
    """Store a new token for ``name`` with ``role``; return the token (shown once)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not name.strip():
        raise ValueError("a token needs a name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(name=name.strip(), role=role, token_hash=hash_token(token)))
    session.flush()
    return token


def verify_token(session: Session, token: str | None) -> Principal | None:
    """The principal a token stands for, or None (unknown, revoked, malformed)."""
    if not token or len(token) > 200:
        return None
    digest = hash_token(token.strip())
    row = session.execute(select(ApiToken).where(ApiToken.token_hash == digest)).scalar_one_or_none()
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.token_hash, digest):
        return None
    return Principal(row.id, row.name, row.role)


def list_tokens(session: Session) -> list[ApiToken]:
    return list(session.execute(select(ApiToken).order_by(ApiToken.id)).scalars())


def revoke_token(session: Session, ident: str) -> int:
    """Revoke by id or by name (every live token of that name); returns how many were revoked."""
    query = select(ApiToken).where(ApiToken.revoked_at.is_(None))
    if ident.isdigit():
        query = query.where(ApiToken.id == int(ident))
    else:
        query = query.where(ApiToken.name == ident)
    rows = list(session.execute(query).scalars())
    now = datetime.now(timezone.utc)
    for row in rows:
        row.revoked_at = now
    session.flush()
    return len(rows)
