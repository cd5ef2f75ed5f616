"""Benchmark of the web desk (make bench; not a test): page load and /api/control latency.

Two databases: the demo database (the bundled example reports) and a synthetic ledger of 20,000
places (the Syria theater's gazetteer widened with synthetic villages, five days of assertions
each). For each: the first (cold) /api/control of a day, then 50 concurrent readers asking for
days across the period, p50/p95 latency; and, when Debian's chromium is installed, the time the
page takes to draw a day. Targets from issue 10: p95 < 200 ms at 20,000 places; a day drawn < 1 s.

The readers share this machine's cores with the server, so they must cost less than it does: the
headline p50/p95 come from 50 keep-alive connections on one asyncio loop speaking plain HTTP/1.1
(about 0.25 ms of CPU a request). The same readers as 50 httpx threads (``httpx_threads_*``, the
figure before 30 Nov 2026) spend several ms of CPU a request and queue on the GIL: they measure
themselves (a 100-byte /api/me gets p95 ~400 ms that way), so they are kept for comparison only.
``server_cpu_ms_per_request`` is the server process's own CPU time per answer (Linux /proc).

    python benchmarks/web.py [--places 20000] [--readers 50] [--requests 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import httpx

from frontlines.models import ControlAssertion, Document, DocumentResult
from frontlines.store.storage import open_store
from frontlines.theater import load_theater
from frontlines.web.screens import browser, chromium_path, set_day, wait_ready

ROOT = Path(__file__).resolve().parent.parent

SIDES = ("government", "opposition", "sdf", "contested")


def demo_db(folder: Path, given: str | None) -> Path:
    existing = Path(given) if given else ROOT / "out" / "demo.db"
    if existing.exists():
        return existing
    db = folder / "demo.db"
    subprocess.run([sys.executable, "-m", "frontlines.cli", "ingest", str(ROOT / "examples" / "reports"), "--db", str(db)],
                   check=True, capture_output=True)
    return db


def synthetic_theater(folder: Path, n_places: int, rng: random.Random) -> tuple[Path, list[str]]:
    """A copy of the Syria theater folder whose gazetteer has n synthetic villages more."""
    base = load_theater("syria")
    target = folder / "synthetic-theater"
    shutil.copytree(base.folder, target)
    west, south, east, north = base.bbox or (35.5, 32.3, 42.4, 37.4)
    ids = [f"syn:{i}" for i in range(n_places)]
    with (target / "gazetteer.tsv").open("a", encoding="utf-8") as out:
        for i, pid in enumerate(ids):
            lat, lon = rng.uniform(south + 0.5, north - 0.5), rng.uniform(west + 0.5, east - 2.0)
            out.write(f"{pid}\tSynthetic {i}\tsettlement\tvillage\t{lat:.5f}\t{lon:.5f}\tSynthetic\tSY\t0\t1\tSynthetic {i}\n")
    return target, ids


def synthetic_db(folder: Path, n_places: int, seed: int = 7) -> tuple[Path, Path]:
    """A database of five days of assertions for each of n synthetic villages, and its theater folder."""
    rng = random.Random(seed)
    theater_dir, ids = synthetic_theater(folder, n_places, rng)
    start = load_theater("syria").start or date(2024, 11, 27)
    db = folder / "synthetic.db"
    store = open_store(str(db))
    results = []
    for d in range(12):
        day = start + timedelta(days=d)
        doc = Document(id=f"syn-doc-{d}", text=f"synthetic bulletin {d}", source=f"Synthetic Wire {d % 3}", published=day)
        chosen = rng.sample(ids, k=n_places * 5 // 12)
        assertions = tuple(
            ControlAssertion(id=f"syn-{d}-{pid}", place_id=pid, status=rng.choice(SIDES[:3]), level=rng.choice(("assessed", "claimed")),
                             valid_from=day, time_precision=1, doc=doc.id, start=0, end=10, confidence=round(rng.uniform(0.3, 0.95), 2),
                             source=doc.source, basis="statement", text="synthetic", published=day)
            for pid in chosen)
        results.append(DocumentResult(doc, (), (), (), (), assertions))
    store.write(results, "syria")
    store.close()
    return db, theater_dir


@contextmanager
def serve_process(db: Path, theater: str) -> Iterator[str]:
    """Yields the server's URL; its process id is :data:`SERVER_PID` meanwhile."""
    """`frontlines serve --read-only` in its own process (the readers must not share its interpreter)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cli = Path(sys.executable).parent / "frontlines"
    proc = subprocess.Popen([str(cli), "serve", "--db", str(db), "--theater", theater, "--read-only", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    SERVER_PID[0] = proc.pid
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(url + "/api/me", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("frontlines serve did not start: " + (proc.stderr.read().decode() if proc.stderr else "")) from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


SERVER_PID = [0]


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process so far (0 where /proc is not there)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _lean_reader(port: int, paths: list[str], etags: dict[str, str] | None, latencies: list[float]) -> None:
    """One browser-like reader on one keep-alive connection: GET each path in turn, read the body as sent.

    With ``etags`` it sends If-None-Match for a day it has already seen, as a browser's cache does.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for path in paths:
            extra = f"If-None-Match: {etags[path]}\r\n" if etags is not None and path in etags else ""
            t0 = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\nAccept-Encoding: gzip\r\n{extra}\r\n".encode())
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            status = int(head[0].split()[1])
            fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
            if status not in (200, 304) or "transfer-encoding" in fields:
                raise RuntimeError(f"{path}: {head[0]} {fields}")
            await reader.readexactly(int(fields.get("content-length", "0")))
            latencies.append((time.perf_counter() - t0) * 1000)
            if etags is not None and "etag" in fields:
                etags[path] = fields["etag"]
    finally:
        writer.close()


def lean_readers(url: str, days: list[date], readers: int, requests: int, view: str = "control",
                 revalidate: bool = False, seed: int = 0) -> tuple[list[float], float]:
    """Latencies (ms) of ``readers`` concurrent readers, ``requests`` random days each; and the wall time."""
    port = int(url.rsplit(":", 1)[1])
    plans = []
    for k in range(readers):
        rng = random.Random(seed + k)
        plans.append([f"/api/{view}?as_of={rng.choice(days)}" for _ in range(requests)])
    latencies: list[float] = []

    async def run() -> None:
        await asyncio.gather(*(_lean_reader(port, plan, {} if revalidate else None, latencies) for plan in plans))

    t = time.perf_counter()
    asyncio.run(run())
    return latencies, time.perf_counter() - t


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(name: str, db: Path, readers: int, requests: int, theater: str = "syria") -> dict[str, float]:
    out: dict[str, float] = {"load_1min": os.getloadavg()[0]}
    with serve_process(db, theater) as url, httpx.Client(base_url=url, timeout=120) as client:
        period = client.get("/api/theater").json()
        first, last = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        t = time.perf_counter()
        r = client.get("/")
        out["page_ms"] = (time.perf_counter() - t) * 1000
        r.raise_for_status()
        t = time.perf_counter()
        r = client.get(f"/api/control?as_of={days[-1]}")
        out["cold_control_ms"] = (time.perf_counter() - t) * 1000
        n_features = len(r.json()["features"])
        t = time.perf_counter()
        client.get(f"/api/control?as_of={days[len(days) // 2]}").raise_for_status()
        out["cold_day_ms"] = (time.perf_counter() - t) * 1000
        # The server computes every day in the background from its start (frontlines serve warms);
        # wait until all are there, so that the readers below measure the steady state.
        t = time.perf_counter()
        for day in days:
            client.get(f"/api/control?as_of={day}").raise_for_status()
            client.get(f"/api/areas?as_of={day}").raise_for_status()
        out["all_days_ready_s"] = time.perf_counter() - t

        def fetch(c: httpx.Client, day: date) -> float:
            """Seconds for one /api/control, body read as sent (gzip), not decoded: a browser decodes on its own CPU."""
            t0 = time.perf_counter()
            with c.stream("GET", f"/api/control?as_of={day}", headers={"Accept-Encoding": "gzip"}) as r:
                r.raise_for_status()
                size = sum(len(chunk) for chunk in r.iter_raw())
            out["largest_day_bytes"] = float(max(size, out.get("largest_day_bytes", 0.0)))
            return (time.perf_counter() - t0) * 1000

        serial = [fetch(client, days[i % len(days)]) for i in range(20)]
        out["one_reader_p50_ms"] = statistics.median(serial)

        def reader(k: int) -> list[float]:
            rng = random.Random(k)
            with httpx.Client(base_url=url, timeout=120) as c:
                return [fetch(c, rng.choice(days)) for _ in range(requests)]

        cpu0 = cpu_seconds(SERVER_PID[0])
        latencies, wall = lean_readers(url, days, readers, requests)
        out.update(p50_ms=statistics.median(latencies), p95_ms=pct(latencies, 0.95), requests_per_s=len(latencies) / wall,
                   server_cpu_ms_per_request=(cpu_seconds(SERVER_PID[0]) - cpu0) * 1000 / len(latencies), places=n_features)
        latencies, wall = lean_readers(url, days, readers, requests, view="areas", seed=1000)
        out.update(areas_p50_ms=statistics.median(latencies), areas_p95_ms=pct(latencies, 0.95))
        latencies, wall = lean_readers(url, days, readers, requests, revalidate=True, seed=2000)
        out.update(revalidating_p50_ms=statistics.median(latencies), revalidating_p95_ms=pct(latencies, 0.95))
        t = time.perf_counter()
        with ThreadPoolExecutor(readers) as pool:
            latencies = [x for chunk in pool.map(reader, range(readers)) for x in chunk]
        wall = time.perf_counter() - t
        out.update(httpx_threads_p50_ms=statistics.median(latencies), httpx_threads_p95_ms=pct(latencies, 0.95),
                   httpx_threads_requests_per_s=len(latencies) / wall)
        if chromium_path():
            with browser() as b:
                page = b.new_page(viewport={"width": 1400, "height": 850})
                t = time.perf_counter()
                page.goto(url + "/")
                wait_ready(page, 300_000)
                out["first_draw_s"] = time.perf_counter() - t
                draws, painted = [], []
                for day in days[:: max(1, len(days) // 5)]:
                    set_day(page, day.isoformat(), timeout_ms=300_000)
                    draws.append(float(page.evaluate("document.getElementById('map').dataset.drawMs")))
                    page.wait_for_function("d => document.getElementById('map').dataset.paintedDay === d",
                                           arg=day.isoformat(), timeout=300_000)
                    painted.append(float(page.evaluate("document.getElementById('map').dataset.paintMs")))
                # draw: the page's script from the slider to the last marker; painted: until the browser drew it
                out["draw_day_ms_median"] = statistics.median(draws)
                out["draw_day_ms_max"] = max(draws)
                out["painted_day_ms_median"] = statistics.median(painted)
                out["painted_day_ms_max"] = max(painted)
    out["load_1min_after"] = os.getloadavg()[0]
    print(f"{name}: " + ", ".join(f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in out.items()), flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=20_000)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10, help="requests per reader")
    parser.add_argument("--demo-db", help="the demo database (default out/demo.db, else built from examples/reports)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure("demo database", demo_db(folder, args.demo_db), args.readers, args.requests)
        t = time.perf_counter()
        db, theater_dir = synthetic_db(folder, args.places)
        print(f"synthetic database: {args.places} places written in {time.perf_counter() - t:.1f} s", flush=True)
        result = measure(f"synthetic {args.places} places", db, args.readers, args.requests, str(theater_dir))
    ok = result["p95_ms"] < 200 and result.get("draw_day_ms_max", 0) < 1000
    print("targets (p95 < 200 ms, a day drawn < 1 s): " + ("met" if ok else "NOT met")
          + (f"; the slowest day painted in {result['painted_day_ms_max']:.0f} ms" if "painted_day_ms_max" in result else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
