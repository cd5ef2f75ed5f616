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
    # Re-pinned on 2026-11-30 when the clause reader replaced the pattern triggers (issue 8), at the
    # measured figure minus about 0.02: a visible decision. This gold was written by the same team as the
    # old patterns, in-sample; the real-report gold (tests/test_quality_real.py) is now the yardstick and
    # rose on every figure. The biggest convention change: "entered X" now contests X (as the real-report
    # gold and control_claims.csv read it), where this gold reads a capture.
    ("places", "precision"): 0.95,  # issue 3 target 0.95; measured 0.971
    ("places", "recall"): 0.95,  # issue 3 target 0.90; measured 0.971
    ("events", "f1"): 0.66,  # measured 0.680 (0.849 with the old patterns)
    # Lowered again the same day, visibly: a period named day by day ("on 1 and 2 December") is now one
    # event per day (ACLED's rule, and how the real-report gold codes it; real development F1 0.540 ->
    # 0.560); this gold codes such a period once, so the second day counts as spurious here.
    ("events", "precision"): 0.67,  # measured 0.691 (0.732 before per-day events)
    ("events", "recall"): 0.61,  # measured 0.635
    ("control", "accuracy"): 0.69,  # measured 0.715 (0.920 with the old patterns)
    ("control", "accuracy_in_gazetteer"): 0.74,  # measured 0.761
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
    assert accuracy["actor1_side"] >= 0.67 and accuracy["actor2_side"] >= 0.60  # measured 0.701 / 0.682
    assert accuracy["fatalities"] >= 0.85 and accuracy["certainty"] >= 0.8
