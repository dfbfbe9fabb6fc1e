"""A guide to how phishing or drainers work tells of no incident; a story of a campaign that did harm does."""

from __future__ import annotations

from heistwatch.extract.pipeline import run

_GUIDE = """How approval phishing works, and three habits that keep your coins safe

Most people who lose crypto to criminals are not hacked in the way films show. They are persuaded to sign something.

**1. The fake airdrop**

A message announces a free token drop. The link leads to a phishing site that looks like a real project's page. When you
connect your wallet, the site asks you to sign an approval that lets the attacker's contract move your tokens.

**2. Fake support**

If you post about a problem, expect phishing messages from "support staff". Real support never asks for your seed phrase.

Revoke old approvals, bookmark the sites you use and keep most of your coins in a wallet you never connect to new sites.
"""


def test_a_phishing_guide_is_not_a_heist_story() -> None:
    ex = run(_GUIDE)
    assert not ex.relevant
    assert ex.incidents == []


def test_a_phishing_campaign_that_took_coins_is_one() -> None:
    text = _GUIDE.replace("Revoke old approvals,",
                          "Last month one such phishing kit drained wallets of hundreds of users. Revoke old approvals,")
    ex = run(text)
    assert ex.relevant
    assert [i.victim for i in ex.incidents] == ["phishing campaign"]
