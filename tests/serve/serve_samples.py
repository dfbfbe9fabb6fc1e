"""IncidentView samples written for these tests (facts are real, wording is ours)."""

from __future__ import annotations

import copy
from typing import Any

DOCS = [
    {"id": "t-1", "title": "Exchange loses NEM tokens", "url": "https://news.example.org/a1",
     "publisher": "Example News", "published": "2018-01-27"},
    {"id": "t-2", "title": "Spy agency points at Pyongyang", "url": "https://wire.example.com/b2",
     "publisher": "Example Wire", "published": "2018-02-06"},
]

COINCHECK: dict[str, Any] = {
    "id": "inc-coincheck-2018",
    "victim": "Coincheck",
    "type": "exchange_hack",
    "date": "2018-01-26",
    "date_start": "2018-01-26",
    "date_end": "2018-01-26",
    "n_sources": 2,
    "loss_usd": {"value": 534_000_000.0, "low": 520_000_000.0, "high": 534_000_000.0},
    "losses": [
        {"claim_id": 11, "amount": 58e9, "unit": "JPY", "low": 58e9, "high": 58e9, "usd": 532_000_000.0,
         "usd_reported": 534_000_000.0, "rate_date": "2018-01-26", "document_id": "t-1",
         "document_title": "Exchange loses NEM tokens", "url": "https://news.example.org/a1",
         "publisher": "Example News", "surface": "58 billion yen",
         "sentence": "The Tokyo exchange said about 58 billion yen of NEM left its hot wallet.", "in_consensus": True},
        {"claim_id": 12, "amount": 523e6, "unit": "XEM", "low": 523e6, "high": 523e6, "usd": None,
         "document_id": "t-2", "document_title": "Spy agency points at Pyongyang",
         "url": "https://wire.example.com/b2", "publisher": "Example Wire", "surface": "523 million NEM",
         "sentence": "Thieves moved 523 million NEM coins out of the exchange.", "in_consensus": False},
    ],
    "recovered": [],
    "net_loss_usd": 534_000_000.0,
    "conflicts": [{"field": "date", "explanation": "January 26 in t-1 against January 18 in t-2",
                   "values": ["2018-01-26", "2018-01-18"]}],
    "attributions": [
        {"actor": "Lazarus Group", "kind": "group", "aliases": ["Hidden Cobra"], "confidence": "likely",
         "confidence_score": 62,
         "claims": [{"claimant": "National Intelligence Service", "stance": "suspected", "hedge": "might be",
                     "probability": "roughly even chance", "date": "2018-02-06", "document_id": "t-2",
                     "document_title": "Spy agency points at Pyongyang", "url": "https://wire.example.com/b2",
                     "publisher": "Example Wire",
                     "sentence": "Seoul's spy agency said the group might be behind the theft."}],
         "timeline": [{"date": "2018-02-06", "stance": "suspected", "claimant": "National Intelligence Service"}]},
        {"actor": "North Korea", "kind": "state", "aliases": ["DPRK"], "confidence": "roughly even chance",
         "confidence_score": None, "claims": [], "timeline": []},
    ],
    "techniques": [{"attack_id": "T1566", "name": "Phishing", "document_id": "t-2",
                    "sentence": "Staff received booby-trapped e-mails."}],
    "indicators": [
        {"type": "domain", "value": "evil-wallet.example", "valid": True, "document_id": "t-2"},
        {"type": "btc-address", "value": "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "valid": True, "document_id": "t-2"},
    ],
    "documents": DOCS,
    "aggregates": [],
}


def incidents() -> list[dict[str, Any]]:
    second = copy.deepcopy(COINCHECK)
    second.update(id="inc-youbit-2017", victim="Youbit", date="2017-12", date_start="2017-12-01",
                  date_end="2017-12-31", loss_usd=None, losses=[], conflicts=[], techniques=[], indicators=[],
                  attributions=[], documents=DOCS[:1], n_sources=1)
    return [copy.deepcopy(COINCHECK), second]
