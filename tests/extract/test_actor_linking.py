"""Which actors a report ties to an incident: not the ones named only for their habits or record."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.actors import actor_clause, is_background
from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.model import Span
from heistwatch.extract.pipeline import run
from heistwatch.reference.actors import find_actors


def actors(text: str, published: date | None = date(2024, 5, 10)) -> dict[str, dict[str, str]]:
    out = to_eval("t", run(text, published=published))
    return {i["victim"]: {a["name"]: a["stance"] for a in i["actors"]} for i in out["incidents"]}


def background(sentence: str) -> bool:
    m = find_actors(sentence)[0]
    return is_background(sentence, Span(0, len(sentence)), Span(m.start, m.end))


def test_clauses_about_an_actors_record_are_background():
    assert background("Experts say North Korea is targeting exchanges and banks to fund its weapons programs.")
    assert background("Funds stolen last year by North Korea were cashed out through thousands of transactions.")
    assert background("Firms that hold crypto should be wary of the Lazarus Group, which keeps growing its war chest.")
    assert background("No one has claimed it yet, but North Korea has been known to raid crypto firms.")


def test_clauses_that_attribute_an_incident_are_not_background():
    assert not background("Investigators believe the Lazarus Group was behind the attack.")
    assert not background("The notorious Lazarus Group is the prime suspect in the theft.")
    assert not background("Analysts say North Korea, which has stolen billions over the years, is likely responsible.")
    assert not background("The hackers, thought to be North Korean, drained the exchange's hot wallet.")


def test_actor_clause_cuts_at_but():
    s = "There is no suspect for the theft yet, but North Korea is known to target exchanges."
    m = find_actors(s)[0]
    c = actor_clause(s, Span(0, len(s)), Span(m.start, m.end))
    assert s[c.start:c.end].strip().startswith("North Korea")


def test_background_remarks_give_the_incident_no_actor():
    text = ("Hackers stole $60 million from the exchange Varnex on Monday, the company said. "
            "The exchange has halted withdrawals. "
            "Security experts note that North Korea is targeting crypto exchanges around the world to fund its regime.")
    assert actors(text)["Varnex"] == {}


def test_an_attribution_without_the_victim_named_still_counts():
    text = ("Hackers stole $60 million from the exchange Varnex on Monday, the company said. "
            "Blockchain analysts believe the notorious Lazarus Group was behind the attack.")
    assert actors(text)["Varnex"] == {"Lazarus Group": "suspected"}


def test_an_actor_beside_a_year_total_is_no_incidents_actor():
    text = ("Crypto theft hits $1.9 billion in 2023 as North Korea takes the largest share\n\n"
            "In May, the exchange Dovetail lost about $40 million from a hot wallet, the firm said. "
            "The exchange has not said who was behind it.")
    assert actors(text, date(2024, 1, 9)).get("Dovetail") == {}


def test_both_means_the_two_incidents_just_named():
    text = ("In May, hackers stole $300 million from the exchange Brisket. "
            "In July, the exchange Vellum lost about $200 million from a multi-signature wallet. "
            "Both are widely attributed to North Korean hackers, although Vellum has not confirmed who was behind it.")
    got = actors(text, date(2024, 12, 20))
    assert "North Korea" in got["Brisket"] and "North Korea" in got["Vellum"]


def test_a_method_like_earlier_attacks_still_attributes_the_incident():
    text = ("The Karst bridge was drained of about $50 million on Sunday, according to blockchain data. "
            "Local media, citing unnamed investigators, said the Lazarus Group may be responsible, because the "
            "method resembled earlier attacks in which the hackers took over validator keys.")
    assert actors(text)["Karst"] == {"Lazarus Group": "suspected"}


def test_all_signs_point_to_is_a_suspicion():
    text = ("Hackers took $90 million in ether from the exchange Pomelo's cold wallet on Friday. "
            "All signs point to the Lazarus Group, analysts said.")
    assert actors(text)["Pomelo"] == {"Lazarus Group": "suspected"}


def test_an_incident_named_for_comparison_does_not_take_the_attribution():
    text = ("Attackers drained about $90 million from the lending protocol Juniper on Monday. "
            "Juniper said on Tuesday it was still tracing the funds. "
            "Some analysts pointed at North Korea after 50 ether from the attack was sent to an address used "
            "in the Marlowe hack. "
            "Another firm said, however, that the transfer was a decoy and that North Korean hackers were not involved.")
    got = actors(text)
    assert got["Juniper"] == {"North Korea": "denied"}
    assert got.get("Marlowe", {}) == {}


def test_widely_attributed_without_confirmation_is_a_suspicion():
    text = ("In July, the exchange Vellum lost about $200 million from a multi-signature wallet. "
            "The theft is widely attributed to North Korean hackers, although Vellum has not confirmed who was behind it.")
    assert actors(text, date(2024, 12, 20))["Vellum"] == {"North Korea": "suspected"}


def test_a_share_of_a_total_credited_to_a_group_is_no_incidents_actor():
    text = ("The bridge Tallow lost $80 million to hackers on Sunday, the team said. "
            "Private key leaks caused most of the money stolen this year. "
            "Of that, 17% can be credited to the North Korean hackers of the Lazarus Group.")
    assert actors(text).get("Tallow") == {}


def test_a_claimant_firm_is_not_the_incident():
    s = "As reported by the security firm Vantor, there have been attacks on at least three exchanges by North Korea."
    assert background(s)


def test_a_person_who_admits_the_hack_is_its_actor():
    text = ("Former trader Marcus Oyelaran pleaded guilty on Monday to fraud and admitted in court that he was the "
            "one who hacked the exchange Tindra in 2019, stealing 2,000 bitcoins.")
    assert actors(text)["Tindra"] == {"Marcus Oyelaran": "confirmed"}


def test_a_person_suspected_by_speculators_is_a_suspected_actor():
    text = ("Is Rowan Keller behind the Pallas exchange hack?\n\n"
            "The exchange Pallas, owned by the investor Rowan Keller, lost $40 million to hackers on Tuesday. "
            "Many traders suspect Keller's involvement in the hack, calling it an inside job.")
    assert actors(text)["Pallas"] == {"Rowan Keller": "suspected"}


def test_quoted_executives_are_no_actors():
    text = ("The exchange Pallas lost $40 million to hackers on Tuesday. "
            "Chief executive Rowan Keller said the exchange would cover all losses.")
    assert actors(text)["Pallas"] == {}


def test_a_question_is_a_suspicion():
    text = "Is North Korea behind the $40 million hack of the exchange Pallas?"
    assert actors(text)["Pallas"] == {"North Korea": "suspected"}


def test_they_after_a_group_is_named_takes_the_group_for_the_victims_named():
    text = ("Analysts linked the theft of $40 million from the exchange Pallas on Tuesday to the Lazarus Group. "
            "Don't forget, they've already stolen $90 million from the Merrow bridge in 2022 and $30 million from "
            "the exchange Sorrel in 2023.")
    got = actors(text)
    assert got["Merrow"] == {"Lazarus Group": "confirmed"}
    assert got["Sorrel"] == {"Lazarus Group": "confirmed"}


def test_they_without_a_group_named_before_is_nobody():
    text = ("The exchange Pallas lost $40 million on Tuesday. "
            "They had already drained $90 million from the Merrow bridge in 2022, analysts said.")
    assert all(v == {} for v in actors(text).values())


def test_they_at_the_start_of_a_sentence():
    text = ("Analysts linked the theft of $40 million from the exchange Pallas on Tuesday to the Lazarus Group. "
            "They also drained $90 million from the Merrow bridge in 2022.")
    assert actors(text)["Merrow"] == {"Lazarus Group": "confirmed"}


def test_a_phrase_set_off_after_the_group_does_not_weaken_the_attribution():
    text = ("Police said the 2019 theft from the exchange Pallas was carried out by the groups Lazarus and Andariel, "
            "linked to the North Korean military.")
    got = actors(text, date(2024, 11, 21))["Pallas"]
    assert got["Lazarus Group"] == "confirmed" and got["Andariel"] == "confirmed"
