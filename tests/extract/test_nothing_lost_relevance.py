"""A story about a flaw that was found and fixed before anyone used it (a bug bounty, an audit) speaks of
attacks and sums but tells no theft: when it says nothing was lost, it is not relevant."""

from __future__ import annotations

from heistwatch.extract.pipeline import run

_BOUNTY = (
    "Lendaro pays $500,000 to researcher who found a flaw in its vault contracts\n\n"
    "Lendaro, a lending protocol, said on Tuesday it had paid a $500,000 reward to a researcher who found a "
    "flaw that would have let an attacker drain its vaults. An attacker could have stolen up to $40 million "
    "with the exploit, the team said. The hack would have been one of the largest of the year. "
    "{closing} The protocol has since upgraded its contracts."
)


def test_bounty_story_that_says_no_funds_were_lost_is_not_relevant():
    ex = run(_BOUNTY.format(closing="No user funds were lost, Lendaro said."))
    assert ex.incidents == [] and ex.relevant is False


def test_flaw_fixed_before_an_attacker_could_use_it_is_not_relevant():
    ex = run(_BOUNTY.format(closing="The team fixed the bug before any attacker could use it."))
    assert ex.relevant is False


def test_flaw_never_exploited_is_not_relevant():
    ex = run(_BOUNTY.format(closing="The flaw was never exploited, according to the team."))
    assert ex.relevant is False


def test_same_story_without_the_statement_stays_relevant():
    # the rule is the statement, not the bounty: without it the attack talk and sums keep the story
    ex = run(_BOUNTY.format(closing="Researchers said the flaw is common."))
    assert ex.relevant is True


def test_theft_with_a_victim_stays_relevant_when_customers_lost_nothing():
    text = ("Hackers stole $12 million from the Tervan exchange on Sunday. The exchange said it would cover the "
            "loss from its own reserves, so no customer funds were lost.")
    assert run(text).relevant is True


_PRICE = (
    "Bitcoin slides 7% as hack fears grip traders\n\n"
    "Bitcoin fell 7 percent to $58,000 on Wednesday as traders fretted over the risk of exchange hacks. "
    "Analysts said fears of an attack on a large exchange had spread on social media. "
    "No platform had reported a breach by the evening, and trading volume reached $35 billion. "
    "Some traders moved coins to cold storage, worried that a hack could follow.{tail}"
)


def test_price_story_about_hack_fears_is_not_relevant():
    assert run(_PRICE.format(tail="")).relevant is False


def test_story_naming_the_victim_of_a_done_scam_is_relevant_without_a_theft_verb():
    tail = (" Separately, a holder who fell for an address-poisoning scheme sent $9 million to an attacker's "
            "look-alike address; the thief returned most of it on Friday.")
    assert run(_PRICE.format(tail=tail)).relevant is True


def test_exchange_denying_a_hack_after_an_outflow_is_not_relevant():
    text = ("Tarvek denies hack rumours after $60 million outflow\n\n"
            "Crypto exchange Tarvek said on Wednesday it had not been hacked, after on-chain watchers flagged "
            "$60 million leaving its hot wallet. The transfers were a planned move to cold storage, the exchange "
            "said. All user funds are safe, Tarvek added. Accounts that had warned of an exploit later removed "
            "their posts.")
    ex = run(text)
    assert ex.relevant is False and ex.incidents == []


def test_exchange_that_was_hacked_and_says_user_funds_are_safe_stays_relevant():
    text = ("Hackers stole $60 million from the hot wallet of crypto exchange Tarvek on Wednesday. "
            "All user funds are safe, Tarvek said, because it will cover the loss from its reserves.")
    assert run(text).relevant is True
