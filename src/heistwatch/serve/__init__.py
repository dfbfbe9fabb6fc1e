"""serve stage: the ledger for analysts and for other tools.

- :func:`heistwatch.serve.app.create_app` — FastAPI app: dashboard pages (``web``) and the REST
  API under ``/api/`` (``api``), tokens with roles (``auth``), sessions and CSRF (``deps``),
  URL and body-size guards (``security``), ingest by upload or URL (``ingest``), review
  decisions (``review``).
- ``data`` reads the store and the ledger into the plain dicts of ``views``; ``export`` turns
  them into STIX 2.1, MISP, CSV, JSON, Parquet and HTML reports (``export.render.export``).
- CLI: ``heistwatch serve``, ``heistwatch token create|list|revoke``, ``heistwatch export``.
"""
