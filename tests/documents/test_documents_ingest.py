"""Ingest behaviour: exact duplicates, near-duplicate links, extraction stored with the document,
re-extraction keeping decisions, and the stats/docs commands. Runs on every backend."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from doc_samples import ARTICLE_A, ARTICLE_B, ARTICLE_C, long_article
from typer.testing import CliRunner

from heistwatch.cli.main import app
from heistwatch.documents.ingest import ingest_documents, ingest_parsed
from heistwatch.documents.model import ParsedDocument, ReadError
from heistwatch.documents.reextract import reextract_all
from heistwatch.extract.model import Claim, ClaimKind, Extraction, IncidentMention, IncidentType, Money, Span, Victim

runner = CliRunner()


def fake_extractor(version: str):  # type: ignore[no-untyped-def]
    """Finds the first capitalised company-like word as victim and '$40 million' style amounts."""

    def extract(text: str, *, published: date | None = None, title: str | None = None) -> Extraction:
        claims = []
        start = text.find("Examplex")
        if start >= 0:
            span = Span(start, start + len("Examplex"))
            claims.append(Claim(ClaimKind.VICTIM, Victim("Examplex", "Examplex"), span, Span(0, text.find(".") + 1), incident=0))
            money = text.find("$40 million")
            if money >= 0:
                claims.append(Claim(ClaimKind.LOSS, Money(40e6, "USD"), Span(money, money + 11), Span(0, text.find(".") + 1), incident=0))
            incidents = [IncidentMention(0, "Examplex", IncidentType.EXCHANGE_HACK, True, span=span)]
            return Extraction(True, incidents, claims, version)
        return Extraction(False, [], [], version)

    return extract


def write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_reingesting_changes_nothing(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = [write(tmp_path, "a.txt", ARTICLE_A), write(tmp_path, "b.txt", ARTICLE_B)]
    first = ingest_documents(store, paths, extractor=fake_extractor("v1"))
    assert len(first.new) == 2 and first.ok
    before = store.stats()
    second = ingest_documents(store, paths, extractor=fake_extractor("v1"))
    assert second.new == [] and sorted(second.duplicates) == sorted(first.new)
    assert store.stats() == before
    assert before["duplicates"] == 0


def test_copy_from_another_source_counts_as_duplicate(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = write(tmp_path, "a.txt", ARTICLE_A)
    copy = write(tmp_path, "copy.txt", "\n\n" + ARTICLE_A.replace(". ", ".\n") + "\n")  # same words, other layout
    report = ingest_documents(store, [a, copy], extractor=fake_extractor("v1"))
    assert len(report.new) == 1 and report.duplicates == report.new
    assert store.stats()["documents"] == 1 and store.stats()["duplicates"] == 1
    record = store.get_document(report.new[0])
    assert [Path(s).name for s in record.sources] == ["a.txt", "copy.txt"]


def test_near_duplicates_are_stored_and_linked(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original = long_article(1)
    syndicated = "Wire copy. " + original.replace("Report 1:", "Report one:") + " Reporting by Wire Service."
    other = long_article(2)
    paths = [write(tmp_path, "orig.txt", original), write(tmp_path, "other.txt", other)]
    ingest_documents(store, paths, extractor=fake_extractor("v1"))
    # a later run rebuilds the LSH index from the stored signatures
    report = ingest_documents(store, [write(tmp_path, "synd.txt", syndicated)], extractor=fake_extractor("v1"))
    assert len(report.new) == 1 and report.near_duplicates == report.new
    links = store.near_duplicate_links()
    assert len(links) == 1
    later, earlier, similarity = links[0]
    assert later == report.new[0] and store.document_text(earlier) == original and similarity >= 0.8
    assert store.stats()["near_duplicate_links"] == 1 and store.stats()["documents"] == 3
    loaded = {s.document.id: s for s in store.load_extractions()}
    assert loaded[later].near_duplicates == (earlier,) and loaded[earlier].near_duplicates == (later,)


def test_extraction_and_claims_are_stored_with_provenance(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = ingest_documents(store, [write(tmp_path, "a.txt", ARTICLE_A)], extractor=fake_extractor("v1"))
    (stored,) = list(store.load_extractions(with_text=True))
    assert stored.document.id == report.new[0]
    assert stored.extraction.relevant and stored.extraction.extractor_version == "v1"
    assert [c.kind for c in stored.extraction.claims] == [ClaimKind.VICTIM, ClaimKind.LOSS]
    loss = stored.extraction.claims[1]
    assert loss.surface(stored.text) == "$40 million" and loss.value == Money(40e6, "USD")
    assert stored.extraction.incidents[0].victim == "Examplex"
    record = store.get_document(stored.document.id)
    assert record.claims[1].surface == "$40 million" and record.claims[1].sentence.startswith("Hackers drained")


def test_extractor_crash_keeps_document_and_reports_it(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def broken(text: str, **kw: object) -> Extraction:
        if "Samplefi" in text:
            raise RuntimeError("boom")
        return fake_extractor("v1")(text)

    paths = [write(tmp_path, "a.txt", ARTICLE_A), write(tmp_path, "b.txt", ARTICLE_B)]
    report = ingest_documents(store, paths, extractor=broken)
    assert len(report.new) == 2 and len(report.failures) == 1
    assert "b.txt: extraction failed (RuntimeError: boom)" in report.failures[0].message
    assert store.stats()["extracted"] == 1
    counts = reextract_all(store, extractor=fake_extractor("v1"), version="v1")
    assert counts == {"documents": 2, "reextracted": 1, "current": 1, "failed": 0}
    assert store.stats()["extracted"] == 2


def parsed(text: str, source: str) -> ParsedDocument:
    return ParsedDocument(source=source, text=text, raw=text.encode(), media_type="text/plain")


def test_ingest_parsed_stores_documents_already_read(store) -> None:  # type: ignore[no-untyped-def]
    original = long_article(3)
    syndicated = "Wire copy. " + original.replace("Report 3:", "Report three:") + " Reporting by Wire Service."
    seen: list[tuple[str, str]] = []
    items = [
        parsed(ARTICLE_A, "upload:a.txt"),
        ReadError("upload:bad.pdf", "upload:bad.pdf: not a PDF"),
        parsed(ARTICLE_A.replace(". ", ".\n"), "upload:copy.txt"),  # the same words again
        parsed(original, "upload:orig.txt"),
        parsed(syndicated, "upload:synd.txt"),
    ]
    report = ingest_parsed(store, items, extractor=fake_extractor("v1"), on_item=lambda st, it: seen.append((st, it.source)))
    assert seen == [("new", "upload:a.txt"), ("failed", "upload:bad.pdf"), ("duplicate", "upload:copy.txt"),
                    ("new", "upload:orig.txt"), ("near-duplicate", "upload:synd.txt")]
    assert len(report.new) == 3 and report.duplicates == report.new[:1] and report.near_duplicates == report.new[2:]
    assert [f.message for f in report.failures] == ["upload:bad.pdf: not a PDF"]
    assert [source for source, _, _ in store.failures()] == ["upload:bad.pdf"]
    assert store.stats()["documents"] == 3 and store.stats()["extracted"] == 3
    (first,) = [s for s in store.load_extractions(with_text=True) if s.document.id == report.new[0]]
    assert first.extraction.claims[1].surface(first.text) == "$40 million"


def test_ingest_parsed_updates_the_ledger_once_for_the_new_documents(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import heistwatch.store.ledger as ledger

    calls: list[list[int]] = []
    monkeypatch.setattr(ledger, "update_ledger", lambda store, ids, valuer=None: calls.append(list(ids)))
    report = ingest_parsed(store, [parsed(ARTICLE_A, "a"), parsed(ARTICLE_B, "b")], extractor=fake_extractor("v1"))
    assert calls == [sorted(report.new)] and len(report.new) == 2
    later = ingest_parsed(store, [parsed(ARTICLE_C, "c")], extractor=fake_extractor("v1"), run_hook=False)
    assert len(later.new) == 1 and len(calls) == 1


def test_reextract_replaces_claims_and_keeps_decisions(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ingest_documents(store, [write(tmp_path, "a.txt", ARTICLE_A), write(tmp_path, "c.txt", ARTICLE_C)], extractor=fake_extractor("v1"))
    (stored,) = list(store.load_extractions(relevant_only=True))
    key = stored.claim_keys[1]
    decision = store.add_decision(author="ana", action="reject_claim", target={"claim_key": key}, note="figure is a typo")

    counts = reextract_all(store, extractor=fake_extractor("v2"), version="v2")
    assert counts == {"documents": 2, "reextracted": 2, "current": 0, "failed": 0}
    assert store.stats()["extractor_versions"] == {"v2": 2}
    (again,) = list(store.load_extractions(relevant_only=True))
    assert again.extraction.extractor_version == "v2"
    assert again.claim_keys == stored.claim_keys           # same claims found again: same keys
    assert store.stats()["claims"] == 2                      # replaced, not added
    assert [d.id for d in store.decisions()] == [decision]
    assert store.decisions()[0].target == {"claim_key": key}
    # nothing to do at the current version unless forced
    assert reextract_all(store, extractor=fake_extractor("v2"), version="v2")["reextracted"] == 0
    assert reextract_all(store, extractor=fake_extractor("v2"), version="v2", force=True)["reextracted"] == 2


def test_cli_ingest_stats_docs(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "x-1.json").write_text(json.dumps({"id": "x-1", "title": "Examplex hacked", "published": "2021-03-02", "text": ARTICLE_A}))
    (corpus / "b.txt").write_text(ARTICLE_B)

    result = runner.invoke(app, ["ingest", str(corpus), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "2 new, 0 duplicate, 0 near-duplicate (linked), 0 failed" in result.output
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db_url, "--json"])
    assert json.loads(result.output) == {"new": 0, "duplicate": 2, "near_duplicate": 0, "failed": 0, "failures": []}

    stats = json.loads(runner.invoke(app, ["stats", "--json", "--db", db_url]).output)
    assert stats["documents"] == 2 and stats["duplicates"] == 0 and stats["failures"] == 0
    assert {"claims", "incidents", "near_duplicate_links"} <= set(stats)
    assert "documents" in runner.invoke(app, ["stats", "--db", db_url]).output

    listing = runner.invoke(app, ["docs", "list", "--db", db_url, "--json"])
    rows = [json.loads(line) for line in listing.output.splitlines()]
    assert [r["external_id"] for r in rows] == [None, "x-1"]  # folder order: b.txt, x-1.json
    shown = runner.invoke(app, ["docs", "show", "x-1", "--db", db_url])
    assert shown.exit_code == 0 and "Examplex hacked" in shown.output and "Singapore" in shown.output
    as_json = json.loads(runner.invoke(app, ["docs", "show", str(rows[1]["id"]), "--json", "--db", db_url]).output)
    assert as_json["text"] == ARTICLE_A and as_json["published"] == "2021-03-02"
    for claim in as_json["claims"]:
        assert as_json["text"][claim["span"][0] : claim["span"][1]] == claim["surface"]
    missing = runner.invoke(app, ["docs", "show", "99999", "--db", db_url])
    assert missing.exit_code == 1 and "no document 99999" in missing.output


def test_env_var_names_the_database(db_url: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HEISTWATCH_DB", db_url)
    assert runner.invoke(app, ["ingest", write(tmp_path, "a.txt", ARTICLE_A)]).exit_code == 0
    assert json.loads(runner.invoke(app, ["stats", "--json"]).output)["documents"] == 1


def test_bad_database_url_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", "nosuchdriver://x/y"])
    assert result.exit_code == 2
    assert result.output.startswith("error: cannot open database nosuchdriver://x/y")
    assert len(result.output.strip().splitlines()) == 1


def test_failing_ledger_update_is_reported_after_the_documents_are_stored(db_url: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import heistwatch.store.ledger as ledger

    def broken(store, document_ids, valuer=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("resolver exploded")

    monkeypatch.setattr(ledger, "update_ledger", broken)
    result = runner.invoke(app, ["ingest", write(tmp_path, "a.txt", ARTICLE_A), "--db", db_url])
    assert result.exit_code == 1
    assert "1 new" in result.output
    assert "failed: ledger update failed after ingest (RuntimeError: resolver exploded); the documents are stored" in result.output
    assert json.loads(runner.invoke(app, ["stats", "--json", "--db", db_url]).output)["documents"] == 1
