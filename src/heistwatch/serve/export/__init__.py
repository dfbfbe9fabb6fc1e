"""Exports of the ledger: STIX 2.1, MISP, CSV/JSON/Parquet, HTML reports.

Every exporter takes IncidentView dicts (see ``heistwatch.serve.views``) so the CLI and the API
share them. ``FORMATS`` maps a format name to (function writing bytes, media type, file suffix).
"""

from __future__ import annotations

FORMAT_NAMES = ("stix", "misp", "csv", "json", "parquet", "html")
