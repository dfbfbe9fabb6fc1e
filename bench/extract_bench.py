"""Extraction throughput on one core: documents/s, MB/s, peak memory, and memory at 1x vs 4x.

The corpus is synthesised from template sentences written for this benchmark (victims, amounts,
dates and attributions drawn with a fixed seed), streamed document by document so that the
corpus itself never sits in memory. ``--dev`` also runs the dev corpus texts from ../shared
(read here only; never copied). Runs ``heistwatch.extract.extract_document``; when the pipeline
is still the scaffold (no claims at all), or with ``--primitives``, it runs split_sentences +
find_amounts + find_dates instead.

    .venv/bin/python bench/extract_bench.py [--mb 10] [--dev] [--primitives] [--no-scale] [--stages]

Compiling the extractor with mypyc was measured and not adopted (2026-11-25, mypy 2.4.1, -O3,
extract/*.py but __init__/evalformat, and reference/*.py; --mb 10, CPU time, 3 alternating runs):
221/209/218 docs/s compiled vs 190/182/196 pure, 1.14x on average, identical output (snapshot: 0
of 771 documents differ). Under `perf`, the pure extractor spends ~30% of its CPU in the regex
engine (sre_*) and ~15% in str methods (find, lower, isalpha, in), which compiling cannot speed up;
the bytecode interpreter itself is ~25%, so even a perfect compile would stay under ~1.4x.

Where the regex time goes (2026-11-25, session perf5; each compiled pattern's calls timed through a proxy over
321 synthetic docs after a warm-up): ~1770 pattern calls per document, no pattern above ~3% of the whole; the
largest are the dates scanner's dispatched matches (73 calls/doc, 93% find nothing; the key "the" alone selects
11 alternatives), the number-word core (one whole-text scan), the platform key trie, the victim patterns. What
was tried:
- Twins in first-character form also when an alternative opens with an assertion ("\\b(?:no\\s+funds|\\bden...)"):
  kept; the no-loss scan 116 -> 33 us/doc, the whole ~1.5% (medians of 3 alternating --mb 4 runs on a loaded
  machine: synthetic 211.6 -> 216.6, dev 277.0 -> 283.6 docs/s).
- Required-literal prefilters computed from each pattern's parse tree (an AND/OR of strings every match holds,
  RE2-style), tested with str.find on the lowered window before the pattern: exact (no call it rejected ever
  matched), but not paying: the patterns that still cost most are already gated per sentence by earlier work,
  and on heist news their words co-occur (the no-loss pattern's query passed on 99.7% of calls); testing a
  query of ~30 strings costs more than sre's scan of a sentence (the gates cost ~8 ms/doc in all: more than all
  the regex time, ~2 ms/doc).
- One hyperscan pass per document (hyperscan 0.9.1 wheel, HS_FLAG_PREFILTER|UTF8|UCP|SINGLEMATCH; 953 of the
  962 patterns compile once Python syntax is translated, the rest refuse "\\u" in classes): all patterns in one
  database take 294 s to compile and 832 us/doc to scan (more than the regex time it could skip); the 30 costliest
  patterns only: 36 s to compile, 112 us/doc to scan, and would let ~0.5 ms/doc of regex calls be skipped in
  documents where the pattern cannot match. A net ~0.3 ms/doc at best, for a serialised database cache, a
  Python-to-PCRE translation and gates at every call site: not done.
- Platform key trie and technique keyword trie in first-character form: slower (137 vs 68 us/doc: their first
  characters are nearly every letter). Number-word core twin without groups in first-character form: ~10%.
Meanwhile main's quality work (3411c25..3274914: new victim patterns, platform and money rules) raised the stage
total from 4.58 to 5.33 ms/doc at the same load (plan_incidents 1.29 -> 1.66, the rest 1.72 -> 2.02); the two
costliest patterns are now the victim patterns built at victims.py's _p (35 and 48 calls/doc, ~90% find nothing).
Session perf6 (2026-11-25): the day's quality rules had taken acef439's 223 docs/s to 180 (d437c95; medians of 3
alternating --mb 4 CPU runs). Exact gates put back most of it: name-first victim patterns gated by their tail
(victims._p ``tail``, a folded twin of the words after the name), every victim trigger found by str.find again,
named groups and two person cues run only where a rare part of them occurs (actors), 'keep'/coin-name Needled
tests before two money/pipeline patterns: 191 docs/s on main (with other sessions' rules landed meanwhile;
stages 5.18 ms/doc: plan_incidents 1.57, the rest 2.02); each step 0 of 863 snapshot docs differ.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"

VICTIMS = ["Coincheck", "Bithumb", "Youbit", "Bitstamp", "Coinrail", "Upbit", "Zaif", "KuCoin", "Poloniex",
           "Harmony's Horizon bridge", "the Ronin bridge", "Atomic Wallet", "Orbit Chain", "WazirX", "Bybit",
           "a Tokyo-based exchange", "a small Seoul exchange", "the DeFi lender Euler Finance"]
ACTORS = ["the Lazarus Group", "North Korean hackers", "APT38", "Hidden Cobra", "an unknown attacker", "Andariel",
          "hackers linked to Pyongyang", "a lone thief"]
CLAIMANTS = ["the FBI", "South Korea's National Intelligence Service", "a security firm", "police", "an analyst",
             "the company", "people familiar with the matter"]
HEDGES = ["said it was", "believes it was likely", "said it may have been", "confirmed it was",
          "found no hard evidence that it was", "suspects"]
ASSETS = [("BTC", "bitcoins"), ("ETH", "ether"), ("XMR", "Monero coins"), ("XEM", "NEM tokens"), ("USDT", "Tether")]
FIAT = [("$", ""), ("US$", ""), ("¥", ""), ("", " won"), ("€", "")]
QUALS = ["", "", "more than ", "about ", "nearly ", "up to ", "some ", "an estimated "]
MAGS = ["million", "billion", "m", "bn", "thousand"]


def _money(r: random.Random) -> str:
    sym, word = r.choice(FIAT)
    n = r.choice([r.randint(1, 999), round(r.uniform(1, 99), 1)])
    mag = r.choice(MAGS)
    sep = "" if mag in ("m", "bn") else " "
    return f"{r.choice(QUALS)}{sym}{n}{sep}{mag}{word}"


def _crypto(r: random.Random) -> str:
    code, name = r.choice(ASSETS)
    return f"{r.choice(QUALS)}{r.randint(2, 99):,}{r.choice([',000', '', ',500'])} {r.choice([code, name])}"


def _date(r: random.Random, pub: date) -> str:
    d = pub - timedelta(days=r.randint(0, 700))
    forms = [d.strftime("%B %d, %Y"), d.strftime("%d %B %Y"), d.strftime("%b. %d"), d.isoformat(),
             f"in {d.strftime('%B')}", "last year", "on Monday", "yesterday", "over the weekend",
             f"mid-{d.year}", f"the summer of {d.year}", "two months later", f"early {d.year}", "on the 26th"]
    return r.choice(forms)


TEMPLATES: list[Callable[[random.Random, date], str]] = [
    lambda r, p: f"{r.choice(VICTIMS)} said hackers stole {_crypto(r)} ({_money(r)}) {_date(r, p)}.",
    lambda r, p: f"The attack on {r.choice(VICTIMS)} drained {_money(r)} from its hot wallet, {r.choice(CLAIMANTS)} said.",
    lambda r, p: f"{r.choice(CLAIMANTS).capitalize()} {r.choice(HEDGES)} {r.choice(ACTORS)} behind the theft.",
    lambda r, p: f"Withdrawals were halted {_date(r, p)} after {r.randint(2, 90)}% of its assets went missing.",
    lambda r, p: f"Personal data of more than {r.randint(1, 99)},{r.randint(100, 999)} users was leaked in {r.randint(2014, 2023)}.",
    lambda r, p: f"It was the biggest theft since Mt. Gox lost {_crypto(r)} in 2014, a loss of {_money(r)} at the time.",
    lambda r, p: f"The U.S. Treasury and Acme Inc. traced {_money(r)} of the funds; {_money(r)} was later frozen.",
    lambda r, p: f"Shares of listed crypto firms fell {round(r.uniform(1, 20), 1)} percent on the news {_date(r, p)}.",
    lambda r, p: f"North Korea stole tens of millions of dollars in cryptocurrency last year, {r.choice(CLAIMANTS)} said.",
    lambda r, p: f"The phishing e-mails reached staff at {r.choice(VICTIMS)} in {r.choice(['March', 'June', 'December'])}.",
    lambda r, p: "Trading volumes recovered slowly as customers waited for news from the exchange's management team.",
    lambda r, p: f"Analysts at the firm, which asked not to be named, said the stolen {r.choice(ASSETS)[1]} moved through mixers.",
]


# Background sentences without figures: news about heists is mostly these (about two thirds).
FILLER: list[Callable[[random.Random, date], str]] = [
    lambda r, p: f"{r.choice(VICTIMS).capitalize()} said it had suspended deposits and withdrawals while it investigated.",
    lambda r, p: "Security researchers said the attackers had spent weeks inside the network before moving any funds.",
    lambda r, p: f"A spokesperson for {r.choice(VICTIMS)} declined to comment on the details of the breach.",
    lambda r, p: "Regulators have asked exchanges to keep most customer assets in offline cold storage.",
    lambda r, p: "The company promised to compensate affected customers and to review its internal controls.",
    lambda r, p: f"{r.choice(CLAIMANTS).capitalize()} said the investigation was continuing and more details would follow.",
    lambda r, p: "Blockchain analysts tracked the stolen coins as they were split across hundreds of new addresses.",
    lambda r, p: "The incident renewed calls for stricter licensing of trading platforms and custody providers.",
    lambda r, p: "Several users complained on social media that they could not reach customer support for hours.",
    lambda r, p: "Experts warned that phishing e-mails aimed at employees remain the most common way in.",
    lambda r, p: f"The theft is one of several that investigators have linked to {r.choice(ACTORS)} in recent years.",
    lambda r, p: "Prices of the affected tokens fell sharply on several exchanges after the news broke.",
    lambda r, p: "The firm said it had hired outside specialists to audit its wallets and smart contracts.",
    lambda r, p: "Lawmakers said they would summon the company's executives to explain what went wrong.",
]


def synth_documents(total_bytes: int, seed: int = 7) -> Iterator[tuple[str, date]]:
    """News-length documents (2-5 KB) until ``total_bytes`` of text have been produced."""
    r = random.Random(seed)
    made = 0
    while made < total_bytes:
        pub = date(2014, 1, 1) + timedelta(days=r.randint(0, 3650))
        n = r.randint(20, 52)
        paras = []
        for _ in range(max(1, n // 4)):
            paras.append(" ".join(r.choice(FILLER if r.random() < 0.65 else TEMPLATES)(r, pub) for _ in range(4)))
        text = f"{r.choice(VICTIMS).capitalize()} hit by {_money(r)} theft\n\n" + "\n\n".join(paras)
        made += len(text.encode("utf-8"))
        yield text, pub


def dev_documents() -> Iterator[tuple[str, date | None]]:
    for f in sorted(DEV.glob("*.json")):
        doc = json.loads(f.read_text("utf-8"))
        pub = date.fromisoformat(doc["published"]) if doc.get("published") else None
        yield doc.get("text") or "", pub


def choose_runner(force_primitives: bool) -> tuple[str, Callable[[str, date | None], int]]:
    from heistwatch.extract import extract_document
    from heistwatch.extract.dates import find_dates
    from heistwatch.extract.money import find_amounts
    from heistwatch.extract.text import split_sentences

    def primitives(text: str, pub: date | None) -> int:
        return len(split_sentences(text)) + len(find_amounts(text)) + len(find_dates(text, pub))

    def full(text: str, pub: date | None) -> int:
        return len(extract_document(text, published=pub).claims)

    if force_primitives:
        return "primitives (split_sentences + find_amounts + find_dates)", primitives
    probe = "Hackers stole $534 million from Coincheck, the Tokyo-based exchange, on January 26, 2018."
    if full(probe, date(2018, 1, 28)) == 0:
        return "primitives (the pipeline is still the scaffold)", primitives
    return "extract_document (full pipeline)", full


def run(docs: Iterator[tuple[str, date | None]], fn: Callable[[str, date | None], int]) -> tuple[int, int, int, float, float]:
    """(documents, bytes, items, CPU seconds, wall seconds). Rates use CPU time: the machine may be shared."""
    n = size = items = 0
    w0, c0 = time.perf_counter(), time.process_time()
    for text, pub in docs:
        items += fn(text, pub)
        n += 1
        size += len(text.encode("utf-8"))
    return n, size, items, time.process_time() - c0, time.perf_counter() - w0


def print_stages(docs: list[tuple[str, date | None]]) -> None:
    """CPU time per document of each stage run on its own (the rest is linking claims in the pipeline)."""
    from heistwatch.extract import extract_document, incidents, pipeline
    from heistwatch.extract.text import split_sentences

    def cpu(fn: Callable[[], object]) -> float:
        t0 = time.process_time()
        fn()
        return (time.process_time() - t0) / len(docs) * 1000

    sentences = [pipeline._sentences(t) for t, _ in docs]
    total = cpu(lambda: [extract_document(t, published=p) for t, p in docs])
    stages: list[tuple[str, Callable[[], object]]] = [
        ("split_sentences", lambda: [split_sentences(t) for t, _ in docs]),
        ("find_amounts", lambda: [pipeline.find_amounts(t) for t, _ in docs]),
        ("find_dates", lambda: [pipeline.find_dates(t, p) for t, p in docs]),
        ("plan_incidents", lambda: [incidents.plan_incidents(t, s) for (t, _), s in zip(docs, sentences)]),
        ("find_actors", lambda: [pipeline.find_actors(t) for t, _ in docs]),
        ("find_techniques", lambda: [pipeline.find_techniques(t) for t, _ in docs]),
        ("find_indicators", lambda: [pipeline.find_indicators(t) for t, _ in docs]),
    ]
    print(f"stages on {len(docs)} synthetic documents: {total:.2f} ms/doc in all")
    rest = total
    for name, fn in stages:
        ms = cpu(fn)
        rest -= ms
        print(f"  {name:16s} {ms:6.3f} ms/doc  {ms / total * 100:5.1f}%")
    print(f"  {'the rest':16s} {rest:6.3f} ms/doc  {rest / total * 100:5.1f}%  (linking, attributions, episodes)")


def maxrss_mb() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return ru / 1024 if sys.platform != "darwin" else ru / 1024 / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="MB of synthetic text for the throughput run (default 10)")
    ap.add_argument("--dev", action="store_true", help="also run the dev corpus texts from ../shared")
    ap.add_argument("--primitives", action="store_true", help="run only the primitives, not extract_document")
    ap.add_argument("--no-scale", action="store_true", help="skip the 1x vs 4x memory run")
    ap.add_argument("--stages", action="store_true",
                    help="also print the CPU time of each stage of extraction per document (on 1 MB of synthetic text)")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    label, fn = choose_runner(args.primitives)
    print(f"runner: {label}", flush=True)
    fn("Warm-up: $1 million on January 1, 2020.", None)  # compile regexes outside the timing

    total = int(args.mb * 1_000_000)
    n, size, items, secs, wall = run(synth_documents(total), fn)
    print(f"synthetic  {n:6d} docs  {size / 1e6:7.2f} MB  {secs:7.2f} s CPU ({wall:.2f} s wall)  {n / secs:8.1f} docs/s  "
          f"{size / 1e6 / secs:6.2f} MB/s  avg {size / n / 1000:.1f} KB/doc  ({items} items)")
    print(f"peak RSS after the run: {maxrss_mb():.1f} MB")

    if args.dev:
        if DEV.exists():
            docs = list(dev_documents())
            reps = max(1, int(2_000_000 // max(1, sum(len(t) for t, _ in docs))))
            n, size, items, secs, wall = run((d for _ in range(reps) for d in docs), fn)
            print(f"dev x{reps:<3d} {n:6d} docs  {size / 1e6:7.2f} MB  {secs:7.2f} s CPU ({wall:.2f} s wall)  {n / secs:8.1f} docs/s  "
                  f"{size / 1e6 / secs:6.2f} MB/s  avg {size / n / 1000:.1f} KB/doc")
        else:
            print(f"dev corpus not found at {DEV}")

    if args.stages:
        print_stages(list(synth_documents(1_000_000, seed=17)))

    # Peak Python heap per document (tracemalloc) on a sample.
    gc.collect()
    tracemalloc.start()
    worst = 0
    for text, pub in synth_documents(300_000, seed=11):
        tracemalloc.reset_peak()
        fn(text, pub)
        worst = max(worst, tracemalloc.get_traced_memory()[1])
    tracemalloc.stop()
    print(f"peak traced heap while extracting one document: {worst / 1e6:.2f} MB")

    if not args.no_scale:
        # Memory as the corpus grows: traced heap peak over a 1x and a 4x stream.
        for factor in (1, 4):
            gc.collect()
            tracemalloc.start()
            n, size, _, secs, _ = run(synth_documents(int(1_000_000 * factor), seed=13), fn)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"memory {factor}x corpus ({size / 1e6:5.2f} MB, {n} docs): peak traced heap {peak / 1e6:6.2f} MB, "
                  f"peak RSS {maxrss_mb():.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
