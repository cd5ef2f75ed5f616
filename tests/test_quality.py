"""Quality gate: the pipeline against the gold annotations of the bundled examples.

The floors are pinned a little under the figures measured when they were set (see the issue notes);
lowering one is a visible decision in this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.evaluate import evaluate

GOLD = Path(__file__).resolve().parent.parent / "examples" / "gold"

FLOORS = {
    ("places", "precision"): 0.95,  # issue 3 target 0.95; measured 0.971
    ("places", "recall"): 0.95,  # issue 3 target 0.90; measured 0.971
    ("events", "f1"): 0.83,  # issue 4 target 0.80; measured 0.849
    ("events", "precision"): 0.83,  # measured 0.847
    ("events", "recall"): 0.83,  # measured 0.851
    ("control", "accuracy"): 0.90,  # issue 5 target 0.90; measured 0.920
    ("control", "accuracy_in_gazetteer"): 0.90,  # measured 0.916 where the gazetteer holds the place
}


@pytest.fixture(scope="module")
def report(syria) -> dict:
    return evaluate(GOLD, theater=syria)


def test_gold_is_big_enough(report: dict) -> None:
    assert report["documents"] >= 15
    assert report["places"]["gold_mentions"] >= 300
    assert report["events"]["gold_events"] >= 150
    assert report["control"]["gold_place_days"] >= 60


@pytest.mark.parametrize(("section", "metric"), sorted(FLOORS))
def test_quality_floor(report: dict, section: str, metric: str) -> None:
    value = report[section][metric]
    assert value >= FLOORS[(section, metric)], f"{section} {metric} fell to {value:.3f}"


def test_missing_places_are_not_forced_onto_namesakes(report: dict) -> None:
    places = report["places"]
    assert places["missing_forced_onto_namesake"] <= 2
    assert places["missing_reported_unresolved"] >= places["gold_missing"] * 2 // 3
    assert places["unresolved_not_in_gold"] <= 8


def test_field_accuracy(report: dict) -> None:
    accuracy = report["events"]["accuracy"]
    assert accuracy["sub_event_type"] >= 0.9 and accuracy["date"] >= 0.9
    assert accuracy["actor1_side"] >= 0.85 and accuracy["actor2_side"] >= 0.78
    assert accuracy["fatalities"] >= 0.85 and accuracy["certainty"] >= 0.8
