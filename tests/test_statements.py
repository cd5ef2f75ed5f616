"""Control statements, sentence by sentence, on the tiny theater (spaCy for sentences)."""

from __future__ import annotations

import pytest

from frontlines.pipeline import Pipeline
from frontlines.read.ingest import from_text


@pytest.fixture(scope="module")
def assert_of(mini):
    pipeline = Pipeline(mini)

    def _run(text: str) -> dict[str, tuple[str, str]]:
        (result,) = pipeline.run([from_text(text, source="Test Monitor", published="2024-12-02")])
        names = {p.id: p.name for p in mini.gazetteer.places}
        return {names[a.place_id]: (a.status, a.scope) for a in result.assertions}

    return _run


@pytest.mark.parametrize(
    ("text", "place", "status"),
    [
        ("The status of Mhardeh is unclear.", "Mhardeh", "unknown"),
        ("Saraqib is contested, with fighting inside the town.", "Saraqib", "contested"),
        ("Clashes were reported around Kafr Nabl, with neither side clearly in control.", "Kafr Nabl", "contested"),
        ("Khan Sheikhoun and Saraqib are now under opposition control.", "Khan Shaykhun", "opposition"),
        ("Regime forces still hold Hama and Mhardeh.", "Mhardeh", "government"),
        ("Video posted this morning shows HTS fighters inside Kafranbel.", "Kafr Nabl", "opposition"),
        ("- Government: Hama, Mhardeh; probably also Kafr Nabl.", "Hama", "government"),
    ],
)
def test_statement_forms(assert_of, text: str, place: str, status: str) -> None:
    assert assert_of(text)[place][0] == status


def test_hedged_clause_does_not_carry_the_rest(assert_of) -> None:
    got = assert_of("- Opposition: Saraqib and Kafr Nabl; probably also Mhardeh.")
    assert got["Saraqib"] == ("opposition", "place") and got["Mhardeh"] == ("opposition", "place")


def test_negated_and_relative_places_assert_nothing(assert_of) -> None:
    assert "Saraqib" not in assert_of("Saraqib did not fall to the opposition and is not under opposition control.")
    got = assert_of("Mhardeh, the town west of Saraqib, is still held by government troops.")
    assert "Saraqib" not in got and got["Mhardeh"] == ("government", "place")


def test_region_statement_covers_the_governorate(assert_of) -> None:
    got = assert_of("The operations room declared that all of Idlib governorate is liberated.")
    assert got["Saraqib"] == ("opposition", "region") and got["Kafr Nabl"] == ("opposition", "region")
    assert "Hama" not in got


def test_civilians_never_hold_a_place(assert_of) -> None:
    got = assert_of("Residents remain in Saraqib, and civilians still hold out in Mhardeh.")
    assert all(status != "civilians" for status, _scope in got.values())
