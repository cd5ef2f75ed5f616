"""Static maps (PNG) and day-by-day animations (GIF) of control and events.

Drawn with matplotlib's object API on the Agg canvas: no pyplot state, so
rendering is safe from worker threads and never opens a window; no basemap
tiles, so nothing touches the network. Coordinates are plain lon/lat with the
axes aspect set to 1/cos(latitude) so distances look right.

The extent and the names are placed by :mod:`frontlines.views.map_layout`, colours, symbols and
the legend come from :mod:`frontlines.views.map_style`; this module draws and writes the files.
"""

from __future__ import annotations

import io
import math
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from PIL import Image
from shapely.geometry.base import BaseGeometry

from frontlines.control.areas import AreaSet
from frontlines.errors import ExportError
from frontlines.models import CONTESTED, UNKNOWN, ControlStatus, Event
from frontlines.views.basemap import Basemap, draw_over, draw_under, line_parts, polygon_path
from frontlines.views.exports import side_color
from frontlines.views.map_layout import (
    _AXES_BOX,
    _BOX_RATIO,
    FIGSIZE,
    MAX_LABELS,
    Extent,
    _event_points,
    _extent,
    _fit,
    _grow,
    _labels,
    _view,
)
from frontlines.views.map_style import (
    _HALO,
    _OTHER_EVENT,
    EVENT_MARKERS,
    _alpha,
    _event_types,
    _legend,
    _marker_size,
    _rgb,
    _sides,
    _Style,
)

# The public names, those of the modules above included (callers import them from here).
__all__ = ["DPI", "EVENT_MARKERS", "FIGSIZE", "MAX_LABELS", "Extent", "Frame", "render_animation", "render_map"]

# Headless rendering. This module draws on Figure/FigureCanvasAgg and never
# imports pyplot; if the host already runs pyplot with its own backend, leave it
# alone (switching would close the host's figures).
if "matplotlib.pyplot" not in sys.modules:
    matplotlib.use("Agg")

DPI = 150


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
