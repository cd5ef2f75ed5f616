"""Score the pipeline against the gold annotations of real reports (``gold/<set>/``, docs/real-gold.md).

The gold is read, and its spans aligned to the ingested texts, in :mod:`frontlines.real_gold`; a gold span
is compared with the system spans that cover the same characters. The matching rules
of :mod:`frontlines.evaluate` are kept where they apply; what differs:

* Places: right when the same id, or within the kind's tolerance of the gold place's gazetteer point,
  or (regions) a region of the same governorate. A resolution of a ``missing`` place is wrong.
  "Found" counts gold mentions that any system mention (resolved or unresolved) overlaps.
* Control, per document: a ledger of the theater baseline plus that document's assertions only;
  each gold row of scope ``place`` is compared with ``ledger.status_or_inferred(place, date)`` (a place with no assertion of its own takes the status of its area). Rows without a
  place id count only when the system holds the name-only id (``name:...``) for them; rows of scope
  ``region`` are counted apart.
* Events, per document: same family, same place (id, or within 5 km, or the same name for places
  the gazetteer lacks), same day; one to one, greedy, preferring a system event whose evidence
  overlaps the gold span. Date accuracy over pairs matched with a 3-day window.
* Combined: one ledger over every text in the folder, compared with ``control_claims.csv`` (what
  each text claims; the logic of ``benchmarks/real_reports.py``) and shown for some cities and days.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from frontlines.control.ledger import build_ledger
from frontlines.errors import EvalError
from frontlines.evaluate import TOLERANCE_KM
from frontlines.events.lexicon import load_language
from frontlines.events.typology import family
from frontlines.mentions.gazetteer import Gazetteer, folded_key, haversine_km
from frontlines.mentions.geoparse import Geoparser, unmapped_id
from frontlines.models import DocumentResult, Event, Place
from frontlines.pipeline import READER_FAILED, Pipeline, combine
from frontlines.read.ingest import from_text, read_paths
from frontlines.real_gold import PARTS, Alignment, RealGold, Span, load_real_gold, load_split, load_table
from frontlines.theater import Theater, load_theater

# The public names, those of frontlines.real_gold included (callers import them from here).
__all__ = [
    "CELL", "DATE_WINDOW_DAYS", "EVENT_FIELDS", "EVENT_KM", "PARTS", "Alignment", "RealGold", "format_real", "load_real_gold",
    "load_split", "load_table", "score_combined", "score_control", "score_events", "score_places", "score_real",
]

EVENT_KM = 5.0
DATE_WINDOW_DAYS = 3
CELL = 31  # width of a table cell: "opposition (claim contested)" and a gap
EVENT_FIELDS = ("sub_event_type", "actor1_side", "actor2_side", "fatalities", "certainty")


def _overlap(a: Span | None, start: int, end: int) -> bool:
    return a is not None and a[0] < end and start < a[1]


def _named(gaz: Gazetteer, place_id: str, name: str) -> bool:
    """The gazetteer's place goes by ``name`` (any of its names, folded): a place added since the gold was written."""
    place = gaz.by_id.get(place_id)
    key = folded_key(name)
    return place is not None and any(folded_key(n) == key for n in (place.name, *place.names))


def _place_right(mention: Any, gold: dict[str, Any], gaz: Gazetteer) -> bool:
    """A resolved mention (or the anchor it is measured from) is the gold place or near enough."""
    gid = gold.get("place_id")
    if not gid or gold.get("missing"):
        # a place the gazetteer lacked when annotated, resolved to a place added since under that name
        return bool(gold.get("name")) and _named(gaz, mention.place_id, gold["name"])
    target = gaz.by_id.get(gid)
    kind = gold.get("kind", "settlement")
    options: list[tuple[str, float, float, Place | None]] = [(mention.place_id, mention.lat, mention.lon,
                                                              gaz.by_id.get(mention.place_id))]
    if mention.anchor_id and (anchor := gaz.by_id.get(mention.anchor_id)):
        options.append((anchor.id, anchor.lat, anchor.lon, anchor))
    for pid, lat, lon, place in options:
        if pid == gid:
            return True
        if target is None:
            continue
        if kind == "region":
            admin1 = gold.get("admin1") or target.admin1
            if place is not None and place.kind == "region" and admin1 and place.admin1 == admin1:
                return True
        elif haversine_km(lat, lon, target.lat, target.lon) <= TOLERANCE_KM.get(kind, 5.0):
            return True
    return False


def score_places(golds: Sequence[RealGold], results: dict[str, DocumentResult], gaz: Gazetteer) -> dict[str, Any]:
    """Precision/recall of resolved places, places found at all, missing places reported unresolved."""
    right_sys = wrong = spurious = forced = system = country = 0
    right_gold = resolvable = found = missing = missing_reported = mentions = 0
    errors: list[str] = []
    for g in golds:
        r = results[g.file]
        gold = [x for x in g.places if x["span"] is not None]
        for p in r.places:
            over = [x for x in gold if _overlap(x["span"], p.start, p.end)]
            if not over and p.kind == "country":
                country += 1  # the gold leaves the country itself unannotated (docs/real-gold.md)
                continue
            system += 1
            if not over:
                spurious += 1
                errors.append(f"spurious {g.file}: {p.mention!r} -> {p.name} ({p.place_id})")
            elif any(_place_right(p, x, gaz) for x in over):
                right_sys += 1
            else:
                wrong += 1
                forced += all(x.get("missing") for x in over)
                errors.append(f"wrong {g.file}: {p.mention!r} -> {p.name} ({p.place_id}) vs gold "
                              f"{over[0].get('place_id') or over[0].get('name')}")
        for x in g.places:
            mentions += 1
            s = x["span"]
            hits = [p for p in r.places if _overlap(s, p.start, p.end)]
            unres = [u for u in r.unresolved if _overlap(s, u.start, u.end)]
            found += bool(hits or unres)
            if x.get("missing") or not x.get("place_id"):
                missing += 1
                missing_reported += bool(unres) and not hits
                continue
            resolvable += 1
            if any(_place_right(p, x, gaz) for p in hits):
                right_gold += 1
            elif not hits:
                errors.append(f"missed {g.file}: {x['place_id']} at {x['start']}"
                              + (" (reported unresolved)" if unres else ""))
    precision = right_sys / system if system else 0.0
    recall = right_gold / resolvable if resolvable else 0.0
    return {
        "gold_mentions": mentions, "gold_with_place_id": resolvable, "gold_missing": missing,
        "system_resolved": system, "right": right_sys, "wrong": wrong, "spurious": spurious,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": _f1(precision, recall),
        "found": found, "found_share": round(found / mentions, 4) if mentions else 0.0,
        "missing_reported_unresolved": missing_reported, "missing_forced_onto_namesake": forced,
        "country_mentions_not_scored": country, "errors": errors,
    }


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def score_control(golds: Sequence[RealGold], results: dict[str, DocumentResult], theater: Theater) -> dict[str, Any]:
    """Per document: the ledger of baseline + that document, against each gold control row."""
    gaz = theater.gazetteer
    rows = right = skipped = in_gaz = right_in_gaz = 0
    region_rows = region_echoed = implied = 0
    errors: list[str] = []
    for g in golds:
        r = results[g.file]
        ledger = build_ledger(theater, r.assertions)
        asserted = {a.place_id for a in r.assertions}
        for row in g.control:
            implied += bool(row.get("implied"))
            if row.get("scope") == "region":
                region_rows += 1
                # Did the system read a governorate-wide statement with this status here?
                target = gaz.by_id.get(row.get("place_id") or "")
                region_echoed += target is not None and any(
                    a.scope == "region" and a.status == row["status"]
                    and (p := gaz.by_id.get(a.place_id)) is not None and p.admin1 == target.admin1
                    for a in r.assertions)
                continue
            pid = row.get("place_id") or ""
            if not pid:
                # a place the gazetteer lacked when annotated: the same name (unmapped, or a place added since)
                pid = next((a for a in sorted(asserted) if _named(gaz, a, row.get("name", ""))),
                           unmapped_id(row.get("name", "")))
                if pid not in asserted:
                    skipped += 1
                    continue
            rows += 1
            status = ledger.status_or_inferred(pid, date.fromisoformat(row["date"]))
            got = status.status if status else "none"
            held = pid in gaz.by_id
            in_gaz += held
            if got == row["status"]:
                right += 1
                right_in_gaz += held
            else:
                errors.append(f"{g.file}: {row.get('name')} on {row['date']}: gold {row['status']}, ledger {got}")
    return {
        "rows": rows, "right": right, "accuracy": round(right / rows, 4) if rows else 0.0,
        "rows_in_gazetteer": in_gaz,
        "accuracy_in_gazetteer": round(right_in_gaz / in_gaz, 4) if in_gaz else 0.0,
        "skipped_no_place_id": skipped, "region_rows": region_rows,
        "region_rows_with_system_region_statement": region_echoed, "implied_rows": implied, "errors": errors,
    }


def _gold_point(g: dict[str, Any], gaz: Gazetteer) -> Place | None:
    return gaz.by_id.get(g.get("place_id") or "")


def _same_place(s: Event, g: dict[str, Any], gaz: Gazetteer) -> bool:
    gid = g.get("place_id")
    if gid and s.place_id == gid:
        return True
    if not gid:  # a place the gazetteer lacked when annotated: the same name is the same place
        return bool(g.get("name")) and (s.place_id == unmapped_id(g["name"]) or _named(gaz, s.place_id, g["name"]))
    target = _gold_point(g, gaz)
    if target is not None and target.kind == "region" and target.admin1 and s.admin1 == target.admin1:
        # ACLED codes an event known only to its governorate at the governorate's capital (geo precision 3);
        # a report's "in Idleb" read as the capital city that shares the governorate's name is the same call.
        capital_named = folded_key(s.location) == folded_key(target.admin1)
        if s.geo_precision == 3 or capital_named:
            return True
    if target is None or s.lat is None or s.lon is None or s.lat != s.lat:
        return False
    limit = EVENT_KM
    if (place := gaz.by_id.get(s.place_id)) is not None and place.kind in ("terrain", "route", "facility"):
        limit = TOLERANCE_KM[place.kind]
    return haversine_km(s.lat, s.lon, target.lat, target.lon) <= limit


def _day_ok(s: Event, g: dict[str, Any], window: int) -> bool:
    if not g.get("date"):
        return True
    return s.date is not None and abs((s.date - date.fromisoformat(g["date"])).days) <= window


def _pairs(system: Sequence[Event], gold: Iterable[dict[str, Any]], gaz: Gazetteer,
           window: int) -> list[tuple[Event, dict[str, Any]]]:
    used: set[int] = set()
    pairs = []
    for g in gold:
        cands = [i for i, s in enumerate(system) if i not in used and family(s.sub_event_type) == family(g["sub_event_type"])
                 and _same_place(s, g, gaz) and _day_ok(s, g, window)]
        if not cands:
            continue
        # Prefer a system event read from the same sentence, then text order.
        best = min(cands, key=lambda i: (not _overlap(g["span"], system[i].start, system[i].end), i))
        used.add(best)
        pairs.append((system[best], g))
    return pairs


def _field(s: Event, g: dict[str, Any], name: str) -> bool:
    if name == "fatalities":
        return int(s.fatalities or 0) == int(g.get("fatalities") or 0)
    got, want = getattr(s, name) or "", g.get(name) or ""
    if name.endswith("_side"):
        # a blank side and "unknown" say the same thing (ACLED leaves an unnamed party blank)
        got, want = ("" if got == "unknown" else got), ("" if want == "unknown" else want)
    return got == want


def score_events(golds: Sequence[RealGold], results: dict[str, DocumentResult], theater: Theater) -> dict[str, Any]:
    """Event precision, recall, F1 and field accuracy, matched within each document."""
    gaz = theater.gazetteer
    n_sys = n_gold = 0
    matched: list[tuple[Event, dict[str, Any]]] = []
    loose: list[tuple[Event, dict[str, Any]]] = []
    errors: list[str] = []
    for g in golds:
        system = combine([results[g.file]], theater).events  # one event per happening within the report
        n_sys += len(system)
        n_gold += len(g.events)
        pairs = _pairs(system, g.events, gaz, 0)
        matched += pairs
        loose += _pairs(system, g.events, gaz, DATE_WINDOW_DAYS)
        hit_gold, hit_sys = {id(x) for _, x in pairs}, {id(s) for s, _ in pairs}
        errors += [f"missed {g.file}: {x['sub_event_type']} at {x.get('place_id') or x.get('name')} {x.get('date')}"
                   for x in g.events if id(x) not in hit_gold]
        errors += [f"spurious {g.file}: {s.sub_event_type} at {s.location} {s.date}"
                   for s in system if id(s) not in hit_sys]
    tp = len(matched)
    precision = tp / n_sys if n_sys else 0.0
    recall = tp / n_gold if n_gold else 0.0
    accuracy = {f: round(sum(_field(s, x, f) for s, x in matched) / tp, 4) if tp else 0.0 for f in EVENT_FIELDS}
    dated = [(s, x) for s, x in loose if x.get("date")]
    accuracy["date"] = round(sum(s.date is not None and s.date.isoformat() == x["date"] for s, x in dated) / len(dated),
                             4) if dated else 0.0
    all_right = sum(all(_field(s, x, f) for f in EVENT_FIELDS) for s, x in matched)
    return {
        "gold_events": n_gold, "system_events": n_sys, "matched": tp, "precision": round(precision, 4),
        "recall": round(recall, 4), "f1": _f1(precision, recall), "accuracy": accuracy,
        "all_fields_right": round(all_right / tp, 4) if tp else 0.0, "errors": errors,
    }


def _table_place(gaz: Gazetteer, name: str) -> Place | None:
    cands = [c.place for c in gaz.lookup(name, fuzzy=False)] or [c.place for c in gaz.lookup(name)]
    settlements = [p for p in cands if p.kind == "settlement"]
    best = settlements or cands
    return best[0] if best else None


_CLASS_WORDS = frozenset(load_language("en").place_class)


def _claim_place_id(row: dict[str, str], gaz: Gazetteer, geoparse: Geoparser | None = None) -> tuple[str, bool]:
    """The gazetteer id of a claim's place: its name looked up, else the name read as a phrase by the geoparser
    ("X province", "X's military airport"), in the claim's governorate when the row gives one."""
    governorate = row.get("governorate")
    cands = [c.place for c in gaz.lookup(row["place"]) if not governorate or c.place.admin1 == governorate]
    if not cands and geoparse is not None:
        name = row["place"].split("(")[0].strip()  # "X (some neighbourhoods)": X
        found = geoparse(from_text(name)).places
        # the place must be the whole phrase but for a word of its class ("X province", "X district")
        cands = [gaz.by_id[p.place_id] for p in found[:1] if p.place_id in gaz.by_id and p.start == 0
                 and set(name[p.end:].lower().split()) <= _CLASS_WORDS and (not governorate or p.admin1 == governorate)]
    # A place the gazetteer lacks may still be in the ledger by its name.
    return (cands[0].id, True) if cands else (unmapped_id(row["place"]), False)


def score_combined(results: Sequence[DocumentResult], theater: Theater, claims_csv: Path | None,
                   table_places: Sequence[str] = (), table_days: Sequence[date] = ()) -> dict[str, Any]:
    """One ledger over every text: agreement with control_claims.csv and a day-by-day table."""
    gaz = theater.gazetteer
    ledger = build_ledger(theater, (a for r in results for a in r.assertions))
    out: dict[str, Any] = {"documents": len(results)}
    claims: list[tuple[str, date, str, str]] = []  # place id, day, claimed status, source file
    if claims_csv is not None and claims_csv.is_file():
        with claims_csv.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        agree = resolvable = agree_mapped = 0
        disagreements = []
        geoparse = Geoparser(theater)
        for row in rows:
            pid, mapped = _claim_place_id(row, gaz, geoparse)
            day = date.fromisoformat(row["event_date"])
            claims.append((pid, day, row["controller_after"], row.get("source_file", "")))
            resolvable += mapped
            status = ledger.status_or_inferred(pid, day)
            got = status.status if status else "none"
            if got == row["controller_after"]:
                agree += 1
                agree_mapped += mapped
            else:
                disagreements.append(f"{row['event_date']} {row['place']}: claim {row['controller_after']}, ledger {got}"
                                     + ("" if mapped else " (not in gazetteer)") + f" [{row.get('source_file', '')}]")
        out["claims"] = {
            "rows": len(rows), "agree": agree, "agreement": round(agree / len(rows), 4) if rows else 0.0,
            "rows_in_gazetteer": resolvable, "agree_in_gazetteer": agree_mapped,
            "agreement_in_gazetteer": round(agree_mapped / resolvable, 4) if resolvable else 0.0,
            "disagreements": disagreements,
        }
    table = []
    for name in table_places:
        place = _table_place(gaz, name)
        cells = []
        for day in table_days:
            status = ledger.status_or_inferred(place.id, day) if place else None
            earlier = [c for c in claims if place and c[0] == place.id and c[1] <= day]
            latest = max(earlier, key=lambda c: c[1]) if earlier else None
            cells.append({"day": day.isoformat(), "status": status.status if status else "none",
                          "claim": latest[2] if latest else "", "claim_date": latest[1].isoformat() if latest else ""})
        table.append({"place": name, "place_id": place.id if place else "", "cells": cells})
    out["table"] = table
    out["table_days"] = [d.isoformat() for d in table_days]
    return out


def score_real(texts_dir: Path, gold_dir: Path, part: str = "heldout", theater: Theater | str = "syria") -> dict[str, Any]:
    """Run the pipeline once over every text in ``texts_dir`` and score ``part`` (``development``,
    ``heldout`` or ``all``: both parts, each on its own) and the combined ledger."""
    if part not in (*PARTS, "all"):
        raise EvalError(f"part must be development, heldout or all, not {part!r}")
    th = load_theater(theater) if isinstance(theater, str) else theater
    texts_dir, gold_dir = Path(texts_dir), Path(gold_dir)
    if not texts_dir.is_dir():
        raise EvalError(f"{texts_dir}: no such folder of report texts")
    if not gold_dir.is_dir():
        raise EvalError(f"{gold_dir}: no such gold folder")
    files = sorted(p for p in texts_dir.iterdir() if p.suffix == ".txt")
    docs = {Path(d.path).name: d for d in read_paths(files)}
    golds = load_real_gold(gold_dir, texts_dir, docs)
    results = {Path(r.doc.path).name: r for r in Pipeline(th).run(list(docs.values()))}
    report: dict[str, Any] = {"texts": len(docs), "parts": {}, "reader_failures": sorted(
        w for r in results.values() for w in r.warnings if READER_FAILED in w)}
    for name in PARTS if part == "all" else (part,):
        chosen = [g for g in golds if g.part == name]
        report["parts"][name] = {
            "documents": len(chosen), "unaligned_gold_rows": sum(g.unaligned for g in chosen),
            "places": score_places(chosen, results, th.gazetteer),
            "control": score_control(chosen, results, th),
            "events": score_events(chosen, results, th),
        }
    places, days = load_table(gold_dir)
    report["combined"] = score_combined(list(results.values()), th, texts_dir / "control_claims.csv", places, days)
    return report


def format_real(report: dict[str, Any]) -> str:
    """A plain-text summary: each part, then the combined agreement and the day-by-day table."""
    lines = [f"texts: {report['texts']}", *(f"warning: {w}" for w in report.get("reader_failures", ()))]
    for name, s in report["parts"].items():
        p, c, e = s["places"], s["control"], s["events"]
        lines += [
            f"[{name}] {s['documents']} documents ({s['unaligned_gold_rows']} gold rows not aligned)",
            f"  places:  P {p['precision']:.3f}  R {p['recall']:.3f}  F1 {p['f1']:.3f}  ({p['right']} right, {p['wrong']} wrong, "
            f"{p['spurious']} spurious of {p['system_resolved']} resolved; {p['gold_with_place_id']} gold with an id; "
            f"{p['country_mentions_not_scored']} mentions of the country not scored)",
            f"           found {p['found_share']:.3f} ({p['found']}/{p['gold_mentions']}); missing places reported unresolved "
            f"{p['missing_reported_unresolved']}/{p['gold_missing']}, forced onto a namesake {p['missing_forced_onto_namesake']}",
            f"  control: {c['accuracy']:.3f} right ({c['right']}/{c['rows']} place rows; {c['accuracy_in_gazetteer']:.3f} on the "
            f"{c['rows_in_gazetteer']} in the gazetteer); {c['skipped_no_place_id']} rows without id skipped; "
            f"{c['region_rows']} region rows ({c['region_rows_with_system_region_statement']} with a system region statement); "
            f"{c['implied_rows']} implied rows",
            f"  events:  P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  ({e['matched']} matched, "
            f"{e['system_events']} system, {e['gold_events']} gold); all fields right {e['all_fields_right']:.3f}",
            "           field accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in e["accuracy"].items()),
        ]
    comb = report["combined"]
    lines.append(f"[combined] one ledger over {comb['documents']} texts")
    if "claims" in comb:
        cl = comb["claims"]
        lines.append(f"  control_claims.csv: agrees on {cl['agree']}/{cl['rows']} rows ({cl['agreement']:.3f}); on the "
                     f"gazetteer's places {cl['agree_in_gazetteer']}/{cl['rows_in_gazetteer']} ({cl['agreement_in_gazetteer']:.3f})")
    days = comb.get("table_days", [])
    head = (f"  {'place':<16}" + "".join(f"{d:<{CELL}}" for d in days)).rstrip()
    lines += [head, "  " + "-" * (16 + CELL * len(days))]
    for row in comb["table"]:
        lines.append((f"  {row['place']:<16}" + "".join(f"{_cell(c):<{CELL}}" for c in row["cells"])).rstrip())
    return "\n".join(lines)


def _cell(cell: dict[str, str]) -> str:
    claim = cell["claim"]
    return cell["status"] + (f" (claim {claim})" if claim else "")
