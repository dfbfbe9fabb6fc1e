"""Full-length news: a notice's day, an account sourced to an indictment, two amounts of unequal
confidence, and passing mentions of an old hack dated only by what followed it."""

from __future__ import annotations

from resolve_builders import C, doc, native, usd, when

from heistwatch.extract.model import ClaimKind, Money
from heistwatch.resolve import DocumentRecord, Ledger
from heistwatch.resolve.cluster import _follow_up_sentence, statement_date


def _at(text: str, surface: str) -> bool:
    i = text.find(surface)
    return statement_date(text, i, i + len(surface))


def test_a_notice_posted_on_a_day_is_a_statement_day() -> None:
    assert _at("In a short notice posted late on Friday, the lender said its pool was emptied.", "Friday")
    assert _at("A statement released early on Monday gave no figure.", "Monday")
    assert not _at("The pool was emptied late on Friday, the lender said.", "Friday")


def test_an_account_sourced_to_an_indictment_is_no_follow_up() -> None:
    assert not _follow_up_sentence("According to the indictment, in May 2022 the two men drained the pool.")
    assert not _follow_up_sentence("According to court papers filed in Ohio, the pair emptied the vault in 2021.")
    # what the charges themselves did is still what followed the heist
    assert _follow_up_sentence("Prosecutors indicted the two men in March.")


def test_an_indictment_sourced_date_stays_the_incident_date() -> None:
    text = ("Two brothers were charged on Tuesday. According to the indictment, in May 2022 the brothers "
            "drained $14 million from Pellucid traders. The court said the mixer laundered funds between 2018 and 2021.")
    rec = doc("a", text, [("Pellucid", "defi_exploit", "2022-05")],
              [when("2022-05", "May 2022"), when("2018", "between 2018 and 2021"), usd(14e6, "$14 million")],
              published="2024-03-06")
    (inc,) = Ledger.build([rec]).incidents.values()
    assert inc.date == "2022-05"


def test_of_two_amounts_one_report_links_the_surer_one_is_the_loss() -> None:
    text = ("Weeks later he drained about $4.1 million from Quillon, which closed. "
            "The judge ordered him to forfeit about $11.5 million.")
    drained = usd(4.1e6, "about $4.1 million")
    forfeit = C(ClaimKind.LOSS, Money(11.5e6, "USD"), "about $11.5 million", 0, confidence=0.5)
    drained = C(drained.kind, drained.value, drained.surface, 0, confidence=0.8)
    rec = doc("a", text, [("Quillon", "defi_exploit", None)], [drained, forfeit], published="2024-05-02")
    (inc,) = Ledger.build([rec]).incidents.values()
    assert inc.consensus is not None and inc.consensus.value == 4.1e6


def test_an_old_hack_dated_by_its_repayments_joins_the_hack() -> None:
    # an older report dates the hack only by the year its chief was charged, a later one only by the week
    # its estate began paying back: both dates may be of what followed the hack
    old = doc("old", "Creditors of Varnholt, whose chief was charged in 2015 over a theft, met on Tuesday.",
              [("Meridia", "exchange_hack", "2016-02-02"), ("Varnholt", "exchange_hack", "2015")],
              [when("2016-02-02", "Creditors"), when("2015", "2015", 1)], published="2016-02-03")
    later = doc("later", "Prices slid last week as the Varnholt estate began repaying creditors a decade after "
                "the exchange lost 90,000 bitcoins.",
                [("Sorrel", "exchange_hack", "2025-03-01"), ("Varnholt", "exchange_hack", "2025-03-03")],
                [when("2025-03-03", "last week", 1), native(90000, "BTC", "90,000 bitcoins", 1)],
                published="2025-03-11")
    ledger = Ledger.build([old, later])
    (varnholt,) = [i for i in ledger.incidents.values() if i.victim == "Varnholt"]
    assert varnholt.documents == ["later", "old"] and varnholt.date == "2015"


def test_a_report_of_the_second_of_two_attacks_days_apart_joins_the_second() -> None:
    both = doc("both", "The lender Tamsin was drained on 3 March and again on 6 March.",
               [("Tamsin", "defi_exploit", "2021-03-03"), ("Tamsin", "defi_exploit", "2021-03-06")],
               [when("2021-03-03", "3 March"), when("2021-03-06", "6 March", 1)], published="2021-03-08")
    second = doc("second", "Tamsin was drained again on 6 March, its second loss in a week.",
                 [("Tamsin", "defi_exploit", "2021-03-06")], [when("2021-03-06", "6 March")], published="2021-03-07")
    first = doc("first", "Tamsin was drained on 3 March.",
                [("Tamsin", "defi_exploit", "2021-03-03")], [when("2021-03-03", "3 March")], published="2021-03-04")
    ledger = Ledger.build([both, second, first])
    got = sorted((i.date, i.documents) for i in ledger.incidents.values())
    assert got == [("2021-03-03", ["both", "first"]), ("2021-03-06", ["both", "second"])]


def _ostra(published: str = "2020-02-20") -> DocumentRecord:
    return doc("first", "Ostra lost $400,000 on 15 February.", [("Ostra", "defi_exploit", "2020-02-15")],
               [usd(4e5, "$400,000"), when("2020-02-15", "15 February")], published=published)


def test_an_undated_mention_with_a_loss_of_another_scale_is_another_incident() -> None:
    later = doc("later", "Ostra lost $52 million to a new attack.", [("Ostra", "defi_exploit", None)],
                [usd(52e6, "$52 million")], published="2021-11-08")
    same = doc("same", "Ostra's $410,000 loss still hurts.", [("Ostra", "defi_exploit", None)],
               [usd(4.1e5, "$410,000")], published="2020-03-01")
    ledger = Ledger.build([_ostra(), later, same])
    got = sorted((i.date or "", i.documents) for i in ledger.incidents.values())
    assert got == [("", ["later"]), ("2020-02-15", ["first", "same"])]


def test_an_undated_second_mention_with_another_loss_in_one_report_is_another_incident() -> None:
    text = "Kettle lost $19 million on 10 June. A later attack on Kettle took $12 million more."
    rec = doc("a", text, [("Kettle", "defi_exploit", "2024-06-10"), ("Kettle", "defi_exploit", None)],
              [usd(19e6, "$19 million"), when("2024-06-10", "10 June"), usd(12e6, "$12 million", 1)],
              published="2024-06-14")
    assert len(Ledger.build([rec]).incidents) == 2
    # the same loss twice is one incident named twice
    text = "Kettle lost $19 million on 10 June. The $19 million Kettle attack hit lenders."
    rec = doc("b", text, [("Kettle", "defi_exploit", "2024-06-10"), ("Kettle", "defi_exploit", None)],
              [usd(19e6, "$19 million"), when("2024-06-10", "10 June"), usd(19e6, "$19 million", 1)],
              published="2024-06-14")
    assert len(Ledger.build([rec]).incidents) == 1


def test_of_two_equally_sure_amounts_the_one_said_of_the_victim_is_the_loss() -> None:
    text = ("A flaw let an attacker take 9,000 ether, about $28 million, from Brackwater. "
            "A volunteer group said it had moved about $70 million out of other exposed wallets.")
    rec = doc("a", text, [("Brackwater", "wallet_hack", "2019-03-02")],
              [usd(28e6, "about $28 million"), usd(70e6, "about $70 million")], published="2019-03-03")
    (inc,) = Ledger.build([rec]).incidents.values()
    assert inc.consensus is not None and inc.consensus.value == 28e6
