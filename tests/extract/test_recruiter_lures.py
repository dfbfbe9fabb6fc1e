"""A fake-recruiter campaign is told in many words: "fraudulent recruitment", "posing as recruiters",
"bogus job interviews". Sentences in any of them count toward the campaign."""

from __future__ import annotations

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _incidents(text: str) -> list[dict]:
    return to_eval("t", run(text))["incidents"]


def test_a_campaign_told_with_other_words_for_fake_recruiters_is_found():
    text = ("Hackers working for North Korea are targeting crypto developers with fake job offers, researchers say. "
            "The fraudulent recruitment drive has stolen wallets from dozens of engineers this year. "
            "Posing as recruiters for well-known firms, the hackers sent coding tests that installed malware and "
            "drained the victims' crypto wallets.")
    incs = _incidents(text)
    assert [(i["victim"], i["type"]) for i in incs] == [("fake job campaign", "phishing")]
    assert [a["name"] for a in incs[0]["actors"]] == ["North Korea"]


def test_one_mention_of_a_job_offer_is_no_campaign():
    text = ("Hackers stole $3 million in crypto from several users of a trading app, researchers say. "
            "One of the victims had earlier received a job offer by e-mail. "
            "The thieves drained wallets through a bug in the app.")
    assert all(i["victim"] != "fake job campaign" for i in _incidents(text))
