"""Time ``control_areas`` on 20,000 random places.

Places lie in a ~500 km box around Syria's latitude; their statuses come in
spatially coherent blobs (nearest of a few random centres, each one of four
sides) with a sprinkle of noise, like a real front map. Run with
``PYTHONPATH=src python benchmarks/bench_areas.py [N]``.
"""

from __future__ import annotations

import sys
import time
from datetime import date

import numpy as np

from frontlines.control.areas import control_areas, derive_boundary
from frontlines.models import ControlStatus

SIDES = ("government", "opposition", "sdf", "isis")


def make_statuses(n: int, seed: int = 7) -> list[ControlStatus]:
    """``n`` places in a 4.5 x 4.5 degree box, statuses by nearest blob centre."""
    rng = np.random.default_rng(seed)
    lon = rng.uniform(36.0, 41.5, n)  # ~500 km at 35 N
    lat = rng.uniform(32.5, 37.0, n)
    centres = np.column_stack((rng.uniform(36.0, 41.5, 16), rng.uniform(32.5, 37.0, 16)))
    owner = rng.integers(0, len(SIDES), len(centres))
    d2 = (lon[:, None] - centres[None, :, 0]) ** 2 + (lat[:, None] - centres[None, :, 1]) ** 2
    status = owner[np.argmin(d2, axis=1)]
    noise = rng.random(n) < 0.02
    status[noise] = rng.integers(0, len(SIDES), int(noise.sum()))
    return [
        ControlStatus(
            place_id=f"p{i}",
            name=f"P{i}",
            lat=float(lat[i]),
            lon=float(lon[i]),
            status=SIDES[status[i]],
            level="assessed",
            since=date(2024, 11, 30),
            confidence=0.8,
        )
        for i in range(n)
    ]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    statuses = make_statuses(n)
    t0 = time.perf_counter()
    boundary = derive_boundary([(s.lon, s.lat) for s in statuses])
    t1 = time.perf_counter()
    result = control_areas(statuses, boundary)
    t2 = time.perf_counter()
    print(f"derive_boundary: {t1 - t0:.2f} s for {n} points")
    print(
        f"control_areas: {t2 - t1:.2f} s for {n} places -> {len(result.areas)} areas, "
        f"{len(result.front_lines)} front lines, {len(result.cells)} cells"
    )


if __name__ == "__main__":
    main()
