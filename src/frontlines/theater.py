"""Theater packs: a folder of data files, loaded and validated once.

A theater folder holds ``theater.toml`` (name, country, dates, file names),
the gazetteer (``gazetteer.tsv``), optional user additions (``places.csv``),
the actor dictionary (``actors.toml``), source reliability (``sources.toml``)
and optionally a boundary (``boundary.geojson``). See docs/theater-format.md.
Adding a theater adds a folder; no code changes.
"""

from __future__ import annotations

import csv
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from frontlines.errors import TheaterError
from frontlines.mentions.actors import Actor, ActorDictionary, Side
from frontlines.mentions.gazetteer import Gazetteer, read_places_csv, read_places_tsv

# A title quoted inside a source description ("... article \"X\", ...", "“X”")
_QUOTED_TITLE = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’")


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """How far a source is trusted, from ``sources.toml``."""

    name: str
    patterns: tuple[str, ...]
    reliability: float
    level: str  # level its statements get alone: "assessed" or "claimed"
    partisan: str = ""  # side it speaks for, if any
    voice: bool = True  # False: its first person is no side of the theater's (a foreign government's "our forces")


@dataclass(slots=True)
class Theater:
    """Everything the pipeline knows about one theater of war."""

    id: str
    name: str
    country: str
    country_name: str
    iso: int
    region: str
    folder: Path
    gazetteer: Gazetteer
    actors: ActorDictionary
    sources: list[SourceProfile] = field(default_factory=list)
    default_source: SourceProfile = field(
        default_factory=lambda: SourceProfile("default", (), 0.6, "assessed")
    )
    bbox: tuple[float, float, float, float] | None = None
    start: date | None = None
    end: date | None = None
    boundary_path: Path | None = None
    rules: dict[str, Any] = field(default_factory=dict)
    baseline: list[tuple[str, str, str]] = field(default_factory=list)  # (place id, status, note)
    baseline_date: date | None = None
    language: str = "en"  # the language pack its reports are read with (languages/<code>/)
    capital: str = ""  # the gazetteer id of the country's capital ("the capital" in a report), "" if none

    def source_profile(self, source: str) -> SourceProfile:
        """The profile whose pattern occurs in a document's source name (not in a quoted title inside it: an
        encyclopedia's article "A Command" is no outlet of that command)."""
        folded = _QUOTED_TITLE.sub(" ", source).casefold()
        for profile in self.sources:
            if any(p.casefold() in folded for p in profile.patterns):
                return profile
        return self.default_source

    def side_colors(self) -> dict[str, str]:
        """Map colour for every side, plus ``contested`` and ``unknown``."""
        colors = {s.id: s.color for s in self.actors.sides.values()}
        colors.setdefault("contested", "#8e44ad")
        colors.setdefault("unknown", "#bbbbbb")
        return colors


def user_home() -> Path:
    """Where user additions live (``FRONTLINES_HOME`` or ``~/.local/share/frontlines``)."""
    return Path(os.environ.get("FRONTLINES_HOME", Path.home() / ".local" / "share" / "frontlines"))


def theater_folder(name_or_path: str) -> Path:
    """Find a theater: a folder path, or the name of a packaged or user theater."""
    candidate = Path(name_or_path)
    if candidate.is_dir() and (candidate / "theater.toml").is_file():
        return candidate
    packaged = Path(str(resources.files("frontlines") / "theaters" / name_or_path))
    if (packaged / "theater.toml").is_file():
        return packaged
    user = user_home() / "theaters" / name_or_path
    if (user / "theater.toml").is_file():
        return user
    known = sorted(p.name for p in Path(str(resources.files("frontlines") / "theaters")).iterdir()
                   if (p / "theater.toml").is_file())
    raise TheaterError(f"unknown theater {name_or_path!r}; known theaters: {', '.join(known)} (or give a folder path)")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise TheaterError(f"cannot read {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TheaterError(f"{path} is not valid TOML: {exc}") from exc


def _load_actors(path: Path) -> ActorDictionary:
    data = _read_toml(path)
    try:
        sides = [Side(s["id"], s.get("name", s["id"]), s.get("color", "#888888"), tuple(s.get("cues", ())),
                      tuple(s.get("voice", ())), s.get("label", "")) for s in data.get("side", [])]
        side_ids = {s.id for s in sides}
        actors = []
        for a in data.get("actor", []):
            if a["side"] not in side_ids:
                raise TheaterError(f"{path}: actor {a['id']!r} has undeclared side {a['side']!r}")
            actors.append(Actor(
                id=a["id"], name=a["name"], side=a["side"], inter=a.get("inter", ""),
                parent=a.get("parent", ""), aliases=tuple(a.get("aliases", ())), media=bool(a.get("media", False)),
                state=str(a.get("state", "")),
            ))
    except KeyError as exc:
        raise TheaterError(f"{path}: an entry lacks the key {exc}") from exc
    return ActorDictionary(sides, actors)


def _load_sources(path: Path) -> tuple[list[SourceProfile], SourceProfile]:
    if not path.is_file():
        return [], SourceProfile("default", (), 0.6, "assessed")
    data = _read_toml(path)
    default = data.get("default", {})
    default_profile = SourceProfile(
        "default", (), float(default.get("reliability", 0.6)), default.get("level", "assessed")
    )
    profiles = [
        SourceProfile(
            s["name"], tuple(s.get("match", [s["name"]])), float(s.get("reliability", default_profile.reliability)),
            s.get("level", default_profile.level), s.get("partisan", ""), bool(s.get("voice", True)),
        )
        for s in data.get("source", [])
    ]
    return profiles, default_profile


@lru_cache(maxsize=8)
def load_theater(name_or_path: str = "syria") -> Theater:
    """Load a theater pack (cached: a theater is loaded once per process)."""
    folder = theater_folder(name_or_path)
    meta = _read_toml(folder / "theater.toml")
    files = meta.get("files", {})
    places = read_places_tsv(folder / files.get("gazetteer", "gazetteer.tsv"))
    for extra in (folder / files.get("places", "places.csv"), user_home() / "theaters" / meta.get("id", folder.name) / "places.csv"):
        if extra.is_file():
            places.extend(read_places_csv(extra))
    actors = _load_actors(folder / files.get("actors", "actors.toml"))
    sources, default_source = _load_sources(folder / files.get("sources", "sources.toml"))
    boundary = folder / files.get("boundary", "boundary.geojson")
    bbox = meta.get("bbox")
    gazetteer = Gazetteer(places)
    sides = {s.id for s in actors.sides.values()} | {"contested", "unknown"}
    baseline = _load_baseline(folder / files.get("baseline", "baseline.csv"), gazetteer, sides)
    return Theater(
        id=meta.get("id", folder.name), name=meta.get("name", folder.name),
        country=meta.get("country", ""), country_name=meta.get("country_name", ""),
        iso=int(meta.get("iso", 0)), region=meta.get("region", ""), folder=folder,
        gazetteer=gazetteer, actors=actors, sources=sources, default_source=default_source,
        bbox=tuple(bbox) if bbox else None, start=meta.get("start"), end=meta.get("end"),
        boundary_path=boundary if boundary.is_file() else None, rules=meta.get("rules", {}),
        baseline=baseline, baseline_date=meta.get("baseline_date"), language=meta.get("language", "en"),
        capital=_capital(meta, gazetteer, folder),
    )


def _capital(meta: dict[str, Any], gazetteer: Gazetteer, folder: Path) -> str:
    capital = str(meta.get("capital", ""))
    if capital and capital not in gazetteer.by_id:
        raise TheaterError(f"{folder / 'theater.toml'}: capital {capital!r} is not a place of the gazetteer")
    return capital


def _load_baseline(path: Path, gazetteer: Gazetteer, sides: set[str]) -> list[tuple[str, str, str]]:
    """The control state before the first report (``baseline.csv``: place, admin1, status, note)."""
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            name, admin1, status = row["place"].strip(), (row.get("admin1") or "").strip(), row["status"].strip()
            if status not in sides:
                raise TheaterError(f"{path}: {name!r} has status {status!r}; expected one of {', '.join(sorted(sides))}")
            cands = [c.place for c in gazetteer.lookup(name) if not admin1 or c.place.admin1 == admin1]
            cands = [p for p in cands if p.kind != "region"] or cands
            if not cands:
                raise TheaterError(f"{path}: baseline place {name!r} ({admin1}) is not in the gazetteer")
            out.append((cands[0].id, status, (row.get("note") or "").strip()))
    return out
