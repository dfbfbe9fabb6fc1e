"""A process killed with SIGKILL in the middle of a batch leaves whole documents only, and
re-running the same command completes the batch without duplicates. Runs on every backend."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from doc_samples import heist_article
from sqlalchemy import func, select

from heistwatch.store import open_store
from heistwatch.store.schema import ClaimRow, Document, DocumentSource, ExtractionRow

N_FILES = 600


def count_documents(db_url: str) -> int:
    store = open_store(db_url, migrate=False)
    try:
        return store.stats()["documents"]
    finally:
        store.close()


def test_kill_9_mid_batch_then_rerun(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "batch"
    corpus.mkdir()
    for i in range(N_FILES):
        (corpus / f"doc{i:04d}.txt").write_text(heist_article(i), encoding="utf-8")
    cmd = [sys.executable, "-m", "heistwatch.cli.main", "ingest", str(corpus), "--db", db_url]
    env = {**os.environ, "HEISTWATCH_DB": ""}
    # a ledger exists before the batch (so the re-run updates it incrementally, not from scratch)
    first = tmp_path / "first"
    first.mkdir()
    for i in range(3):
        (first / f"early{i}.txt").write_text(heist_article(10_000 + i), encoding="utf-8")
    warm = subprocess.run([*cmd[:4], str(first), "--db", db_url], capture_output=True, text=True, env=env, timeout=120)
    assert warm.returncode == 0, warm.stderr
    before = count_documents(db_url)

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        stored = count_documents(db_url)
        if stored >= before + 40:
            break
        time.sleep(0.02)
    assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read().decode()}"  # type: ignore[union-attr]
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    store = open_store(db_url)
    try:
        with store.session() as s:
            docs = s.scalar(select(func.count()).select_from(Document))
            docs -= before
            assert 40 <= docs < N_FILES
            # every stored document is whole: its source row and its extraction came with it
            assert s.scalar(select(func.count()).select_from(DocumentSource)) == docs + before
            assert s.scalar(select(func.count()).select_from(ExtractionRow)) == docs + before
            orphan_claims = s.scalar(
                select(func.count()).select_from(ClaimRow).where(ClaimRow.document_id.not_in(select(Document.id)))
            )
            assert orphan_claims == 0
        if store.dialect == "sqlite":
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        store.close()

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N_FILES - docs} new, {docs} duplicate" in rerun.stdout.replace("\n", " ")

    store = open_store(db_url)
    try:
        stats = store.stats()
        assert stats["documents"] == N_FILES + before and stats["duplicates"] == 0 and stats["failures"] == 0
        with store.session() as s:
            hashes = s.scalar(select(func.count(func.distinct(Document.content_hash))))
            sources = s.scalar(select(func.count(func.distinct(Document.source))))
        assert hashes == sources == N_FILES + before
        # documents stored by the killed run reached the ledger on the re-run
        assert stats["relevant"] > N_FILES // 2 and stats["incidents"] > 0
        assert store.unresolved_document_ids() == []
    finally:
        store.close()
