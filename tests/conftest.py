"""Shared fixtures: the tiny test theater and the bundled Syria theater."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.theater import Theater, load_theater

HERE = Path(__file__).parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def mini() -> Theater:
    return load_theater(str(HERE / "fixtures" / "mini"))


@pytest.fixture(scope="session")
def syria() -> Theater:
    return load_theater("syria")
