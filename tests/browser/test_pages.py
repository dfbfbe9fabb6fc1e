"""The dashboard in a real browser: main pages, a review action, hostile documents."""

from __future__ import annotations

import re

import pytest
from browser_helpers import shot, sign_in

pytestmark = pytest.mark.browser


def _pwned(page) -> object:  # type: ignore[no-untyped-def]
    return page.evaluate("window.__pwned === undefined ? null : window.__pwned")


def test_sign_in_required_and_wrong_token_refused(server, page):  # type: ignore[no-untyped-def]
    page.goto(server["base"] + "/")
    assert page.url.startswith(server["base"] + "/login")
    page.fill("input[name=token]", "hw_not-a-real-token")
    page.click("button[type=submit]")
    assert "not valid" in page.inner_text(".error")
    cookies = page.context.cookies()
    assert not any(c["name"] == "hw_session" for c in cookies)


def test_main_pages(server, page):  # type: ignore[no-untyped-def]
    base = server["base"]
    sign_in(page, base, server["tokens"]["viewer"])
    cookie = next(c for c in page.context.cookies() if c["name"] == "hw_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    rows = page.locator("#ledger tr").count() - 1
    assert rows == 3
    assert page.locator("#ledger").inner_text().count("Coincheck") == 1
    shot(page, "ledger")

    page.select_option("select[name=actor]", "Lazarus Group")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**actor=Lazarus*")
    page.wait_for_load_state()
    assert page.locator("#ledger tr").count() - 1 == 1
    page.click("#ledger th a:has-text('Loss')")
    page.wait_for_url("**sort=loss*")

    page.goto(base + "/?q=NEM")
    assert "Coincheck loses NEM" in page.inner_text("#search-results")

    page.goto(base + "/")
    page.click("#ledger a:has-text('Coincheck')")
    assert page.locator("#losses").inner_text().count("Example") >= 2
    assert "dates disagree" in page.inner_text("#conflicts")
    assert "Lazarus Group" in page.inner_text(".attribution")
    assert "T1566" in page.content()
    shot(page, "incident")

    page.click(".attribution a:has-text('Lazarus Group')")
    page.wait_for_selector("#chart-years[data-rendered='1']", timeout=15000)
    assert page.locator("#chart-years svg").count() > 0  # Plotly drew the chart from the local bundle
    assert "2018" in page.inner_text("#years")
    shot(page, "actor")

    page.goto(base + "/documents")
    page.click("#documents a:has-text('Coincheck loses NEM')")
    # count() does not wait: wait until the document page (not the list) is in the DOM
    page.wait_for_selector("#doctext mark")
    marks = page.locator("#doctext mark")
    assert marks.count() >= 5
    kinds = set(marks.evaluate_all("els => els.map(e => e.className)"))
    assert {"k-loss", "k-date", "k-actor", "k-victim"} <= kinds
    assert page.locator("#doctext mark.k-loss").first.inner_text() == "58 billion yen"
    shot(page, "document")

    # a viewer sees no review controls
    assert page.locator("details.review").count() == 0


def test_hostile_document_runs_no_script(server, page):  # type: ignore[no-untyped-def]
    base = server["base"]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(page, base, server["tokens"]["viewer"])
    page.goto(base + "/documents")
    hostile_id = page.locator("#documents a", has_text="Breaking").get_attribute("href")
    page.goto(base + hostile_id)
    assert "<script>window.__pwned=1</script>Breaking" in page.inner_text("#doc-title")
    assert page.locator("#doctext script, #doctext img, #doctext b[onmouseover]").count() == 0
    page.hover("#doctext")
    for link in page.locator("a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:")
    assert _pwned(page) is None
    shot(page, "hostile-document")

    page.goto(base + "/")
    assert 'onerror="window.__pwned=4">Evilex' in page.inner_text("#ledger")
    page.click("#ledger a:has-text('Evilex')")
    assert _pwned(page) is None
    page.goto(base + "/?q=pwned")
    assert _pwned(page) is None
    assert not dialogs


def test_review_reject_claim_updates_ledger(server, page):  # type: ignore[no-untyped-def]
    base = server["base"]
    sign_in(page, base, server["tokens"]["analyst"])
    page.click("#ledger a:has-text('Coincheck')")
    incident_url = page.url
    before = page.inner_text("#consensus")
    row = page.locator("#losses tr", has_text="58 billion JPY")
    row.locator("summary").click()
    row.locator("input[name=note]").fill("yen figure double counts")
    row.locator("button[value=reject]").click()
    page.wait_for_url(re.compile(r".*flash=.*"))
    assert "Recorded" in page.inner_text(".flash")
    after = page.inner_text("#consensus")
    assert before != after and after == "$534M"
    assert "rejected" in page.locator("#losses tr", has_text="58 billion JPY").inner_text()
    assert "reject-claim" in page.inner_text("#decisions")
    assert "ann analyst" in page.inner_text("#decisions")
    shot(page, "review")
    assert page.url.split("?")[0] == incident_url.split("?")[0]


def test_reports_render_charts_offline(server, page):  # type: ignore[no-untyped-def]
    base = server["base"]
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
    sign_in(page, base, server["tokens"]["viewer"])
    page.goto(base + "/exports")
    page.fill("#period-form input[name=since]", "2017-01-01")
    page.fill("#period-form input[name=until]", "2018-12-31")
    page.click("#period-form button[type=submit]")
    page.wait_for_selector("#chart-years[data-rendered='1']", timeout=15000)
    assert "Coincheck" in page.inner_text("main") and "Youbit" in page.inner_text("main")
    assert "Evilex" not in page.inner_text("main")  # 2019 is outside the period
    assert "https://wire.example.com/cc-2" in page.inner_text("#report-sources")
    shot(page, "report-period")
    page.goto(base + "/reports/actor/Lazarus%20Group")
    page.wait_for_selector("#chart-timeline[data-rendered='1']", timeout=15000)
    assert outside == []  # nothing fetched from anywhere but this server
