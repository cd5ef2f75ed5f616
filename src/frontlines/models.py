"""The typed records that flow through the pipeline.

Every annotation points back into its source text with ``(doc, start, end)``
character offsets, so any event or control status can show the sentence that
supports it. The core records are frozen dataclasses; ``to_dict`` gives the
JSON shape promised by the CLI and the Python API.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple

Day = date  # an alias: inside Event, the field named "date" hides the type
Kind = Literal["settlement", "facility", "terrain", "region", "route", "country"]
KINDS: tuple[str, ...] = ("settlement", "facility", "terrain", "region", "route", "country")
Certainty = Literal["confirmed", "reported", "claimed", "disputed", "uncertain"]
CERTAINTIES: tuple[str, ...] = ("confirmed", "reported", "claimed", "disputed", "uncertain")
Level = Literal["assessed", "claimed"]
CONTESTED = "contested"
UNKNOWN = "unknown"


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: a JSON-ready dict of the dataclass fields, dates as ISO strings."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """A GeoJSON Feature (the Python geo interface) for records with a point; AttributeError otherwise."""
        lon, lat = getattr(self, "lon", None), getattr(self, "lat", None)
        if lon is None or lat is None:
            raise AttributeError(f"{type(self).__name__} has no point")
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": self.to_dict()}


class TextSpan(NamedTuple):
    """Characters ``start`` to ``end`` of one document's text (a sentence, a window)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Evidence(Record):
    """A span of one document's text that reports an event: characters ``start`` to ``end`` of ``doc``.

    ``str()`` gives the form ``doc:start:end`` (CSV cells, display); ``to_dict()`` the JSON form."""

    doc: str
    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.doc}:{self.start}:{self.end}"

    @classmethod
    def parse(cls, value: Evidence | str | dict[str, Any]) -> Evidence:
        """An ``Evidence`` from its JSON dict or its ``doc:start:end`` string (what older versions stored)."""
        if isinstance(value, Evidence):
            return value
        try:
            if isinstance(value, str):
                doc, start, end = value.rsplit(":", 2)
                return cls(doc, int(start), int(end))
            if isinstance(value, dict):
                return cls(str(value["doc"]), int(value["start"]), int(value["end"]))
        except (KeyError, TypeError, ValueError):
            pass
        raise ValueError(f"not an evidence span: {value!r}")


@dataclass(frozen=True, slots=True)
class Place(Record):
    """A gazetteer entry."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    admin1: str = ""
    feature: str = ""
    country: str = "SY"
    population: int = 0
    approximate: bool = False
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document(Record):
    """One report as ingested: its text and where it came from."""

    id: str
    text: str
    source: str = ""
    published: date | None = None
    title: str = ""
    path: str = ""
    format: str = "text"
    url: str = ""


@dataclass(frozen=True, slots=True)
class PlaceMention(Record):
    """A span of a document resolved to a gazetteer place."""

    mention: str
    start: int
    end: int
    doc: str
    place_id: str
    name: str
    lat: float
    lon: float
    kind: str
    admin1: str
    score: float
    geo_precision: int = 1
    relation: str = ""  # "", "near", "outskirts", "north of", "between", "countryside", ...
    anchor_id: str = ""  # the place a relative location is measured from
    alternatives: tuple[str, ...] = ()
    feature: str = ""  # the gazetteer's feature of the place ("city", "village", "airbase"), "" when unknown


@dataclass(frozen=True, slots=True)
class Unresolved(Record):
    """A span that looks like a place but that the gazetteer cannot resolve."""

    mention: str
    start: int
    end: int
    doc: str
    reason: str


@dataclass(frozen=True, slots=True)
class ActorMention(Record):
    """A span naming an actor from the theater's actor dictionary."""

    mention: str
    start: int
    end: int
    doc: str
    actor_id: str
    name: str
    side: str
    inter: str = ""
    media: bool = False
    state: str = ""  # a foreign state's forces: the state, as its events name their party


@dataclass(frozen=True, slots=True)
class Event(Record):
    """An ACLED-style event with its evidence span and certainty."""

    id: str
    doc: str
    date: date | None
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    actor1_side: str
    actor2: str
    actor2_side: str
    place_id: str
    location: str
    lat: float | None
    lon: float | None
    geo_precision: int
    fatalities: int
    fatalities_text: str
    certainty: str
    claimed_by: str
    text: str
    start: int
    end: int
    admin1: str = ""
    date_end: Day | None = None
    wounded: int | None = None
    captured: int | None = None
    trigger: str = ""
    source: str = ""
    plover_event: str = ""
    plover_mode: str = ""
    cameo_root: str = ""
    warnings: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()  # every span that reports this happening
    sources: tuple[str, ...] = ()
    relation: str = ""  # relative location ("near", "3 km west of"...) from the place mention
    kind: str = ""  # the frame kind that produced it: capture, loss, expel, withdraw, enter, strike, clash, ...

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """The event of a ``to_dict()`` (as stored), also one written by an older version (evidence as strings)."""
        fields = dict(data)
        for key in ("date", "date_end"):
            if fields.get(key):
                fields[key] = Day.fromisoformat(fields[key])
        for key in ("warnings", "sources"):
            fields[key] = tuple(fields.get(key) or ())
        fields["evidence"] = tuple(Evidence.parse(x) for x in fields.get("evidence") or ())
        return cls(**fields)


@dataclass(frozen=True, slots=True)
class ControlAssertion(Record):
    """One statement about who controls a place, from one span of one document."""

    id: str
    place_id: str
    status: str  # a side id, "contested" or "unknown"
    level: str  # "assessed" or "claimed"
    valid_from: date | None
    time_precision: int
    doc: str
    start: int
    end: int
    confidence: float
    source: str = ""
    basis: str = ""  # event id or statement kind that produced it
    scope: str = "place"  # "place" or "region" (applied from a region statement)
    text: str = ""
    published: Day | None = None  # when the source became known (its publication date)


@dataclass(frozen=True, slots=True)
class ControlStatus(Record):
    """The derived status of a place as of a date, with what it rests on.

    ``evidence``: where the statements that decided it stand in their documents, as spans (those of
    its winning assertions: the words each statement was read from, inside the sentence that is the
    assertion's ``text``, as an event's evidence is; the baseline has none). ``basis``: the ids of the events (or, for a statement with no
    event, of the assertions) it rests on. ``reason``: for an ``inferred`` status, why (the area it
    lies in, or a governorate's majority); "" otherwise."""

    place_id: str
    name: str
    lat: float
    lon: float
    status: str
    level: str
    since: date | None
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    admin1: str = ""
    kind: str = "settlement"
    basis: tuple[str, ...] = ()
    reason: str = ""

    @property
    def support(self) -> StatusSupport:
        """``evidence``, ``basis`` and ``reason`` together (what the status runs store)."""
        return StatusSupport(self.evidence, self.basis, self.reason)


class StatusSupport(NamedTuple):
    """What a control status rests on: its evidence spans, the ids behind it and, if inferred, why.

    Stored in the status runs as the JSON object of :meth:`to_json`; :meth:`from_json` also reads the
    list of strings older versions stored there (ids, and an "inferred: ..." note)."""

    evidence: tuple[Evidence, ...] = ()
    basis: tuple[str, ...] = ()
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"evidence": [e.to_dict() for e in self.evidence], "basis": list(self.basis)}
        if self.reason:
            out["reason"] = self.reason
        return out

    @classmethod
    def from_json(cls, value: Any) -> StatusSupport:
        """The support of a stored value: the object of :meth:`to_json`, or an older version's list of
        strings (an item starting with "inferred" is the reason, the others are ids); None is none."""
        if value is None:
            return cls()
        if isinstance(value, dict):
            return cls(tuple(Evidence.parse(x) for x in value.get("evidence") or ()),
                       tuple(str(x) for x in value.get("basis") or ()), str(value.get("reason") or ""))
        if isinstance(value, list | tuple):
            items = [str(x) for x in value]
            notes = [x for x in items if x.startswith("inferred")]
            return cls((), tuple(x for x in items if not x.startswith("inferred")), "; ".join(notes))
        raise ValueError(f"not a status's support: {value!r}")


@dataclass(slots=True)
class Extraction:
    """What ``extract`` returns for a set of documents: one shape for every path."""

    documents: list[Document] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    assertions: list[ControlAssertion] = field(default_factory=list)
    control: list[ControlStatus] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [
                {"id": d.id, "source": d.source, "published": _plain(d.published), "title": d.title}
                for d in self.documents
            ],
            "places": [p.to_dict() for p in self.places],
            "unresolved": [u.to_dict() for u in self.unresolved],
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "control": [c.to_dict() for c in self.control],
            "assertions": [a.to_dict() for a in self.assertions],
            "warnings": list(self.warnings),
        }

    def to_dataframes(self, theater: Any = None, *, geo: bool | None = None) -> Any:
        """``Frames(places, events, control)`` as pandas (Geo)DataFrames; see :mod:`frontlines.views.dataframes`."""
        from frontlines import settings
        from frontlines.events.acled import acled_context
        from frontlines.theater import Theater, load_theater
        from frontlines.views.dataframes import frames

        th = theater if isinstance(theater, Theater) else load_theater(settings.THEATER.value(theater))
        ctx = acled_context(th, self.documents)
        return frames(self.places, self.events, [(None, self.control)], ctx, geo)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """Control statuses and events as a GeoJSON FeatureCollection (the Python geo interface)."""
        from frontlines.views.exports import statuses_geojson

        return statuses_geojson(self.control, None, self.events)


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything extracted from one document (what the store writes in one transaction)."""

    doc: Document
    places: tuple[PlaceMention, ...]
    unresolved: tuple[Unresolved, ...]
    actors: tuple[ActorMention, ...]
    events: tuple[Event, ...]
    assertions: tuple[ControlAssertion, ...]
    warnings: tuple[str, ...] = ()
