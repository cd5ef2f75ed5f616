"""Static maps (PNG) and day-by-day animations (GIF) of control and events.

Drawn with matplotlib's object API on the Agg canvas: no pyplot state, so
rendering is safe from worker threads and never opens a window; no basemap
tiles, so nothing touches the network. Coordinates are plain lon/lat with the
axes aspect set to 1/cos(latitude) so distances look right.
"""

from __future__ import annotations

import io
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.transforms import Bbox
from PIL import Image
from shapely.geometry.base import BaseGeometry

from frontlines.control.areas import AreaSet
from frontlines.errors import ExportError
from frontlines.models import CONTESTED, UNKNOWN, ControlStatus, Event
from frontlines.views.basemap import (
    RIVER,
    ROAD,
    Basemap,
    country_labels,
    draw_over,
    draw_under,
    label_style,
    line_parts,
    polygon_path,
    river_labels,
)
from frontlines.views.exports import side_color

# Headless rendering. This module draws on Figure/FigureCanvasAgg and never
# imports pyplot; if the host already runs pyplot with its own backend, leave it
# alone (switching would close the host's figures).
if "matplotlib.pyplot" not in sys.modules:
    matplotlib.use("Agg")

FIGSIZE = (10.0, 10.0)
DPI = 150
MAX_LABELS = 30

# Event symbols: a reader tells fighting from shelling from takeovers by shape.
EVENT_MARKERS: dict[str, tuple[str, str]] = {
    "Battles": ("X", "battle"),
    "Explosions/Remote violence": ("*", "shelling / air strike"),
    "Strategic developments": ("D", "strategic development"),
    "Violence against civilians": ("v", "violence against civilians"),
    "Protests": ("P", "protest"),
    "Riots": ("p", "riot"),
}
_OTHER_EVENT = ("o", "other event")
_HALO = [patheffects.withStroke(linewidth=3, foreground="white")]

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


def _scale_bar(ax: Axes, extent: Extent) -> None:
    """A round-number kilometre bar in the lower left corner."""
    x0, y0, x1, y1 = extent
    lat = (y0 + y1) / 2
    km_per_deg = 111.32 * math.cos(math.radians(lat))
    target = (x1 - x0) * km_per_deg / 5
    nice = max(v for v in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000) if v <= max(target, 1))
    length = nice / km_per_deg
    bx, by = x0 + 0.04 * (x1 - x0), y0 + 0.035 * (y1 - y0)
    ax.plot([bx, bx + length], [by, by], color="black", lw=3, solid_capstyle="butt", zorder=9)
    ax.text(
        bx + length / 2,
        by + 0.012 * (y1 - y0),
        f"{nice} km",
        ha="center",
        va="bottom",
        fontsize=8,
        zorder=9,
        path_effects=_HALO,
    )


@dataclass(frozen=True, slots=True)
class _Style:
    side_colors: Mapping[str, str]
    sides: Sequence[str]  # the sides the legend lists, stable across animation frames
    event_types: Sequence[str]
    basemap: Basemap | None = None
    country: str = ""  # the theater's country in the base map (drawn white, areas clipped to it)


def _marker_size(s: ControlStatus, base: float) -> float:
    """Dots grow with the number of events or statements behind a status (1, 2-3, 4+)."""
    n = len(s.basis)
    return base * (1.0 if n <= 1 else 1.6 if n <= 3 else 2.3)


def _alpha(confidence: float) -> float:
    """Full colour from confidence 0.7 up; paler below, never under 0.35."""
    return 1.0 if confidence >= 0.7 else max(0.35, confidence / 0.7)


def _draw_places(ax: Axes, statuses: Sequence[ControlStatus], colors: Mapping[str, str]) -> None:
    """Filled dots for assessed statuses, hollow ones for claims; paler when confidence is low (< 0.7)."""
    n = len(statuses)
    base, edge = (16, 0.4) if n < 300 else (6, 0.3) if n < 3000 else (2, 0.0)
    for claimed in (False, True):
        group = [s for s in statuses if (s.level == "claimed") == claimed]
        if not group:
            continue
        rgba = []
        for s in group:
            r, g, b = _rgb(side_color(s.status, dict(colors)))
            rgba.append((r, g, b, _alpha(s.confidence)))
        sizes = [_marker_size(s, base) for s in group]
        xs, ys = [s.lon for s in group], [s.lat for s in group]
        if claimed:
            ax.scatter(xs, ys, s=sizes, facecolors="white", edgecolors=rgba, linewidths=1.3, zorder=5)
        else:
            ax.scatter(xs, ys, s=sizes, c=rgba, edgecolors="#222222", linewidths=edge, zorder=5)


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


def _draw(
    ax: Axes,
    statuses: Sequence[ControlStatus],
    areas: AreaSet | None,
    events: Sequence[Event],
    regions: Mapping[str, BaseGeometry] | None,
    boundary: BaseGeometry | None,
    style: _Style,
    extent: Extent,
    as_of: date | None,
    title: str,
    population: Mapping[str, int],
) -> None:
    x0, y0, x1, y1 = extent
    basemap = style.basemap
    clip = basemap.country(style.country) if basemap is not None and style.country else None
    ax.set_facecolor("#e9edf1")  # outside the theater
    if basemap is not None:
        draw_under(ax, basemap, style.country)
    if clip is None and boundary is not None and not boundary.is_empty:
        path = polygon_path(boundary)
        if path is not None:
            ax.add_patch(PathPatch(path, facecolor="white", edgecolor="#555555", lw=1.0, zorder=0))

    colors = style.side_colors
    if areas is not None:
        for status, area in sorted(areas.areas.items(), key=lambda kv: kv[0] == CONTESTED):
            path = polygon_path(area.intersection(clip) if clip is not None else area)
            if path is None:
                continue
            color = side_color(status, dict(colors))
            if status == CONTESTED:
                patch = PathPatch(path, facecolor=(*_rgb(color), 0.15), edgecolor=color, hatch="///", lw=0, zorder=1)
            elif status == UNKNOWN:
                patch = PathPatch(path, facecolor="#d9d9d9", alpha=0.5, lw=0, zorder=1)
            else:
                patch = PathPatch(path, facecolor=color, alpha=0.35, lw=0, zorder=1)
            ax.add_patch(patch)

    for geom in (regions or {}).values():
        for line in line_parts(geom.intersection(clip) if clip is not None else geom):
            ax.plot(line[:, 0], line[:, 1], color="#a0a0a0", lw=0.5, zorder=2)
    if basemap is not None:
        draw_over(ax, basemap, style.country)

    if areas is not None:
        for fl in areas.front_lines:
            dashed = fl.kind != "front"
            geom = fl.geometry.intersection(clip) if clip is not None else fl.geometry
            for line in line_parts(geom):
                ax.plot(line[:, 0], line[:, 1], color="#333333" if dashed else "#111111", lw=1.6 if dashed else 2.8,
                        ls=(0, (4, 2)) if dashed else "-", solid_capstyle="round", zorder=4)

    if statuses:
        _draw_places(ax, statuses, colors)

    event_pts: list[tuple[float, float]] = []
    for etype in style.event_types:
        pts = [(e.lon, e.lat) for e in events if e.event_type == etype and e.lon is not None and e.lat is not None]
        if pts:
            marker, _ = EVENT_MARKERS.get(etype, _OTHER_EVENT)
            xs, ys = zip(*pts, strict=True)
            ax.scatter(xs, ys, marker=marker, s=170 if marker == "*" else 90, c="#111111", edgecolors="white",
                       linewidths=0.8, zorder=7)
            event_pts.extend(pts)

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    # The extent already matches the axes box (see _fit), so "box" barely moves it.
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)), adjustable="box")
    ax.xaxis.set_major_formatter(lambda v, _: f"{round(v, 3):g}°E")
    ax.yaxis.set_major_formatter(lambda v, _: f"{round(v, 3):g}°N")
    ax.tick_params(labelsize=8)
    heading = f"Control as of {as_of.isoformat()}" if as_of else "Control"
    ax.set_title(f"{title} — {heading}" if title else heading, fontsize=14, fontweight="bold")
    _scale_bar(ax, extent)
    legend = _legend(ax, style, areas, statuses)
    _labels(ax, statuses, regions, style, extent, as_of, population, legend, event_pts)


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


def _rgb(color: str) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return to_rgb(color)


def _legend(ax: Axes, style: _Style, areas: AreaSet | None, statuses: Sequence[ControlStatus] = ()) -> Any:
    handles: list[Patch | Line2D] = []
    for side in style.sides:
        color = side_color(side, dict(style.side_colors))
        if side == CONTESTED:
            handles.append(Patch(facecolor=(*_rgb(color), 0.15), edgecolor=color, hatch="///", label="contested"))
        elif side == UNKNOWN:
            handles.append(Patch(facecolor="#d9d9d9", edgecolor="#999999", label="unknown"))
        else:
            handles.append(Patch(facecolor=(*_rgb(color), 0.35), edgecolor=color, label=side))
    if areas is not None:
        handles.append(Line2D([], [], color="#111111", lw=2.8, label="front line"))
        if any(fl.kind != "front" for fl in areas.front_lines):
            handles.append(Line2D([], [], color="#333333", lw=1.6, ls=(0, (4, 2)), label="edge of contested area"))
    if statuses:
        for size, label in ((5, "place, assessed (1 source)"), (8, "... 4 or more sources")):
            handles.append(Line2D([], [], ls="", marker="o", markeredgecolor="#222222", markerfacecolor="#555555",
                                  markersize=size, label=label))
        if any(s.level == "claimed" for s in statuses):
            handles.append(Line2D([], [], ls="", marker="o", markerfacecolor="white", markeredgecolor="#555555",
                                  markeredgewidth=1.3, markersize=6, label="claimed only (paler: low confidence)"))
    for etype in style.event_types:
        marker, label = EVENT_MARKERS.get(etype, _OTHER_EVENT)
        handles.append(Line2D([], [], marker=marker, ls="", color="#111111", markeredgecolor="white",
                              markersize=13 if marker == "*" else 9, label=label))
    if style.basemap is not None:
        if style.basemap.rivers:
            handles.append(Line2D([], [], color=RIVER, lw=1.4, label="river"))
        if style.basemap.roads:
            handles.append(Line2D([], [], color=ROAD, lw=1.0, ls=(0, (6, 2)), label="main road (schematic)"))
    if not handles:
        return None
    return ax.legend(handles=handles, loc="lower right", fontsize=7, framealpha=0.92, title="Legend",
                     title_fontsize=8)


def _sides(statuses: Iterable[ControlStatus], areas: Iterable[AreaSet | None]) -> list[str]:
    """Sides first (alphabetical), then contested and unknown."""
    present = {s.status for s in statuses}
    for a in areas:
        if a is not None:
            present |= set(a.areas)
    order = sorted(p for p in present if p not in (CONTESTED, UNKNOWN))
    return order + [p for p in (CONTESTED, UNKNOWN) if p in present]


def _event_types(events: Iterable[Event]) -> list[str]:
    types = {e.event_type for e in events if e.lon is not None and e.lat is not None}
    known = [t for t in EVENT_MARKERS if t in types]
    return known + sorted(types - set(known))


def _render(
    statuses: Sequence[ControlStatus],
    areas: AreaSet | None,
    events: Sequence[Event],
    regions: Mapping[str, BaseGeometry] | None,
    boundary: BaseGeometry | None,
    style: _Style,
    extent: Extent,
    as_of: date | None,
    title: str,
    population: Mapping[str, int],
    dpi: int,
    attribution: str = "",
) -> bytes:
    fig = Figure(figsize=FIGSIZE, dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes(_AXES_BOX)
    _draw(ax, statuses, areas, events, regions, boundary, style, extent, as_of, title, population)
    if attribution:
        fig.text(0.08, 0.012, attribution, fontsize=6.5, color="#555555", ha="left", va="bottom")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def render_map(
    path: str | Path,
    statuses: Sequence[ControlStatus],
    areas: AreaSet | None,
    events: Sequence[Event],
    regions: Mapping[str, BaseGeometry] | None,
    boundary: BaseGeometry | None,
    side_colors: Mapping[str, str],
    as_of: date | None,
    title: str = "",
    population: Mapping[str, int] | None = None,
    dpi: int = DPI,
    *,
    basemap: Basemap | None = None,
    frame: Extent | None = None,
    country: str = "",
    attribution: str = "",
) -> None:
    """Write a PNG map (10 x 10 in at ``dpi``) of control areas, front lines, places and events.

    ``population`` (place id -> inhabitants) helps choose which ~25 places to
    label. The view is the extent of the statuses and events with a margin,
    grown to ``frame`` (the theater's bbox) when given, or the boundary when
    there is nothing to show. ``basemap`` adds neighbours, coast, rivers and
    roads; ``country`` names the theater's country in it (drawn white, areas
    clipped to its border); ``attribution`` is printed under the map.
    """
    extent = _fit(_view(statuses, events, boundary, frame), _BOX_RATIO)
    style = _Style(side_colors, _sides(statuses, [areas]), _event_types(events), basemap, country)
    png = _render(
        statuses,
        areas,
        events,
        regions,
        boundary,
        style,
        extent,
        as_of,
        title,
        population or {},
        dpi,
        attribution or (basemap.attribution if basemap else ""),
    )
    try:
        Path(path).write_bytes(png)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


Frame = tuple[date, Sequence[ControlStatus], AreaSet | None, Sequence[Event]]


def render_animation(
    path_gif: str | Path,
    frames: Sequence[Frame],
    regions: Mapping[str, BaseGeometry] | None,
    boundary: BaseGeometry | None,
    side_colors: Mapping[str, str],
    fps: float = 1,
    title: str = "",
    population: Mapping[str, int] | None = None,
    dpi: int = 80,
    *,
    basemap: Basemap | None = None,
    frame: Extent | None = None,
    country: str = "",
    attribution: str = "",
) -> None:
    """Write a looping GIF, one frame per ``(day, statuses, areas, events)``.

    Every frame uses the same extent and legend so the picture does not jump;
    ``basemap``, ``frame``, ``country`` and ``attribution`` as for :func:`render_map`.
    """
    if not frames:
        raise ExportError("no frames to animate")
    if fps <= 0:
        raise ExportError("fps must be positive")
    points = [(s.lon, s.lat) for _, sts, _, _ in frames for s in sts]
    points += [p for _, _, _, evs in frames for p in _event_points(evs)]
    extent = _fit(_grow(_extent(points, boundary), frame), _BOX_RATIO)
    style = _Style(
        side_colors,
        _sides([s for f in frames for s in f[1]], [f[2] for f in frames]),
        _event_types(e for f in frames for e in f[3]),
        basemap,
        country,
    )
    images = []
    for day, statuses, areas, events in frames:
        png = _render(
            statuses,
            areas,
            events,
            regions,
            boundary,
            style,
            extent,
            day,
            title,
            population or {},
            dpi,
            attribution or (basemap.attribution if basemap else ""),
        )
        with Image.open(io.BytesIO(png)) as im:
            images.append(im.convert("RGB"))
    try:
        images[0].save(
            str(path_gif),
            format="GIF",
            save_all=True,
            append_images=images[1:],
            duration=round(1000 / fps),
            loop=0,
        )
    except OSError as exc:
        raise ExportError(f"cannot write {path_gif}: {exc}") from exc
