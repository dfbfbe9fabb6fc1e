"""STIX 2.1 bundle of the ledger, built with ``stix2``.

What goes in, per incident:
- ``incident`` with the OASIS Incident Core Extension (property extension on the incident) that
  lists its ``impact`` objects; each loss figure is an ``impact`` (Impact extension, new SDO)
  with the ``monetary-ext`` sub-extension (the name the OASIS reference implementation uses and
  the STIX validator accepts; ``impact_category`` matches it): USD min/max, the original currency (``currency_actual``),
  the conversion rate (original units per USD) and the time of that rate;
- ``identity`` objects for the victim and for every claimant of an attribution;
- ``intrusion-set`` (groups) or ``threat-actor`` (states) with aliases, and ``attributed-to``
  relationships carrying confidence 0-100: one from heistwatch with the aggregated confidence and
  one per claimant (``created_by_ref`` the claimant) with the confidence its hedge implies;
- ``attack-pattern`` objects with their MITRE ATT&CK external reference, ``indicator`` objects
  for the extracted IOCs, external references to every source URL, and a TLP marking on all.

Ids are uuid5 of the content, so the same ledger gives the same ids.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import stix2

from heistwatch.serve.views import IncidentView, row_attributions, confidence_score

INCIDENT_CORE_EXT = "extension-definition--ef765651-680c-498d-9894-99799f2fa126"
IMPACT_EXT = "extension-definition--7cc33dd6-f6a1-489b-98ea-522d351d71b9"
INCIDENT_CORE_SCHEMA = (
    "https://raw.githubusercontent.com/oasis-open/cti-stix-common-objects/main/"
    "extension-definition-specifications/incident-core/"
)
OASIS_IDENTITY = "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01"  # author of the extension definitions
NAMESPACE = uuid.UUID("6f1c1a8e-4c1b-5a47-9b1e-6e2b0c9a4d10")

TLP = {
    "white": stix2.TLP_WHITE,
    "clear": stix2.TLP_WHITE,
    "green": stix2.TLP_GREEN,
    "amber": stix2.TLP_AMBER,
    "red": stix2.TLP_RED,
}

STATE_ACTORS = {"north korea"}

# STIX pattern for each indicator type the extractor emits.
PATTERNS: dict[str, str] = {
    "domain": "[domain-name:value = '{v}']",
    "ipv4": "[ipv4-addr:value = '{v}']",
    "ipv6": "[ipv6-addr:value = '{v}']",
    "email": "[email-addr:value = '{v}']",
    "url": "[url:value = '{v}']",
    "md5": "[file:hashes.MD5 = '{v}']",
    "sha1": "[file:hashes.'SHA-1' = '{v}']",
    "sha256": "[file:hashes.'SHA-256' = '{v}']",
    "btc-address": "[x-crypto-address:value = '{v}' AND x-crypto-address:currency = 'btc']",
    "eth-address": "[x-crypto-address:value = '{v}' AND x-crypto-address:currency = 'eth']",
    "tx-hash": "[x-crypto-transaction:hash = '{v}']",
}


def _id(kind: str, *parts: Any) -> str:
    """A STIX id derived from content: a version-4-shaped UUID made from a SHA-256 of the parts
    (STIX asks SDOs for UUIDv4; deriving it keeps exports reproducible)."""
    digest = hashlib.sha256("|".join(str(p) for p in (NAMESPACE, kind, *parts)).encode()).digest()
    return f"{kind}--{uuid.UUID(bytes=digest[:16], version=4)}"


def _ts(value: str | date | datetime | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    text = str(value)
    try:
        if len(text) == 4:
            return datetime(int(text), 1, 1, tzinfo=UTC)
        if len(text) == 7:
            return datetime(int(text[:4]), int(text[5:7]), 1, tzinfo=UTC)
        return _ts(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


def _fidelity(iso: str | None) -> str | None:
    if not iso:
        return None
    return {4: "year", 7: "month"}.get(len(iso), "day")


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def _amount(x: float | None) -> float | None:
    if x is None:
        return None
    return round(float(x), 2)


def build_bundle(
    incidents: Iterable[IncidentView],
    *,
    tlp: str = "green",
    created: datetime | None = None,
    aliases: dict[str, list[str]] | None = None,
) -> stix2.Bundle:
    """A STIX 2.1 bundle of ``incidents``; ``aliases`` adds names per canonical actor."""
    marking = TLP[tlp.lower()]
    created = created or datetime.now(UTC).replace(microsecond=0)
    common = {"created": created, "modified": created, "object_marking_refs": [marking.id]}
    producer = stix2.Identity(
        id=_id("identity", "heistwatch"),
        name="heistwatch",
        identity_class="system",
        description="Crypto-heist ledger resolved from news reports",
        **common,
    )
    objects: dict[str, Any] = {producer.id: producer}
    authored = dict(common, created_by_ref=producer.id)
    objects.update(_extension_definitions(created, marking.id))

    def add(obj: Any) -> Any:
        objects.setdefault(obj["id"], obj)
        return obj

    for inc in incidents:
        inc_id = _id("incident", inc["id"])
        refs: list[dict[str, str]] = []
        seen_urls: set[str] = set()
        for doc in inc.get("documents") or []:
            url = doc.get("url")
            if url and url not in seen_urls:
                seen_urls.add(url)
                refs.append(
                    {
                        "source_name": doc.get("publisher") or "source",
                        "url": url,
                        "description": doc.get("title") or str(doc.get("id")),
                    }
                )
        refs.append({"source_name": "heistwatch", "external_id": str(inc["id"])})

        victim = add(
            stix2.Identity(
                id=_id("identity", "victim", inc["victim"].lower()),
                name=inc["victim"],
                identity_class="organization",
                sectors=["financial-services"],
                **authored,
            )
        )

        impact_ids: list[str] = []
        consensus = inc.get("loss_usd") or {}
        if consensus.get("value") is not None:
            low = consensus.get("low") if consensus.get("low") is not None else consensus["value"]
            high = consensus.get("high") if consensus.get("high") is not None else consensus["value"]
            impact = _impact(
                _id("impact", inc["id"], "consensus"),
                authored,
                description=f"Consensus loss of {inc['victim']} across {inc.get('n_sources', 0)} sources",
                monetary={"variety": "theft", "currency": "usd", "min_amount": _amount(low), "max_amount": _amount(high)},
                start=inc.get("date_start") or inc.get("date"),
                fidelity=_fidelity(inc.get("date")),
                impacted=[victim["id"]],
            )
            add(impact)
            impact_ids.append(impact["id"])
        for loss in inc.get("losses") or []:
            impact = _loss_impact(inc, loss, authored, victim["id"])
            if impact is not None:
                add(impact)
                impact_ids.append(impact["id"])
        for loss in inc.get("recovered") or []:
            impact = _loss_impact(inc, loss, authored, victim["id"], variety="recovered")
            if impact is not None:
                add(impact)
                impact_ids.append(impact["id"])

        ext: dict[str, Any] = {
            "extension_type": "property-extension",
            "determination": "successful-attempt",
            "investigation_status": "open",
            "incident_types": [inc.get("type") or "other"],
        }
        if impact_ids:
            ext["impact_refs"] = impact_ids
        description = _incident_description(inc)
        incident = add(
            stix2.Incident(
                id=inc_id,
                name=f"{inc['victim']} {inc.get('type') or 'incident'} {inc.get('date') or ''}".strip(),
                description=description,
                external_references=refs,
                extensions={INCIDENT_CORE_EXT: ext},
                allow_custom=True,
                **authored,
            )
        )
        add(_related_to(inc["id"], "targets", incident["id"], victim["id"], authored,
                        description=f"{inc['victim']} is the victim"))

        for att in row_attributions(inc):
            actor = add(_actor(att, authored, aliases or {}))
            score = confidence_score(att.get("confidence"), att.get("confidence_score"))
            rel = dict(
                id=_id("relationship", inc["id"], "attributed-to", actor["id"]),
                relationship_type="attributed-to",
                source_ref=incident["id"],
                target_ref=actor["id"],
                description=f"heistwatch aggregated confidence: {att.get('confidence') or 'unknown'}",
                **authored,
            )
            if score is not None:
                rel["confidence"] = score
            add(stix2.Relationship(**rel))
            for claim in att.get("claims") or []:
                claimant_name = claim.get("claimant") or claim.get("publisher") or "unnamed source"
                claimant = add(
                    stix2.Identity(
                        id=_id("identity", "claimant", claimant_name.lower()),
                        name=claimant_name,
                        identity_class="unknown" if "anonymous" in claimant_name.lower() else "organization",
                        **authored,
                    )
                )
                claim_refs = [
                    {"source_name": claim.get("publisher") or "source", "url": claim["url"],
                     "description": (claim.get("sentence") or "")[:500] or "source"}
                ] if claim.get("url") else None
                cscore = confidence_score(claim.get("probability"))
                crel = dict(
                    id=_id("relationship", inc["id"], actor["id"], claimant["id"], claim.get("document_id"),
                           claim.get("stance"), claim.get("hedge")),
                    relationship_type="attributed-to",
                    source_ref=incident["id"],
                    target_ref=actor["id"],
                    description=(
                        f"{claimant_name}: {claim.get('stance') or 'claimed'}"
                        + (f" ({claim['hedge']})" if claim.get("hedge") else "")
                        + (f" - {claim['sentence']}" if claim.get("sentence") else "")
                    )[:2000],
                    created_by_ref=claimant["id"],
                    created=common["created"],
                    modified=common["modified"],
                    object_marking_refs=common["object_marking_refs"],
                )
                if claim.get("stance") == "denied":
                    crel["confidence"] = 0
                elif cscore is not None:
                    crel["confidence"] = cscore
                if claim_refs:
                    crel["external_references"] = claim_refs
                add(stix2.Relationship(**crel))

        for tech in inc.get("techniques") or []:
            attack_id = tech["attack_id"]
            base = attack_id.split(".")[0]
            url = f"https://attack.mitre.org/techniques/{base}/" + (
                f"{attack_id.split('.', 1)[1]}/" if "." in attack_id else ""
            )
            ap = add(
                stix2.AttackPattern(
                    id=_id("attack-pattern", attack_id),
                    name=tech.get("name") or attack_id,
                    external_references=[{"source_name": "mitre-attack", "external_id": attack_id, "url": url}],
                    **authored,
                )
            )
            add(_related_to(inc["id"], "technique", incident["id"], ap["id"], authored,
                            description=f"technique reported: {tech.get('name') or attack_id}"))

        for ioc in inc.get("indicators") or []:
            template = PATTERNS.get(ioc.get("type", ""))
            if template is None:
                continue
            ind = add(
                stix2.Indicator(
                    id=_id("indicator", ioc["type"], ioc["value"]),
                    name=f"{ioc['type']} {ioc['value']}",
                    pattern=template.format(v=_quote(ioc["value"])),
                    pattern_type="stix",
                    valid_from=_ts(inc.get("date_start") or inc.get("date")) or created,
                    indicator_types=["attribution"] if inc.get("attributions") else ["unknown"],
                    description=f"{'checksum verified' if ioc.get('valid', True) else 'checksum NOT verified'}; "
                    f"reported for {inc['victim']}",
                    **authored,
                )
            )
            add(_related_to(inc["id"], "indicator", incident["id"], ind["id"], authored, other_is_source=True))

    ordered = [marking] + [objects[k] for k in sorted(objects)]
    bundle_id = _id("bundle", *sorted(k for k in objects))
    return stix2.Bundle(objects=ordered, id=bundle_id, allow_custom=True)


def _related_to(incident_key: str, tag: str, incident_ref: str, other_ref: str, authored: dict[str, Any],
                description: str | None = None, *, other_is_source: bool = False) -> Any:
    """A ``related-to`` relationship between an incident and another object (victim, technique,
    indicator); its id is derived from the incident, ``tag`` and the other object."""
    source, target = (other_ref, incident_ref) if other_is_source else (incident_ref, other_ref)
    extra = {"description": description} if description is not None else {}
    return stix2.Relationship(id=_id("relationship", incident_key, tag, other_ref), relationship_type="related-to",
                              source_ref=source, target_ref=target, **extra, **authored)


def _incident_description(inc: IncidentView) -> str:
    parts = [f"{inc['victim']}: {inc.get('type') or 'incident'}"]
    if inc.get("date"):
        parts.append(f"on {inc['date']}")
    loss = inc.get("loss_usd") or {}
    if loss.get("value") is not None:
        parts.append(f"consensus loss USD {loss['value']:,.0f}")
        if loss.get("low") is not None and loss.get("high") is not None:
            parts.append(f"(range {loss['low']:,.0f} to {loss['high']:,.0f})")
    parts.append(f"reported by {inc.get('n_sources', len(inc.get('documents') or []))} sources.")
    for c in inc.get("conflicts") or []:
        parts.append(f"Conflict on {c.get('field')}: {c.get('explanation')}.")
    return " ".join(parts)


def _impact(
    impact_id: str,
    authored: dict[str, Any],
    *,
    description: str,
    monetary: dict[str, Any],
    start: str | None,
    fidelity: str | None,
    impacted: list[str],
) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "type": "impact",
        "spec_version": "2.1",
        "id": impact_id,
        "created": _fmt_ts(authored["created"]),
        "modified": _fmt_ts(authored["modified"]),
        "created_by_ref": authored["created_by_ref"],
        "object_marking_refs": authored["object_marking_refs"],
        "impact_category": "monetary-ext",
        "description": description,
        "impacted_refs": impacted,
        "extensions": {IMPACT_EXT: {"extension_type": "new-sdo"}, "monetary-ext": monetary},
    }
    ts = _ts(start)
    if ts is not None:
        obj["start_time"] = _fmt_ts(ts)
        if fidelity:
            obj["start_time_fidelity"] = fidelity
    return obj


def _loss_impact(
    inc: IncidentView, loss: dict[str, Any], authored: dict[str, Any], victim_id: str, variety: str = "theft"
) -> dict[str, Any] | None:
    amount = loss.get("amount")
    unit = (loss.get("unit") or "").lower()
    if amount is None or not unit:
        return None
    low = loss.get("low") if loss.get("low") is not None else amount
    high = loss.get("high") if loss.get("high") is not None else amount
    source = loss.get("publisher") or loss.get("document_title") or loss.get("document_id")
    desc = f"{loss.get('surface') or amount} as reported by {source}"
    if loss.get("sentence"):
        desc += f": {loss['sentence']}"
    usd = loss.get("usd")
    if unit == "usd":
        monetary = {"variety": variety, "currency": "usd", "min_amount": _amount(low), "max_amount": _amount(high)}
    elif usd is not None and float(usd) > 0:
        rate = float(amount) / float(usd)  # original units per USD
        usd_low = loss.get("usd_low") if loss.get("usd_low") is not None else float(low) / rate
        usd_high = loss.get("usd_high") if loss.get("usd_high") is not None else float(high) / rate
        monetary = {
            "variety": variety,
            "currency": "usd",
            "min_amount": _amount(usd_low),
            "max_amount": _amount(usd_high),
            "currency_actual": unit,
            "conversion_rate": rate,
            "conversion_time": _fmt_ts(
                _ts(loss.get("rate_date") or inc.get("date_start") or inc.get("date")) or authored["created"]
            ),
        }
    else:  # no price known: the native amount stays, in its own unit
        monetary = {"variety": variety, "currency": unit, "min_amount": _amount(low), "max_amount": _amount(high)}
    return _impact(
        _id("impact", inc["id"], variety, loss.get("claim_id"), loss.get("document_id"), amount, unit),
        authored,
        description=desc[:2000],
        monetary=monetary,
        start=inc.get("date_start") or inc.get("date"),
        fidelity=_fidelity(inc.get("date")),
        impacted=[victim_id],
    )


def _actor(att: dict[str, Any], authored: dict[str, Any], aliases: dict[str, list[str]]) -> Any:
    name = att["actor"]
    names = sorted({a for a in (att.get("aliases") or []) + aliases.get(name, []) if a and a != name})
    if att.get("kind") == "state" or name.lower() in STATE_ACTORS:
        return stix2.ThreatActor(
            id=_id("threat-actor", name.lower()),
            name=name,
            threat_actor_types=["nation-state"],
            aliases=names or None,
            **authored,
        )
    refs = None
    if att.get("attack_id"):
        refs = [{"source_name": "mitre-attack", "external_id": att["attack_id"],
                 "url": f"https://attack.mitre.org/groups/{att['attack_id']}/"}]
    return stix2.IntrusionSet(id=_id("intrusion-set", name.lower()), name=name, aliases=names or None,
                              external_references=refs, **authored)


def _fmt_ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _extension_definitions(created: datetime, marking_id: str) -> dict[str, Any]:
    oasis = stix2.Identity(
        id=OASIS_IDENTITY,
        name="OASIS CTI TC (Incident Core Extension authors)",
        identity_class="organization",
        created=created,
        modified=created,
        object_marking_refs=[marking_id],
    )
    defs = {oasis.id: oasis}
    for ext_id, name, schema, types in (
        (INCIDENT_CORE_EXT, "Incident Core Extension", "extension-definition--ef765651-680c-498d-9894-99799f2fa126.json",
         ["property-extension"]),
        (IMPACT_EXT, "Impact", "impact/extension-definition--7cc33dd6-f6a1-489b-98ea-522d351d71b9.json", ["new-sdo"]),
    ):
        defs[ext_id] = stix2.ExtensionDefinition(
            id=ext_id,
            created_by_ref=oasis.id,
            created=created,
            modified=created,
            name=name,
            description=f"OASIS {name} (STIX 2.1 extension), used for incidents and their monetary impact",
            schema=INCIDENT_CORE_SCHEMA + schema,
            version="1.0.0",
            extension_types=types,
            object_marking_refs=[marking_id],
        )
    return defs


def bundle_json(incidents: Iterable[IncidentView], **kwargs: Any) -> str:
    """The bundle as indented JSON with sorted keys (stdlib formatting: stix2's own pretty
    printer takes minutes on a bundle of 100,000 objects)."""
    compact = build_bundle(incidents, **kwargs).serialize()
    return json.dumps(json.loads(compact), indent=1, sort_keys=True, ensure_ascii=False)


def validate(bundle: str | dict[str, Any]) -> Any:
    """Run ``stix2-validator`` on a bundle; returns its results object (``.is_valid``, ``.errors``)."""
    from stix2validator import ValidationOptions, validate_instance

    data = json.loads(bundle) if isinstance(bundle, str) else bundle
    return validate_instance(data, ValidationOptions(version="2.1"))
