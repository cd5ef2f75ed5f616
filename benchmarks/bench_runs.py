"""`make bench` (ledger from the database): 1,000,000 synthetic assertions on 20,000 places,
materialized as status runs (status_runs.py), then the status of every place on random days
read back with one indexed query each: p50/p95 milliseconds (the issue's target: p95 < 100 ms).
Three reads are timed: the map alone (``map_on``: place, status, level, confidence, since, first
day; no evidence), the same as ``ControlStatus`` records with the gazetteer's names and points
(``statuses_on(..., gazetteer=, evidence=False)``), and the full records with evidence.

    python benchmarks/bench_runs.py [--assertions 1000000] [--places 20000] [--db URL]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def main() -> int:
    from frontlines.control.ledger import Ledger
    from frontlines.control.status_runs import _runs, map_on, statuses_on
    from frontlines.mentions.gazetteer import Gazetteer
    from frontlines.models import ControlAssertion, Place
    from frontlines.store.storage import Store

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assertions", type=int, default=1_000_000)
    ap.add_argument("--places", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=40)
    ap.add_argument("--db", default="", help="a database URL (default: a new SQLite file)")
    args = ap.parse_args()
    rng = random.Random(7)
    places = [Place(id=f"p{i}", name=f"Place {i}", kind="settlement", lat=33 + rng.random() * 4,
                    lon=36 + rng.random() * 4, admin1="X", names=(f"Place {i}",)) for i in range(args.places)]
    start = date(2024, 11, 27)
    statuses = ("government", "opposition", "contested", "sdf")
    assertions = [
        ControlAssertion(id=f"a{i}", place_id=f"p{rng.randrange(args.places)}", status=rng.choice(statuses),
                         level="assessed", valid_from=start + timedelta(days=rng.randrange(60)), time_precision=1,
                         doc=f"d{i % 5000}", start=0, end=1, confidence=0.5 + rng.random() / 2, source=f"s{i % 40}",
                         basis=f"e{i}")
        for i in range(args.assertions)
    ]
    t = time.perf_counter()
    ledger = Ledger(assertions, Gazetteer(places), statuses)
    rows = [row for p in places for row in _runs(ledger, p.id)]
    n_runs = len(rows)
    t_runs = time.perf_counter() - t
    store = Store(args.db or str(Path(tempfile.mkdtemp(prefix="frontlines-runs-")) / "runs.db"))
    t = time.perf_counter()
    store.update_status_runs(lambda conn: ({p.id for p in places}, rows))
    t_write = time.perf_counter() - t
    days = [start + timedelta(days=rng.randrange(-5, 70)) for _ in range(args.queries)]
    gazetteer = ledger.gazetteer
    checked = [*days[:3], None]
    expected = {day: ledger.as_of(day) for day in checked}
    # A process that answers map queries (the CLI, the web app) does not hold a million assertions:
    # drop them before timing, or the garbage collector's passes over them are what gets measured.
    del assertions, ledger, rows[:]
    gc.collect()
    reads = {
        "map (map_on)": lambda day: map_on(store, day),
        "records, no evidence": lambda day: statuses_on(store, day, gazetteer=gazetteer, evidence=False),
        "records with evidence": lambda day: statuses_on(store, day),
    }
    print(f"status runs: {args.assertions} assertions on {args.places} places -> {n_runs} runs "
          f"(computed {t_runs:.1f} s, written {t_write:.1f} s, {store.engine.dialect.name})")
    for name, read in reads.items():
        timings, sizes = [], []
        for day in days:
            t = time.perf_counter()
            sizes.append(len(read(day)))
            timings.append((time.perf_counter() - t) * 1000)
        timings.sort()
        p50, p95 = timings[len(timings) // 2], timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        print(f"one day's {name} from the database: p50 {p50:.0f} ms, p95 {p95:.0f} ms over {len(days)} random days "
              f"(up to {max(sizes)} places); target p95 < 100 ms", flush=True)
    same = True
    for day in checked:
        want = {s.place_id: (s.status, s.level, s.since, s.confidence) for s in expected[day]}
        same &= {m.place_id: (m.status, m.level, m.since, m.confidence) for m in map_on(store, day)} == want
        same &= statuses_on(store, day, gazetteer=gazetteer, evidence=False) == [replace(s, evidence=(), basis=()) for s in expected[day]]
        same &= statuses_on(store, day) == expected[day]
    print(f"equal to Ledger.as_of on 4 days (map, records, records with evidence): {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
