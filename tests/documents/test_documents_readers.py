"""Reading each format into ParsedDocument, from files, folders, globs and a real local HTTP server."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from doc_samples import ARTICLE_A, ARTICLE_B, ARTICLE_C, atom_feed, html_page, make_pdf, rss_feed

from heistwatch.documents import ParsedDocument, ReadError, iter_documents


def read(*paths: str, **kw) -> list[ParsedDocument | ReadError]:  # type: ignore[no-untyped-def]
    return list(iter_documents(list(paths), **kw))


def only_doc(*paths: str, **kw) -> ParsedDocument:  # type: ignore[no-untyped-def]
    (doc,) = read(*paths, **kw)
    assert isinstance(doc, ParsedDocument), doc
    return doc


def test_plain_text_utf8_and_legacy_charsets(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_text("Zürich exchange lost €3 million.\r\nSecond line.\r\n", encoding="utf-8")
    (tmp_path / "w.txt").write_bytes("Die Börse in Zürich verlor 3 Millionen Euro an Diebe.".encode("cp1252"))
    (tmp_path / "k.txt").write_bytes("빗썸은 해킹 공격을 받았다고 밝혔다. 거래소는 오늘 출금을 중단했다.".encode("euc-kr"))
    (tmp_path / "b.txt").write_bytes("\ufeffWith a byte order mark.".encode("utf-8"))
    u, w, k, b = (only_doc(str(tmp_path / n)) for n in ("u.txt", "w.txt", "k.txt", "b.txt"))
    assert u.text == "Zürich exchange lost €3 million.\nSecond line."
    assert u.media_type == "text/plain" and u.raw.startswith(b"Z\xc3\xbcrich")
    assert w.text.startswith("Die Börse in Zürich")
    assert k.text.startswith("빗썸은 해킹") and k.language == "ko"
    assert b.text == "With a byte order mark."


def test_markdown_title_and_byline_date(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(f"# Examplex loses $40 million\n\nBy A. Writer\nMarch 3, 2021\n\n{ARTICLE_A}\n", encoding="utf-8")
    doc = only_doc(str(path))
    assert doc.title == "Examplex loses $40 million"
    assert doc.published == date(2021, 3, 3) and doc.published_source == "text"
    assert doc.media_type == "text/markdown" and doc.language == "en"


def test_date_inside_a_sentence_is_not_a_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("The theft happened on January 26, 2018, the exchange said in a statement.\n", encoding="utf-8")
    assert only_doc(str(path)).published is None


def test_html_main_text_title_date_site(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        html_page("Examplex hacked", [ARTICLE_A, ARTICLE_C], published="2021-03-02T08:00:00Z", site="Example Daily"),
        encoding="utf-8",
    )
    doc = only_doc(str(path))
    assert doc.title == "Examplex hacked"
    assert doc.site_name == "Example Daily"
    assert doc.published == date(2021, 3, 2) and doc.published_source == "html-meta"
    assert "Singapore exchange" in doc.text and "Demotrade" in doc.text
    assert "All rights reserved" not in doc.text and "Home" not in doc.text.split("\n")[0]
    assert doc.language == "en" and doc.media_type == "text/html"


def test_pdf_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["A custodian lost 300 BTC to attackers.", "It reported the theft to police."], title="Custodian theft"))
    doc = only_doc(str(path))
    assert doc.text == "A custodian lost 300 BTC to attackers.\nIt reported the theft to police."
    assert doc.title == "Custodian theft"
    assert doc.published == date(2021, 8, 10) and doc.published_source == "pdf-meta"
    assert doc.raw == path.read_bytes()


def test_json_object_like_the_dev_corpus(tmp_path: Path) -> None:
    record = {
        "id": "x-0001",
        "url": "https://news.example/2018/01/27/story",
        "title": "Examplex hacked",
        "published": "2018-01-28",
        "text": ARTICLE_A,
        "gold": {"relevant": True},
    }
    path = tmp_path / "x-0001.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    doc = only_doc(str(path))
    assert (doc.external_id, doc.url, doc.title, doc.text) == ("x-0001", record["url"], "Examplex hacked", ARTICLE_A)
    assert doc.published == date(2018, 1, 28) and doc.published_source == "json"
    assert doc.site_name == "news.example"


def test_json_without_date_takes_it_from_the_url(tmp_path: Path) -> None:
    path = tmp_path / "y.json"
    path.write_text(json.dumps({"id": "y", "url": "https://n.example/2019/05/07/slug", "text": ARTICLE_B, "published": None}))
    doc = only_doc(str(path))
    assert doc.published == date(2019, 5, 7) and doc.published_source == "url"


def test_json_list_yields_each_item(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"id": "a", "text": ARTICLE_A}, {"id": "b"}, {"id": "c", "text": ARTICLE_C}]))
    a, bad, c = read(str(path))
    assert isinstance(a, ParsedDocument) and a.external_id == "a" and a.source.endswith("list.json[0]")
    assert isinstance(bad, ReadError) and bad.message.endswith("list.json[1]: no 'text' field")
    assert isinstance(c, ParsedDocument) and c.origin == str(path.absolute())


def test_rss_and_atom_one_document_per_item(tmp_path: Path) -> None:
    rss = tmp_path / "wire.rss"
    rss.write_text(
        rss_feed(
            [
                ("Examplex hacked", "https://wire.example/a", "Tue, 02 Mar 2021 08:00:00 GMT", f"<p>{ARTICLE_A}</p>"),
                ("Samplefi drained", "https://wire.example/b", "Wed, 03 Mar 2021 09:30:00 GMT", f"<p>{ARTICLE_B}</p><p>More.</p>"),
            ]
        ),
        encoding="utf-8",
    )
    a, b = read(str(rss))
    assert isinstance(a, ParsedDocument) and isinstance(b, ParsedDocument)
    assert (a.title, a.url, a.published, a.published_source, a.site_name) == (
        "Examplex hacked", "https://wire.example/a", date(2021, 3, 2), "feed", "Heist Wire",
    )
    assert a.text == ARTICLE_A and b.text == ARTICLE_B + "\n\nMore."
    assert a.source == f"{rss.absolute()}#item=1" and a.origin == str(rss.absolute())

    atom = tmp_path / "feed.atom"
    atom.write_text(atom_feed([("Demotrade fined", "https://atom.example/c", "2022-04-05T10:00:00Z", ARTICLE_C)]), encoding="utf-8")
    c = only_doc(str(atom))
    assert c.text == ARTICLE_C and c.published == date(2022, 4, 5) and c.media_type == "application/atom+xml"


def test_folders_recursive_and_globs(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    (tmp_path / "sub" / "b.md").write_text(ARTICLE_B)
    (tmp_path / "sub" / "deeper" / "c.txt").write_text(ARTICLE_C)
    (tmp_path / "sub" / "picture.png").write_bytes(b"\x89PNG")   # unknown extension in a folder: skipped
    (tmp_path / ".hidden.txt").write_text("hidden")               # hidden: skipped
    docs = read(str(tmp_path))
    assert [Path(d.source).name for d in docs] == ["a.txt", "b.md", "c.txt"]
    assert all(isinstance(d, ParsedDocument) for d in docs)
    globbed = read(str(tmp_path / "**" / "*.txt"))
    assert sorted(Path(d.source).name for d in globbed) == ["a.txt", "c.txt"]


def test_urls_html_pdf_feed_by_content_type(site) -> None:  # type: ignore[no-untyped-def]
    site.routes["/news/2021/03/02/examplex"] = (200, "text/html; charset=utf-8", html_page("Examplex hacked", [ARTICLE_A]).encode())
    site.routes["/files/report"] = (200, "application/pdf", make_pdf(["A custodian lost 300 BTC to attackers."]))
    site.routes["/feed"] = (200, "application/rss+xml", rss_feed([("B", "https://w.example/b", "Wed, 03 Mar 2021 09:30:00 GMT", ARTICLE_B)]).encode())
    site.routes["/plain.txt"] = (200, "text/plain; charset=utf-8", ARTICLE_C.encode())
    html, pdf, feed, plain = read(
        site.url("/news/2021/03/02/examplex"), site.url("/files/report"), site.url("/feed"), site.url("/plain.txt")
    )
    assert isinstance(html, ParsedDocument) and html.title == "Examplex hacked" and ARTICLE_A in html.text
    assert html.url == site.url("/news/2021/03/02/examplex") and html.published == date(2021, 3, 2)
    assert isinstance(pdf, ParsedDocument) and pdf.text == "A custodian lost 300 BTC to attackers."
    assert isinstance(feed, ParsedDocument) and feed.text == ARTICLE_B and feed.source == site.url("/feed") + "#item=1"
    assert isinstance(plain, ParsedDocument) and plain.text == ARTICLE_C and plain.url == site.url("/plain.txt")


def test_url_over_size_limit(site) -> None:  # type: ignore[no-untyped-def]
    site.routes["/big.txt"] = (200, "text/plain", ARTICLE_A.encode() * 50)
    (err,) = read(site.url("/big.txt"), max_bytes=1000)
    assert isinstance(err, ReadError) and "over the size limit of 1000 bytes" in err.message


def test_error_messages_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<?xml version='1.0'?>\n<rss><channel>\n<item>unclosed\n")
    for item in read(str(bad), str(tmp_path / "missing.txt")):
        assert isinstance(item, ReadError)
        assert "\n" not in item.message and item.message.startswith(item.source)
