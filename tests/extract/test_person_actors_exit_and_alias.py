"""People and aliases news names as the culprits of an exit scam, an insider theft or a claimed hack."""
from datetime import date

from extract_probes import actors_in

_STORY = "Crypto platform loses millions\n\nThe Quillon exchange lost $30 million in customer funds in April. "


def _actors(sentence: str) -> dict[str, str]:
    return actors_in(_STORY + sentence, published=date(2024, 6, 1))


def test_a_founder_gone_with_the_funds_is_a_suspect():
    assert _actors("Its founder, Marek Dvorak, vanished along with the funds.") == {"Marek Dvorak": "suspected"}
    assert _actors("Prosecutors say founder Marek Dvorak fled the country with the money.") == {"Marek Dvorak": "suspected"}


def test_a_sentence_for_fraud_is_a_finding():
    assert _actors("Marek Dvorak, the exchange's founder, was sentenced to 11 years in prison for fraud last year.") \
        == {"Marek Dvorak": "confirmed"}
    assert _actors("In 2023 a court found Tomas Weber guilty of defrauding users.") == {"Tomas Weber": "confirmed"}


def test_arrested_on_suspicion_and_charged_after_an_appositive():
    assert _actors("Police arrested a former employee, Jana Novak, on suspicion of taking the coins.") \
        == {"Jana Novak": "suspected"}
    assert _actors("The exchange's chief executive, Tomas Weber, was charged with embezzlement in May.") \
        == {"Tomas Weber": "suspected"}


def test_allegedly_moved_the_coins():
    assert _actors("Tomas Weber, who founded Quillon in 2019, allegedly transferred the coins to his own wallets.") \
        == {"Tomas Weber": "suspected"}


def test_one_person_behind_an_alias():
    assert set(_actors("A hacker using the alias 'Vortex' claimed responsibility on Telegram.")) == {"Vortex"}
    assert set(_actors("Users blamed a forum vendor known as DarkMango for the theft.")) == {"DarkMango"}


def test_people_merely_quoted_or_travelling_are_no_actors():
    assert _actors("Marek Dvorak, a trader who lost savings, fled to his parents' house for the weekend.") == {}
    assert _actors("Jana Novak, an analyst at a research firm, said the loss was large.") == {}
