"""initial schema: every table of the first release.

All tables the stages need are created here at once (documents, near-duplicate links, failures,
extractions and claims, analyst decisions, prices, incidents, API tokens) so that the stages do
not branch the migration history. JSON columns are JSONB on PostgreSQL.

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 19:11:45.607259
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('token_hash', sa.String(length=128), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index('ix_api_tokens_name', 'api_tokens', ['name'])

    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('target', JSON_TYPE, nullable=False),
    sa.Column('before', JSON_TYPE, nullable=True),
    sa.Column('after', JSON_TYPE, nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_decisions_action', 'decisions', ['action'])
    op.create_index('ix_decisions_created_at', 'decisions', ['created_at'])

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('external_id', sa.String(length=255), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('site_name', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('published_source', sa.String(length=16), nullable=True),
    sa.Column('retrieved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=True),
    sa.Column('media_type', sa.String(length=64), nullable=True),
    sa.Column('minhash', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_hash')
    )
    op.create_index('ix_documents_external_id', 'documents', ['external_id'])
    op.create_index('ix_documents_published', 'documents', ['published'])

    op.create_table('incidents',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('victim', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_iso', sa.String(length=10), nullable=True),
    sa.Column('data', JSON_TYPE, nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_incidents_victim', 'incidents', ['victim'])

    op.create_table('ingest_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source')
    )
    op.create_table('prices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asset', sa.String(length=32), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('usd_close', sa.Float(), nullable=False),
    sa.Column('source', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('asset', 'day', 'source', name='uq_prices_asset_day_source')
    )
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('extractor_version', sa.String(length=64), nullable=False),
    sa.Column('incident_index', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('value', JSON_TYPE, nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('surface', sa.Text(), nullable=False),
    sa.Column('sentence_start', sa.Integer(), nullable=False),
    sa.Column('sentence_end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('claim_key', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'position', name='uq_claims_document_position')
    )
    op.create_index('ix_claims_claim_key', 'claims', ['claim_key'])
    op.create_index('ix_claims_document_id', 'claims', ['document_id'])
    op.create_index('ix_claims_kind_document', 'claims', ['kind', 'document_id'])

    op.create_table('document_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'other_id', 'kind', name='uq_document_links_pair')
    )
    op.create_index('ix_document_links_document_id', 'document_links', ['document_id'])
    op.create_index('ix_document_links_other_id', 'document_links', ['other_id'])

    op.create_table('document_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'source', name='uq_document_sources_document_source')
    )
    op.create_index('ix_document_sources_document_id', 'document_sources', ['document_id'])

    op.create_table('extractions',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('extractor_version', sa.String(length=64), nullable=False),
    sa.Column('relevant', sa.Boolean(), nullable=False),
    sa.Column('incidents', JSON_TYPE, nullable=False),
    sa.Column('extracted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_index('ix_extractions_extractor_version', 'extractions', ['extractor_version'])
    op.create_index('ix_extractions_relevant', 'extractions', ['relevant'])

    op.create_table('incident_mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.String(length=64), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('mention_index', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('incident_id', 'document_id', 'mention_index', name='uq_incident_mentions')
    )
    op.create_index('ix_incident_mentions_document_id', 'incident_mentions', ['document_id'])
    op.create_index('ix_incident_mentions_incident_id', 'incident_mentions', ['incident_id'])



def downgrade() -> None:
    op.drop_index('ix_incident_mentions_incident_id', table_name='incident_mentions')
    op.drop_index('ix_incident_mentions_document_id', table_name='incident_mentions')

    op.drop_table('incident_mentions')
    op.drop_index('ix_extractions_relevant', table_name='extractions')
    op.drop_index('ix_extractions_extractor_version', table_name='extractions')

    op.drop_table('extractions')
    op.drop_index('ix_document_sources_document_id', table_name='document_sources')

    op.drop_table('document_sources')
    op.drop_index('ix_document_links_other_id', table_name='document_links')
    op.drop_index('ix_document_links_document_id', table_name='document_links')

    op.drop_table('document_links')
    op.drop_index('ix_claims_kind_document', table_name='claims')
    op.drop_index('ix_claims_document_id', table_name='claims')
    op.drop_index('ix_claims_claim_key', table_name='claims')

    op.drop_table('claims')
    op.drop_table('prices')
    op.drop_table('ingest_failures')
    op.drop_index('ix_incidents_victim', table_name='incidents')

    op.drop_table('incidents')
    op.drop_index('ix_documents_published', table_name='documents')
    op.drop_index('ix_documents_external_id', table_name='documents')

    op.drop_table('documents')
    op.drop_index('ix_decisions_created_at', table_name='decisions')
    op.drop_index('ix_decisions_action', table_name='decisions')

    op.drop_table('decisions')
    op.drop_index('ix_api_tokens_name', table_name='api_tokens')

    op.drop_table('api_tokens')
