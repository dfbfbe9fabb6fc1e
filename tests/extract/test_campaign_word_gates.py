"""The literal gates in front of the campaign patterns: a text is scanned for a campaign cue (or a sentence for
the machine a campaign took over) only when it holds one of the cue's words, so every way a cue can match must
hold one of them, or a campaign would be missed."""

from __future__ import annotations

import pytest

from heistwatch.extract.incidents import (
    _CAMPAIGN_WORDS,
    _MACHINE_WORDS,
    _OWNER_FIRST,
    _TARGET_OF,
    CAMPAIGN_CUES,
    _holds_any,
)
from heistwatch.extract.pipeline import run

# phrases written for this test, one or more for each alternative of each cue, in mixed case
CUE_PHRASES = {
    "cryptojacking campaign": ["a Cryptojacking wave", "crypto-jacking", "the CoinMiner tool", "crypto-miners",
                               "mining scripts on the site", "mined Monero for months", "mining a little XMR",
                               "mine cryptocurrency quietly", "XMR-mining bots", "Monero mining"],
    "ransomware campaign": ["the RANSOMWARE note"],
    "fake job campaign": ["fake recruiters", "Fake interviews", "fake hiring posts", "a job offer", "Job offers"],
    "phishing campaign": ["Phishing e-mails", "spear-phishing", "spearphishing"],
    "malware campaign": ["a Clipper", "clipboard hijackers", "infostealers", "an info-stealer", "the drainer kit",
                         "Trojans", "a stealer", "MALWARE"],
}


@pytest.mark.parametrize("label, rx", CAMPAIGN_CUES, ids=[label for label, _ in CAMPAIGN_CUES])
def test_every_phrasing_of_a_campaign_cue_passes_its_gate(label: str, rx) -> None:
    for phrase in CUE_PHRASES[label]:
        assert rx.search(phrase), (label, phrase)
        assert _holds_any(phrase.lower(), _CAMPAIGN_WORDS[label]), (label, phrase)


def test_machines_pass_the_target_gate() -> None:
    for phrase in ["a server at a bank", "the cloud accounts of Acme", "a Kubernetes console at Acme",
                   "the company's PCs", "a workstation of the agency", "the firm computers", "a machine at the bank",
                   "a hospital server"]:
        low = phrase.lower()
        assert _TARGET_OF.search(phrase) or _OWNER_FIRST.search(phrase), phrase
        assert _holds_any(low, _MACHINE_WORDS, 0, len(low)), phrase


def test_gate_never_rules_out_what_it_cannot_read() -> None:
    assert _holds_any(None, ("phishing",))
    assert not _holds_any("nothing to see", ("phishing",))
    assert not _holds_any("phishing at the end", ("phishing",), 0, 5)


def test_campaign_found_behind_the_gate() -> None:
    text = ("Hackers ran a cryptojacking campaign against cloud servers. The attackers mined Monero on a server at "
            "a South Korean company. The malicious mining scripts stole computing power from crypto firms.")
    out = run(text)
    assert any("cryptojacking campaign" in i.victim for i in out.incidents)
