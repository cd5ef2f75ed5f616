"""The territorial-control ledger: assertions in, status of any place on any day out.

Nothing is overwritten. Every statement about control is an assertion
(place, status, level, valid from, source span, confidence); the status of a
place as of a day is derived from its assertions, so any map can be
recomputed and explained. Rules (documented in docs/ledger.md):

* Assertions come only from typed statements (:mod:`frontlines.control.statements`): the ledger reads
  their kind, status, scope and weight and never re-reads text. A statement's confidence is its
  certainty and its source's reliability times the weight of its form (a presence says less than
  a capture).
* Region statements apply to every place of the governorate that the losing
  side (or nobody) held at the baseline, at lower confidence (less for "almost
  all"), and never override a direct assertion of the same day; sector statements ("no positions left west of X") apply to the
  places of the sector within 60 km of the anchor.
* Reconciliation, per place: the latest day with assertions wins (recency);
  within that day, support per status is summed over distinct sources weighted
  by confidence; two sides both strongly asserted make ``contested``. A status
  is ``assessed`` when one assessed source or two independent sources support
  it, otherwise ``claimed``.
"""

from __future__ import annotations

import bisect
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

import numpy as np

from frontlines.control.statements import Statement
from frontlines.mentions.gazetteer import Gazetteer, haversine_km
from frontlines.models import CONTESTED, UNKNOWN, ControlAssertion, ControlStatus, Document, Evidence, Place
from frontlines.theater import Theater

CERTAINTY_CONFIDENCE = {"confirmed": 0.95, "reported": 0.8, "claimed": 0.55, "uncertain": 0.4, "disputed": 0.45}
REGION_FACTOR = 0.6
INFER_KM = 30.0  # a place further than this from every place of known status stays without one
REGION_MAJORITY = 0.6  # share (by population) of a governorate's places with a status that one side must hold
INFER_FACTOR = 0.5
SECTOR_KM = 60.0


def _aid(*parts: object) -> str:
    return "a" + hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:12]


def _level(theater: Theater, source: str, certainty: str) -> tuple[str, float]:
    profile = theater.source_profile(source)
    base = CERTAINTY_CONFIDENCE.get(certainty, 0.5)
    level = "claimed" if certainty in ("claimed", "uncertain", "disputed") or profile.level == "claimed" else "assessed"
    return level, round(base * (0.5 + profile.reliability / 2), 3)


BASELINE_CONFIDENCE = 0.5
NOT_HOLDERS = frozenset({"civilians", ""})


def baseline_assertions(theater: Theater) -> list[ControlAssertion]:
    """The theater's control state before the first report, as assertions any report overrides."""
    if theater.baseline_date is None:
        return []
    return [
        ControlAssertion(
            id=_aid("baseline", theater.id, place_id), place_id=place_id, status=status, level="assessed",
            valid_from=theater.baseline_date, time_precision=1, doc="", start=0, end=0,
            confidence=BASELINE_CONFIDENCE, source="baseline", basis="baseline", scope="baseline",
            text=f"baseline: {note}" if note else "baseline",
        )
        for place_id, status, note in theater.baseline
    ]


BASELINE_AREA_KM = 40.0
_AREAS: dict[tuple[str, int, int], dict[str, str]] = {}


def baseline_areas(theater: Theater) -> dict[str, str]:
    """Who held the area each place lies in before the first report: the baseline status of the nearest
    baseline place within ``BASELINE_AREA_KM`` (the Voronoi cells of the baseline; computed once per theater)."""
    gaz = theater.gazetteer
    key = (theater.id, len(gaz.places), len(theater.baseline))
    if key in _AREAS:
        return _AREAS[key]
    points = [(gaz.by_id[pid], status) for pid, status, _ in theater.baseline if pid in gaz.by_id]
    areas: dict[str, str] = {}
    if points:
        lat = np.array([p.lat for p, _ in points])
        lon = np.array([p.lon for p, _ in points])
        coslat = math.cos(math.radians(float(lat.mean())))
        for place in gaz.places:
            if place.country != theater.country or place.kind not in ("settlement", "facility", "terrain"):
                continue
            d2 = (lat - place.lat) ** 2 + ((lon - place.lon) * coslat) ** 2
            k = int(d2.argmin())
            if math.sqrt(float(d2[k])) * 111.2 <= BASELINE_AREA_KM:
                areas[place.id] = points[k][1]
    areas.update({pid: status for pid, status, _ in theater.baseline})
    _AREAS[key] = areas
    return areas


def assertions_from_statements(statements: Iterable[Statement], theater: Theater,
                               docs: dict[str, Document]) -> list[ControlAssertion]:
    """Control assertions from explicit statements, region and sector statements expanded."""
    gaz = theater.gazetteer
    baseline = baseline_areas(theater)
    adversary = theater.rules.get("adversary", {})
    out: list[ControlAssertion] = []
    for st in statements:
        if st.date is None:
            continue
        source = docs[st.doc].source if st.doc in docs else ""
        level, confidence = _level(theater, source, st.certainty)
        confidence *= st.weight
        targets: list[tuple[str, str, float]] = []
        area = gaz.by_id.get(st.place_id)
        if st.scope in ("region", "region-hedged") and area is not None and area.feature != "governorate":
            # an area within a governorate ("the X region", "the Y pocket"): the gazetteer knows its centre, not its
            # bounds, so the statement is of the area itself, never of the whole governorate around it
            targets = [(st.place_id, st.status, confidence * REGION_FACTOR)] if st.scope == "region" else []
        elif st.scope in ("region", "region-hedged"):
            # A region statement speaks of the places the losing side held: places a third party holds
            # (a third party's towns inside the governorate) are not part of "all of X".
            loser = adversary.get(st.status, "")
            # "almost all of X" asserts less: it fills places nobody was known to hold, and flips no holder
            allowed = (UNKNOWN,) if st.scope == "region-hedged" else (loser, st.status, UNKNOWN)
            targets = [(p.id, st.status, confidence * REGION_FACTOR) for p in gaz.in_admin1(st.admin1)
                       if p.country == theater.country and p.kind in ("settlement", "facility")
                       and baseline.get(p.id, UNKNOWN) in allowed]
        elif st.scope.startswith("sector-"):
            targets = _sector(gaz, st, theater, confidence)
        else:
            targets = [(st.place_id, st.status, confidence)]
        for place_id, status, conf in targets:
            if status in NOT_HOLDERS:
                continue  # civilians, or an actor of no known side, do not hold territory
            out.append(ControlAssertion(
                id=_aid(st.doc, st.start, place_id, status, st.scope), place_id=place_id, status=status, level=level,
                valid_from=st.date, time_precision=st.time_precision, doc=st.doc, start=st.start, end=st.end,
                confidence=round(conf, 3), source=source, basis=f"{st.kind or 'statement'}:{st.event or st.scope}",
                scope="region" if st.scope.startswith("region") else st.scope, text=st.text,
                published=docs[st.doc].published if st.doc in docs else None,
            ))
    return out


def _sector(gaz: Gazetteer, st: Statement, theater: Theater, confidence: float) -> list[tuple[str, str, float]]:
    anchor = gaz.by_id.get(st.place_id)
    if anchor is None or not st.status.startswith("not:"):
        return []
    losing = st.status.split(":", 1)[1]
    winner = theater.rules.get("adversary", {}).get(losing, UNKNOWN)
    direction = st.scope.split("-", 1)[1]
    out = []
    for p in gaz.places:
        if p.country != theater.country or p.kind not in ("settlement", "facility"):
            continue
        if haversine_km(p.lat, p.lon, anchor.lat, anchor.lon) > SECTOR_KM:
            continue
        side_ok = {"west": p.lon < anchor.lon, "east": p.lon > anchor.lon,
                   "north": p.lat > anchor.lat, "south": p.lat < anchor.lat}[direction]
        if side_ok:
            out.append((p.id, winner, confidence * REGION_FACTOR))
    return out


# Statement kinds that conclude a fight told in the same report and day (a later "fighting in X" is that fight).
_CONCLUDING = ("capture:", "loss:", "expel:", "surrender:", "handover:", "repel:", "enter:")


_STATE_BASES = frozenset({"hold", "contest", "presence", "unclear"})  # statement kinds that tell how things stand


def last_word_per_document(assertions: Sequence[ControlAssertion]) -> list[ControlAssertion]:
    """Within one report, the last assertion on a place and day is its conclusion ("by evening, however...")."""
    last: dict[tuple[str, str, object, str], ControlAssertion] = {}
    for a in sorted(assertions, key=lambda a: a.start):
        key = (a.doc, a.place_id, a.valid_from, a.scope)
        earlier = last.get(key)
        if a.status == UNKNOWN and earlier is not None and earlier.status != UNKNOWN:
            continue  # "X fell ... the army had withdrawn from X": the withdrawal explains the capture
        if a.status == CONTESTED and a.basis.startswith(("clash:", "enter:")) and earlier is not None \
                and earlier.basis.startswith(_CONCLUDING):
            continue  # "took X after heavy fighting in X", "X fell ... as fighters reached X": the fight is the one concluded
        if a.status == CONTESTED and a.basis.startswith("enter:") and earlier is not None \
                and earlier.basis.startswith("hold:") and earlier.status not in (CONTESTED, UNKNOWN):
            continue  # "X has been held by A since D ... - D: A entered X": the holding tells how the entry ended
        if a.level == "claimed" and earlier is not None and earlier.level == "assessed" \
                and earlier.basis.split(":")[0] in _STATE_BASES:
            # "X itself is contested ... an outlet of A claimed A had restored security there": the author's word on
            # how things stand (a change the author told can still be followed by a later one a party tells: "A
            # moved into X ... by evening A had handed it over to B, B said")
            continue
        last[key] = a
    return list(last.values())


def build_ledger(theater: Theater, assertions: Iterable[ControlAssertion], *, baseline: bool = True,
                 known_by: date | None = None) -> Ledger:
    """The one way to build a theater's ledger: its baseline (unless ``baseline`` is false) and the assertions."""
    every = [*baseline_assertions(theater), *assertions] if baseline else list(assertions)
    return Ledger(every, theater.gazetteer, theater.actors.sides, known_by=known_by)


class Ledger:
    """Assertions indexed by place and day, for fast as-of queries."""

    def __init__(self, assertions: Iterable[ControlAssertion], gazetteer: Gazetteer, sides: Iterable[str] = (),
                 known_by: date | None = None):
        """``known_by``: keep only what had been published by that day (the map as it could be drawn then)."""
        self.gazetteer = gazetteer
        self.sides = set(sides) - {"civilians", "unknown"}
        by_place: dict[str, dict[date, list[ControlAssertion]]] = defaultdict(lambda: defaultdict(list))
        seen: set[str] = set()
        for a in assertions:
            if a.valid_from is None or a.id in seen:
                continue
            if known_by is not None and (a.published or a.valid_from) > known_by:
                continue
            seen.add(a.id)
            by_place[a.place_id][a.valid_from].append(a)
        self._days: dict[str, list[date]] = {p: sorted(days) for p, days in by_place.items()}
        self._by_day = by_place
        self._verdicts: dict[tuple[str, date], Verdict] = {}

    def __len__(self) -> int:
        return sum(len(v) for days in self._by_day.values() for v in days.values())

    def places(self) -> list[str]:
        """Ids of places with at least one assertion."""
        return list(self._days)

    def verdict(self, place_id: str, day: date) -> Verdict:
        """Status, level, confidence, basis and evidence from the assertions of one place on one day."""
        key = (place_id, day)
        if key not in self._verdicts:
            self._verdicts[key] = reconcile(self._by_day[place_id][day], self.sides)
        return self._verdicts[key]

    def _baseline_only(self, place_id: str, day: date) -> bool:
        return all(a.scope == "baseline" for a in self._by_day[place_id][day])

    def status(self, place_id: str, as_of: date | None = None) -> ControlStatus | None:
        """The status of one place as of a day (the latest day if ``as_of`` is None)."""
        days = self._days.get(place_id)
        place = self.gazetteer.by_id.get(place_id)
        if not days or (place is None and not place_id.startswith("name:")):
            return None
        i = len(days) if as_of is None else bisect.bisect_right(days, as_of)
        if i == 0:
            return None
        latest = i - 1
        if self._baseline_only(place_id, days[latest]):
            # The baseline is the state before the reports: a report dated earlier still overrides it.
            reported = [j for j in range(latest) if not self._baseline_only(place_id, days[j])]
            latest = reported[-1] if reported else latest
        status, level, confidence, basis, evidence = self.verdict(place_id, days[latest])
        if level == "claimed":
            # A claim does not overturn an assessed status (ISW's practice): the assessed status stands
            # until an assessed report, or a second independent source, changes it.
            for j in range(latest - 1, -1, -1):
                if self._baseline_only(place_id, days[j]):
                    break  # the baseline is only a starting point: any report may overturn it
                earlier = self.verdict(place_id, days[j])
                if earlier[1] == "assessed":
                    if earlier[0] != status:
                        latest = j
                        status, level, confidence, basis, evidence = earlier
                    break
        since = days[latest]
        for j in range(latest - 1, -1, -1):
            if self.verdict(place_id, days[j])[0] != status:
                break
            since = days[j]
        if place is None:  # known only by name: no point on the map
            return ControlStatus(
                place_id=place_id, name=place_id[5:].replace("-", " ").title(), lat=math.nan, lon=math.nan,
                status=status, level=level, since=since, confidence=confidence, evidence=evidence, kind="unmapped",
                basis=basis,
            )
        return ControlStatus(
            place_id=place_id, name=place.name, lat=place.lat, lon=place.lon, status=status, level=level,
            since=since, confidence=confidence, evidence=evidence, admin1=place.admin1, kind=place.kind, basis=basis,
        )

    def as_of(self, day: date | None = None, *, unmapped: bool = False) -> list[ControlStatus]:
        """Status of every place with assertions up to ``day`` (places known only by name if ``unmapped``)."""
        out = []
        for place_id in self._days:
            if not unmapped and place_id not in self.gazetteer.by_id:
                continue
            st = self.status(place_id, day)
            if st is not None:
                out.append(st)
        return sorted(out, key=lambda s: (s.admin1, s.name))

    def inferred(self, place_id: str, day: date | None = None,
                 known: Sequence[ControlStatus] | None = None) -> ControlStatus | None:
        """The status of a place with no assertion of its own: that of the area it lies in that day.

        The area is the Voronoi cell of the nearest place whose status is known that day (the cells the
        maps draw), within ``INFER_KM``; the result is marked ``inferred``, with half that place's
        confidence, that place's evidence and basis, and the inference as its ``reason``.
        """
        place = self.gazetteer.by_id.get(place_id)
        if place is not None and place.kind == "region" and place.feature == "governorate":
            return self._region_holder(place, known if known is not None else self.as_of(day))
        if place is None or place.kind not in ("settlement", "facility", "terrain"):
            return None
        pool = known if known is not None else self.as_of(day)
        best: tuple[float, ControlStatus] | None = None
        for st in pool:
            if st.place_id == place_id or st.status == UNKNOWN or st.kind == "region":
                continue
            km = haversine_km(place.lat, place.lon, st.lat, st.lon)
            if best is None or km < best[0]:
                best = (km, st)
        if best is None or best[0] > INFER_KM:
            return None
        km, near = best
        return ControlStatus(
            place_id=place_id, name=place.name, lat=place.lat, lon=place.lon, status=near.status, level="inferred",
            since=near.since, confidence=round(near.confidence * INFER_FACTOR, 3),
            evidence=near.evidence, admin1=place.admin1, kind=place.kind, basis=near.basis,
            reason=f"inferred: in the area of {near.name} ({km:.0f} km), {near.status} since {near.since}",
        )

    def _region_holder(self, region: Place, pool: Sequence[ControlStatus]) -> ControlStatus | None:
        """A governorate's holder: the side holding ``REGION_MAJORITY`` of its places with a status of their own
        that day, weighted by population (a governorate is named for its towns); None when no side does.
        The count is its ``reason``; it has no evidence or basis of its own (its places have theirs)."""
        weights: dict[str, float] = defaultdict(float)
        members = [st for st in pool if st.admin1 == region.admin1 and st.kind in ("settlement", "facility")
                   and st.place_id in self.gazetteer.by_id]
        for st in members:
            weights[st.status] += 1.0 + self.gazetteer.by_id[st.place_id].population
        total = sum(weights.values())
        if not total:
            return None
        side, weight = max(weights.items(), key=lambda kv: kv[1])
        if side in (UNKNOWN, CONTESTED) or weight / total < REGION_MAJORITY:
            return None
        held = [st for st in members if st.status == side]
        return ControlStatus(
            place_id=region.id, name=region.name, lat=region.lat, lon=region.lon, status=side, level="inferred",
            since=max((st.since for st in held if st.since), default=None),
            confidence=round(min(st.confidence for st in held) * INFER_FACTOR, 3),
            reason=(f"inferred: {side} holds {len(held)} of the {len(members)} places of {region.name} with a status "
                    f"({weight / total:.0%} by population)"),
            admin1=region.admin1, kind=region.kind,
        )

    def status_or_inferred(self, place_id: str, day: date | None = None) -> ControlStatus | None:
        """A place's own status, else the status of the area it lies in (``inferred``)."""
        return self.status(place_id, day) or self.inferred(place_id, day)

    def history(self, place_id: str) -> list[tuple[date, str, str, float, list[ControlAssertion]]]:
        """The timeline of one place: each day's verdict and the assertions behind it."""
        return [(d, *self.verdict(place_id, d)[:3], self._by_day[place_id][d]) for d in self._days.get(place_id, [])]

    def changes(self, start: date, end: date) -> list[tuple[ControlStatus | None, ControlStatus]]:
        """Places whose status differs between ``start`` and ``end`` (before, after)."""
        out = []
        for place_id in self._days:
            if place_id not in self.gazetteer.by_id:
                continue
            after = self.status(place_id, end)
            if after is None:
                continue
            before = self.status(place_id, start)
            if before is None or before.status != after.status:
                out.append((before, after))
        return sorted(out, key=lambda c: (c[1].since or date.min, c[1].name))


def event_of(a: ControlAssertion) -> str:
    """The id of the event behind an assertion ("capture:e1234..." -> "e1234..."), or "" when none."""
    tail = a.basis.split(":", 1)[-1]
    if not tail or tail in ("place", "region", "baseline") or tail.startswith("sector"):
        return ""
    return tail


class Verdict(NamedTuple):
    """One place's verdict on one day: its status, level and confidence, the ids of the events (or
    assertions) behind it and the text spans of the assertions that decided it."""

    status: str
    level: str
    confidence: float
    basis: tuple[str, ...]
    evidence: tuple[Evidence, ...]


def reconcile(assertions: Sequence[ControlAssertion], sides: set[str]) -> Verdict:
    """One day's verdict for one place from its assertions (see module docstring)."""
    direct = [a for a in assertions if a.scope == "place"]
    pool = direct or list(assertions)  # a region statement never overrides a direct one of the same day
    if any(a.status in sides for a in pool):
        # An entry starts the fight that a capture the same day ends: the capture is the day's news.
        pool = [a for a in pool if not (a.status == CONTESTED and a.basis.startswith(("enter:", "clash:")))]
    support: dict[str, dict[str, float]] = defaultdict(dict)
    for a in pool:
        by_source = support[a.status]
        by_source[a.source] = max(by_source.get(a.source, 0.0), a.confidence)
    scores = {status: _combine(list(v.values())) for status, v in support.items()}
    ranked = sorted(scores, key=lambda s: -scores[s])
    top = ranked[0]
    side_claims = [s for s in ranked if s in sides and scores[s] >= 0.5]
    if len(side_claims) >= 2 and scores[side_claims[1]] >= 0.6 * scores[side_claims[0]]:
        top = CONTESTED
        winners = [a for a in pool if a.status in side_claims[:2]]
        confidence = round(min(scores[side_claims[0]], scores[side_claims[1]]), 3)
    else:
        winners = [a for a in pool if a.status == top]
        confidence = round(scores[top], 3)
    independent = {a.source for a in winners}
    level = "assessed" if any(a.level == "assessed" for a in winners) or len(independent) >= 2 else "claimed"
    basis = tuple(dict.fromkeys(event_of(a) or a.id for a in winners))
    # Where the deciding statements were read, in document order; the baseline (no document) has none.
    spans = sorted({(a.doc, a.start, a.end) for a in winners if a.doc})
    return Verdict(top, level, min(confidence, 0.99), basis, tuple(Evidence(*span) for span in spans))


def _combine(confidences: list[float]) -> float:
    """Independent supports: 1 - prod(1 - c)."""
    remaining = 1.0
    for c in confidences:
        remaining *= 1.0 - c
    return 1.0 - remaining
