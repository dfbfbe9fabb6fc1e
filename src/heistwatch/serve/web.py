"""Dashboard pages, rendered on the server with Jinja2 (autoescaped; no inline scripts)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from heistwatch.serve import data as D
from heistwatch.serve import review
from heistwatch.serve.auth import ANONYMOUS_READER, Principal, verify_token
from heistwatch.serve.deps import SESSION_COOKIE, SESSION_MAX_AGE, check_csrf, csrf_token, new_session_cookie, principal
from heistwatch.serve.export.render import MEDIA
from heistwatch.serve.templating import render

router = APIRouter(include_in_schema=False)


class LoginRequired(Exception):
    pass


def _who(request: Request, role: str = "viewer") -> Principal:
    try:
        who = principal(request)
    except HTTPException:
        who = None
    if who is None:
        if role == "viewer" and request.app.state.settings.public_read:
            return ANONYMOUS_READER
        raise HTTPException(303, headers={"Location": "/login?next=" + quote(_local(str(request.url.path)))})
    if not who.can(role):
        raise HTTPException(403, f"this needs the {role} role; you are {who.role}")
    return who


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    try:
        who = principal(request)
    except HTTPException:
        who = None
    context.setdefault("flash", request.query_params.get("flash"))
    return HTMLResponse(render(template, user=who, csrf=csrf_token(request),
                               can_write=bool(who and who.can("analyst")), **context))


def _local(path: str | None) -> str:
    """Only same-site paths are valid redirect targets (no open redirects)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    parts = urlsplit(path)
    return parts.path + (f"?{parts.query}" if parts.query else "") if not parts.netloc else "/"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# ---------------------------------------------------------------- sign in


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return _page(request, "login.html", next=_local(next))


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    token = str(form.get("token") or "")
    with request.app.state.store.session() as s:
        who = verify_token(s, token)
    if who is None:
        html = render("login.html", user=None, csrf="", next=_local(str(form.get("next") or "/")),
                      error="That token is not valid (unknown or revoked).")
        return HTMLResponse(html, status_code=401)
    response = RedirectResponse(_local(str(form.get("next") or "/")), status_code=303)
    response.set_cookie(SESSION_COOKIE, new_session_cookie(request, who), max_age=SESSION_MAX_AGE, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https", path="/")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# ---------------------------------------------------------------- pages


@router.get("/", response_class=HTMLResponse)
def ledger(request: Request) -> HTMLResponse:
    _who(request)
    qp = request.query_params
    q = D.LedgerQuery(
        actor=qp.get("actor") or None, year=_int(qp.get("year")), type=qp.get("type") or None,
        conflicts=qp.get("conflicts") in ("1", "true", "on"), confidence=qp.get("confidence") or None,
        sort=qp.get("sort") if qp.get("sort") in D.SORT_KEYS else "date",
        dir="asc" if qp.get("dir") == "asc" else "desc", page=_int(qp.get("page")) or 1, per_page=50,
    )
    text = (qp.get("q") or "").strip()[:200]
    cache = request.app.state.cache
    with request.app.state.store.session() as s:
        page = D.ledger_page(cache, s, q)
        fac = D.facets(cache, s)
        search = None
        if text:
            search = D.search_documents(s, text, per_page=20)
            by_doc = cache.by_doc(s)
            for d in search["rows"]:
                d["incidents"] = [{"id": x.id, "victim": x.victim} for x in by_doc.get(d["key"], [])]
    params = {**q.params(), "q": text or None}
    return _page(request, "ledger.html", page=page, facets=fac, params=params, search=search)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str) -> HTMLResponse:
    who = _who(request)
    with request.app.state.store.session() as s:
        inc = D.get_incident(s, incident_id)
        keys = {c["key"] for c in (D.load_incident(s, incident_id) or {}).get("claims", [])}
        decisions = D.decisions_for(s, incident_id, 50, keys) if who.can("analyst") else []
    if inc is None:
        return HTMLResponse(render("base.html", user=who, csrf="", error=f"No incident {incident_id}."),
                            status_code=404)
    return _page(request, "incident.html", inc=inc, decisions=decisions)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request) -> HTMLResponse:
    _who(request)
    with request.app.state.store.session() as s:
        actors = D.actors_list(request.app.state.cache, s)
    return _page(request, "actors.html", actors=actors)


@router.get("/actors/{name}", response_class=HTMLResponse)
def actor_page(request: Request, name: str) -> HTMLResponse:
    who = _who(request)
    with request.app.state.store.session() as s:
        actor = D.actor_view(request.app.state.cache, s, name)
    if actor is not None:
        actor = D.with_aggregates(actor, D.actor_aggregates(request.app.state.store, name))
    if actor is None:
        return HTMLResponse(render("base.html", user=who, csrf="", error=f"No incident is attributed to {name}."),
                            status_code=404)
    return _page(request, "actor.html", actor=actor, charts=D.actor_charts(actor))


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request) -> HTMLResponse:
    _who(request)
    text = (request.query_params.get("q") or "").strip()[:200]
    number = _int(request.query_params.get("page")) or 1
    with request.app.state.store.session() as s:
        page = D.search_documents(s, text or None, page=number, per_page=50)
    return _page(request, "documents.html", page=page, params={"q": text or None})


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int) -> HTMLResponse:
    who = _who(request)
    with request.app.state.store.session() as s:
        view = D.document_view(request.app.state.cache, s, document_id)
    if view is None:
        return HTMLResponse(render("base.html", user=who, csrf="", error=f"No document {document_id}."),
                            status_code=404)
    return _page(request, "document.html", **view)


@router.get("/exports", response_class=HTMLResponse)
def exports_page(request: Request) -> HTMLResponse:
    _who(request)
    return _page(request, "exports.html", formats=list(MEDIA))


@router.get("/exports/download")
def exports_download(request: Request, format: str = "stix") -> Response:
    _who(request)
    if format not in MEDIA:
        raise HTTPException(404, "unknown format")
    params = {k: v for k, v in request.query_params.items() if k in ("actor", "since", "until") and v}
    query = "&".join(f"{k}={quote(v)}" for k, v in sorted(params.items()))
    return RedirectResponse(f"/api/exports/{format}" + (f"?{query}" if query else ""), status_code=303)


@router.get("/reports/actor/{name}", response_class=HTMLResponse)
def actor_report(request: Request, name: str) -> HTMLResponse:
    _who(request)
    from heistwatch.serve.export.report import render_report

    with request.app.state.store.session() as s:
        views = D.incident_views(s, q=D.LedgerQuery(actor=name), cache=request.app.state.cache)
    return HTMLResponse(render_report(views, title=f"Crypto heists attributed to {name}", actor=name, inline_js=False))


@router.get("/reports/period", response_class=HTMLResponse)
def period_report(request: Request, since: str | None = None, until: str | None = None) -> HTMLResponse:
    _who(request)
    from heistwatch.serve.export.report import render_report

    q = D.LedgerQuery(since=_date(since), until=_date(until))
    with request.app.state.store.session() as s:
        views = D.incident_views(s, q=q, cache=request.app.state.cache)
    return HTMLResponse(render_report(views, title=f"Crypto heists {since or '…'} to {until or '…'}",
                                      since=since, until=until, inline_js=False))


# ---------------------------------------------------------------- review forms


async def _review(request: Request, action: str, target: dict[str, Any], after: dict[str, Any] | None,
                  back: str) -> Response:
    who = _who(request, "analyst")
    form = await request.form()
    check_csrf(request, form.get("csrf"))
    try:
        review.record(request.app.state.store, author=who.name, action=action, target=target, after=after,
                      note=str(form.get("note") or "")[:2000] or None, apply=request.app.state.apply_decision)
    except review.ReviewError as exc:
        return RedirectResponse(_local(back) + _sep(back) + "flash=" + quote(f"Not recorded: {exc}"), status_code=303)
    request.app.state.cache.invalidate()
    return RedirectResponse(_local(back) + _sep(back) + "flash=" + quote(f"Recorded: {action.replace('_', ' ')}"),
                            status_code=303)


def _sep(url: str) -> str:
    return "&" if "?" in url else "?"


@router.post("/review/claims/{key}")
async def review_claim(request: Request, key: str) -> Response:
    form = await request.form()
    action = str(form.get("action") or "")
    back = _local(str(form.get("back") or "/"))
    target: dict[str, Any] = {"claim": key}
    if back.startswith("/incidents/"):
        target["incident"] = back.split("/")[2].split("?")[0]
    after = None
    if action == "edit":
        text = str(form.get("value") or "").strip()
        # actors are typed as a comma-separated list; other fields as plain text (amounts in USD)
        after = {"value": text}
    mapped = {"accept": "accept_claim", "reject": "reject_claim", "edit": "edit_claim"}.get(action)
    if mapped is None:
        raise HTTPException(422, "action must be accept, reject or edit")
    return await _review(request, mapped, target, after, back)


@router.post("/review/merge")
async def review_merge(request: Request) -> Response:
    form = await request.form()
    incident = str(form.get("incident") or "")
    other = str(form.get("other") or "").strip()
    return await _review(request, "merge", {"incidents": [incident, other]}, None, f"/incidents/{incident}")


@router.post("/review/split")
async def review_split(request: Request) -> Response:
    form = await request.form()
    incident = str(form.get("incident") or "")
    docs = [str(d) for d in form.getlist("documents")]
    # the form lists documents by their numeric id; the ledger knows them by key
    keys = _doc_keys(request, docs)
    return await _review(request, "split", {"incident": incident, "documents": keys}, None, f"/incidents/{incident}")


def _doc_keys(request: Request, ids: list[str]) -> list[str]:
    from sqlalchemy import select

    from heistwatch.store.schema import Document

    numeric = [int(i) for i in ids if i.isdigit()]
    with request.app.state.store.session() as s:
        rows = s.execute(select(Document.id, Document.external_id).where(Document.id.in_(numeric))).all()
    found = {str(r.id): r.external_id or f"doc-{r.id}" for r in rows}
    return [found.get(i, i) for i in ids]
