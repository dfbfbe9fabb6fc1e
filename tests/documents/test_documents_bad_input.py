"""Each kind of bad input gets one line naming the input and the problem; the rest of the batch
goes in; the exit status is non-zero. Runs on every backend (see tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from doc_samples import ARTICLE_A, ARTICLE_B, ARTICLE_C, html_page, make_pdf
from typer.testing import CliRunner

from heistwatch.cli.main import app
from heistwatch.store import open_store

runner = CliRunner()


def _write(path: Path, data: bytes | str) -> str:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def ingest(db_url: str, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["ingest", *args, "--db", db_url])


def failed_lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.output.splitlines() if line.startswith("failed:")]


def stored_texts(db_url: str) -> set[str]:
    store = open_store(db_url)
    try:
        return {store.document_text(i) or "" for i in store.document_ids()}
    finally:
        store.close()


def failures(db_url: str) -> dict[str, str]:
    store = open_store(db_url)
    try:
        return {source: message for source, message, _ in store.failures()}
    finally:
        store.close()


# name -> (file name, content, expected words in the error)
BAD_FILES: dict[str, tuple[str, bytes | str, str]] = {
    "empty file": ("empty.txt", b"", "empty file"),
    "whitespace only": ("blank.md", b"  \n\n \t\n", "empty file"),
    "binary file": ("image.txt", bytes(range(256)) * 40, "binary content"),
    "undecodable bytes": (
        "broken.txt",
        # UTF-8 text into which a few Latin-1 bytes slipped (\xe9 = "é" in Latin-1)
        "Die Börse in Zürich meldete, dass Täter über 3 Millionen Euro erbeutet hätten; "
        "die Behörde prüft, ob Kundengelder betroffen wären.".encode() + b" Caf\xe9 und Cr\xe8me.",
        "undecodable bytes",
    ),
    "undecodable JSON": ("latin.json", b'{"id": "z", "text": "Caf\xe9 hack"}', "JSON must be UTF-8"),
    "truncated PDF": ("cut.pdf", make_pdf(["Attackers took 300 BTC from a custodian."])[:200], "corrupt or truncated PDF"),
    "corrupt PDF": ("junk.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20, "corrupt or truncated PDF"),
    "not a PDF": ("fake.pdf", b"this was never a PDF file", "not a PDF"),
    "HTML without readable text": (
        "shell.html",
        "<html><head><title>App</title><script>var a = 1;</script></head><body><div id='root'></div></body></html>",
        "no readable text in the HTML",
    ),
    "unknown extension": ("report.docx", b"PK\x03\x04 zipped word file", "unknown extension '.docx'"),
    "JSON without text": ("notext.json", '{"id": "q-1", "title": "Only a title"}', "no 'text' field"),
    "invalid JSON": ("bad.json", '{"id": "q-2", "text": "unterminated', "invalid JSON at line 1"),
    "not a feed": ("page.xml", "<?xml version='1.0'?><catalog><book>Title</book></catalog>", "not"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_reported_and_batch_goes_on(case: str, db_url: str, tmp_path: Path) -> None:
    name, content, problem = BAD_FILES[case]
    good1 = _write(tmp_path / "good1.txt", ARTICLE_A)
    bad = _write(tmp_path / name, content)
    good2 = _write(tmp_path / "good2.txt", ARTICLE_B)

    result = ingest(db_url, good1, bad, good2)

    assert result.exit_code == 1, result.output
    lines = failed_lines(result)
    assert len(lines) == 1, result.output
    assert name in lines[0] and problem in lines[0], lines[0]
    assert stored_texts(db_url) == {ARTICLE_A, ARTICLE_B}
    recorded = failures(db_url)
    assert list(recorded) == [str(Path(bad).absolute())]
    assert problem in recorded[str(Path(bad).absolute())]


def test_file_over_size_limit(db_url: str, tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", ARTICLE_A)
    big = _write(tmp_path / "big.txt", (ARTICLE_C + "\n") * 40)  # about 9 KB

    result = ingest(db_url, good, big, "--max-bytes", "4k")

    assert result.exit_code == 1
    (line,) = failed_lines(result)
    assert "big.txt" in line and "over the size limit of 4096 bytes" in line
    assert stored_texts(db_url) == {ARTICLE_A}
    # the default limit (50 MB) takes it
    assert ingest(db_url, big).exit_code == 0
    assert len(stored_texts(db_url)) == 2


def test_jsonl_with_one_broken_line_keeps_the_good_lines(db_url: str, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "j-1", "text": ARTICLE_A, "published": "2021-03-02"}),
        '{"id": "j-2", "text": "missing the end',
        json.dumps({"id": "j-3", "text": ARTICLE_B, "extra": {"ignored": True}}),
    ]
    path = _write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")

    result = ingest(db_url, path)

    assert result.exit_code == 1
    (line,) = failed_lines(result)
    assert f"{Path(path).absolute()}:2: invalid JSON" in line
    assert stored_texts(db_url) == {ARTICLE_A, ARTICLE_B}
    # fixing the line and re-running adds just it and clears the failure
    lines[1] = json.dumps({"id": "j-2", "text": ARTICLE_C})
    _write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    result = ingest(db_url, path)
    assert result.exit_code == 0, result.output
    assert "1 new, 2 duplicate" in result.output
    assert stored_texts(db_url) == {ARTICLE_A, ARTICLE_B, ARTICLE_C}
    assert failures(db_url) == {}


def test_missing_path_and_empty_glob(db_url: str, tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", ARTICLE_A)
    result = ingest(db_url, str(tmp_path / "nope.txt"), str(tmp_path / "*.pdf"), good)
    assert result.exit_code == 1
    lines = failed_lines(result)
    assert len(lines) == 2
    assert "nope.txt: no such file or directory" in lines[0]
    assert "*.pdf: no files with a known extension match" in lines[1]
    assert stored_texts(db_url) == {ARTICLE_A}


def test_url_answering_404(db_url: str, tmp_path: Path, site) -> None:  # type: ignore[no-untyped-def]
    site.routes["/story.html"] = (200, "text/html; charset=utf-8", html_page("Bridge hacked", [ARTICLE_B]).encode())
    result = ingest(db_url, site.url("/gone.html"), site.url("/story.html"))
    assert result.exit_code == 1
    (line,) = failed_lines(result)
    assert site.url("/gone.html") in line and "HTTP 404" in line
    texts = stored_texts(db_url)
    assert len(texts) == 1 and ARTICLE_B in next(iter(texts))


def test_url_that_times_out(db_url: str, tmp_path: Path, site) -> None:  # type: ignore[no-untyped-def]
    site.slow_seconds = 3.0
    site.routes["/slow/story.txt"] = (200, "text/plain", ARTICLE_C.encode())
    good = _write(tmp_path / "good.txt", ARTICLE_A)
    result = ingest(db_url, site.url("/slow/story.txt"), good, "--timeout", "0.5")
    assert result.exit_code == 1
    (line,) = failed_lines(result)
    assert site.url("/slow/story.txt") in line and "timed out after 0.5s" in line
    assert stored_texts(db_url) == {ARTICLE_A}


def test_unreachable_url(db_url: str, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = ingest(db_url, f"http://127.0.0.1:{port}/x.html")
    assert result.exit_code == 1
    (line,) = failed_lines(result)
    assert f"http://127.0.0.1:{port}/x.html: cannot fetch" in line
