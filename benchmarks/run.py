"""`make bench`: speed of frontlines, measured against a bare spaCy parse in the same run.

1. extract on the bundled examples, and on the real reports in ../shared when present: documents/s,
   words/s, and the ratio to a bare spaCy small-model parse of the same texts. Both are measured as
   whole processes (interpreter start and model loading included), on a corpus repeated to "many
   reports" so that start-up does not dominate.
2. Stage timings in one process: theater load, spaCy, geoparse, events.
3. Ledger: an as-of query over 1,000,000 assertions on 20,000 places.
4. Areas of control for 20,000 places.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "reports" / "syria-2024-dev"
PY = sys.executable
REPEAT = 10
ROUNDS = 3


def _texts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html", ".jsonl"))


def _corpus(files: list[Path], repeat: int) -> tuple[Path, int, int]:
    """Copies of the reports (each copy a distinct document) in a temp folder; returns folder, docs, words."""
    sys.path.insert(0, str(ROOT / "src"))
    from frontlines.read.ingest import read_file

    tmp = Path(tempfile.mkdtemp(prefix="frontlines-bench-"))
    n_docs = n_words = 0
    for r in range(repeat):
        for f in files:
            target = tmp / f"{r:03d}_{f.name}"
            shutil.copy(f, target)
            if f.suffix in (".txt", ".md"):
                # A distinct document per copy: same words, one extra line at the end.
                target.write_text(target.read_text(encoding="utf-8") + f"\n\n(copy {r})\n", encoding="utf-8")
            docs = read_file(target)
            n_docs += len(docs)
            n_words += sum(len(d.text.split()) for d in docs)
    return tmp, n_docs, n_words


BARE = """
import sys, spacy
sys.path.insert(0, {src!r})
from frontlines.read.ingest import read_paths
from pathlib import Path
texts = [d.text for d in read_paths([Path({folder!r})])]
nlp = spacy.load({model!r})
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


def _time(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def bench_extract(label: str, files: list[Path]) -> None:
    from frontlines.settings import SPACY_MODEL

    folder, n_docs, n_words = _corpus(files, REPEAT)
    bare_cmd = [PY, "-c", BARE.format(src=str(ROOT / "src"), folder=str(folder), model=SPACY_MODEL.value())]
    ours_cmd = [PY, "-m", "frontlines.cli", "extract", str(folder), "--format", "jsonl"]
    try:
        # Alternate the two and keep each one's best of ROUNDS: other load on the machine only adds time.
        bare = ours = float("inf")
        for _ in range(ROUNDS):
            bare = min(bare, _time(bare_cmd))
            ours = min(ours, _time(ours_cmd))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{label}: {n_docs} documents, {n_words} words ({len(files)} files x {REPEAT})")
    print(f"  best of {ROUNDS} runs each, alternating")
    print(f"  extract    {ours:6.2f} s  {n_docs / ours:7.1f} docs/s  {n_words / ours:8.0f} words/s")
    print(f"  bare spaCy {bare:6.2f} s  {n_docs / bare:7.1f} docs/s  {n_words / bare:8.0f} words/s")
    print(f"  ratio extract / bare spaCy: {ours / bare:.2f}  (target <= 1.3)")


def bench_stages(files: list[Path]) -> None:
    from frontlines.events.dating import date_frames
    from frontlines.events.extract import EventExtractor
    from frontlines.events.lexicon import load_language
    from frontlines.events.reader import Reader
    from frontlines.mentions.geoparse import Geoparser
    from frontlines.read.ingest import read_paths
    from frontlines.read.nlp import analyse, load_nlp
    from frontlines.theater import load_theater

    t = time.perf_counter()
    theater = load_theater.__wrapped__("syria")
    t_load = time.perf_counter() - t
    docs = read_paths(files) * REPEAT
    load_nlp()
    t = time.perf_counter()
    analyses = list(analyse(docs))
    t_spacy = time.perf_counter() - t
    language = load_language(theater.language)
    geoparse, read, events = Geoparser(theater), Reader(language), EventExtractor(theater, language)
    t_geo = t_ev = 0.0
    for a in analyses:
        t = time.perf_counter()
        actors = theater.actors.find(a.doc.text, a.doc.id)
        geo = geoparse(a.doc, a.sentences, a.entities, actors)
        t_geo += time.perf_counter() - t
        t = time.perf_counter()
        frames = read(a.doc.id, a.spacy_doc, a.sentences, geo.places, actors)
        events(a.doc, frames, date_frames(a.doc, a.sentences, frames, lang=language))
        t_ev += time.perf_counter() - t
    total = t_spacy + t_geo + t_ev
    print(f"stages on {len(docs)} documents: theater load {t_load:.2f} s (target < 1 s); spaCy {t_spacy:.2f} s; "
          f"geoparse {t_geo:.2f} s ({100 * t_geo / total:.0f}% of extract, target <= 20%); reader + events {t_ev:.2f} s")


def bench_ledger(n_assertions: int = 1_000_000, n_places: int = 20_000) -> None:
    from frontlines.control.ledger import Ledger
    from frontlines.mentions.gazetteer import Gazetteer
    from frontlines.models import ControlAssertion, Place

    rng = random.Random(7)
    places = [Place(id=f"p{i}", name=f"Place {i}", kind="settlement", lat=33 + rng.random() * 4,
                    lon=36 + rng.random() * 4, admin1="X", names=(f"Place {i}",)) for i in range(n_places)]
    gaz = Gazetteer(places)
    start = date(2024, 11, 27)
    statuses = ("government", "opposition", "contested", "sdf")
    assertions = [
        ControlAssertion(id=f"a{i}", place_id=f"p{rng.randrange(n_places)}", status=rng.choice(statuses),
                         level="assessed", valid_from=start + timedelta(days=rng.randrange(60)), time_precision=1,
                         doc=f"d{i % 5000}", start=0, end=1, confidence=0.5 + rng.random() / 2, source=f"s{i % 40}",
                         basis=f"e{i}")
        for i in range(n_assertions)
    ]
    t = time.perf_counter()
    ledger = Ledger(assertions, gaz, statuses)
    t_index = time.perf_counter() - t
    t = time.perf_counter()
    result = ledger.as_of(start + timedelta(days=30))
    t_query = time.perf_counter() - t
    t = time.perf_counter()
    ledger.as_of(start + timedelta(days=31))
    t_second = time.perf_counter() - t
    print(f"ledger: {n_assertions} assertions, {n_places} places: index {t_index:.2f} s; as-of query {t_query:.2f} s "
          f"(target < 1 s), next day {t_second:.2f} s; {len(result)} statuses")


def bench_areas(n: int = 20_000) -> None:
    from frontlines.control.areas import control_areas, derive_boundary
    from frontlines.models import ControlStatus

    rng = random.Random(3)
    pts = [(36 + rng.random() * 4, 33 + rng.random() * 4) for _ in range(n)]
    boundary = derive_boundary(pts)
    statuses = [ControlStatus(place_id=f"p{i}", name=f"p{i}", lat=lat, lon=lon,
                              status="government" if lon < 38 else ("opposition" if lat > 35 else "sdf"),
                              level="assessed", since=None, confidence=0.8) for i, (lon, lat) in enumerate(pts)]
    t = time.perf_counter()
    areas = control_areas(statuses, boundary)
    print(f"areas: {n} places -> {len(areas.areas)} areas, {len(areas.front_lines)} front lines in "
          f"{time.perf_counter() - t:.2f} s (target < 5 s)")


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    examples = _texts(ROOT / "examples" / "reports")
    bench_extract("examples", examples)
    if SHARED.is_dir():
        bench_extract("real reports (../shared)", _texts(SHARED))
    else:
        print("real reports: ../shared/data/reports/syria-2024-dev not found, skipped")
    bench_stages(examples)
    bench_ledger()
    bench_areas()
    print(json.dumps({"python": sys.version.split()[0]}))


if __name__ == "__main__":
    main()
