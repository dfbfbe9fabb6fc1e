"""Check heistwatch's reference tables against MITRE ATT&CK and the MISP threat-actor galaxy.

1. Every technique in ``reference/data/attack_techniques.json``: the id exists in ATT&CK
   Enterprise, is neither revoked nor deprecated, and its name is ATT&CK's name; a sub-technique's
   parent exists. Failures make the exit status non-zero.
2. Every threat actor in ``reference/data/actors.*`` (through ``heistwatch.reference.actors``):
   its ATT&CK group id is a live intrusion set whose name or aliases include the actor; each alias
   is listed with the sources that confirm it (ATT&CK: aliases of the actor's group; MISP:
   synonyms of the galaxy entry for the actor). Conflicts between the taxonomies are reported,
   not failed: ATT&CK keeps APT38/BlueNoroff and Andariel apart from Lazarus Group, MISP lumps
   them into it; an alias another source gives to a different actor is shown with that actor.

    .venv/bin/python bench/reference_check.py [--data ../shared/data] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from heistwatch.reference.attack import techniques


def fold(s: str) -> str:
    return re.sub(r"[\s\-_.']+", "", s.casefold())


def load_attack(path: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    objs = json.loads(path.read_text("utf-8"))["objects"]
    patterns = {o["external_id"]: o for o in objs if o["type"] == "attack-pattern"}
    groups = {o["external_id"]: o for o in objs if o["type"] == "intrusion-set"}
    return patterns, groups


def check_techniques(patterns: dict[str, dict]) -> int:
    print("== ATT&CK techniques (reference/data/attack_techniques.json)")
    failures = 0
    for t in techniques():
        o = patterns.get(t.id)
        problems = []
        if o is None:
            problems.append("not in ATT&CK Enterprise")
        else:
            if o.get("revoked") or o.get("deprecated"):
                problems.append("revoked" if o.get("revoked") else "deprecated")
            if o["name"] != t.name:
                problems.append(f"ATT&CK names it {o['name']!r}")
            if t.parent and t.parent not in patterns:
                problems.append(f"parent {t.parent} not in ATT&CK")
            if bool(o.get("is_subtechnique")) != bool(t.parent):
                problems.append("sub-technique flag differs")
        failures += bool(problems)
        tactics = ",".join(o.get("tactics", [])) if o else ""
        print(f"  {t.id:10s} {t.name:36s} {'OK' if not problems else 'FAIL: ' + '; '.join(problems)}"
              f"{'  [' + tactics + ']' if tactics else ''}")
    print(f"  {len(techniques()) - failures}/{len(techniques())} techniques confirmed")
    return failures


def check_actors(groups: dict[str, dict], misp_path: Path, verbose: bool) -> int:
    print("\n== Threat actors (reference/data/actors.*)")
    try:
        from heistwatch.reference.actors import actors as load_actors
    except ImportError:
        print("  heistwatch.reference.actors not available yet: skipped")
        return 0
    ours = load_actors()
    misp = json.loads(misp_path.read_text("utf-8"))["values"]
    misp_by_name: dict[str, dict] = {}
    misp_alias_owner: dict[str, set[str]] = defaultdict(set)
    for v in misp:
        syn = [v["value"], *v.get("meta", {}).get("synonyms", [])]
        for s in syn:
            misp_alias_owner[fold(s)].add(v["value"])
        misp_by_name.setdefault(fold(v["value"]), v)
    attack_alias_owner: dict[str, set[str]] = defaultdict(set)
    for gid, g in groups.items():
        if g.get("revoked") or g.get("deprecated"):
            continue
        for a in [g["name"], *g.get("aliases", [])]:
            attack_alias_owner[fold(a)].add(f"{gid} {g['name']}")
    our_alias_owner: dict[str, str] = {}
    for a in ours.values():
        for al in a.aliases:
            our_alias_owner.setdefault(fold(al), a.name)

    failures = 0
    confirmed = {"ATT&CK": 0, "MISP": 0, "both": 0, "neither": 0}
    conflicts: list[str] = []
    for a in sorted(ours.values(), key=lambda x: x.name):
        g = groups.get(a.attack_id) if a.attack_id else None
        status = ""
        if a.attack_id:
            if g is None:
                status, failures = f"FAIL: {a.attack_id} not in ATT&CK", failures + 1
            elif g.get("revoked") or g.get("deprecated"):
                status, failures = f"FAIL: {a.attack_id} is revoked/deprecated", failures + 1
            elif fold(a.name) not in {fold(x) for x in [g["name"], *g.get("aliases", [])]}:
                status = f"note: ATT&CK {a.attack_id} is named {g['name']!r}"
            else:
                status = f"{a.attack_id} OK"
        else:
            owners = attack_alias_owner.get(fold(a.name))
            status = f"no ATT&CK id (ATT&CK has it under {', '.join(sorted(owners))})" if owners else "no ATT&CK id"
        m = misp_by_name.get(fold(a.name))
        if m is None:
            for al in a.aliases:
                m = misp_by_name.get(fold(al))
                if m:
                    break
        mname = m["value"] if m else None
        print(f"  {a.name} [{a.country or '-'}]: {status}; MISP entry: {mname or 'none'}"
              + (f"; MISP lists it under {', '.join(sorted(misp_alias_owner[fold(a.name)]))}"
                 if not m and misp_alias_owner.get(fold(a.name)) else ""))
        g_aliases = {fold(x) for x in ([g["name"], *g.get("aliases", [])] if g else [])}
        m_aliases = {fold(x) for x in ([m["value"], *m.get("meta", {}).get("synonyms", [])] if m else [])}
        for al in a.aliases:
            f = fold(al)
            src = [s for s, ok in (("ATT&CK", f in g_aliases), ("MISP", f in m_aliases)) if ok]
            key = "both" if len(src) == 2 else (src[0] if src else "neither")
            confirmed[key] += 1
            elsewhere = []
            for owner in sorted(attack_alias_owner.get(f, ())):
                if not g or not owner.startswith(a.attack_id or "?"):
                    elsewhere.append(f"ATT&CK {owner}")
            for owner in sorted(misp_alias_owner.get(f, ())):
                if not m or owner != m["value"]:
                    elsewhere.append(f"MISP {owner}")
            if elsewhere:
                conflicts.append(f"{al!r}: ours -> {a.name}; " + ", ".join(elsewhere))
            if verbose or elsewhere:
                print(f"      {al:38s} confirmed by: {', '.join(src) or '-'}"
                      + (f"   (also: {', '.join(elsewhere)})" if elsewhere else ""))
        # MISP lumping: synonyms of this actor's MISP entry that we keep as a different actor
        if m:
            lumped = sorted({our_alias_owner[fold(s)] for s in m.get("meta", {}).get("synonyms", [])
                             if fold(s) in our_alias_owner and our_alias_owner[fold(s)] != a.name})
            if lumped:
                conflicts.append(f"MISP {m['value']!r} lumps in actors we keep apart: {', '.join(lumped)}")
    total = sum(confirmed.values())
    print(f"\n  aliases: {total}; confirmed by both {confirmed['both']}, ATT&CK only {confirmed['ATT&CK']}, "
          f"MISP only {confirmed['MISP']}, neither {confirmed['neither']}")
    print(f"\n== Conflicts between taxonomies ({len(conflicts)}; reported, not failed)")
    for c in conflicts:
        print("  -", c)
    return failures


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    ap.add_argument("--verbose", action="store_true", help="list every alias, not only those in conflict")
    args = ap.parse_args()
    data = Path(args.data)
    patterns, groups = load_attack(data / "mitre-attack" / "enterprise-attack-trimmed.json")
    failures = check_techniques(patterns)
    failures += check_actors(groups, data / "misp-threat-actor" / "threat-actor.json", args.verbose)
    print("\nresult:", "OK" if not failures else f"{failures} FAILURES")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
