"""`make fuzz`: many generated hostile inputs through every reader, the date reader, the settings
and frontlines.extract; prints how many inputs each target got and how many uncaught exceptions
(anything but a FrontlinesError) they raised, with the first example of each kind.

    python benchmarks/fuzz.py [--total 100000] [--seed 0] [--jobs N]

With --jobs N the inputs are split over N processes with seeds seed..seed+N-1.

The exit status is 1 when any input raised an uncaught exception."""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import frontlines
from frontlines.errors import FrontlinesError
from frontlines.mentions.dates import find_dates, resolve_event_date
from frontlines.pipeline import READER_FAILED
from frontlines.read.ingest import parse_date, read_file
from frontlines.settings import max_bytes
from fuzz_strategies import DOCUMENTS, any_date, published_value, report_text

# Share of the inputs per target: extract is ~100x slower than the others.
SHARES = {"readers": 0.35, "dates": 0.40, "settings": 0.15, "extract": 0.10}


Result = tuple[dict[str, int], dict[tuple[str, str, str], int], dict[tuple[str, str, str], str], dict[str, float]]


class ReaderFailure(Exception):
    """A report the clause reader failed on (the pipeline's warning, raised here so that the run counts it)."""


def fuzz(total: int, run_seed: int) -> Result:
    """Run every target on its share of ``total`` inputs; counts, crashes, first examples, seconds."""
    folder = Path(tempfile.mkdtemp(prefix="frontlines-fuzz-"))
    counts: collections.Counter[str] = collections.Counter()
    crashes: collections.Counter[tuple[str, str, str]] = collections.Counter()
    first: dict[tuple[str, str, str], str] = {}

    def guard(target: str, call: Callable[[], Any], shown: str) -> None:
        counts[target] += 1
        try:
            call()
        except FrontlinesError:
            pass
        except Exception as exc:  # the point of the run: count what escapes
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = (target, type(exc).__name__, f"{Path(frame.filename).name}:{frame.lineno}")
            crashes[key] += 1
            first.setdefault(key, shown[:160])

    docs = st.sampled_from(sorted(DOCUMENTS)).flatmap(lambda s: st.tuples(st.just(s), DOCUMENTS[s]))

    def read(doc: tuple[str, str], junk: bytes) -> None:
        path = folder / f"r{doc[0]}"
        path.write_bytes(junk + doc[1].encode("utf-8", "surrogatepass"))
        for d in read_file(path):
            d.text.encode("utf-8")
            d.title.encode("utf-8")

    def dates(text: str, pub: Any, ctx: Any) -> None:
        find_dates(text, pub, context=ctx)
        resolve_event_date(text, pub, context=ctx, trigger_start=len(text) // 2)

    def extracted(text: str, pub: Any) -> None:
        result = frontlines.extract(text, published=pub)
        # (the pipeline keeps a reader defect from ending a run, as a warning on the report: count it as a crash)
        failed = [w for w in result.warnings if READER_FAILED in w]
        if failed:
            raise ReaderFailure(failed[0].split(": ", 1)[-1])
        result.to_dict()

    targets: dict[str, tuple[Any, Callable[..., None]]] = {
        "readers": ((docs, st.binary(max_size=30)), lambda d, j: guard("readers", lambda: read(d, j), repr(d))),
        "dates": ((report_text(), st.one_of(st.none(), any_date), st.one_of(st.none(), any_date)),
                  lambda t, p, c: guard("dates", lambda: dates(t, p, c), repr((t, p, c)))),
        "settings": ((st.one_of(st.text(max_size=60), published_value.map(str)),),
                     lambda v: guard("settings", lambda: (parse_date(v), max_bytes(v)), repr(v))),
        "extract": ((report_text(), published_value),
                    lambda t, p: guard("extract", lambda: extracted(t, p), repr((t, p)))),
    }
    seconds: dict[str, float] = {}
    for name, (strategies, body) in targets.items():
        n = max(1, int(total * SHARES[name]))
        t0 = time.perf_counter()
        run = settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))(
            seed(run_seed)(given(*strategies)(body)))
        run()
        seconds[name] = time.perf_counter() - t0
    return dict(counts), dict(crashes), first, seconds


def _job(args: tuple[int, int]) -> Result:
    return fuzz(*args)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--total", type=int, default=100_000, help="generated inputs in all")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1, help="processes to split the inputs over")
    args = ap.parse_args()
    started = time.perf_counter()
    jobs = [(args.total // args.jobs + (1 if i < args.total % args.jobs else 0), args.seed + i) for i in range(args.jobs)]
    if args.jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            parts = pool.map(_job, jobs)
    else:
        parts = [fuzz(*jobs[0])]
    counts: collections.Counter[str] = collections.Counter()
    crashes: collections.Counter[tuple[str, str, str]] = collections.Counter()
    first: dict[tuple[str, str, str], str] = {}
    seconds: collections.Counter[str] = collections.Counter()
    for c, k, f, s in parts:
        counts.update(c)
        crashes.update(k)
        seconds.update(s)
        for key, value in f.items():
            first.setdefault(key, value)
    for name in SHARES:
        print(f"{name:9} {counts[name]:>8} inputs  {sum(v for k, v in crashes.items() if k[0] == name):>5} uncaught"
              f"  {seconds[name]:7.1f} s (summed over jobs)")
    total_crashes = sum(crashes.values())
    print(f"fuzz: {sum(counts.values())} generated inputs, {total_crashes} uncaught exceptions "
          f"({time.perf_counter() - started:.0f} s)")
    for key, n in crashes.most_common():
        print(f"  {n:6} {key[0]} {key[1]} at {key[2]}: {first[key]}")
    return 1 if total_crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
