"""Incident types: what was hit decides, not every word the report uses about how."""

from __future__ import annotations

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.incident_types import infer_type
from heistwatch.extract.model import IncidentType
from heistwatch.extract.pipeline import run
from heistwatch.reference.platforms import lookup


def _types(text: str) -> dict[str, str]:
    return {i["victim"]: i["type"] for i in to_eval("t", run(text))["incidents"]}


def test_phishing_as_the_method_keeps_an_exchange_hack():
    text = ("Hackers steal 2,000 BTC from Bitstamp\n\n"
            "Thieves stole 2,000 BTC from Bitstamp after staff opened phishing e-mails that carried malware.")
    assert _types(text) == {"Bitstamp": "exchange_hack"}


def test_user_data_taken_beside_a_theft_keeps_an_exchange_hack():
    text = ("Hackers take $40 million from Bitstamp\n\n"
            "Hackers stole $40 million in bitcoin from the Bitstamp exchange on Tuesday. "
            "The exchange said the attackers also got hold of some user data, including e-mail addresses of customers.")
    assert _types(text) == {"Bitstamp": "exchange_hack"}


def test_a_leak_that_leads_the_story_is_a_data_breach():
    lead = "Bitstamp leaked personal information of 30,000 users."
    assert infer_type(lookup("Bitstamp"), "Bitstamp", lead + " Funds were also stolen.", lead) == IncidentType.DATA_BREACH


def test_campaign_labels_give_their_type():
    assert infer_type(None, "cryptojacking campaign", "Attackers hijacked servers.") == IncidentType.CRYPTOJACKING
    assert infer_type(None, "fake job campaign", "Engineers got offers.") == IncidentType.PHISHING
    assert infer_type(None, "malware campaign", "Fake recruiter profiles sent a trojan.") == IncidentType.PHISHING
    assert infer_type(None, "malware campaign", "A clipper swapped wallet addresses on the clipboard.") == IncidentType.OTHER
