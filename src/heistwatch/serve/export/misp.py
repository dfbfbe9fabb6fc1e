"""MISP event JSON of the ledger, built with ``pymisp``.

One MISP event per incident (or one event for a whole export when ``single_event`` is set):
info names victim, type and date; attributes carry the IOCs (btc, domain, ip-dst, hashes,
email), the source links, and the loss figures as text with the sentence they came from;
threat actors are galaxy tags (``misp-galaxy:threat-actor="Lazarus Group"``), their aggregated
confidence an ``estimative-language:likelihood-probability`` tag, techniques
``misp-galaxy:mitre-attack-pattern`` tags, and a TLP tag on every event.
UUIDs derive from the content so the same ledger gives the same events.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from pymisp import MISPEvent

from heistwatch.serve.views import IncidentView, row_attributions, fmt_amount, fmt_usd

NAMESPACE = uuid.UUID("0b7c8f5e-2d1a-5e6b-8f0a-3c4d5e6f7a8b")

ATTRIBUTE_TYPES: dict[str, tuple[str, str]] = {
    "btc-address": ("btc", "Financial fraud"),
    "eth-address": ("text", "Financial fraud"),
    "tx-hash": ("text", "Financial fraud"),
    "domain": ("domain", "Network activity"),
    "ipv4": ("ip-dst", "Network activity"),
    "ipv6": ("ip-dst", "Network activity"),
    "email": ("email-src", "Payload delivery"),
    "url": ("url", "Network activity"),
    "md5": ("md5", "Payload delivery"),
    "sha1": ("sha1", "Payload delivery"),
    "sha256": ("sha256", "Payload delivery"),
}

# MISP's "estimative-language" taxonomy uses the ICD 203 words.
ESTIMATIVE = {
    "almost no chance": "almost-no-chance",
    "very unlikely": "very-unlikely",
    "unlikely": "unlikely",
    "roughly even chance": "roughly-even-chance",
    "likely": "likely",
    "very likely": "very-likely",
    "almost certain": "almost-certain",
}


def _uuid(*parts: Any) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(str(p) for p in parts)))


def _event_date(inc: IncidentView) -> date | None:
    for key in ("date_start", "date"):
        text = inc.get(key)
        if text:
            try:
                if len(text) == 4:
                    return date(int(text), 1, 1)
                if len(text) == 7:
                    return date(int(text[:4]), int(text[5:7]), 1)
                return date.fromisoformat(text[:10])
            except ValueError:
                continue
    return None


def incident_event(inc: IncidentView, *, tlp: str = "green", org: str = "heistwatch") -> MISPEvent:
    event = MISPEvent()
    event.uuid = _uuid("event", inc["id"])
    event.info = f"Crypto heist: {inc['victim']} ({inc.get('type') or 'incident'}, {inc.get('date') or 'date unknown'})"
    when = _event_date(inc)
    if when:
        event.set_date(when)
    event.distribution = 0
    event.threat_level_id = 2
    event.analysis = 2
    event.add_tag(f"tlp:{tlp.lower()}")
    _add_content(event, inc)
    return event


def _add_content(event: MISPEvent, inc: IncidentView) -> None:
    prefix = ""
    event.add_attribute(
        "text", f"{prefix}victim {inc['victim']}", category="Other", comment="victim", uuid=_uuid("victim", inc["id"]),
        to_ids=False,
    )
    loss = inc.get("loss_usd") or {}
    if loss.get("value") is not None:
        text = f"consensus loss {fmt_usd(loss['value'])}"
        if loss.get("low") is not None and loss.get("high") is not None:
            text += f" (range {fmt_usd(loss['low'])} to {fmt_usd(loss['high'])})"
        event.add_attribute("text", prefix + text, category="Financial fraud", comment="consensus loss (USD)",
                            uuid=_uuid("consensus", inc["id"]), to_ids=False)
    for loss_claim in inc.get("losses") or []:
        figure = fmt_amount(loss_claim.get("amount"), loss_claim.get("unit"))
        if loss_claim.get("usd") is not None and (loss_claim.get("unit") or "").upper() != "USD":
            figure += f" (~{fmt_usd(loss_claim['usd'])} at incident date)"
        source = loss_claim.get("publisher") or loss_claim.get("document_id")
        event.add_attribute(
            "text", f"{prefix}{figure} per {source}", category="Financial fraud",
            comment=(loss_claim.get("sentence") or "")[:1000],
            uuid=_uuid("loss", inc["id"], loss_claim.get("claim_id"), loss_claim.get("document_id"), figure),
            to_ids=False,
        )
    for conflict in inc.get("conflicts") or []:
        event.add_attribute("comment", f"{prefix}conflict on {conflict.get('field')}: {conflict.get('explanation')}",
                            category="Other", uuid=_uuid("conflict", inc["id"], conflict.get("field"),
                                                         conflict.get("explanation")), to_ids=False)
    for ioc in inc.get("indicators") or []:
        mapped = ATTRIBUTE_TYPES.get(ioc.get("type", ""))
        if mapped is None:
            continue
        mtype, category = mapped
        comment = ioc["type"] + ("" if ioc.get("valid", True) else " (checksum not verified)")
        event.add_attribute(mtype, ioc["value"], category=category, comment=comment,
                            to_ids=bool(ioc.get("valid", True)) and mtype != "text",
                            uuid=_uuid("ioc", inc["id"], ioc["type"], ioc["value"]))
    seen: set[str] = set()
    for doc in inc.get("documents") or []:
        url = doc.get("url")
        if url and url not in seen:
            seen.add(url)
            event.add_attribute("link", url, category="External analysis",
                                comment=(doc.get("title") or "")[:500], to_ids=False,
                                uuid=_uuid("link", inc["id"], url))
    for att in row_attributions(inc):
        event.add_tag(f'misp-galaxy:threat-actor="{att["actor"]}"')
        claimants = sorted({c.get("claimant") or "unnamed source" for c in att.get("claims") or []})
        attribute = event.add_attribute(
            "threat-actor", att["actor"], category="Attribution",
            comment=f"confidence {att.get('confidence') or 'unknown'}; claimed by {', '.join(claimants) or 'nobody named'}",
            uuid=_uuid("actor", inc["id"], att["actor"]), to_ids=False,
        )
        attribute.add_tag(f'misp-galaxy:threat-actor="{att["actor"]}"')
        word = (att.get("confidence") or "").lower()
        if word in ESTIMATIVE:  # the actor's confidence sits on its own attribute
            attribute.add_tag(f'estimative-language:likelihood-probability="{ESTIMATIVE[word]}"')
    for tech in inc.get("techniques") or []:
        event.add_tag(f'misp-galaxy:mitre-attack-pattern="{tech.get("name") or tech["attack_id"]} - {tech["attack_id"]}"')


def events(incidents: Iterable[IncidentView], *, tlp: str = "green") -> list[MISPEvent]:
    return [incident_event(inc, tlp=tlp) for inc in incidents]


def export_json(incidents: Iterable[IncidentView], *, tlp: str = "green") -> str:
    """A JSON list of MISP events (``{"response": [{"Event": ...}, ...]}``, as MISP's REST search
    answers; each item imports into MISP and loads with ``MISPEvent.load``)."""
    return json.dumps(
        {"response": [{"Event": json.loads(e.to_json())} for e in events(incidents, tlp=tlp)]},
        indent=2,
        sort_keys=True,
    )
