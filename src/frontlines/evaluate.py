"""Score the pipeline against gold annotations: places, events, control.

Gold format: docs/gold-format.md. One JSON file per report (``<report>.json``)
and day-by-day control tables (``control*.csv``) in one folder; the reports
in a sibling folder (``../reports``) unless given.

* Places: a system mention matches a gold mention when the spans overlap; it
  is *right* when it resolves within the tolerance of the gold point (5 km for
  settlements, 10 km for facilities and terrain, 50 km for routes; regions by
  governorate). A resolution of a place the gazetteer lacks (gold ``missing``)
  is wrong: it was forced onto a namesake.
* Events: the same family of sub-event types, place within 5 km and the same
  date; one-to-one, greedy in text order. Per-field accuracy over matches.
* Control: the ledger's status of each gold place as of each gold day.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from frontlines.control.ledger import Ledger, baseline_assertions, build_ledger
from frontlines.errors import EvalError
from frontlines.events.merging import merge_events
from frontlines.events.typology import family
from frontlines.mentions.gazetteer import Gazetteer, haversine_km
from frontlines.mentions.geoparse import unmapped_id
from frontlines.models import Document, DocumentResult, Event
from frontlines.pipeline import Pipeline
from frontlines.read.ingest import read_file
from frontlines.theater import Theater

TOLERANCE_KM = {"settlement": 5.0, "facility": 10.0, "terrain": 15.0, "route": 50.0}
EVENT_KM = 5.0
REGION_EVENT_KM = 60.0


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold-annotated document."""

    file: str
    doc: Document
    places: list[dict[str, Any]]
    events: list[dict[str, Any]]


def _offset(text: str, needle: str, occurrence: int, where: str) -> tuple[int, int]:
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise EvalError(f"{where}: {needle!r} occurrence {occurrence} not found in the report text")
    return pos, pos + len(needle)


def load_gold(gold: Path, reports_dir: Path | None = None) -> tuple[list[GoldDoc], list[dict[str, str]]]:
    """Gold documents (with the ingested report texts) and control rows."""
    if not gold.exists():
        raise EvalError(f"{gold}: no such gold file or folder")
    files = sorted(gold.glob("*.json")) if gold.is_dir() else [gold]
    base = gold if gold.is_dir() else gold.parent
    reports = reports_dir or (base.parent / "reports")
    docs: list[GoldDoc] = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise EvalError(f"{f}: cannot read gold: {exc}") from exc
        if not isinstance(data, dict) or "file" not in data:
            raise EvalError(f"{f}: gold must be an object with 'file' and 'documents'")
        ingested = read_file(reports / data["file"])
        by_key = {d.url or None: d for d in ingested}
        for gd in data.get("documents", []):
            doc = by_key.get(gd.get("doc")) if gd.get("doc") else ingested[0]
            if doc is None:
                raise EvalError(f"{f}: document {gd.get('doc')!r} not found in {data['file']}")
            places = []
            for p in gd.get("places", []):
                start, end = _offset(doc.text, p["text"], p.get("occurrence", 1), f"{f} place")
                places.append({**p, "start": start, "end": end})
            events = []
            for e in gd.get("events", []):
                start, end = _offset(doc.text, e["evidence"], 1, f"{f} event")
                events.append({**e, "start": start, "end": end})
            docs.append(GoldDoc(data["file"], doc, places, events))
    rows: list[dict[str, str]] = []
    for c in sorted(base.glob("control*.csv")):
        with c.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    return docs, rows


def _place_right(sys_place: Any, gold: dict[str, Any]) -> bool:
    if gold.get("missing"):
        return False
    kind = gold.get("kind", "settlement")
    if kind in ("region", "country"):
        return sys_place.kind == kind and (kind == "country" or sys_place.admin1 == gold.get("admin1"))
    if gold.get("lat") is None:
        return False
    return haversine_km(sys_place.lat, sys_place.lon, float(gold["lat"]), float(gold["lon"])) <= TOLERANCE_KM.get(kind, 5.0)


def score_places(gold_docs: Sequence[GoldDoc], results: dict[str, DocumentResult], theater: Theater) -> dict[str, Any]:
    """Precision and recall of resolved places, and of unresolved reporting."""
    right = wrong = spurious = 0
    found_gold = 0
    missing_total = missing_reported = missing_forced = 0
    unresolved_spurious = 0
    errors: list[str] = []
    for gd in gold_docs:
        r = results[gd.doc.id]
        gold_spans = gd.places
        for p in r.places:
            match = next((g for g in gold_spans if g["start"] < p.end and p.start < g["end"]), None)
            if match is None:
                spurious += 1
                errors.append(f"spurious {gd.file}: {p.mention!r} -> {p.name} ({p.place_id})")
                continue
            anchor = theater.gazetteer.by_id.get(p.anchor_id) if p.anchor_id else None
            target = anchor or p
            if _place_right(target, match):
                right += 1
            else:
                wrong += 1
                if match.get("missing"):
                    missing_forced += 1
                errors.append(f"wrong {gd.file}: {p.mention!r} -> {p.name} ({p.admin1}) vs gold {match.get('name')} "
                              f"{'(missing)' if match.get('missing') else ''}")
        for u in r.unresolved:
            if not any(g["start"] < u.end and u.start < g["end"] and g.get("missing") for g in gold_spans):
                unresolved_spurious += 1
        for g in gold_spans:
            if g.get("missing"):
                missing_total += 1
                if any(g["start"] < u.end and u.start < g["end"] for u in r.unresolved):
                    missing_reported += 1
                continue
            hit = next((p for p in r.places if g["start"] < p.end and p.start < g["end"]), None)
            if hit is not None:
                found_gold += 1
            else:
                errors.append(f"missed {gd.file}: {g['text']!r} ({g.get('name')})")
    resolvable = sum(1 for gd in gold_docs for g in gd.places if not g.get("missing"))
    system = right + wrong + spurious
    precision = right / system if system else 0.0
    recall = right / resolvable if resolvable else 0.0
    return {
        "gold_mentions": sum(len(gd.places) for gd in gold_docs), "gold_resolvable": resolvable,
        "gold_missing": missing_total, "system_resolved": system, "right": right, "wrong": wrong,
        "spurious": spurious, "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "missing_reported_unresolved": missing_reported, "missing_forced_onto_namesake": missing_forced,
        "unresolved_not_in_gold": unresolved_spurious, "errors": errors,
    }


def _event_match(s: Event, g: dict[str, Any], *, same_date: bool, gazetteer: Gazetteer | None = None) -> bool:
    if family(s.sub_event_type) != family(g["sub_event_type"]):
        return False
    if g.get("lat") is None or s.lat is None or s.lon is None:
        # A place neither the gazetteer nor the gold can locate: the same name is the same place.
        if g.get("lat") is None and s.lat is None and g.get("place"):
            return s.place_id == unmapped_id(g["place"]) and _same_day(s, g, same_date)
        return False
    # 5 km for a town; a governorate-level event (precision 3) or one on a mountain or road is coded at a
    # representative point that two coders place differently.
    limit = EVENT_KM
    if s.geo_precision == 3 and int(g.get("geo_precision") or 1) == 3:
        limit = REGION_EVENT_KM
    elif gazetteer is not None and (place := gazetteer.by_id.get(s.place_id)) and place.kind in ("terrain", "route", "facility"):
        limit = TOLERANCE_KM[place.kind]
    if haversine_km(s.lat, s.lon, float(g["lat"]), float(g["lon"])) > limit:
        return False
    return _same_day(s, g, same_date)


def _same_day(s: Event, g: dict[str, Any], same_date: bool) -> bool:
    if s.date is None or not g.get("date"):
        return False
    delta = abs((s.date - date.fromisoformat(g["date"])).days)
    return delta == 0 if same_date else delta <= 3


def _pairs(system: list[Event], gold: list[dict[str, Any]], *, same_date: bool,
           gazetteer: Gazetteer | None = None) -> list[tuple[Event, dict[str, Any]]]:
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and _event_match(s, g, same_date=same_date, gazetteer=gazetteer):
                used.add(i)
                pairs.append((s, g))
                break
    return pairs


def score_events(gold_docs: Sequence[GoldDoc], results: dict[str, DocumentResult],
                 gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Event precision, recall and F1, and per-field accuracy over matched events."""
    n_sys = n_gold = 0
    matched: list[tuple[Event, dict[str, Any]]] = []
    loose: list[tuple[Event, dict[str, Any]]] = []
    errors: list[str] = []
    for gd in gold_docs:
        system = merge_events(list(results[gd.doc.id].events))
        n_sys += len(system)
        n_gold += len(gd.events)
        pairs = _pairs(system, gd.events, same_date=True, gazetteer=gazetteer)
        matched.extend(pairs)
        loose.extend(_pairs(system, gd.events, same_date=False, gazetteer=gazetteer))
        hit_gold = {id(g) for _, g in pairs}
        hit_sys = {s.id for s, _ in pairs}
        errors += [f"missed {gd.file}: {g['sub_event_type']} at {g.get('place')} {g.get('date')}: {g['evidence']!r}"
                   for g in gd.events if id(g) not in hit_gold]
        errors += [f"spurious {gd.file}: {s.sub_event_type} at {s.location} {s.date}: {s.trigger!r} in {s.text[:80]!r}"
                   for s in system if s.id not in hit_sys]
    tp = len(matched)
    precision = tp / n_sys if n_sys else 0.0
    recall = tp / n_gold if n_gold else 0.0

    def acc(pairs: list[tuple[Event, dict[str, Any]]], field: str, gold_field: str | None = None) -> float:
        key = gold_field or field
        good = [1 for s, g in pairs if (getattr(s, field) or None) == (g.get(key) or None)]
        return round(len(good) / len(pairs), 4) if pairs else 0.0

    date_acc = round(sum(1 for s, g in loose if s.date and s.date.isoformat() == g["date"]) / len(loose), 4) if loose else 0.0
    return {
        "gold_events": n_gold, "system_events": n_sys, "matched": tp, "precision": round(precision, 4),
        "recall": round(recall, 4), "f1": round(2 * precision * recall / (precision + recall), 4) if tp else 0.0,
        "accuracy": {
            "sub_event_type": acc(matched, "sub_event_type"), "actor1_side": acc(matched, "actor1_side"),
            "actor2_side": acc(matched, "actor2_side"), "fatalities": acc(matched, "fatalities"),
            "certainty": acc(matched, "certainty"), "date": date_acc,
        },
        "certainty_confusion": dict(Counter(f"{g.get('certainty')}->{s.certainty}" for s, g in matched if s.certainty != g.get("certainty"))),
        "errors": errors,
    }


def score_control(rows: Sequence[dict[str, str]], results: Sequence[DocumentResult], theater: Theater) -> dict[str, Any]:
    """Share of gold place-days where the ledger gives the gold status."""
    every = [*baseline_assertions(theater), *(a for r in results for a in r.assertions)]
    # The gold says what the reports published by each day establish: the ledger as known that day.
    ledgers: dict[date, Ledger] = {}
    right = right_known = known = 0
    errors = []
    for row in rows:
        place_id = _gold_place_id(row, theater)
        day = date.fromisoformat(row["date"])
        if day not in ledgers:
            ledgers[day] = build_ledger(theater, every, baseline=False, known_by=day)
        status = ledgers[day].status_or_inferred(place_id, day) if place_id else None
        got = status.status if status else "none"
        in_gazetteer = place_id in theater.gazetteer.by_id
        known += in_gazetteer
        if got == row["status"]:
            right += 1
            right_known += in_gazetteer
        else:
            errors.append(f"{row['date']} {row['place']}: gold {row['status']}, ledger {got}"
                          + ("" if in_gazetteer else " (place not in gazetteer)"))
    return {"gold_place_days": len(rows), "right": right,
            "accuracy": round(right / len(rows), 4) if rows else 0.0,
            "place_days_in_gazetteer": known,
            "accuracy_in_gazetteer": round(right_known / known, 4) if known else 0.0, "errors": errors}


def _gold_place_id(row: dict[str, str], theater: Theater) -> str:
    """The gazetteer id of a gold row's place, or its name-only id when the gazetteer lacks it."""
    return _gazetteer_id(row, theater) or unmapped_id(row["place"])


def _gazetteer_id(row: dict[str, str], theater: Theater) -> str:
    gaz = theater.gazetteer
    lat, lon = (float(row["lat"]), float(row["lon"])) if row.get("lat") and row.get("lon") else (None, None)
    cands = [c.place for c in gaz.lookup(row["place"])]
    if lat is not None and lon is not None:
        near = [p for p in cands if haversine_km(p.lat, p.lon, lat, lon) <= 10]
        if near:
            return min(near, key=lambda p: haversine_km(p.lat, p.lon, lat, lon)).id
        return ""
    return cands[0].id if cands else ""


def evaluate(gold: Path, *, reports_dir: Path | None = None, theater: Theater) -> dict[str, Any]:
    """Run the pipeline over the gold's reports and score it."""
    gold_docs, rows = load_gold(gold, reports_dir)
    unique = list({gd.doc.id: gd.doc for gd in gold_docs}.values())
    results = {r.doc.id: r for r in Pipeline(theater).run(unique)}
    report: dict[str, Any] = {"documents": len(unique)}
    report["places"] = score_places(gold_docs, results, theater)
    report["events"] = score_events(gold_docs, results, theater.gazetteer)
    if rows:
        report["control"] = score_control(rows, list(results.values()), theater)
    return report


def format_report(report: dict[str, Any]) -> str:
    """A plain-text summary of an evaluation."""
    p, e = report["places"], report["events"]
    lines = [
        f"documents: {report['documents']}",
        f"places:  P {p['precision']:.3f}  R {p['recall']:.3f}  F1 {p['f1']:.3f}  "
        f"({p['right']} right, {p['wrong']} wrong, {p['spurious']} spurious of {p['gold_resolvable']} resolvable gold; "
        f"{p['missing_reported_unresolved']}/{p['gold_missing']} missing places reported unresolved)",
        f"events:  P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  "
        f"({e['matched']} matched, {e['system_events']} system, {e['gold_events']} gold)",
        "  field accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in e["accuracy"].items()),
    ]
    if "control" in report:
        c = report["control"]
        lines.append(f"control: {c['accuracy']:.3f} right ({c['right']}/{c['gold_place_days']} place-days); "
                     f"{c['accuracy_in_gazetteer']:.3f} on the {c['place_days_in_gazetteer']} place-days whose place "
                     f"the gazetteer holds")
    return "\n".join(lines)
