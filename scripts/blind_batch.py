"""Score the reader on a blind batch (docs/blind-batches.md): quotes become offsets, names become ids.

Usage: python scripts/blind_batch.py FOLDER [--errors] [--fields]
FOLDER holds ``reports/NAME.txt`` and ``ann/NAME.json`` as the brief asks. The gold is written to
``FOLDER/gold/`` (every text in the development part) and scored with :func:`frontlines.evaluate_real.score_real`.
``--errors`` lists the control rows and events missed or spurious; ``--fields`` the matched events whose
fields differ. Quotes not found in their text, and places the gazetteer lacks, are reported, not guessed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from frontlines.mentions.gazetteer import Gazetteer, folded_key
from frontlines.theater import load_theater


def _span(text: str, quote: str) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``; spaces and quote marks are matched loosely."""
    quote = quote.strip().strip('"').strip()
    if not quote:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    words = [re.escape(w) for w in re.split(r"\s+", quote)]
    found = re.search(r"\s+".join(words).replace("'", "['\u2019]").replace('"', '["\u201c\u201d]'), text)
    return (found.start(), found.end()) if found else None


def _place(gaz: Gazetteer, row: dict[str, Any]) -> str | None:
    """The gazetteer id of an annotated place: a governorate for a region row, else the best name match in
    the row's governorate."""
    name, admin1 = str(row.get("place") or ""), str(row.get("admin1") or "")
    bare = re.sub(r"\b(governorate|province|countryside|city)\b", "", name, flags=re.I).strip()
    regions = {folded_key(key): r for r in gaz.regions() for key in (r.name, r.admin1) if key}
    if row.get("scope") == "region" or (bare != name and folded_key(bare) in regions and "city" not in name.lower()):
        region = regions.get(folded_key(bare)) or regions.get(folded_key(admin1))
        return region.id if region else None
    cands = [c.place for c in gaz.lookup(bare or name) if c.place.kind != "region"]
    inside = [p for p in cands if not admin1 or p.admin1 == admin1]
    best = inside or cands
    return best[0].id if best else None


def convert(folder: Path, gaz: Gazetteer) -> list[str]:
    """Write ``folder/gold`` from ``folder/ann``; return the problems met."""
    gold = folder / "gold"
    gold.mkdir(exist_ok=True)
    problems, names = [], []
    for ann_path in sorted((folder / "ann").glob("*.json")):
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        name = ann.get("file") or ann_path.stem + ".txt"
        text = (folder / "reports" / name).read_text(encoding="utf-8")
        out: dict[str, Any] = {"file": name, "published": ann.get("published", ""), "places": [], "control": [],
                               "events": []}
        for key in ("control", "events"):
            for row in ann.get(key, []):
                span = _span(text, str(row.get("quote", "")))
                if span is None:
                    problems.append(f"{name}: quote not found: {row.get('quote')!r}")
                    continue
                pid = _place(gaz, row)
                new = {k: v for k, v in row.items() if k not in ("quote", "place", "admin1")}
                new.update(start=span[0], end=span[1], name=row.get("place", ""), place_id=pid)
                if pid is None:
                    new["missing"] = True
                    problems.append(f"{name}: {key} place not in the gazetteer: {row.get('place')} ({row.get('admin1')})")
                new.setdefault("scope", "place")
                out[key].append(new)
        (gold / f"{name}.json").write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
        names.append(name)
    listing = "\n".join(f'  "{n}",' for n in names)
    (gold / "split.toml").write_text(f"development = [\n{listing}\n]\nheldout = []\n", encoding="utf-8")
    return problems


def _field_mismatches(folder: Path) -> list[str]:
    from frontlines.evaluate_real import EVENT_FIELDS, _field, _pairs, load_real_gold
    from frontlines.pipeline import Pipeline, combine
    from frontlines.read.ingest import read_paths

    theater = load_theater("syria")
    files = sorted((folder / "reports").glob("*.txt"))
    docs = {Path(d.path).name: d for d in read_paths(files)}
    golds = load_real_gold(folder / "gold", folder / "reports", docs)
    results = {Path(r.doc.path).name: r for r in Pipeline(theater).run(list(docs.values()))}
    lines = []
    for g in golds:
        system = combine([results[g.file]], theater).events
        for s, x in _pairs(system, g.events, theater.gazetteer, 0):
            wrong = [f"{f}: {getattr(s, f)!r} vs gold {x.get(f)!r}" for f in EVENT_FIELDS if not _field(s, x, f)]
            if wrong:
                lines.append(f"{g.file} {x['sub_event_type']} at {x.get('name')}: " + "; ".join(wrong))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--fields", action="store_true")
    args = parser.parse_args()
    from frontlines.evaluate_real import score_real

    theater = load_theater("syria")
    for problem in convert(args.folder, theater.gazetteer):
        print("note:", problem)
    report = score_real(args.folder / "reports", args.folder / "gold", part="development", theater=theater)
    for failure in report.get("reader_failures", ()):
        print("warning:", failure)
    part = report["parts"]["development"]
    c, e = part["control"], part["events"]
    print(f"control {c['right']}/{c['rows']} ({c['accuracy']})  events P {e['precision']} R {e['recall']} "
          f"F1 {e['f1']}  every field {e['all_fields_right']}  ({e['matched']} of {e['gold_events']} gold, "
          f"{e['system_events']} system)")
    if args.errors:
        print("\n".join(c["errors"] + sorted(e["errors"])))
    if args.fields:
        print("\n".join(_field_mismatches(args.folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
