"""Import GeoNames country dumps and hand-added places into a theater's user gazetteer.

Two ways to grow a theater's gazetteer without rebuilding it:

* :func:`read_geonames_dump` reads a standard GeoNames country dump (``SY.txt``
  or ``SY.zip``, 19 tab-separated columns) and, optionally, the
  ``alternateNamesV2`` file, and turns the rows frontlines cares about into
  :class:`~frontlines.models.Place` records (ids ``gn:<geonameid>``, the ids the
  bundled gazetteer already uses for GeoNames rows);
* :func:`make_place` builds one user place (id ``user:<folded name>``).

:func:`merge_places` and :func:`add_user_places` then merge them into
``$FRONTLINES_HOME/theaters/<theater id>/places.csv``, which
:func:`frontlines.theater.load_theater` reads on top of the bundled gazetteer.

The GeoNames reading lives in :mod:`frontlines.mentions.geonames` and the name cleaning in
:mod:`frontlines.mentions.place_names`; this module merges places and keeps the user file, and
stays the import location of the whole feature.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from frontlines.errors import InputError
from frontlines.mentions.gazetteer import folded_key, name_tokens, read_places_csv, write_places_csv
from frontlines.mentions.geonames import (
    ALTERNATE_COLUMNS,
    ALTERNATE_LANGUAGES,
    ALTERNATE_PSEUDO_LANGUAGES,
    GEONAMES_COLUMNS,
    ImportResult,
    _admin1_anchors,
    nearest_indices,
    read_geonames_dump,
)
from frontlines.mentions.place_names import clean_name, keep_alternate, plain_name, script_of
from frontlines.models import KINDS, Place
from frontlines.theater import user_home

if TYPE_CHECKING:
    from frontlines.theater import Theater

# The public names, those of the modules above included (callers import them from here).
__all__ = [
    "ALTERNATE_COLUMNS", "ALTERNATE_LANGUAGES", "ALTERNATE_PSEUDO_LANGUAGES", "GEONAMES_COLUMNS", "ImportResult",
    "add_user_places", "clean_name", "keep_alternate", "make_place", "merge_places", "nearest_indices", "plain_name",
    "read_geonames_dump", "script_of", "user_places_path",
]


# --------------------------------------------------------------------------
# Merging and the user places file
# --------------------------------------------------------------------------


def _union_names(base: Place, extra: Place) -> Place:
    """``base`` with ``extra``'s names appended (base first)."""
    names = tuple(dict.fromkeys((*base.names, extra.name, *extra.names)))
    return replace(base, names=names) if names != base.names else base


def _name_keys(place: Place) -> set[str]:
    return {k for k in (folded_key(n) for n in (place.name, *place.names)) if k}


def _near_matches(existing: Sequence[Place], new: Sequence[Place], near_km: float) -> dict[int, int]:
    """new index -> existing index for places of the same kind and country, a shared folded name, within ``near_km``."""
    if not existing or not new:
        return {}
    e_lat = np.radians(np.fromiter((p.lat for p in existing), float, len(existing)))
    e_lon = np.radians(np.fromiter((p.lon for p in existing), float, len(existing)))
    keys: dict[int, set[str]] = {}
    matches: dict[int, int] = {}
    for i, place in enumerate(new):
        lat, lon = math.radians(place.lat), math.radians(place.lon)
        dx = (e_lon - lon) * np.cos((e_lat + lat) / 2)
        dist = 6371.0 * np.hypot(dx, e_lat - lat)
        close = np.flatnonzero(dist <= near_km)
        if not len(close):
            continue
        mine = _name_keys(place)
        for j in close[np.argsort(dist[close])]:
            other = existing[int(j)]
            if other.kind != place.kind or other.country != place.country:
                continue
            if int(j) not in keys:
                keys[int(j)] = _name_keys(other)
            if mine & keys[int(j)]:
                matches[i] = int(j)
                break
    return matches


def merge_places(existing: Sequence[Place], new: Sequence[Place], *, near_km: float = 0.0) -> list[Place]:
    """The places to add to a gazetteer holding ``existing``.

    A new place whose id is already there comes back as the existing place with
    the union of both name lists (existing names first) and is left out when it
    brings no new name; other new places come back unchanged. With
    ``near_km > 0``, a new place with no id match that shares a folded name with
    an existing place of the same kind and country within ``near_km`` is merged
    into that place the same way (a GeoNames row the bundled gazetteer already
    holds under a ``wp:`` or ``cur:`` id). Duplicate ids in ``new`` are merged.
    """
    by_id = {p.id: p for p in existing}
    matches = _near_matches(existing, new, near_km) if near_km > 0 else {}
    out: dict[str, Place] = {}
    for i, place in enumerate(new):
        target = by_id.get(place.id) or (existing[matches[i]] if i in matches else None)
        if target is None:
            out[place.id] = _union_names(out[place.id], place) if place.id in out else place
            continue
        merged = _union_names(out.get(target.id, target), place)
        if merged is not target:
            out[target.id] = merged
    return list(out.values())


def user_places_path(theater_id: str) -> Path:
    """The user additions file of a theater: ``$FRONTLINES_HOME/theaters/<id>/places.csv``."""
    return user_home() / "theaters" / theater_id / "places.csv"


def add_user_places(theater_id: str, places: Sequence[Place]) -> Path:
    """Merge places into the theater's user ``places.csv`` and return its path.

    A place whose id is already in the file replaces that row's fields and adds
    its names to the row's (old names first); other places are appended.
    """
    path = user_places_path(theater_id)
    rows: dict[str, Place] = {p.id: p for p in read_places_csv(path)} if path.is_file() else {}
    for place in places:
        old = rows.get(place.id)
        if old is not None:
            place = replace(place, names=tuple(dict.fromkeys((*old.names, place.name, *place.names))))
        rows[place.id] = place
    write_places_csv(path, list(rows.values()))
    return path


def make_place(
    name: str,
    lat: float,
    lon: float,
    kind: str,
    *,
    aliases: Sequence[str] = (),
    admin1: str = "",
    country: str = "SY",
    feature: str = "",
    theater: Theater | None = None,
) -> Place:
    """A hand-added place (id ``user:<folded name>``, ``approximate``), validated.

    With no ``admin1`` and a ``theater`` whose country is ``country``, the admin1
    of the theater's nearest place is used. Raises :class:`InputError` for an
    empty name, a ``|`` in a name, impossible coordinates or an unknown kind.
    """
    name = " ".join(name.split())
    names = [name, *(" ".join(a.split()) for a in aliases)]
    if any("|" in n for n in names):
        raise InputError("a place name or alias cannot contain '|' (it separates names in the gazetteer files)")
    tokens = name_tokens(name)
    if not name or not tokens:
        raise InputError(f"place name {name!r} has no letters to match on")
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"impossible coordinates for {name!r}: lat {lat}, lon {lon} (lat -90..90, lon -180..180)")
    if kind not in KINDS:
        raise InputError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    country = country.strip().upper()
    if not admin1 and theater is not None and country == theater.country:
        admin1 = _nearest_admin1(theater.gazetteer.places, country, lat, lon)
    return Place(
        id="user:" + "-".join(tokens), name=name, kind=kind, lat=round(lat, 5), lon=round(lon, 5),
        admin1=admin1.strip(), feature=feature.strip(), country=country, approximate=True,
        names=tuple(dict.fromkeys(n for n in names if n)),
    )


def _nearest_admin1(places: Sequence[Place], country: str, lat: float, lon: float) -> str:
    """admin1 of the nearest place of ``country`` that has one ('' when none)."""
    anchors = [p for p in _admin1_anchors(places) if p.country == country]
    if not anchors:
        return ""
    return anchors[int(nearest_indices(anchors, [lat], [lon])[0])].admin1
