"""Check the real-report gold in gold/syria-2024-dev/ against the texts in ../shared (docs/real-gold.md).

Usage: python scripts/check_gold.py [FILE.json ...]   (default: every gold file)
Prints one line per problem and exits 1 when there is any; skips, saying why, without ../shared.
"""

from __future__ import annotations

import json
import sys
import tomllib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "syria-2024-dev"
TEXTS = ROOT.parent / "shared" / "data" / "reports" / "syria-2024-dev"
STATUSES = {"government", "opposition", "sdf", "isis", "contested", "unknown"}
CERTAINTIES = {"confirmed", "reported", "claimed", "disputed", "uncertain"}
KINDS = {"settlement", "facility", "terrain", "region", "route"}


def _gazetteer_ids() -> set[str]:
    path = ROOT / "src" / "frontlines" / "theaters" / "syria" / "gazetteer.tsv"
    return {line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]}


def _span(problems: list[str], where: str, text: str, row: dict) -> None:
    s, e = row.get("start"), row.get("end")
    if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e <= len(text):
        problems.append(f"{where}: bad span {s}:{e}")
    elif text[s:e] != text[s:e].strip():
        problems.append(f"{where}: span {s}:{e} starts or ends with whitespace")


def check(path: Path, ids: set[str]) -> list[str]:
    problems: list[str] = []
    gold = json.loads(path.read_text(encoding="utf-8"))
    src = TEXTS / gold.get("file", "")
    if not src.is_file() or path.name != f"{gold['file']}.json":
        return [f"{path.name}: 'file' does not name a report in {TEXTS}"]
    text = src.read_text(encoding="utf-8")
    date.fromisoformat(gold["published"])
    for i, p in enumerate(gold.get("places", [])):
        where = f"{path.name} places[{i}]"
        _span(problems, where, text, p)
        if p.get("place_id") is None and not (p.get("missing") and p.get("name")):
            problems.append(f"{where}: no place_id and not marked missing with a name")
        elif p.get("place_id") is not None and p["place_id"] not in ids:
            problems.append(f"{where}: unknown place_id {p['place_id']}")
        if p.get("kind") not in KINDS:
            problems.append(f"{where}: kind {p.get('kind')!r}")
    for i, c in enumerate(gold.get("control", [])):
        where = f"{path.name} control[{i}]"
        _span(problems, where, text, c)
        if c.get("status") not in STATUSES:
            problems.append(f"{where}: status {c.get('status')!r}")
        if c.get("level") not in ("assessed", "claimed"):
            problems.append(f"{where}: level {c.get('level')!r}")
        if c.get("place_id") is not None and c["place_id"] not in ids:
            problems.append(f"{where}: unknown place_id {c['place_id']}")
        if c.get("place_id") is None and not c.get("name"):
            problems.append(f"{where}: neither place_id nor name")
        date.fromisoformat(c["date"])
    for i, ev in enumerate(gold.get("events", [])):
        where = f"{path.name} events[{i}]"
        _span(problems, where, text, ev)
        if ev.get("certainty") not in CERTAINTIES:
            problems.append(f"{where}: certainty {ev.get('certainty')!r}")
        if ev.get("place_id") is not None and ev["place_id"] not in ids:
            problems.append(f"{where}: unknown place_id {ev['place_id']}")
        if ev.get("date"):
            date.fromisoformat(ev["date"])
        if not isinstance(ev.get("fatalities", 0), int):
            problems.append(f"{where}: fatalities must be an integer")
    return problems


def main(argv: list[str]) -> int:
    if not TEXTS.is_dir():
        print(f"skipped: {TEXTS} not found")
        return 0
    split = tomllib.loads((GOLD / "split.toml").read_text(encoding="utf-8"))
    listed = set(split["development"]) | set(split["heldout"])
    reports = {p.name for p in TEXTS.glob("*.txt")}
    problems = [f"split.toml lacks {n}" for n in sorted(reports - listed)]
    ids = _gazetteer_ids()
    files = [Path(a) for a in argv] or sorted(GOLD.glob("*.json"))
    for f in files:
        try:
            problems += check(f, ids)
        except (KeyError, ValueError, TypeError) as exc:
            problems.append(f"{f.name}: {exc!r}")
    for p in problems:
        print(p)
    print(f"{len(files)} gold files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
