"""The database: SQLAlchemy 2 models, Alembic migrations, and :class:`Store`, the API the stages use.

    from heistwatch.store import open_store, resolve_url
    store = open_store(resolve_url(cli_db_option))   # migrates to head
    for item in store.load_extractions(relevant_only=True): ...

``extract`` and ``resolve`` never import this package; the CLI and ``serve`` do.
"""

from heistwatch.store.db import ENV_VAR, default_url, display_url, resolve_url
from heistwatch.store.store import (
    NEAR_DUPLICATE,
    ClaimRecord,
    DecisionRecord,
    DocumentInfo,
    DocumentRecord,
    DuplicateDocument,
    IncidentRecord,
    Store,
    StoredExtraction,
    claim_key,
    migrate,
    open_store,
)

__all__ = [
    "ENV_VAR",
    "NEAR_DUPLICATE",
    "ClaimRecord",
    "DecisionRecord",
    "DocumentInfo",
    "DocumentRecord",
    "DuplicateDocument",
    "IncidentRecord",
    "Store",
    "StoredExtraction",
    "claim_key",
    "default_url",
    "display_url",
    "migrate",
    "open_store",
    "resolve_url",
]
