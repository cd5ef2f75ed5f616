"""Score frontlines against the real-report gold (gold/syria-2024-dev/) and print both parts and the table.

Usage: python scripts/eval_real.py [--texts DIR] [--gold DIR] [--json]
The texts stay in ../shared (development data): without them it says so and exits 0. The figures
printed are the ones docs/measurements.md quotes (``make eval-real``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT.parent / "shared" / "data" / "reports" / "syria-2024-dev"
GOLD = ROOT / "gold" / "syria-2024-dev"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=TEXTS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--json", action="store_true", help="the whole report as JSON (with the error lists)")
    args = parser.parse_args()
    if not args.texts.is_dir():
        print(f"skipped: {args.texts} not found (the real reports are development data in ../shared)")
        return 0
    from frontlines.evaluate_real import format_real, score_real

    report = score_real(args.texts, args.gold, part="all")
    print(json.dumps(report, indent=1) if args.json else format_real(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
