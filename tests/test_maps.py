"""PNG maps and GIF animations."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from shapely.geometry import box

from frontlines.control.areas import control_areas
from frontlines.errors import ExportError
from frontlines.models import ControlStatus, Event, Evidence
from frontlines.views.maps import render_animation, render_map

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
                    (Evidence("d1", 0, 10),),
                    "West" if i < 5 else "East",
                    basis=("a",),
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


def test_packaged_basemap_has_the_context_layers() -> None:
    from frontlines.theater import load_theater
    from frontlines.views import theater_basemap, theater_boundary

    syria = load_theater("syria")
    basemap = theater_basemap(syria)
    assert basemap is not None and "Natural Earth" in basemap.attribution
    names = {n for n, _ in basemap.countries}
    assert {"Syria", "Turkey", "Iraq", "Jordan", "Lebanon"} <= names
    assert "Euphrates" in {n for n, _ in basemap.rivers} and basemap.coast and len(basemap.roads) >= 8
    # The theater's outline is its country: Al-Hasakah's east edge and Qamishli lie inside.
    boundary = theater_boundary(syria)
    assert boundary.bounds[2] > 42.3
    qamishli = syria.gazetteer.by_id["gn:173377"]
    from shapely.geometry import Point

    assert boundary.covers(Point(qamishli.lon, qamishli.lat))


def test_frame_keeps_the_whole_theater_in_view() -> None:
    from frontlines.views.maps import _BOX_RATIO, _fit, _view

    few = statuses()[:3]  # a handful of places in the west
    x0, y0, x1, y1 = _fit(_view(few, [], BOUNDARY, (35.5, 32.3, 42.4, 37.4)), _BOX_RATIO)
    assert x0 < 35.5 and x1 > 42.4 and y0 < 32.3 and y1 > 37.4
    alone = _fit(_view(few, [], BOUNDARY, None), _BOX_RATIO)
    assert alone[2] < 42.0  # without a frame the view stays on the data


def test_labels_never_overlap() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from frontlines.views.map_layout import _place_labels

    fig = Figure(figsize=(4, 4), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    renderer = fig.canvas.get_renderer()
    crowded = [(f"Place number {i}", 5.0, 5.0, {"fontsize": 9}) for i in range(10)]
    taken: list[Any] = []
    written = _place_labels(ax, renderer, crowded, taken)
    assert written == 4  # one per corner around the point, then nothing fits
    assert len(ax.texts) == 4 and len(taken) == 4
    for i, a in enumerate(taken):
        for b in taken[i + 1:]:
            assert not a.overlaps(b)
    spread = [(f"P{i}", x, y, {"fontsize": 9}) for i, (x, y) in enumerate([(1, 1), (1, 9), (8, 1.5), (8, 9)])]
    assert _place_labels(ax, renderer, spread, taken) == 4


def test_map_with_basemap_shows_claims_and_sources(tmp_path: Path) -> None:
    from frontlines.theater import load_theater
    from frontlines.views import map_context

    syria = load_theater("syria")
    sts = statuses()
    sts[0] = ControlStatus("c", "Claimed Town", 34.0, 36.0, "opposition", "claimed", AS_OF, 0.3, basis=("a",))
    sts[1] = ControlStatus("m", "Many Sources", 34.1, 36.0, "government", "assessed", AS_OF, 0.9, basis=("a", "b", "c", "d"))
    out = tmp_path / "context.png"
    render_map(out, sts, None, [], REGIONS, BOUNDARY, COLORS, AS_OF, title="t", dpi=40, **map_context(syria))
    with Image.open(out) as im:
        pixels = np.asarray(im.convert("RGB")).reshape(-1, 3)
    # The sea colour of the base map is on the picture, so the context layers were drawn.
    sea = np.array([0xCF, 0xE1, 0xEE])
    assert (np.abs(pixels.astype(int) - sea).sum(axis=1) < 6).mean() > 0.01
