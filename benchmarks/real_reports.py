"""Measure frontlines on the real reports in ../shared (development data; skipped when absent).

Prints: places resolved and unresolved (share), events per report and by type, and the agreement of
the ledger with ``control_claims.csv`` (what each text claims, not ground truth), with the
disagreements. ``--samples DIR`` also writes random samples (100 resolutions, 50 events) with their
context for a hand check; they quote the reports, so write them outside the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "reports" / "syria-2024-dev"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=SHARED)
    parser.add_argument("--samples", type=Path, default=None, help="folder for hand-check samples (outside the repo)")
    args = parser.parse_args()
    if not args.reports.is_dir():
        print(f"skipped: {args.reports} not found")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from frontlines.control.ledger import Ledger, baseline_assertions
    from frontlines.mentions.geoparse import unmapped_id
    from frontlines.pipeline import Pipeline, combine
    from frontlines.read.ingest import read_paths
    from frontlines.theater import load_theater

    theater = load_theater("syria")
    files = sorted(p for p in args.reports.iterdir() if p.suffix == ".txt")
    docs = read_paths(files)
    results = Pipeline(theater).run(docs)
    extraction = combine(results, theater)
    n_places = len(extraction.places)
    n_unres = len(extraction.unresolved)
    per_doc = [len(r.events) for r in results]
    print(f"real reports: {len(docs)} documents, {sum(len(d.text.split()) for d in docs)} words")
    print(f"  place mentions resolved {n_places}, unresolved {n_unres} "
          f"(unresolved share {n_unres / max(1, n_places + n_unres):.3f})")
    reasons = Counter(u.reason.split(" (")[0] for u in extraction.unresolved)
    print(f"  unresolved reasons: {dict(reasons.most_common())}")
    print(f"  events per report: mean {sum(per_doc) / len(per_doc):.1f}, min {min(per_doc)}, max {max(per_doc)}; "
          f"merged across reports: {len(extraction.events)}")
    print(f"  by type: {dict(Counter(e.sub_event_type for r in results for e in r.events).most_common())}")

    ledger = Ledger([*baseline_assertions(theater), *(a for r in results for a in r.assertions)],
                    theater.gazetteer, theater.actors.sides)
    claims = args.reports / "control_claims.csv"
    if claims.is_file():
        rows = list(csv.DictReader(claims.open(encoding="utf-8")))
        agree = resolvable = agree_mapped = 0
        disagreements = []
        for row in rows:
            cands = [c.place for c in theater.gazetteer.lookup(row["place"])
                     if not row["governorate"] or c.place.admin1 == row["governorate"]]
            # A place the gazetteer lacks may still be in the ledger by its name.
            place_id = cands[0].id if cands else unmapped_id(row["place"])
            resolvable += bool(cands)
            status = ledger.status(place_id, date.fromisoformat(row["event_date"]))
            got = status.status if status else "none"
            if got == row["controller_after"]:
                agree += 1
                agree_mapped += bool(cands)
            else:
                where = "" if cands else " (not in gazetteer)"
                disagreements.append(f"{row['event_date']} {row['place']}: claim {row['controller_after']}, ledger {got}{where}")
        print(f"control_claims.csv: {len(rows)} rows, {resolvable} places in the gazetteer; ledger agrees on {agree} rows "
              f"({agree / max(1, len(rows)):.3f}); on the gazetteer's places {agree_mapped}/{resolvable} "
              f"({agree_mapped / max(1, resolvable):.3f})")
        for d in disagreements:
            print(f"  disagree: {d}")

    if args.samples:
        args.samples.mkdir(parents=True, exist_ok=True)
        rng = random.Random(2024)
        texts = {d.id: d for d in docs}
        places = rng.sample(extraction.places, min(100, len(extraction.places)))
        with (args.samples / "places.jsonl").open("w", encoding="utf-8") as fh:
            for p in places:
                t = texts[p.doc].text
                fh.write(json.dumps({"mention": p.mention, "resolved": f"{p.name} ({p.kind}, {p.admin1}) {p.lat},{p.lon}",
                                     "file": Path(texts[p.doc].path).name,
                                     "context": t[max(0, p.start - 120) : p.end + 80]}, ensure_ascii=False) + "\n")
        events = rng.sample([e for r in results for e in r.events], min(50, sum(per_doc)))
        with (args.samples / "events.jsonl").open("w", encoding="utf-8") as fh:
            for e in events:
                fh.write(json.dumps({k: (v.isoformat() if isinstance(v, date) else v) for k, v in {
                    "file": Path(texts[e.doc].path).name, "published": texts[e.doc].published, "sentence": e.text,
                    "sub_event_type": e.sub_event_type, "actor1": e.actor1, "actor1_side": e.actor1_side,
                    "actor2": e.actor2, "actor2_side": e.actor2_side, "location": e.location, "date": e.date,
                    "fatalities": e.fatalities, "certainty": e.certainty, "claimed_by": e.claimed_by}.items()},
                    ensure_ascii=False) + "\n")
        print(f"samples written to {args.samples}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
