"""Getting documents in: read files, folders, globs and URLs into :class:`ParsedDocument` objects.

``readers.iter_documents`` is the one entry point for reading (used by ``ingest`` and by
``extract`` without a database); ``ingest`` stores what it reads, with dedup and extraction.
"""

from heistwatch.documents.model import ParsedDocument, ReadError
from heistwatch.documents.readers import iter_documents

__all__ = ["ParsedDocument", "ReadError", "iter_documents"]
