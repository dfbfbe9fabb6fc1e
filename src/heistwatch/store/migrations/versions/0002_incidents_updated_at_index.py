"""index incidents by updated_at: the dashboard checks for ledger changes on every request.

``SELECT count(id), max(updated_at) FROM incidents`` (and listing id, updated_at to refresh only
changed incidents) otherwise reads every incident record, JSON included: 200 ms on a 10,000-incident
SQLite ledger, per page view (bench/serve_bench.py).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 19:40:00
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_incidents_updated_at', 'incidents', ['updated_at', 'id'])


def downgrade() -> None:
    op.drop_index('ix_incidents_updated_at', table_name='incidents')
