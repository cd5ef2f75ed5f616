"""The commands that score the pipeline against gold annotations: ``eval`` and ``eval-real``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from frontlines.cli.common import TheaterOpt, _errors, _theater, out
from frontlines.errors import InputError


def eval_(
    gold: Annotated[Path, typer.Argument(help="A gold JSON file or a folder of them.")],
    reports: Annotated[Path | None, typer.Option(help="Folder of the reports the gold annotates (default: ../reports next to the gold).")] = None,
    theater: TheaterOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Precision and recall of places, events and control against gold annotations."""
    from frontlines.evaluate import evaluate, format_report

    with _errors():
        if gold.is_dir() and not any(gold.glob("*.json")):
            raise InputError(f"{gold}: no gold annotations (*.json) in this folder; see docs/gold-format.md")
        report = evaluate(gold, reports_dir=reports, theater=_theater(theater))
        if format == "json":
            sys.stdout.write(json.dumps(report, indent=1) + "\n")
        else:
            out.print(format_report(report), markup=False)


def eval_real(
    gold: Annotated[Path, typer.Argument(help="The real-report gold folder (JSON files and split.toml).")],
    texts: Annotated[Path, typer.Option(help="Folder of the report texts the gold annotates.")],
    part: Annotated[str, typer.Option(help="heldout, development or all")] = "heldout",
    theater: TheaterOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Score against the gold of real reports (docs/real-gold.md): places, control, events, claims."""
    from frontlines.evaluate_real import format_real, score_real

    with _errors():
        if format not in ("table", "json"):
            raise InputError(f"--format must be table or json, not {format!r}")
        report = score_real(texts, gold, part=part, theater=_theater(theater))
        if format == "json":
            sys.stdout.write(json.dumps(report, indent=1, default=str) + "\n")
        else:
            out.print(format_real(report), markup=False)
