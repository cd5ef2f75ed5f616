"""``frontlines gazetteer``: look up and extend the theater gazetteer."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from frontlines.cli.common import TheaterOpt, _errors, _say, _theater, out

gazetteer_app = typer.Typer(help="Look up and extend the theater gazetteer.", no_args_is_help=True)


def _theater_cache_clear() -> None:
    from frontlines.theater import load_theater

    load_theater.cache_clear()  # the next command in this process sees the new places


@gazetteer_app.command("search")
def gazetteer_search(
    name: Annotated[str, typer.Argument(help="A place name in any spelling.")],
    limit: Annotated[int, typer.Option(help="How many candidates.")] = 10,
    theater: TheaterOpt = None,
) -> None:
    """Candidates for a name, with scores."""
    with _errors():
        th = _theater(theater)
        table = Table(title=f"Candidates for {name!r}")
        for col in ("score", "id", "name", "kind", "governorate", "country", "lat", "lon"):
            table.add_column(col)
        for place, score in th.gazetteer.search(name, limit):
            table.add_row(f"{score:.2f}", place.id, place.name, place.kind, place.admin1, place.country,
                          f"{place.lat:.4f}", f"{place.lon:.4f}")
        out.print(table)


class Kind(StrEnum):
    settlement = "settlement"
    facility = "facility"
    terrain = "terrain"
    region = "region"
    route = "route"


@gazetteer_app.command("add")
def gazetteer_add(
    name: Annotated[str, typer.Argument(help="The place's name.")],
    lat: Annotated[float, typer.Option(help="Latitude (WGS84).")],
    lon: Annotated[float, typer.Option(help="Longitude (WGS84).")],
    kind: Annotated[Kind, typer.Option(help="What sort of place it is.")] = Kind.settlement,
    alias: Annotated[list[str] | None, typer.Option(help="Another spelling (repeatable).")] = None,
    admin1: Annotated[str, typer.Option(help="Governorate (default: that of the nearest place).")] = "",
    force: Annotated[bool, typer.Option("--force", help="Add it even outside the theater or next to a namesake.")] = False,
    theater: TheaterOpt = None,
) -> None:
    """Add a place to your copy of the theater (kept in FRONTLINES_HOME, used from the next run on).

    Refused unless --force: a point outside the theater (with a hint when latitude and longitude
    look swapped) and a place of the same name within 1 km of one already known."""
    from dataclasses import replace

    from frontlines.mentions.gazetteer_import import add_user_places, make_place
    from frontlines.views import check_user_place, readable_id

    with _errors():
        th = _theater(theater)
        place = make_place(name, lat, lon, kind.value, aliases=alias or (), admin1=admin1, theater=th)
        for warning in check_user_place(th, place.name, lat, lon, force=force):
            _say(f"warning: {warning}")
        place = replace(place, id=readable_id(place.name) or place.id)
        path = add_user_places(th.id, [place])
        _theater_cache_clear()
        _say(f"added {place.name} ({place.kind}, {place.admin1 or '?'}) as {place.id} to {path}")


@gazetteer_app.command("import")
def gazetteer_import(
    path: Annotated[Path, typer.Argument(help="A GeoNames country dump: XX.txt or XX.zip (19 columns).")],
    alternate_names: Annotated[Path | None, typer.Option(help="alternateNamesV2 file (.txt or .zip) to add spellings.")] = None,
    theater: TheaterOpt = None,
) -> None:
    """Import a full GeoNames country dump so every village of the country resolves."""
    from frontlines.mentions.gazetteer_import import add_user_places, merge_places, read_geonames_dump

    with _errors():
        th = _theater(theater)
        result = read_geonames_dump(path, country=th.country, alternate_names=alternate_names,
                                    existing=th.gazetteer.places)
        merged = merge_places(th.gazetteer.places, result.places, near_km=3.0)
        target = add_user_places(th.id, merged)
        _theater_cache_clear()
        skipped = ", ".join(f"{reason}: {n}" for reason, n in sorted(result.skipped.items()))
        _say(f"imported {len(merged)} places into {target} (read {len(result.places)}; skipped {skipped or 'none'})")
        for w in result.warnings[:20]:
            _say(f"warning: {w}")
