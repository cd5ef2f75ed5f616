"""Quality gate on real reports: the pipeline against gold/syria-2024-dev/ (docs/real-gold.md).

The texts are development data in ../shared and never part of the repository: without them this
module skips. Both parts are scored from one pipeline run; ``heldout`` is only measured, never
developed against. Run with ``-s`` to see the figures.

The floors are pinned at the figures measured when they were set, minus a small margin (0.02);
raising them as the extractor improves, or lowering one, is a visible decision in this file.
Measured on 2026-11-30 with the code of commit ab5ba3d (before the clause-reader rewrite).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.evaluate_real import format_real, score_real

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT.parent / "shared" / "data" / "reports" / "syria-2024-dev"
GOLD = ROOT / "gold" / "syria-2024-dev"

# (part, section, metric): floor. Comments give the figure measured when the floor was set.
FLOORS = {
    # Set on 2026-11-30 after the clause reader (issue 8), at the measured figure minus 0.02. Two held-out
    # floors went down, a visible decision: held-out control fell from 10 to 9 of its 19 rows (gold
    # conventions differ between annotators: an entry is "contested" in the development gold and a
    # capture in one held-out text) and held-out place precision/recall moved by one mention each.
    ("development", "places", "precision"): 0.744,  # measured 0.764
    ("development", "places", "recall"): 0.862,  # measured 0.882
    ("development", "places", "found_share"): 0.941,  # measured 0.961
    ("development", "control", "accuracy"): 0.75,  # measured 0.770 (was 0.443 before the reader)
    ("development", "events", "f1"): 0.51,  # measured 0.531 (was 0.293)
    ("development", "events", "all_fields_right"): 0.49,  # measured 0.512 (was 0.257)
    ("heldout", "places", "precision"): 0.688,  # measured 0.708 (0.714 before)
    ("heldout", "places", "recall"): 0.76,  # measured 0.780 (0.786 before)
    ("heldout", "places", "found_share"): 0.908,  # measured 0.928
    ("heldout", "control", "accuracy"): 0.45,  # measured 0.474 (19 rows: one row is 0.053; 0.526 before)
    ("heldout", "events", "f1"): 0.475,  # measured 0.495 (was 0.321)
}
CLAIMS_AGREEMENT_FLOOR = 0.64  # measured 0.662 (was 0.503): the combined ledger against control_claims.csv

pytestmark = pytest.mark.skipif(not TEXTS.is_dir(), reason=f"real reports not found at {TEXTS} (development data)")


@pytest.fixture(scope="module")
def report(syria) -> dict:  # type: ignore[no-untyped-def]
    result = score_real(TEXTS, GOLD, part="all", theater=syria)
    print("\n" + format_real(result))
    return result


def test_every_gold_row_aligned_and_both_parts_scored(report: dict) -> None:
    assert set(report["parts"]) == {"development", "heldout"}
    assert report["parts"]["development"]["documents"] >= 40 and report["parts"]["heldout"]["documents"] >= 18
    for part in report["parts"].values():
        assert part["unaligned_gold_rows"] == 0
        assert part["places"]["gold_with_place_id"] >= 150 and part["events"]["gold_events"] >= 50


def test_the_reader_reads_every_real_report(report: dict) -> None:
    """A defect that makes the reader fail on a report is kept from ending the run (the report gets a warning); on the
    real reports there must be none."""
    assert report["reader_failures"] == []


@pytest.mark.parametrize(("part", "section", "metric"), sorted(FLOORS))
def test_real_quality_floor(report: dict, part: str, section: str, metric: str) -> None:
    value = report["parts"][part][section][metric]
    assert value >= FLOORS[(part, section, metric)], f"{part} {section} {metric} fell to {value:.3f}"


def test_combined_ledger_agrees_with_control_claims(report: dict) -> None:
    claims = report["combined"]["claims"]
    assert claims["rows"] >= 100
    assert claims["agreement"] >= CLAIMS_AGREEMENT_FLOOR, f"agreement fell to {claims['agreement']:.3f}"
