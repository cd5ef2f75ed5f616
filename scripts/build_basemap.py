#!/usr/bin/env python3
"""Build the Syria theater's base map (src/frontlines/theaters/syria/basemap.geojson).

Context layers for the static maps, drawn under control areas and events:

* ``country``: the countries of the region, from Natural Earth 1:50m Admin 0 (public domain)
* ``coast``: the coastline, from Natural Earth 1:50m coastline
* ``lake``: lakes, from Natural Earth 1:50m lakes
* ``river``: major rivers (scale rank 7 or less), from Natural Earth 1:10m rivers and lake centre lines,
  named in English (Firat/Al Furat -> Euphrates, Dicle -> Tigris)
* ``road``: the main highways, drawn schematically as straight segments between the towns they
  link (the town points come from the theater gazetteer). Natural Earth's roads layer was not
  available offline when this was built; these lines show which towns a highway joins, not its
  course.

Everything is clipped to the theater's bbox with a margin and simplified, so the file stays small.

Inputs are Natural Earth shapefiles in one folder (``ne_50m_admin_0_countries.shp``,
``ne_50m_coastline.shp``, ``ne_50m_lakes.shp``, ``ne_10m_rivers_lake_centerlines.shp``)::

    .venv/bin/python scripts/build_basemap.py --ne DIR
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

import pyogrio
import shapely
from shapely.geometry import LineString, box, mapping

REPO = Path(__file__).resolve().parent.parent
THEATER = REPO / "src" / "frontlines" / "theaters" / "syria"
MARGIN = 1.2  # degrees around the theater's bbox: enough for the neighbours' names
SIMPLIFY = 0.005  # degrees (~500 m): invisible on a map of the whole theater
DECIMALS = 3

RIVER_NAMES = {"Firat": "Euphrates", "Al Furat": "Euphrates", "Euphrates": "Euphrates",
               "Dicle": "Tigris", "Tigris": "Tigris"}

# Main highways as the towns they join, in order (names as the gazetteer spells them).
ROADS: dict[str, list[str]] = {
    "M5": ["Daraa", "Damascus", "Al-Nabek", "Homs", "Al-Rastan", "Hama", "Khan Shaykhun", "Maarat al-Numan",
           "Saraqib", "Aleppo"],
    "M4": ["Latakia", "Jisr al-Shughur", "Ariha", "Saraqib"],
    "M4 east": ["Aleppo", "Manbij", "Ayn Issa", "Tell Tamer", "Al-Hasakah", "Qamishli"],
    "Euphrates road": ["Aleppo", "Dayr Hafir", "Maskanah", "Tabqa", "Raqqa", "Deir ez-Zor", "Mayadin", "Abu Kamal"],
    "M20": ["Homs", "Palmyra", "Deir ez-Zor"],
    "Deir ez-Zor - Al-Hasakah": ["Deir ez-Zor", "Al-Hasakah"],
    "M1": ["Homs", "Talkalakh", "Tartus", "Baniyas", "Jableh", "Latakia"],
    "Aleppo - Azaz": ["Aleppo", "Azaz"],
    "Aleppo - al-Bab": ["Aleppo", "al-Bab"],
    "Damascus - As-Suwayda": ["Damascus", "As-Suwayda"],
    "Damascus - Palmyra": ["Damascus", "Al-Qutayfah", "Palmyra"],
}


def _theater_bbox() -> tuple[float, float, float, float]:
    import tomllib

    with (THEATER / "theater.toml").open("rb") as fh:
        west, south, east, north = tomllib.load(fh)["bbox"]
    return west - MARGIN, south - MARGIN, east + MARGIN, north + MARGIN


def _clip(geom: Any, clip: Any) -> Any:
    out = shapely.intersection(geom, clip)
    out = shapely.simplify(out, SIMPLIFY, preserve_topology=True)
    return shapely.set_precision(out, 10**-DECIMALS)


def _features(path: Path, layer: str, clip: Any, name_of: Any = None, keep: Any = None) -> list[dict[str, Any]]:
    df = pyogrio.read_dataframe(path, bbox=clip.bounds)
    out = []
    for _, row in df.iterrows():
        if keep is not None and not keep(row):
            continue
        geom = _clip(row.geometry, clip)
        if geom.is_empty:
            continue
        props = {"layer": layer}
        if name_of is not None:
            props["name"] = name_of(row)
        out.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    return out


def _gazetteer_points() -> dict[str, tuple[float, float]]:
    points: dict[str, tuple[float, float]] = {}
    with (THEATER / "gazetteer.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["kind"] != "settlement" or row["country"] != "SY":
                continue
            for name in row["names"].split("|"):
                points.setdefault(name.casefold(), (float(row["lon"]), float(row["lat"])))
    return points


def _roads() -> list[dict[str, Any]]:
    points = _gazetteer_points()
    out = []
    for name, towns in ROADS.items():
        missing = [t for t in towns if t.casefold() not in points]
        if missing:
            sys.exit(f"road {name}: towns not in the gazetteer: {missing}")
        line = LineString([points[t.casefold()] for t in towns])
        coords = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in line.coords]
        out.append({"type": "Feature", "properties": {"layer": "road", "name": name, "schematic": True},
                    "geometry": {"type": "LineString", "coordinates": coords}})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ne", type=Path, required=True, help="folder with the Natural Earth shapefiles")
    parser.add_argument("--out", type=Path, default=THEATER / "basemap.geojson")
    args = parser.parse_args()
    clip = box(*_theater_bbox())
    features = _features(args.ne / "ne_50m_admin_0_countries.shp", "country", clip, lambda r: r["name"])
    features += _features(args.ne / "ne_50m_lakes.shp", "lake", clip, lambda r: r["name"] or "")
    features += _features(args.ne / "ne_50m_coastline.shp", "coast", clip)
    features += _features(args.ne / "ne_10m_rivers_lake_centerlines.shp", "river", clip,
                          lambda r: RIVER_NAMES.get(r["name"], r["name"]), lambda r: r["scalerank"] <= 7)
    features += _roads()
    collection = {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain): 1:50m countries, coastline and lakes, "
                       "1:10m rivers. Roads: schematic, frontlines.",
        "features": features,
    }
    args.out.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(features)} features, {args.out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
