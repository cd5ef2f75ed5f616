"""PNG maps and GIF animations."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from shapely.geometry import box

from frontlines.areas import control_areas
from frontlines.errors import ExportError
from frontlines.maps import render_animation, render_map
from frontlines.models import ControlStatus, Event

BOUNDARY = box(35.95, 33.95, 36.95, 34.95)
REGIONS = {"West": box(35.95, 33.95, 36.45, 34.95), "East": box(36.45, 33.95, 36.95, 34.95)}
COLORS = {"government": "#d62728", "opposition": "#2ca02c", "contested": "#9467bd"}
AS_OF = date(2024, 11, 30)


def statuses(split: int = 5) -> list[ControlStatus]:
    out = []
    for i in range(10):
        for j in range(10):
            side = "government" if i < split else "opposition"
            if (i, j) == (2, 5):
                side = "contested"
            out.append(
                ControlStatus(
                    f"p{i}_{j}",
                    f"Town {i}{j}",
                    34.0 + 0.1 * j,
                    36.0 + 0.1 * i,
                    side,
                    "assessed",
                    AS_OF,
                    0.8,
                    ("a",),
                    "West" if i < 5 else "East",
                )
            )
    return out


def event(eid: str, etype: str, lon: float, lat: float) -> Event:
    return Event(
        eid,
        "d",
        AS_OF,
        1,
        etype,
        "",
        "A",
        "opposition",
        "B",
        "government",
        "",
        "loc",
        lat,
        lon,
        1,
        0,
        "",
        "reported",
        "",
        "text",
        0,
        1,
    )


EVENTS = [
    event("e1", "Battles", 36.45, 34.5),
    event("e2", "Explosions/Remote violence", 36.3, 34.2),
    event("e3", "Strategic developments", 36.6, 34.7),
    event("e4", "Violence against civilians", 36.1, 34.8),
]


def _rgb(hex_color: str) -> np.ndarray:
    return np.array([int(hex_color[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


def _pixels_near(img: Image.Image, rgb: np.ndarray, tol: float = 12) -> int:
    arr = np.asarray(img.convert("RGB"), dtype=float)
    return int((np.abs(arr - rgb).max(axis=2) <= tol).sum())


def _render(tmp_path: Path, **kw: Any) -> Image.Image:
    sts = kw.pop("statuses", statuses())
    args: dict[str, Any] = {
        "statuses": sts,
        "areas": control_areas(sts, BOUNDARY),
        "events": EVENTS,
        "regions": REGIONS,
        "boundary": BOUNDARY,
        "side_colors": COLORS,
        "as_of": AS_OF,
        "title": "Test",
        "population": {"p0_0": 100000, "p9_9": 50000},
    }
    args.update(kw)
    path = tmp_path / "map.png"
    render_map(path, **args)
    img = Image.open(path)
    img.load()
    return img


def test_map_png_is_drawn(tmp_path: Path) -> None:
    img = _render(tmp_path)
    assert img.format == "PNG"
    assert img.size == (1500, 1500)
    colours = img.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 100
    # Place dots in the exact side colours, and the areas filled with them at 35%.
    gov, opp = _rgb(COLORS["government"]), _rgb(COLORS["opposition"])
    assert _pixels_near(img, gov) > 200
    assert _pixels_near(img, opp) > 200
    gov_fill = 0.35 * gov + 0.65 * 255
    assert _pixels_near(img, gov_fill, tol=4) > 50_000
    # The front line is thick and near-black.
    assert _pixels_near(img, np.array([17.0, 17.0, 17.0]), tol=20) > 2_000


def test_map_without_areas_or_events_falls_back_to_the_boundary(tmp_path: Path) -> None:
    img = _render(tmp_path, statuses=[], areas=None, events=[], regions=None, as_of=None, title="")
    assert img.size == (1500, 1500)
    assert _pixels_near(img, _rgb(COLORS["government"])) == 0
    assert _pixels_near(img, np.array([255.0, 255.0, 255.0]), tol=0) > 300_000  # the boundary's inside


def test_map_dpi(tmp_path: Path) -> None:
    img = _render(tmp_path, dpi=50)
    assert img.size == (500, 500)


def test_map_unwritable(tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        render_map(tmp_path / "no" / "map.png", statuses(), None, [], None, BOUNDARY, COLORS, AS_OF)


def test_animation_has_one_frame_per_day(tmp_path: Path) -> None:
    frames = []
    for k, split in enumerate((5, 6, 7)):
        sts = statuses(split)
        frames.append((AS_OF + timedelta(days=k), sts, control_areas(sts, BOUNDARY), EVENTS[: k + 1]))
    path = tmp_path / "anim.gif"
    render_animation(path, frames, REGIONS, BOUNDARY, COLORS, fps=2, dpi=40)
    with Image.open(path) as gif:
        assert gif.format == "GIF"
        assert getattr(gif, "n_frames", 1) == 3
        assert gif.size == (400, 400)
        assert gif.info.get("duration") == 500
        assert gif.info.get("loop") == 0
        # Government grows frame by frame: its fill colour covers more pixels.
        counts = []
        gov_fill = 0.35 * _rgb(COLORS["government"]) + 0.65 * 255
        for i in range(3):
            gif.seek(i)
            counts.append(_pixels_near(gif.convert("RGB"), gov_fill, tol=10))
        assert counts[0] < counts[1] < counts[2]


def test_animation_needs_frames(tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        render_animation(tmp_path / "a.gif", [], None, BOUNDARY, COLORS)
