"""Resolver benchmark on synthetic claims (generated here, no corpus text).

Builds N documents' extractions (default 100,000) about a pool of victims with one to three
incidents each (dates at day, month and year precision, some undated; USD and crypto losses;
attributions with claimants; near-duplicate groups), then measures:

* the full resolve: wall time and peak memory (the process's maximum resident set size, and
  the growth over the generated input);
* adding 100 new documents incrementally to that ledger (and, as a check, that the incremental
  ledger's incidents for the touched blocks equal a full rebuild's when --verify is given).

Usage: .venv/bin/python bench/resolve_bench.py [--docs 100000] [--new 100] [--seed 7] [--verify]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta

from heistwatch.extract.model import (
    Attribution,
    Claim,
    ClaimKind,
    DateValue,
    Extraction,
    Granularity,
    IncidentMention,
    IncidentType,
    Money,
    Span,
    Stance,
)
from heistwatch.resolve import DocumentRecord, Ledger

TYPES = [IncidentType.EXCHANGE_HACK, IncidentType.DEFI_EXPLOIT, IncidentType.BRIDGE_HACK, IncidentType.WALLET_HACK,
         IncidentType.DATA_BREACH, IncidentType.PHISHING]
SYLLABLES = ["ka", "zo", "ri", "mex", "lun", "tra", "vex", "bit", "qua", "nor", "pel", "sty", "dra", "fin", "om"]
ACTORS = ["Lazarus Group", "North Korea", "APT38", "Kimsuky", "FIN7", "Scattered Spider"]
CLAIMANTS = ["the FBI", "the NIS", "Chainalysis", "Elliptic", None, "an anonymous source", "police"]
UNITS = [("BTC", 30000.0), ("ETH", 2000.0), ("XMR", 150.0)]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class World:
    def __init__(self, seed: int, victims: int) -> None:
        self.rng = random.Random(seed)
        self.incidents = []
        for v in range(victims):
            name = "".join(self.rng.choice(SYLLABLES) for _ in range(3)).capitalize() + f" {v}"
            t0 = date(2014, 1, 1) + timedelta(days=self.rng.randrange(0, 4000))
            for k in range(self.rng.choice((1, 1, 1, 2, 3))):
                when = t0 + timedelta(days=200 * k + self.rng.randrange(0, 30))
                loss = round(self.rng.lognormvariate(16, 1.5), -3)
                self.incidents.append((name, self.rng.choice(TYPES), when, loss, self.rng.choice(ACTORS)))

    def document(self, n: int) -> DocumentRecord:
        rng = self.rng
        picks = [rng.choice(self.incidents) for _ in range(rng.choice((1, 1, 1, 2)))]
        parts, mentions, claims = [], [], []
        pos = 0
        for i, (victim, itype, when, loss, actor) in enumerate(picks):
            g = rng.random()
            if g < 0.5:
                dv, dtext = DateValue(when, when, Granularity.DAY), when.strftime("%B %d, %Y")
            elif g < 0.75:
                first = when.replace(day=1)
                last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                dv, dtext = DateValue(first, last, Granularity.MONTH), when.strftime("%B %Y")
            elif g < 0.85:
                dv, dtext = DateValue(date(when.year, 1, 1), date(when.year, 12, 31), Granularity.YEAR), str(when.year)
            else:
                dv, dtext = None, "recently"
            figure = loss * rng.uniform(0.95, 1.05)
            sentence = f"{victim} lost ${figure / 1e6:.1f} million {('on ' + dtext) if dv else dtext}. "
            if rng.random() < 0.3:
                unit, price = rng.choice(UNITS)
                sentence += f"The thieves took {figure / price:.2f} {unit}. "
            if rng.random() < 0.4:
                sentence += f"{rng.choice(CLAIMANTS) or 'Reporters'} said {actor} may be behind it. "
            start = pos
            text_part = sentence
            mentions.append(IncidentMention(i, victim, itype, i == 0, dv, Span(start, start + len(victim))))
            s_span = Span(start, start + len(text_part))
            money_at = text_part.index("$")
            claims.append(Claim(ClaimKind.LOSS, Money(round(figure, 2), "USD"), Span(start + money_at, start + money_at + 6),
                                s_span, i))
            if dv:
                d_at = text_part.index(dtext)
                claims.append(Claim(ClaimKind.DATE, dv, Span(start + d_at, start + d_at + len(dtext)), s_span, i))
            if "The thieves took" in text_part:
                at = text_part.index("The thieves took") + 17
                amount, unit = text_part[at:].split(" ")[0], text_part[at:].split(" ")[1].rstrip(".")
                claims.append(Claim(ClaimKind.LOSS, Money(float(amount), unit), Span(start + at, start + at + len(amount)), s_span, i))
            if " may be behind it" in text_part:
                at = text_part.index(actor + " may")
                claimant = text_part.split(" said ")[0].split(". ")[-1]
                claims.append(Claim(ClaimKind.ACTOR, Attribution(actor, Stance.SUSPECTED, hedge="may be",
                                                                  claimant=None if claimant == "Reporters" else claimant),
                                    Span(start + at, start + at + len(actor)), s_span, i))
            parts.append(text_part)
            pos += len(text_part)
        text = "".join(parts)
        group = f"g{n // 3}" if rng.random() < 0.2 else None
        return DocumentRecord(key=f"syn-{n:06d}", extraction=Extraction(True, mentions, claims, "synthetic"), text=text,
                              publisher=f"outlet-{rng.randrange(300)}", published=picks[0][2] + timedelta(days=rng.randrange(1, 400)),
                              dup_group=group)


class FixedValuer:
    """Crypto at a fixed price (the benchmark measures the resolver, not price lookups)."""

    def usd(self, amount: float, unit: str, on: date):
        from heistwatch.value.quote import Quote

        price = dict(UNITS).get(unit, 1.0 if unit == "USD" else None)
        if price is None:
            return None
        return Quote(amount * price, price, on, "memory", unit, amount, on)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--new", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--verify", action="store_true", help="also check incremental == full rebuild (slow)")
    a = ap.parse_args()
    world = World(a.seed, victims=max(a.docs // 5, 10))
    t = time.perf_counter()
    docs = [world.document(n) for n in range(a.docs)]
    gen_s = time.perf_counter() - t
    mentions = sum(len(d.extraction.incidents) for d in docs)
    claims = sum(len(d.extraction.claims) for d in docs)
    base = rss_mb()
    print(f"generated {a.docs:,} documents, {mentions:,} mentions, {claims:,} claims in {gen_s:.1f} s "
          f"(peak RSS so far {base:.0f} MB)")
    valuer = FixedValuer()
    t = time.perf_counter()
    ledger = Ledger.build(docs, valuer=valuer)
    full_s = time.perf_counter() - t
    peak = rss_mb()
    print(f"full resolve: {full_s:.1f} s, {len(ledger.incidents):,} incidents, "
          f"{a.docs / full_s:,.0f} documents/s; peak RSS {peak:.0f} MB (+{peak - base:.0f} MB over the input)")
    new = [world.document(a.docs + n) for n in range(a.new)]
    t = time.perf_counter()
    result = ledger.update(new)
    inc_s = time.perf_counter() - t
    print(f"incremental: {a.new} new documents in {inc_s * 1000:.0f} ms ({result.blocks} blocks redone, "
          f"{len(result.added)} incidents added, {len(result.changed)} changed, {len(result.removed)} removed)")
    if a.verify:
        t = time.perf_counter()
        full = Ledger.build(docs + new, valuer=valuer)
        same = {k: v.to_dict() for k, v in full.incidents.items()} == {k: v.to_dict() for k, v in ledger.incidents.items()}
        print(f"verify: incremental == full rebuild: {same} ({time.perf_counter() - t:.1f} s)")
        if not same:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
