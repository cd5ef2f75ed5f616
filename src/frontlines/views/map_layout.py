"""Where things go on a map: the extent it shows and where its names are written.

The extent covers the places and events (or the theater) and is grown to fill the axes box at
1/cos(latitude) aspect; names are chosen by importance (population, recent change, contest) and
written in priority order where they overlap nothing written before: places, then rivers,
neighbouring countries and governorates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox
from shapely.geometry.base import BaseGeometry

from frontlines.models import CONTESTED, ControlStatus, Event
from frontlines.views.basemap import RIVER, country_labels, label_style, river_labels
from frontlines.views.map_style import _HALO, _Style

FIGSIZE = (10.0, 10.0)
MAX_LABELS = 30

Extent = tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max
_AXES_BOX = (0.08, 0.05, 0.89, 0.89)  # left, bottom, width, height in figure fractions
_BOX_RATIO = (_AXES_BOX[2] * FIGSIZE[0]) / (_AXES_BOX[3] * FIGSIZE[1])


def _extent(points: Iterable[tuple[float, float]], boundary: BaseGeometry | None) -> Extent:
    """The box around the points plus a margin; the boundary's box if there are none."""
    arr = np.array([p for p in points if math.isfinite(p[0]) and math.isfinite(p[1])], dtype=float)
    if len(arr):
        x0, y0 = arr.min(axis=0)
        x1, y1 = arr.max(axis=0)
    elif boundary is not None and not boundary.is_empty:
        x0, y0, x1, y1 = boundary.bounds
    else:
        return (35.5, 32.0, 42.5, 37.5)  # nothing at all: a neutral Levant-sized box
    pad = max(0.08 * max(x1 - x0, y1 - y0), 0.1)
    return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)


def _fit(extent: Extent, box_ratio: float) -> Extent:
    """Grow the extent in one direction so that, drawn at 1/cos(lat) aspect, it fills
    an axes box of width/height ``box_ratio``."""
    x0, y0, x1, y1 = extent
    coslat = math.cos(math.radians((y0 + y1) / 2))
    w, h = (x1 - x0) * coslat, y1 - y0
    if w / h < box_ratio:
        grow = (h * box_ratio / coslat - (x1 - x0)) / 2
        return (x0 - grow, y0, x1 + grow, y1)
    grow = (w / box_ratio - h) / 2
    return (x0, y0 - grow, x1, y1 + grow)


def _grow(extent: Extent, frame: Extent | None) -> Extent:
    """The extent grown to cover ``frame`` (with a small margin) when one is given."""
    if frame is None:
        return extent
    pad = 0.03 * max(frame[2] - frame[0], frame[3] - frame[1])
    return (min(extent[0], frame[0] - pad), min(extent[1], frame[1] - pad),
            max(extent[2], frame[2] + pad), max(extent[3], frame[3] + pad))


def _view(statuses: Sequence[ControlStatus], events: Sequence[Event], boundary: BaseGeometry | None,
          frame: Extent | None) -> Extent:
    return _grow(_extent([(s.lon, s.lat) for s in statuses] + _event_points(events), boundary), frame)


def _event_points(events: Sequence[Event]) -> list[tuple[float, float]]:
    return [(e.lon, e.lat) for e in events if e.lon is not None and e.lat is not None]


def _importance(s: ControlStatus, population: Mapping[str, int], as_of: date | None) -> float:
    """How much a place deserves a label, on a log10(population) scale.

    Facilities count like a town of 10,000; a change of hands in the last week
    or a contested status makes a place news and lifts it further.
    """
    score = math.log10(population.get(s.place_id, 0) + 1)
    if s.kind == "facility":
        score = max(score, 4.0)
    if as_of and s.since and 0 <= (as_of - s.since).days <= 7:
        score += 1.5
    if s.status == CONTESTED:
        score += 1.0
    return score + 0.05 * min(len(s.basis), 5)


def _pick_labels(
    statuses: Sequence[ControlStatus],
    population: Mapping[str, int],
    as_of: date | None,
    extent: Extent,
) -> list[ControlStatus]:
    """The most important places, skipping any too close to one already labelled."""
    x0, y0, x1, y1 = extent
    min_gap = 0.02 * max(x1 - x0, y1 - y0)  # a first thinning; _place_labels then refuses any overlap
    ranked = sorted(
        (s for s in statuses if x0 <= s.lon <= x1 and y0 <= s.lat <= y1),
        key=lambda s: -_importance(s, population, as_of),
    )
    if not ranked:
        return []
    # Hamlets 1000x smaller than the top place are noise next to it.
    floor = _importance(ranked[0], population, as_of) - 3.0
    chosen: list[ControlStatus] = []
    for s in ranked:
        if len(chosen) >= MAX_LABELS or _importance(s, population, as_of) < floor:
            break
        if all(math.hypot(s.lon - c.lon, s.lat - c.lat) >= min_gap for c in chosen):
            chosen.append(s)
    return chosen


_OFFSETS = ((4, 3, "left", "bottom"), (-4, 3, "right", "bottom"), (4, -3, "left", "top"), (-4, -3, "right", "top"))


def _place_labels(ax: Axes, renderer: Any, labels: Sequence[tuple[str, float, float, dict[str, Any]]],
                  taken: list[Any], offsets: Sequence[tuple[int, int, str, str]] = _OFFSETS) -> int:
    """Write labels in priority order where they overlap nothing written before; skip the rest.

    ``taken`` holds display-space boxes already occupied (legend, markers, earlier labels).
    Returns how many were written.
    """
    frame = ax.get_window_extent(renderer)
    written = 0
    for text, x, y, style in labels:
        for dx, dy, ha, va in offsets:
            artist = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                 annotation_clip=True, **style)
            bbox = artist.get_window_extent(renderer).expanded(1.04, 1.1)
            inside = frame.x0 <= bbox.x0 and bbox.x1 <= frame.x1 and frame.y0 <= bbox.y0 and bbox.y1 <= frame.y1
            if inside and not any(bbox.overlaps(other) for other in taken):
                taken.append(bbox)
                written += 1
                break
            artist.remove()
    return written


def _labels(ax: Axes, statuses: Sequence[ControlStatus], regions: Mapping[str, BaseGeometry] | None, style: _Style,
            extent: Extent, as_of: date | None, population: Mapping[str, int], legend: Any,
            event_pts: Sequence[tuple[float, float]]) -> None:
    """Places first (most important first), then rivers, neighbours and governorates, none overlapping."""
    figure = ax.get_figure()
    assert figure is not None
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    taken: list[Any] = []
    if legend is not None:
        taken.append(legend.get_window_extent(renderer))
    for x, y in event_pts:  # event symbols stay readable: no name is written over them
        px, py = ax.transData.transform((x, y))
        taken.append(Bbox.from_extents(px - 6, py - 6, px + 6, py + 6))
    halo = {"path_effects": _HALO, "zorder": 8}
    places = [(s.name, s.lon, s.lat, halo | {"fontsize": 8, "fontweight": "bold" if s.kind == "facility" else "normal"})
              for s in _pick_labels(statuses, population, as_of, extent)]
    _place_labels(ax, renderer, places, taken)
    centred = ((0, 0, "center", "center"),)
    if style.basemap is not None:
        for name, spots in river_labels(style.basemap, extent):
            for x, y, angle in spots:  # the first spot along the river where the name fits
                river_style = label_style() | {"fontsize": 8, "color": RIVER, "style": "italic", "rotation": angle,
                                               "rotation_mode": "anchor"}
                if _place_labels(ax, renderer, [(name, x, y, river_style)], taken, ((0, 4, "center", "bottom"),)):
                    break
        avoid = None
        if legend is not None:  # the legend's box in map coordinates, so no name hides under it
            (lx0, ly0), (lx1, ly1) = ax.transData.inverted().transform(legend.get_window_extent(renderer).get_points())
            avoid = shapely.box(lx0, ly0, lx1, ly1)
        countries = [(name, x, y, label_style() | {"fontsize": 10, "color": "#7a7a7a", "fontweight": "bold"})
                     for name, x, y in country_labels(style.basemap, style.country, extent, avoid)]
        _place_labels(ax, renderer, countries, taken, centred)
    x0, y0, x1, y1 = extent
    names = []
    for name, geom in (regions or {}).items():
        rp = geom.representative_point()
        if x0 <= rp.x <= x1 and y0 <= rp.y <= y1:
            names.append((name.upper(), rp.x, rp.y, {"fontsize": 7, "color": "#6e6e6e", "style": "italic",
                                                      "path_effects": _HALO, "zorder": 2}))
    _place_labels(ax, renderer, names, taken, centred)
