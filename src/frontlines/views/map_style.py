"""How a map shows sides and events: colours, event symbols, the legend, and the style every frame shares.

The sides and event types a legend lists (stable across the frames of an animation), the size
and paleness of a place's dot, and the white halo that keeps text readable over the map.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from frontlines.control.areas import AreaSet
from frontlines.models import CONTESTED, UNKNOWN, ControlStatus, Event
from frontlines.views.basemap import RIVER, ROAD, Basemap
from frontlines.views.exports import side_color

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
