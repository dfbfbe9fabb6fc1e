"""resolve stage: claims of many documents in, one ledger of incidents out (pure: no store, no I/O).

Entry points: :class:`Ledger` (``Ledger.build(records, valuer, decisions)``, ``ledger.update(new)``),
:class:`DocumentRecord` (one document's extraction with its key and metadata), :class:`Decision`
(analyst decisions applied on top), :class:`Incident` (what comes out; ``to_dict``/``from_dict``).
"""

from heistwatch.resolve.decisions import Decision, mention_ref
from heistwatch.resolve.ledger import AggregateClaim, Ledger, UpdateResult, actor_summary, aggregate_view, aggregates_of
from heistwatch.resolve.model import DocumentRecord, Incident

__all__ = [
    "AggregateClaim",
    "Decision",
    "DocumentRecord",
    "Incident",
    "Ledger",
    "UpdateResult",
    "actor_summary",
    "aggregate_view",
    "aggregates_of",
    "mention_ref",
]
