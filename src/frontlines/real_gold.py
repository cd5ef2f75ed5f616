"""The gold of real reports (``gold/<set>/``, docs/real-gold.md): the split, the day-by-day table and
the annotated reports, their spans aligned to the ingested texts. Scored in :mod:`frontlines.evaluate_real`.

The gold gives offsets into each raw report file (header lines and wiki markup included); the
pipeline's offsets are into the ingested text. The two are aligned with ``difflib`` matching blocks,
so a gold span is compared with the system spans that cover the same characters.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from frontlines.errors import EvalError

PARTS = ("development", "heldout")

Span = tuple[int, int]


class Alignment:
    """Maps offsets in a raw report file to offsets in its ingested text."""

    def __init__(self, raw: str, text: str):
        self._map = [-1] * len(raw)
        at = raw.find(text)
        if at >= 0:  # only header lines (or surrounding space) removed: one block
            self._map[at : at + len(text)] = range(len(text))
            return
        # Lines first, then characters inside the lines that differ (a long report aligned character
        # by character at once would take tens of seconds).
        raw_lines, text_lines = raw.splitlines(keepends=True), text.splitlines(keepends=True)
        raw_at, text_at = _starts(raw_lines), _starts(text_lines)
        lines = difflib.SequenceMatcher(None, raw_lines, text_lines, autojunk=False)
        for op, i1, i2, j1, j2 in lines.get_opcodes():
            if op == "equal":
                for k in range(i2 - i1):
                    self._copy(raw_at[i1 + k], text_at[j1 + k], len(raw_lines[i1 + k]))
            elif op == "replace":
                a, b = "".join(raw_lines[i1:i2]), "".join(text_lines[j1:j2])
                chars = difflib.SequenceMatcher(None, a, b, autojunk=False)
                for block in chars.get_matching_blocks():
                    self._copy(raw_at[i1] + block.a, text_at[j1] + block.b, block.size)

    def _copy(self, raw_start: int, text_start: int, size: int) -> None:
        self._map[raw_start : raw_start + size] = range(text_start, text_start + size)

    def span(self, start: int, end: int) -> Span | None:
        """The text span covering what survives of raw ``[start, end)``; None if nothing does."""
        kept = [m for m in self._map[start:end] if m >= 0]
        return (min(kept), max(kept) + 1) if kept else None


def _starts(lines: Sequence[str]) -> list[int]:
    out, at = [], 0
    for line in lines:
        out.append(at)
        at += len(line)
    return out


@dataclass(frozen=True, slots=True)
class RealGold:
    """One annotated report; every gold row carries ``span``: its aligned span in the ingested text."""

    file: str
    part: str
    published: str
    places: tuple[dict[str, Any], ...]
    control: tuple[dict[str, Any], ...]
    events: tuple[dict[str, Any], ...]
    unaligned: int  # gold rows whose span vanished in ingestion (only header text would)


def load_table(gold_dir: Path) -> tuple[tuple[str, ...], tuple[date, ...]]:
    """The places and days of the day-by-day table (``[table]`` in ``split.toml``; none when absent)."""
    try:
        data = tomllib.loads((gold_dir / "split.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return (), ()
    table = data.get("table", {})
    days = tuple(d if isinstance(d, date) else date.fromisoformat(str(d)) for d in table.get("days", []))
    return tuple(table.get("places", [])), days


def load_split(gold_dir: Path) -> dict[str, str]:
    """File name -> part, from ``split.toml``."""
    path = gold_dir / "split.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise EvalError(f"{path}: cannot read the split: {exc}") from exc
    split: dict[str, str] = {}
    for part in PARTS:
        for name in data.get(part, []):
            if name in split:
                raise EvalError(f"{path}: {name} is in both {split[name]} and {part}")
            split[name] = part
    return split


def load_real_gold(gold_dir: Path, texts_dir: Path, docs: dict[str, Any]) -> list[RealGold]:
    """The gold files of ``gold_dir`` with their spans aligned to the ingested texts in ``docs`` (by file name)."""
    split = load_split(gold_dir)
    out = []
    for f in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise EvalError(f"{f}: cannot read gold: {exc}") from exc
        name = data.get("file") if isinstance(data, dict) else None
        if not name:
            raise EvalError(f"{f}: gold must be an object with 'file' (docs/real-gold.md)")
        if name not in split:
            raise EvalError(f"{f}: {name} is in no part of {gold_dir / 'split.toml'}")
        if name not in docs:
            raise EvalError(f"{f}: the report {name} is not in {texts_dir}")
        raw = (texts_dir / name).read_text(encoding="utf-8")
        align = Alignment(raw, docs[name].text)
        rows: dict[str, list[dict[str, Any]]] = {}
        unaligned = 0
        for key in ("places", "control", "events"):
            rows[key] = []
            for row in data.get(key, []):
                span = align.span(int(row["start"]), int(row["end"])) if "start" in row else None
                unaligned += span is None
                rows[key].append({**row, "span": span})
        out.append(RealGold(name, split[name], str(data.get("published", "")), tuple(rows["places"]),
                            tuple(rows["control"]), tuple(rows["events"]), unaligned))
    if not out:
        raise EvalError(f"{gold_dir}: no gold annotations (*.json); see docs/real-gold.md")
    return out
