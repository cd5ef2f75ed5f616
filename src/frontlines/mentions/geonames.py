"""Read a GeoNames country dump (and its alternate names) into gazetteer places.

The 19-column dump (``SY.txt`` or ``SY.zip``) and, optionally, an ``alternateNamesV2`` file are
read row by row; the rows frontlines cares about (settlements, facilities, terrain, governorates,
roads) become :class:`~frontlines.models.Place` records with ids ``gn:<geonameid>``, their admin1
learnt from the places the theater already has. Bad rows are skipped and counted in
:class:`ImportResult`.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from frontlines.errors import InputError
from frontlines.mentions.place_names import _add_name, clean_name, keep_alternate, plain_name, script_of
from frontlines.models import Place

GEONAMES_COLUMNS = 19
ALTERNATE_COLUMNS = (8, 10)  # alternateNames (v1) and alternateNamesV2
ALTERNATE_LANGUAGES = frozenset({"", "en", "ar", "fr", "de"})
ALTERNATE_PSEUDO_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "wkdt", "abbr"})
_CHECKED_LINES = 5  # leading lines that must have the right column count

# GeoNames feature codes -> (kind, feature, approximate). Settlements (class P) are handled apart.
_FEATURES: dict[tuple[str, str], tuple[str, str, bool]] = {
    **{("S", code): ("facility", feature, False) for code, feature in {
        "AIRB": "airbase", "AIRF": "airbase", "AIRH": "airbase", "AIRP": "airport",
        "MILB": "base", "INSM": "base", "FT": "base", "PRN": "prison", "DAM": "dam", "BDG": "bridge",
        "ACAD": "academy", "SCHM": "academy", "SCH": "school", "UNIV": "university", "HSP": "hospital",
        "FCL": "facility", "FY": "crossing", "PS": "power_station", "OILR": "refinery",
        "CSTL": "citadel", "MFG": "factory",
    }.items()},
    # The theater format counts camps as settlements.
    ("S", "CMP"): ("settlement", "camp", False),
    ("S", "CMPRF"): ("settlement", "camp", False),
    **{("T", code): ("terrain", feature, approx) for code, (feature, approx) in {
        "MT": ("mountain", False), "PK": ("mountain", False), "HLL": ("hill", False),
        "MTS": ("mountain", True), "PKS": ("mountain", True), "RDGE": ("mountain", True),
        "HLLS": ("hill", True), "PLN": ("plain", True), "PLAT": ("plain", True),
        "VAL": ("valley", True), "VALS": ("valley", True), "WAD": ("valley", True),
    }.items()},
    ("H", "LK"): ("terrain", "lake", True),
    ("H", "LKS"): ("terrain", "lake", True),
    ("H", "RSV"): ("terrain", "lake", True),
    ("H", "WAD"): ("terrain", "valley", True),
    ("A", "ADM1"): ("region", "governorate", True),
    **{("R", code): ("route", "road", True) for code in ("RD", "RDA", "RDB", "RDCUT", "RDJCT", "ST", "TRL")},
}
_CITY_CODES = frozenset({"PPLC", "PPLA", "PPLA2"})


@dataclass(slots=True)
class ImportResult:
    """What an import produced: places, skipped rows counted by reason, and warnings."""

    places: list[Place] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def skip(self, reason: str, count: int = 1) -> None:
        """Count ``count`` rows skipped for ``reason``."""
        self.skipped[reason] = self.skipped.get(reason, 0) + count


@dataclass(slots=True)
class _Row:
    """A GeoNames row being built into a place (mutable until the end of the import)."""

    geonameid: str
    display: str
    kind: str
    feature: str
    lat: float
    lon: float
    country: str
    admin1_code: str
    population: int
    approximate: bool
    names: list[str]
    admin1: str = ""
    id: str = ""


# --------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------


@contextmanager
def _open_lines(path: Path) -> Iterator[Iterator[str]]:
    """Lines of a text file, or of the text member of a zip named like the zip (``SY.zip`` -> ``SY.txt``)."""
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                member = _zip_member(archive, path)
                with archive.open(member) as raw:
                    yield iter(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
        else:
            with path.open(encoding="utf-8", newline="") as fh:
                yield iter(fh)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except zipfile.BadZipFile as exc:
        raise InputError(f"{path} is not a valid zip file") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text (byte {exc.start} of a line)") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _zip_member(archive: zipfile.ZipFile, path: Path) -> str:
    """The member of a GeoNames zip holding the data (``SY.zip`` -> ``SY.txt``)."""
    names = archive.namelist()
    wanted = f"{path.stem}.txt".lower()
    for name in names:
        if Path(name).name.lower() == wanted:
            return name
    skip = ("readme.txt", "iso-languagecodes.txt")
    data = [n for n in names if n.lower().endswith(".txt") and Path(n).name.lower() not in skip]
    if len(data) == 1:
        return data[0]
    raise InputError(f"{path}: no member named {path.stem}.txt in the zip (it holds {', '.join(names) or 'nothing'})")


def _records(lines: Iterator[str], path: Path, columns: tuple[int, ...], what: str) -> Iterator[list[str] | None]:
    """Split tab-separated lines; ``None`` for a malformed line after the first few, which must all be well formed."""
    seen = 0
    for line in lines:
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        fields = line.split("\t")
        seen += 1
        good = len(fields) in columns and fields[0].strip().isdigit()
        if not good and seen <= _CHECKED_LINES:
            expected = " or ".join(map(str, columns))
            raise InputError(
                f"{path} is not a {what}: line {seen} has {len(fields)} tab-separated columns, expected {expected}"
            )
        yield fields if good else None
    if not seen:
        raise InputError(f"{path} is empty: expected a {what}")


# --------------------------------------------------------------------------
# GeoNames rows
# --------------------------------------------------------------------------


def _classify(fclass: str, fcode: str, population: int) -> tuple[str, str, bool] | None:
    """(kind, feature, approximate) for a GeoNames feature, or None when frontlines does not import it."""
    if fclass == "P":
        if fcode == "PPLX":
            return "settlement", "neighbourhood", False
        if fcode in _CITY_CODES or population >= 100_000:
            return "settlement", "city", False
        return "settlement", "town" if population >= 10_000 else "village", False
    return _FEATURES.get((fclass, fcode))


def _parse_row(fields: list[str], country: str | None, result: ImportResult) -> _Row | None:
    """A :class:`_Row` from the 19 columns, or None (counted in ``result.skipped``)."""
    geonameid, name, asciiname, alternates = fields[0].strip(), fields[1], fields[2], fields[3]
    fclass, fcode, cc = fields[6].strip(), fields[7].strip(), fields[8].strip().upper()
    if country and cc != country:
        result.skip("other country")
        return None
    try:
        lat, lon = float(fields[4]), float(fields[5])
    except ValueError:
        result.skip("bad coordinates")
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        result.skip("bad coordinates")
        return None
    try:
        population = int(fields[14].strip() or 0)
    except ValueError:
        result.skip("bad population")
        return None
    classified = _classify(fclass, fcode, population)
    if classified is None:
        result.skip(f"feature {fclass}.{fcode}")
        return None
    if not cc:
        result.skip("no country code")
        return None
    display = plain_name(name if script_of(name) == "latin" else asciiname or name)
    if not display:
        result.skip("no name")
        return None
    names: list[str] = []
    for variant in (display, name, asciiname):
        if script_of(variant) in ("latin", "arabic"):
            _add_name(names, variant)
    for alt in alternates.split(","):
        if keep_alternate(alt.strip()):
            _add_name(names, alt)
    kind, feature, approximate = classified
    return _Row(geonameid, display, kind, feature, lat, lon, cc, fields[10].strip(), population, approximate, names)


def _read_rows(path: Path, country: str | None, result: ImportResult) -> dict[str, _Row]:
    """The importable rows of a dump, by geonameid."""
    rows: dict[str, _Row] = {}
    with _open_lines(path) as lines:
        for fields in _records(lines, path, (GEONAMES_COLUMNS,), "GeoNames dump (19 tab-separated columns)"):
            if fields is None:
                result.skip("malformed row")
                continue
            row = _parse_row(fields, country, result)
            if row is not None:
                rows[row.geonameid] = row
    return rows


def _is_transliteration(language: str) -> bool:
    """Language codes of transliterations (``ar-Latn``, ``fa_Latn``, ``...translit...``)."""
    lowered = language.lower()
    return lowered.endswith(("-latn", "_latn", "-arab", "_arab")) or "translit" in lowered


def _alternate_reason(fields: list[str]) -> str:
    """Why an alternateNames row is not used, or '' when it is."""
    language = fields[2].strip()
    if language in ALTERNATE_PSEUDO_LANGUAGES:
        return f"alternate name: {language}"
    if language not in ALTERNATE_LANGUAGES and not _is_transliteration(language):
        return "alternate name: other language"
    if fields[7].strip() == "1" or (len(fields) >= 10 and fields[9].strip()):
        return "alternate name: historic"
    if not keep_alternate(clean_name(fields[3])):
        return "alternate name: script or form"
    return ""


def _read_alternates(path: Path, rows: dict[str, _Row], result: ImportResult) -> int:
    """Add alternateNames(V2) names to ``rows``; returns how many names were added."""
    added = 0
    preferred: set[str] = set()
    with _open_lines(path) as lines:
        for fields in _records(lines, path, ALTERNATE_COLUMNS, "GeoNames alternateNames file (10 tab-separated columns)"):
            if fields is None:
                continue
            row = rows.get(fields[1].strip())
            if row is None:
                continue
            reason = _alternate_reason(fields)
            if reason:
                result.skip(reason)
                continue
            name = clean_name(fields[3])
            if fields[2].strip() == "en" and fields[4].strip() == "1" and row.geonameid not in preferred:
                preferred.add(row.geonameid)
                row.display = name  # the preferred English name is the one reports use
                row.names.insert(0, name)
            elif name not in row.names:
                row.names.append(name)
                added += 1
    for row in rows.values():
        row.names = list(dict.fromkeys(row.names))
    return added


# --------------------------------------------------------------------------
# admin1
# --------------------------------------------------------------------------


def _learn_admin1(rows: dict[str, _Row], existing: Sequence[Place]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> admin1 name, by majority vote of existing ``gn:`` places."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for place in existing:
        if not place.id.startswith("gn:") or not place.admin1:
            continue
        row = rows.get(place.id[3:])
        if row is not None and row.admin1_code:
            votes[(row.country, row.admin1_code)][place.admin1] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _admin1_anchors(existing: Sequence[Place]) -> list[Place]:
    """Existing places whose admin1 can be lent to a neighbour (points, not regions)."""
    return [p for p in existing if p.admin1 and p.kind not in ("region", "country")]


def nearest_indices(anchors: Sequence[Place], lats: Sequence[float], lons: Sequence[float]) -> np.ndarray:
    """Index into ``anchors`` of the nearest anchor to each (lat, lon), by equirectangular distance."""
    a_lat = np.radians(np.fromiter((p.lat for p in anchors), np.float64, len(anchors)))
    a_lon = np.radians(np.fromiter((p.lon for p in anchors), np.float64, len(anchors)))
    q_lat, q_lon = np.radians(np.asarray(lats, np.float64)), np.radians(np.asarray(lons, np.float64))
    out = np.empty(len(q_lat), dtype=np.int64)
    chunk = max(1, 1_000_000 // max(1, len(anchors)))
    for start in range(0, len(q_lat), chunk):
        la, lo = q_lat[start : start + chunk, None], q_lon[start : start + chunk, None]
        dx = (lo - a_lon) * np.cos(la)
        dy = la - a_lat
        out[start : start + chunk] = np.argmin(dx * dx + dy * dy, axis=1)
    return out


def _assign_admin1(rows: dict[str, _Row], existing: Sequence[Place], result: ImportResult) -> None:
    """Set ``admin1`` on every row: learnt code -> name, else the nearest existing place of the country."""
    learnt = _learn_admin1(rows, existing)
    unknown: dict[str, list[_Row]] = defaultdict(list)
    for row in rows.values():
        name = learnt.get((row.country, row.admin1_code))
        if name:
            row.admin1 = name
        else:
            unknown[row.country].append(row)
    anchors = _admin1_anchors(existing)
    for cc, pending in unknown.items():
        same_country = [p for p in anchors if p.country == cc]
        if not same_country:
            if any(p.country == cc for p in existing):
                continue  # a foreign country of the theater: admin1 stays empty, as in the bundled gazetteer
            result.warnings.append(f"{len(pending)} {cc} places got no admin1: no existing {cc} place to learn it from")
            continue
        nearest = nearest_indices(same_country, [r.lat for r in pending], [r.lon for r in pending])
        for row, index in zip(pending, nearest, strict=True):
            row.admin1 = same_country[int(index)].admin1
        codes = sorted({r.admin1_code or "(none)" for r in pending})
        result.warnings.append(
            f"{len(pending)} {cc} places took the admin1 of the nearest existing place "
            f"(admin1 codes not learnt: {', '.join(codes)})"
        )


def _to_place(row: _Row, regions: dict[tuple[str, str], str]) -> Place:
    """The finished place; a governorate row takes the id of the theater's own governorate row."""
    pid = f"gn:{row.geonameid}"
    if row.kind == "region" and row.admin1:
        pid = regions.get((row.country, row.admin1), pid)
    names = tuple(dict.fromkeys([row.display, *row.names]))
    return Place(
        id=pid, name=row.display, kind=row.kind, lat=round(row.lat, 5), lon=round(row.lon, 5),
        admin1=row.admin1, feature=row.feature, country=row.country, population=row.population,
        approximate=row.approximate, names=names,
    )


def read_geonames_dump(
    path: Path,
    *,
    country: str | None = None,
    alternate_names: Path | None = None,
    existing: Sequence[Place] = (),
) -> ImportResult:
    """Read a GeoNames country dump (``XX.txt`` or ``XX.zip``) into places.

    ``country`` keeps only rows of that ISO code; ``alternate_names`` adds names
    from an ``alternateNamesV2`` file (global or per country, ``.txt`` or ``.zip``);
    ``existing`` (the theater's places) teaches the mapping from GeoNames admin1
    codes to the theater's governorate names. Raises :class:`InputError` for a
    missing, empty or non-GeoNames file; bad rows are skipped and counted.
    """
    result = ImportResult()
    rows = _read_rows(Path(path), country.upper() if country else None, result)
    if alternate_names is not None:
        added = _read_alternates(Path(alternate_names), rows, result)
        result.warnings.append(f"{added} alternate names added from {alternate_names}")
    _assign_admin1(rows, existing, result)
    regions = {(p.country, p.admin1): p.id for p in existing if p.kind == "region" and p.feature == "governorate"}
    result.places = [_to_place(row, regions) for row in rows.values()]
    return result
