"""`make bench` (ledger from the database): 1,000,000 synthetic assertions on 20,000 places,
materialized as status runs (status_runs.py), then the status of every place on random days
read back with one indexed query each: p50/p95 milliseconds (the issue's target: p95 < 100 ms).

    python benchmarks/bench_runs.py [--assertions 1000000] [--places 20000] [--db URL]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def main() -> int:
    from frontlines.gazetteer import Gazetteer
    from frontlines.ledger import Ledger
    from frontlines.models import ControlAssertion, Place
    from frontlines.status_runs import _runs, statuses_on
    from frontlines.storage import Store

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
    t_runs = time.perf_counter() - t
    store = Store(args.db or str(Path(tempfile.mkdtemp(prefix="frontlines-runs-")) / "runs.db"))
    t = time.perf_counter()
    store.update_status_runs(lambda conn: ({p.id for p in places}, rows))
    t_write = time.perf_counter() - t
    days = [start + timedelta(days=rng.randrange(-5, 70)) for _ in range(args.queries)]
    timings, sizes = [], []
    for day in days:
        t = time.perf_counter()
        sizes.append(len(statuses_on(store, day)))
        timings.append((time.perf_counter() - t) * 1000)
    expected = ledger.as_of(days[0])
    same = [(s.place_id, s.status) for s in statuses_on(store, days[0])] == [(s.place_id, s.status) for s in expected]
    timings.sort()
    p50, p95 = timings[len(timings) // 2], timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    print(f"status runs: {args.assertions} assertions on {args.places} places -> {len(rows)} runs "
          f"(computed {t_runs:.1f} s, written {t_write:.1f} s, {store.engine.dialect.name})")
    print(f"one day's map from the database: p50 {p50:.0f} ms, p95 {p95:.0f} ms over {len(days)} random days "
          f"(up to {max(sizes)} places; equals Ledger.as_of: {same}); target p95 < 100 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
