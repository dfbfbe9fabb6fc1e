"""A small real database for the serve tests: documents we wrote, their claims (as the extractor
would give them, spans into the text), resolved by the real resolver and saved by the store."""

from __future__ import annotations

from datetime import date
from typing import Any

from claim_builders import date_value, sentence_of, span_of

from heistwatch.documents.model import ParsedDocument
from heistwatch.documents.text import content_hash
from heistwatch.extract.model import (
    Aggregate,
    Attribution,
    Claim,
    ClaimKind,
    Extraction,
    IncidentMention,
    IncidentType,
    IncidentTypeValue,
    Indicator,
    Money,
    Stance,
    Technique,
    Victim,
)

HOSTILE_VICTIM = '<img src=x onerror="window.__pwned=4">Evilex'

DOCS: list[dict[str, Any]] = [
    {
        "id": "t-cc-1", "title": "Coincheck loses NEM worth 58 billion yen", "site": "Example News",
        "url": "https://news.example.org/coincheck-1", "published": date(2018, 1, 27),
        "text": ("Tokyo exchange Coincheck lost 58 billion yen of NEM on January 26, 2018. "
                 "South Korea's spy agency said the Lazarus Group might be behind the theft. "
                 "Staff had opened phishing e-mails before the attack. "
                 "The thieves sent coins to 1BoatSLRHtKNngkdXEeobR76b53LETtpyT within hours."),
        "incident": ("Coincheck", IncidentType.EXCHANGE_HACK),
        "claims": [
            ("victim", "Coincheck", Victim("Coincheck", "Tokyo exchange Coincheck", True)),
            ("loss", "58 billion yen", Money(58e9, "JPY", 58e9, 58e9)),
            ("date", "January 26, 2018", date_value("2018-01-26")),
            ("actor", "Lazarus Group might be", Attribution("Lazarus Group", Stance.SUSPECTED, "might be",
                                                            "roughly even chance", "National Intelligence Service",
                                                            "Lazarus Group")),
            ("technique", "phishing e-mails", Technique("T1566", "Phishing")),
            ("indicator", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
             Indicator("btc-address", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", True)),
        ],
    },
    {
        "id": "t-cc-2", "title": "Exchange confirms $534 million theft", "site": "Example Wire",
        "url": "https://wire.example.com/cc-2", "published": date(2018, 2, 6),
        "text": ("Coincheck confirmed on Tuesday that hackers took $534 million from it on January 18, 2018. "
                 "Officials later said the Lazarus Group was confirmed as the culprit. "
                 "The same group took about $200 million from exchanges across 2018, the agency added."),
        "incident": ("Coincheck", IncidentType.EXCHANGE_HACK),
        "claims": [
            ("victim", "Coincheck", Victim("Coincheck", "Coincheck", True)),
            ("loss", "$534 million", Money(534e6, "USD", 534e6, 534e6)),
            ("date", "January 18, 2018", date_value("2018-01-18")),
            ("actor", "Lazarus Group was confirmed", Attribution("Lazarus Group", Stance.CONFIRMED, "confirmed",
                                                                 "almost certain", "officials", "Lazarus Group")),
            ("aggregate", "about $200 million", Aggregate("Lazarus Group", "2018",
                                                           Money(200e6, "USD", 180e6, 220e6, "about"))),
        ],
    },
    {
        "id": "t-yb-1", "title": "Youbit files for bankruptcy after second hack", "site": "Example Daily",
        "url": "https://daily.example.net/youbit", "published": date(2017, 12, 20),
        "text": "The South Korean exchange Youbit lost 17% of its assets in a hack in December 2017, worth $35 million.",
        "incident": ("Youbit", IncidentType.EXCHANGE_HACK),
        "claims": [
            ("victim", "Youbit", Victim("Youbit", "The South Korean exchange Youbit", True)),
            ("loss", "$35 million", Money(35e6, "USD", 35e6, 35e6)),
            ("date", "December 2017", date_value("2017-12")),
        ],
    },
    {
        "id": "t-hostile", "title": "<script>window.__pwned=1</script>Breaking", "site": "<b>Bad</b> Site",
        "url": "javascript:window.__pwned=5",
        "published": date(2019, 3, 1),
        "text": ("Report: the <img src=x onerror=\"window.__pwned=4\">Evilex exchange lost $1 million "
                 "<script>window.__pwned=2</script> in March 2019. "
                 "Read <a href=\"javascript:window.__pwned=3\">more</a> or hover <b onmouseover=\"window.__pwned=6\">here</b>."),
        "incident": (HOSTILE_VICTIM, IncidentType.OTHER),
        "claims": [
            ("victim", '<img src=x onerror="window.__pwned=4">Evilex', Victim(HOSTILE_VICTIM, HOSTILE_VICTIM)),
            ("loss", "$1 million", Money(1e6, "USD", 1e6, 1e6)),
            ("date", "March 2019", date_value("2019-03")),
        ],
    },
]


def extraction_of(doc: dict[str, Any]) -> Extraction:
    text = doc["text"]
    claims = []
    first = None
    for kind, surface, value in doc["claims"]:
        span = span_of(text, surface)
        if kind == "victim" and first is None:
            first = span
        claims.append(Claim(ClaimKind(kind), value, span, sentence_of(text, span.start, span.end),
                            incident=None if kind == "aggregate" else 0))
    victim, itype = doc["incident"]
    claims.append(Claim(ClaimKind.INCIDENT_TYPE, IncidentTypeValue(itype), first, sentence_of(text, first.start, first.end),
                        incident=0))
    dates = [c.value for c in claims if c.kind == ClaimKind.DATE]
    mention = IncidentMention(0, victim, itype, True, dates[0] if dates else None, first)
    return Extraction(relevant=True, incidents=[mention], claims=claims, extractor_version="test-1")


def seed(store) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Store DOCS with their extractions and resolve the ledger; returns document ids by key."""
    from heistwatch.store.ledger import rebuild_ledger

    ids = {}
    for doc in DOCS:
        parsed = ParsedDocument(source=f"test:{doc['id']}", text=doc["text"], raw=doc["text"].encode(),
                                media_type="application/json", external_id=doc["id"], url=doc["url"],
                                title=doc["title"], site_name=doc["site"], published=doc["published"],
                                published_source="json")
        ids[doc["id"]] = store.add_document(parsed, extraction_of(doc), content_hash=content_hash(doc["text"]))
    from heistwatch.value import Valuer

    rebuild_ledger(store, Valuer())
    return ids
