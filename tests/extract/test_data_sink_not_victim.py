"""A service a wallet's flaw sent its users' secrets to is no victim beside the wallet."""

from datetime import date

from heistwatch.extract import extract_document


def _victims(text: str) -> list[str]:
    return [i.victim for i in extract_document(text, published=date(2023, 5, 10)).incidents]


_WALLET_STORY = (
    "Bug in Trove wallet blamed for drained accounts\n\n"
    "Attackers drained $6 million from about 4,000 accounts of the Trove wallet on Monday, the company said. "
    "Auditors found that Trove's app recorded users' recovery phrases and sent them to a Sentry logging server. "
    "Trove said it did not yet know who had taken the logs from Sentry.")


def test_logging_service_that_received_the_phrases_is_not_a_victim() -> None:
    victims = _victims(_WALLET_STORY)
    assert any("Trove" in v for v in victims)
    assert not any("Sentry" in v for v in victims)


def test_a_service_told_of_as_breached_on_its_own_stays_the_victim() -> None:
    text = ("Hackers steal data from Sentry\n\nHackers stole customer logs from Sentry, the error-tracking "
            "service, on Monday and took $2 million in crypto from its treasury, the company said.")
    assert any("Sentry" in v for v in _victims(text))
