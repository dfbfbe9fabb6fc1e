"""A campaign without a victim platform is named by the machine it took over and its owner."""

from __future__ import annotations

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _incidents(text: str) -> list[dict]:
    return to_eval("t", run(text))["incidents"]


def test_a_server_at_a_company_names_the_cryptojacking_campaign():
    text = ("Hackers mined Monero on a hijacked server\n\n"
            "A hacking unit took over a server at a Japanese logistics company and used it to mine Monero. "
            "The cryptojacking went unnoticed for months while the server mined Monero for the group.")
    (inc,) = _incidents(text)
    assert inc["victim"] == "cryptojacking campaign (Japanese logistics company server)"
    assert inc["type"] == "cryptojacking"


def test_a_console_at_a_named_firm():
    text = ("Attackers mined cryptocurrency in a carmaker's cloud\n\n"
            "Intruders broke into an unprotected Kubernetes console at Rivian and used it to mine cryptocurrency. "
            "The cryptojacking used a private mining pool to stay hidden.")
    (inc,) = _incidents(text)
    assert inc["victim"].startswith("cryptojacking campaign (Rivian ") and inc["victim"].endswith("Kubernetes console)")


def test_without_a_machine_the_label_alone():
    text = ("Cryptojacking on the rise\n\n"
            "Cryptojacking scripts mined Monero in visitors' browsers on thousands of sites. "
            "Researchers said the cryptojacking wave peaked in spring.")
    (inc,) = _incidents(text)
    assert inc["victim"] == "cryptojacking campaign"


def test_ransomware_that_never_touches_crypto_is_no_incident_here():
    text = ("Ransomware hits hospitals\n\n"
            "A ransomware attack shut down patient records at three hospitals on Monday. "
            "The ransomware gang demanded payment and leaked staff files when the hospitals refused.")
    ex = run(text)
    assert ex.incidents == [] and not ex.relevant


def test_a_spearphishing_campaign_is_named_with_the_text_s_word():
    text = ("Agencies warn of crypto job lures\n\n"
            "Intruders get in by sending spearphishing messages to staff of cryptocurrency firms, the advisory says. "
            "The spearphishing lures offer well-paid jobs so that recipients install malicious apps that steal crypto.")
    (inc,) = _incidents(text)
    assert inc["victim"] == "spearphishing campaign" and inc["type"] == "phishing"
