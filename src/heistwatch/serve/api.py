"""REST API under ``/api/`` (OpenAPI at ``/api/openapi.json``, a readable page at ``/api/docs``)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from heistwatch.serve import data as D
from heistwatch.serve import review
from heistwatch.serve import schemas as S
from heistwatch.serve.auth import Principal
from heistwatch.serve.deps import analyst, principal, viewer
from heistwatch.serve.export.render import MEDIA, export
from heistwatch.serve.security import UnsafeURL
from heistwatch.store.schema import ClaimRow

router = APIRouter(prefix="/api")

ExportFormat = Literal["stix", "misp", "csv", "json", "parquet", "html"]


class DecisionIn(BaseModel):
    action: Literal["accept_claim", "reject_claim", "edit_claim", "pin_value", "merge", "split"]
    target: dict[str, Any] = Field(description="what the decision is about; see heistwatch.serve.review")
    after: dict[str, Any] | None = Field(None, description="the new value (edit_claim, pin_value)")
    note: str | None = Field(None, max_length=2000)


class UrlIn(BaseModel):
    url: str = Field(max_length=2048, description="http(s) URL of a page, PDF or feed")


def _query(actor: str | None, year: int | None, type_: str | None, conflicts: bool, confidence: str | None,
           since: date | None, until: date | None, sort: str, direction: str, page: int, per_page: int) -> D.LedgerQuery:
    return D.LedgerQuery(actor=actor or None, year=year, type=type_ or None, conflicts=conflicts,
                         confidence=confidence or None, since=since, until=until,
                         sort=sort if sort in D.SORT_KEYS else "date", dir="asc" if direction == "asc" else "desc",
                         page=page, per_page=per_page)


@router.get("/me", tags=["auth"], summary="who the token belongs to", response_model=S.Me)
def me(request: Request, who: Principal = Depends(viewer)) -> dict[str, Any]:
    return {"name": who.name, "role": who.role, "public_read": request.app.state.settings.public_read}


# ---------------------------------------------------------------- incidents


@router.get("/incidents", tags=["ledger"], summary="the ledger, filtered, sorted and paginated",
            response_model=S.IncidentPage)
def list_incidents(
    request: Request,
    actor: str | None = None,
    year: int | None = None,
    type: str | None = None,
    conflicts: bool = False,
    confidence: str | None = Query(None, description="minimum ICD 203 word, e.g. 'likely'"),
    since: date | None = None,
    until: date | None = None,
    sort: str = Query("date", description="date, victim, type, loss, actors, sources, conflicts"),
    dir: Literal["asc", "desc"] = "desc",
    page: int = Query(1, ge=1),
    per_page: int = Query(50, ge=1, le=D.MAX_PER_PAGE),
    _: Principal = Depends(viewer),
) -> dict[str, Any]:
    q = _query(actor, year, type, conflicts, confidence, since, until, sort, dir, page, per_page)
    with request.app.state.store.session() as s:
        return D.ledger_page(request.app.state.cache, s, q)


@router.get("/incidents/{incident_id}", tags=["ledger"], summary="one incident with every source",
            response_model=S.IncidentDetail)
def get_incident(request: Request, incident_id: str, _: Principal = Depends(viewer)) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        view = D.get_incident(s, incident_id)
    if view is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return view


# ---------------------------------------------------------------- actors


@router.get("/actors", tags=["ledger"], summary="actors with attributed incidents")
def list_actors(request: Request, _: Principal = Depends(viewer)) -> list[dict[str, Any]]:
    with request.app.state.store.session() as s:
        return D.actors_list(request.app.state.cache, s)


@router.get("/actors/{name}", tags=["ledger"], summary="an actor: totals per year with bounds, incidents")
def get_actor(request: Request, name: str, _: Principal = Depends(viewer)) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        view = D.actor_view(request.app.state.cache, s, name)
    if view is None:
        raise HTTPException(404, f"no incident attributed to {name!r}")
    return D.with_aggregates(view, D.actor_aggregates(request.app.state.store, name))


# ---------------------------------------------------------------- documents


@router.get("/documents", tags=["documents"], summary="documents, optionally full-text searched",
            response_model=S.DocumentPage)
def list_documents(
    request: Request,
    q: str | None = Query(None, max_length=200),
    page: int = Query(1, ge=1),
    per_page: int = Query(25, ge=1, le=D.MAX_PER_PAGE),
    _: Principal = Depends(viewer),
) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        return D.search_documents(s, q, page=page, per_page=per_page)


@router.get("/documents/{document_id}", tags=["documents"], summary="a document with its text and claims")
def get_document(request: Request, document_id: int, _: Principal = Depends(viewer)) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        view = D.document_view(request.app.state.cache, s, document_id)
    if view is None:
        raise HTTPException(404, f"no document {document_id}")
    return {**view["doc"], "claims": view["claims"]}


def _after_ingest(request: Request, result: dict[str, Any]) -> dict[str, Any]:
    request.app.state.cache.invalidate()
    return result


@router.post("/documents/upload", tags=["documents"], status_code=201, response_model=S.IngestResult,
             summary="ingest an uploaded file (txt, md, html, pdf, json, jsonl, rss/atom)")
async def upload_document(request: Request, file: UploadFile = File(...),
                          _: Principal = Depends(analyst)) -> dict[str, Any]:
    from heistwatch.serve import ingest

    raw = await file.read()
    name = file.filename or "upload"
    media = ingest.media_type_for(name, file.content_type, raw)
    items = ingest.parse(raw, f"upload:{name}", media)
    result = ingest.store_documents(request.app.state.store, items)
    if not result["new"] and not result["duplicate"]:
        raise HTTPException(422, "; ".join(f["error"] for f in result["failed"]) or "no document in the upload")
    return _after_ingest(request, result)


@router.post("/documents/url", tags=["documents"], status_code=201, response_model=S.IngestResult,
             summary="fetch a URL and ingest it (public http/https addresses only, unless allow-listed)")
def ingest_url(request: Request, body: UrlIn, _: Principal = Depends(analyst)) -> dict[str, Any]:
    from heistwatch.serve import ingest

    settings = request.app.state.settings
    try:
        raw, final_url, content_type = ingest.fetch(body.url, settings.url_allowlist,
                                                    max_bytes=settings.max_upload, timeout=settings.fetch_timeout)
    except UnsafeURL as exc:
        raise HTTPException(400, f"refused: {exc}") from exc
    except ingest.FetchError as exc:
        raise HTTPException(502, str(exc)) from exc
    media = ingest.media_type_for(final_url.split("?")[0], content_type, raw)
    items = ingest.parse(raw, final_url, media, url=final_url)
    result = ingest.store_documents(request.app.state.store, items)
    if not result["new"] and not result["duplicate"]:
        raise HTTPException(422, "; ".join(f["error"] for f in result["failed"]) or "no document at that URL")
    return _after_ingest(request, result)


# ---------------------------------------------------------------- claims


@router.get("/claims", tags=["claims"], summary="extracted claims with their provenance",
            response_model=S.ClaimPage)
def list_claims(
    request: Request,
    document_id: int | None = None,
    kind: str | None = None,
    key: str | None = None,
    page: int = Query(1, ge=1),
    per_page: int = Query(100, ge=1, le=D.MAX_PER_PAGE),
    _: Principal = Depends(viewer),
) -> dict[str, Any]:
    query = select(ClaimRow)
    count = select(func.count()).select_from(ClaimRow)
    for cond in ((ClaimRow.document_id == document_id) if document_id is not None else None,
                 (ClaimRow.kind == kind) if kind else None, (ClaimRow.claim_key == key) if key else None):
        if cond is not None:
            query, count = query.where(cond), count.where(cond)
    with request.app.state.store.session() as s:
        total = s.execute(count).scalar() or 0
        rows = s.execute(query.order_by(ClaimRow.id).limit(per_page).offset((page - 1) * per_page)).scalars()
        return {"total": total, "page": page, "per_page": per_page, "rows": [D.claim_dict(r) for r in rows]}


@router.get("/claims/{claim_id}", tags=["claims"], summary="one claim", response_model=S.ClaimOut)
def get_claim(request: Request, claim_id: int, _: Principal = Depends(viewer)) -> dict[str, Any]:
    with request.app.state.store.session() as s:
        row = s.get(ClaimRow, claim_id)
        if row is None:
            raise HTTPException(404, f"no claim {claim_id}")
        return D.claim_dict(row)


# ---------------------------------------------------------------- decisions


@router.get("/decisions", tags=["review"], summary="analyst decisions, newest first",
            response_model=list[S.DecisionOut])
def list_decisions(request: Request, incident: str | None = None, limit: int = Query(200, ge=1, le=1000),
                   _: Principal = Depends(viewer)) -> list[dict[str, Any]]:
    with request.app.state.store.session() as s:
        return D.decisions_for(s, incident, limit)


@router.post("/decisions", tags=["review"], status_code=201,
             summary="record a review decision (accept/reject/edit a claim, pin a value, merge, split)")
def post_decision(request: Request, body: DecisionIn, who: Principal = Depends(analyst)) -> dict[str, Any]:
    try:
        result = review.record(request.app.state.store, author=who.name, action=body.action, target=body.target,
                               after=body.after, note=body.note, apply=request.app.state.apply_decision)
    except review.ReviewError as exc:
        raise HTTPException(exc.status, str(exc)) from exc
    request.app.state.cache.invalidate()
    return result


# ---------------------------------------------------------------- exports


@router.get("/exports/{fmt}", tags=["exports"], summary="the ledger as STIX 2.1, MISP, CSV, JSON, Parquet or HTML",
            response_class=Response)
def get_export(
    request: Request,
    fmt: ExportFormat,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    incident: str | None = None,
    tlp: Literal["white", "clear", "green", "amber", "red"] = "green",
    _: Principal = Depends(viewer),
) -> Response:
    with request.app.state.store.session() as s:
        if incident:
            views = D.iter_incident_views(s, ids=[incident])
        else:
            q = D.LedgerQuery(actor=actor, since=since, until=until, per_page=D.MAX_PER_PAGE)
            views = D.iter_incident_views(s, q=q, cache=request.app.state.cache)
        body, media, suffix = export(fmt, views, tlp=tlp, actor=actor, since=since.isoformat() if since else None,
                                     until=until.isoformat() if until else None)
    name = "heistwatch-" + (incident or (actor or "ledger").replace(" ", "_")) + suffix
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{_safe_name(name)}"'})


def _safe_name(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)[:120]


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    from heistwatch.serve.templating import render

    schema = request.app.openapi()
    ops = []
    for path, methods in sorted(schema.get("paths", {}).items()):
        for method, op in methods.items():
            params = [p["name"] + ("*" if p.get("required") else "") for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "tags": op.get("tags", []), "params": params,
                        "body": bool(op.get("requestBody"))})
    try:
        who = principal(request)
    except HTTPException:
        who = None
    return HTMLResponse(render("api_docs.html", ops=ops, info=schema.get("info", {}), user=who, csrf="",
                               formats=list(MEDIA)))
