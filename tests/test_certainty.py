"""Certainty, claimant, negation and hypotheticality of an event mention.

The sentences are read with the Syria theater's sources (its parties, outlets and monitors, in its
theater.toml) on top of the English language pack's; the last tests read with the Ukraine theater's.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from frontlines.errors import TheaterError
from frontlines.events.certainty import CERTAINTY_ORDER, Assessment, Certainty, assess
from frontlines.events.certainty_vocab import first_words
from frontlines.theater import load_theater

SYRIA = Certainty.for_theater(load_theater("syria"))
UKRAINE = Certainty.for_theater(load_theater("ukraine-2023"))


def at(sentence: str, trigger: str, vocab: Certainty = SYRIA) -> Assessment:
    i = sentence.index(trigger)
    return vocab.assess(sentence, i, i + len(trigger))


def test_plain_statement_is_reported() -> None:
    a = at("Opposition fighters entered the town of Maarat al-Numan.", "entered")
    assert a == Assessment("reported", "", False, False, ())


@pytest.mark.parametrize(
    ("sentence", "trigger", "claimant"),
    [
        ("State media said the army repelled an attack on Morek.", "repelled", "State media"),
        ("SANA reported that troops had retaken two villages north of Hama.", "retaken", "SANA"),
        ("Troops shot down three drones over Suqaylabiyah, Syrian state TV reported.", "shot down", "Syrian state TV"),
        ("The fighters reached the river, according to the operations room.", "reached", "the operations room"),
        ("The Military Operations Command said its units had entered the airport.", "entered", "The Military Operations Command"),
        ("The Defence Ministry said warplanes destroyed a drone workshop.", "destroyed", "The Defence Ministry"),
        ("HTS said its fighters stormed the academy.", "stormed", "HTS"),
        ("A pro-government Telegram channel posted that the Tiger Forces took Lahaya.", "took",
         "A pro-government Telegram channel"),
        ("Opposition-affiliated channels claimed the garrison had surrendered.", "surrendered", "Opposition-affiliated channels"),
        ("Activists said government artillery shelled the town.", "shelled", "Activists"),
        ("Rebels claimed to have seized the power station.", "seized", "Rebels"),
        ("An SDF-affiliated operations room announced that its units had entered Tadef.", "entered",
         "An SDF-affiliated operations room"),
    ],
)
def test_party_statements_are_claims(sentence: str, trigger: str, claimant: str) -> None:
    a = at(sentence, trigger)
    assert (a.certainty, a.claimed_by) == ("claimed", claimant)


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Fighters took the base, according to the Syrian Observatory for Human Rights.", "took"),
        ("Witnesses said the bridge was blown up before dawn.", "blown up"),
        ("Residents told reporters that shells hit the main square.", "hit"),
        ("OCHA said the road to Khanasir was cut.", "cut"),
    ],
)
def test_neutral_sources_are_reports(sentence: str, trigger: str) -> None:
    a = at(sentence, trigger)
    assert (a.certainty, a.claimed_by) == ("reported", "")
    assert a.cues  # the attribution is still shown


@pytest.mark.parametrize(
    ("sentence", "trigger", "certainty"),
    [
        ("Geolocated footage shows HTS fighters inside the citadel.", "inside", "confirmed"),
        ("Footage of the airport apron was geolocated by researchers.", "apron", "confirmed"),
        ("We can confirm that the garrison withdrew.", "withdrew", "confirmed"),
        ("The withdrawal could not be independently verified.", "withdrawal", "uncertain"),
        ("Unconfirmed reports say the bridge was destroyed.", "destroyed", "uncertain"),
        ("The claim that the bridge was destroyed has not been confirmed.", "destroyed", "uncertain"),
        ("Government forces appear to have withdrawn from the town.", "withdrawn", "uncertain"),
        ("Rebels have apparently reached the outskirts.", "reached", "uncertain"),
        ("It is not clear whether the army withdrew from Salamiyah.", "withdrew", "uncertain"),
        ("Rebels likely captured the airport overnight.", "captured", "uncertain"),
        # "reportedly" is the wording of ordinary reporting (the real reports' gold codes it reported); "allegedly" and
        # "purportedly" doubt
        ("Seven fighters were reportedly killed in the depot blast.", "killed", "reported"),
        ("Seven fighters were allegedly killed in the depot blast.", "killed", "uncertain"),
        ("Seven fighters were purportedly killed in the depot blast.", "killed", "uncertain"),
    ],
)
def test_confirmation_and_hedges(sentence: str, trigger: str, certainty: str) -> None:
    assert at(sentence, trigger).certainty == certainty


def test_a_hedge_on_a_claim_is_uncertain_but_keeps_the_claimant() -> None:
    a = at("State media said troops had apparently retaken the hill.", "retaken")
    assert (a.certainty, a.claimed_by) == ("uncertain", "State media")


def test_a_partys_confirmation_is_still_a_claim() -> None:
    assert at("The army confirmed it had redeployed from Aleppo.", "redeployed").certainty == "claimed"


def test_claim_then_denial_is_disputed() -> None:
    a = at("Rebels claimed to have captured the village, but the army denied it.", "captured")
    assert (a.certainty, a.claimed_by, a.negated) == ("disputed", "Rebels", False)


def test_denial_of_a_claim_is_disputed_not_negated() -> None:
    s = "Opposition channels said the town had fallen, but the Defence Ministry denied that the town fell."
    a = at(s, "fell")
    assert (a.certainty, a.negated) == ("disputed", False)
    a = at("The government denied claims that its army had withdrawn from the base.", "withdrawn")
    assert (a.certainty, a.negated) == ("disputed", False)


def test_a_lone_denial_negates_the_event() -> None:
    a = at("The army denied that Saraqib fell.", "fell")
    assert (a.negated, a.certainty, a.claimed_by) == (True, "claimed", "The army")


def test_two_sides_contradicting_each_other_are_disputed() -> None:
    s = "The army said it repelled the assault, while HTS said its fighters stormed the hill."
    assert at(s, "stormed").certainty == "disputed"
    assert at(s, "stormed").claimed_by == "HTS"
    assert at("Rebels entered the town, but the army said its lines held.", "entered").certainty == "disputed"


def test_a_source_in_another_clause_does_not_apply() -> None:
    a = at("State media said the army held Morek; rebels entered Suran.", "entered")
    assert (a.certainty, a.claimed_by) == ("reported", "")


@pytest.mark.parametrize(
    ("sentence", "trigger", "negated"),
    [
        ("Saraqib did not fall, despite heavy shelling.", "fall", True),
        ("No government soldiers or officers were captured in the raid.", "captured", True),
        ("Rebels failed to take the town, and government forces pushed them back.", "take", True),
        ("Rebels failed to take the town, and government forces pushed them back.", "pushed", False),
        ("The garrison has not withdrawn from the airbase.", "withdrawn", True),
        ("Rebels entered the town without a fight.", "entered", False),
    ],
)
def test_negation_scope(sentence: str, trigger: str, negated: bool) -> None:
    assert at(sentence, trigger).negated is negated


@pytest.mark.parametrize(
    ("sentence", "trigger", "hypothetical"),
    [
        ("Rebels might push toward Homs in the coming days.", "push", True),
        ("Rebels captured Hama and may push toward Homs.", "captured", False),
        ("Rebels captured Hama and may push toward Homs.", "push", True),
        ("The army is expected to attack the northern approaches.", "attack", True),
        ("The SDF threatens to retake the dam.", "retake", True),
        ("HTS plans to storm the prison.", "storm", True),
        ("If rebels take Hama, the road to Homs would be cut.", "take", True),
        ("If rebels take Hama, the road to Homs would be cut.", "cut", True),
        ("Government forces may have withdrawn from the ridge.", "withdrawn", False),  # a hedge, not a plan
    ],
)
def test_hypothetical_scope(sentence: str, trigger: str, hypothetical: bool) -> None:
    assert at(sentence, trigger).hypothetical is hypothetical


def test_may_have_is_uncertain() -> None:
    assert at("Government forces may have withdrawn from the ridge.", "withdrawn").certainty == "uncertain"


def test_claimed_lives_is_not_a_claim() -> None:
    assert SYRIA.assess("The violence since 27 November has claimed civilian lives.").certainty == "reported"


def test_whole_sentence_without_a_trigger() -> None:
    a = assess("Pro-government channels claimed the village was retaken, but opposition outlets denied it.", vocab=SYRIA)
    assert a.certainty == "disputed"
    assert a.claimed_by == "Pro-government channels"
    assert "opposition outlets denied" in a.cues


def test_precedence_order_is_documented() -> None:
    assert CERTAINTY_ORDER == ("disputed", "uncertain", "claimed", "confirmed", "reported")


def test_a_source_after_the_trigger_counts_only_as_a_tag() -> None:
    assert at("Rebels entered the town on Sunday, state media said.", "entered").certainty == "claimed"
    s = "Opposition forces captured two districts, and claimed to have taken the main square."
    assert at(s, "captured").certainty == "reported"
    assert at(s, "taken").certainty == "claimed"


def test_the_vocabulary_is_compiled_once_per_theater() -> None:
    assert Certainty.for_theater(load_theater("syria")) is SYRIA
    assert UKRAINE is not SYRIA


@pytest.mark.parametrize(
    ("sentence", "trigger", "claimant"),
    [
        ("Russia's defence ministry said its forces captured the village of Pryiutne.", "captured",
         "Russia's defence ministry"),
        ("Wagner said its units had cleared the railway station.", "cleared", "Wagner"),
        ("Pro-Kremlin Telegram channels claimed that the assault on the ridge had stalled.", "stalled",
         "Pro-Kremlin Telegram channels"),
    ],
)
def test_the_ukraine_theaters_parties_are_claimants(sentence: str, trigger: str, claimant: str) -> None:
    a = at(sentence, trigger, UKRAINE)
    assert (a.certainty, a.claimed_by) == ("claimed", claimant)
    # Under Syria's sources the name is no party of its own: at most the language's generic source.
    assert at(sentence, trigger, SYRIA).claimed_by != claimant


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("HTS said its fighters stormed the academy.", "stormed"),
        ("SANA reported that troops had retaken two villages north of the city.", "retaken"),
    ],
)
def test_another_theaters_party_is_no_claimant(sentence: str, trigger: str) -> None:
    assert at(sentence, trigger, SYRIA).certainty == "claimed"
    a = at(sentence, trigger, UKRAINE)
    assert (a.certainty, a.claimed_by) == ("reported", "")


def test_the_theaters_monitor_is_neutral_and_the_language_sources_are_shared() -> None:
    a = at("The UK Ministry of Defence said Russian forces had withdrawn from the bridgehead.", "withdrawn", UKRAINE)
    assert (a.certainty, a.claimed_by) == ("reported", "")
    assert a.cues  # the attribution is still shown
    # Generic sources come from the language pack and hold in every theater.
    for vocab in (SYRIA, UKRAINE, Certainty.for_language()):
        assert at("State media said the army repelled an attack.", "repelled", vocab).claimed_by == "State media"
        assert at("Witnesses said the bridge was blown up.", "blown up", vocab).certainty == "reported"


def test_first_words_are_read_off_the_patterns() -> None:
    assert first_words(r"(?:the\s+)?(?-i:ABC)\b(?:\s+sources?)?") == {"the", "ABC"}
    assert first_words(r"pro-\w+|U\.N\.\s+\w+|Fat[ae]h") == {"pro-*", "u.*", "fatah", "fateh"}
    with pytest.raises(ValueError):
        first_words(r"\w+\s+said")


def test_a_source_that_starts_with_no_word_is_refused() -> None:
    theater = load_theater("syria")
    for bad in (r"[\w-]+ media", "unclosed (group"):
        odd = replace(theater, rules={**theater.rules, "partisan_sources": [bad]})
        with pytest.raises(TheaterError):
            Certainty.for_theater(odd)


def test_the_happenings_own_verb_is_no_verb_of_saying() -> None:
    # "maintained" is a verb of saying before a clause, and the happening itself before an object
    held = "Government forces maintained control over Hama."
    start = held.index("maintained")
    assert SYRIA.assess(held, start, start + len("maintained")).certainty == "reported"
    said = "Government forces maintained that they had recaptured Morek."
    start = said.index("recaptured")
    assert SYRIA.assess(said, start, start + len("recaptured")).certainty == "claimed"
