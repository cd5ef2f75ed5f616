"""`make bench` (long reports): seconds and peak memory of the whole pipeline on one report of
10 KB, 100 KB and 1 MB (and 10 MB with --huge), each size in a fresh process so that the peak
is that size's own. The text is the real reports in ../shared joined end to end (a feed dump),
else the bundled examples.

    python benchmarks/bench_long.py [--huge] [--sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "reports" / "syria-2024-dev"

ONE = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {src!r})
from frontlines.read.ingest import from_text, read_file
from frontlines.pipeline import Pipeline
from frontlines.theater import load_theater
folder = Path({folder!r})
texts = [d.text for f in sorted(folder.iterdir()) if f.suffix in (".txt", ".md") for d in read_file(f)]
size = {size}
parts, total, i = [], 0, 0
while total < size:
    parts.append(texts[i % len(texts)]); total += len(parts[-1]) + 2; i += 1
text = "\n\n".join(parts)[:size]
pipeline = Pipeline(load_theater("syria"))
pipeline.run([from_text("Rebels took Saraqib.", published="2024-12-05")])  # model loaded before the clock starts
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cpu0, start = time.process_time(), time.perf_counter()
result = pipeline.run([from_text(text, published="2024-12-05")])[0]
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN)  # spaCy's parse processes for a long report
from frontlines.read.nlp import parse_processes, windows
procs = parse_processes(len(text), len(windows(text)))
print(json.dumps({{"bytes": len(text.encode()), "seconds": seconds, "cpu": cpu + children.ru_utime + children.ru_stime,
                  "peak_mb": peak / 1024, "child_mb": children.ru_maxrss / 1024, "processes": procs,
                  "before_mb": base / 1024, "events": len(result.events), "places": len(result.places)}}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--huge", action="store_true", help="also 10 MB (minutes)")
    ap.add_argument("--sizes", default="", help="comma-separated sizes in bytes instead of the defaults")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] or [10_000, 100_000, 1_000_000] + ([10_000_000] if args.huge else [])
    folder = SHARED if SHARED.is_dir() else ROOT / "examples" / "reports"
    print(f"long reports: one report built from {folder.name}, whole pipeline, fresh process per size")
    # CPU seconds (this process's and its parse processes'): on a shared machine they are steadier
    # than wall seconds. Peak MB is this process's; child MB the largest parse process's (a long
    # report is parsed by one process per core, forked with the model already loaded).
    print(f"{'size':>10} {'seconds':>8} {'cpu s':>8} {'cpu/100KB':>9} {'peak MB':>8} {'child MB':>8} {'procs':>5} "
          f"{'model MB':>8} {'events':>7}")
    for size in sizes:
        code = ONE.format(src=str(ROOT / "src"), folder=str(folder), size=size)
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        if run.returncode != 0:
            print(f"{size:>10} failed: {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else run.returncode}")
            continue
        r = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"{r['bytes']:>10} {r['seconds']:>8.1f} {r['cpu']:>8.1f} {r['cpu'] / r['bytes'] * 1e5:>9.2f} {r['peak_mb']:>8.0f} "
              f"{r['child_mb']:>8.0f} {r['processes']:>5} {r['before_mb']:>8.0f} {r['events']:>7}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
