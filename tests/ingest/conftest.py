"""Fixtures for the ingest tests (helpers live in ingest_helpers.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conflictlens.options import Options

from ingest_helpers import FIXTURES


@pytest.fixture
def options(tmp_path) -> Options:
    return Options(db=str(tmp_path / "ingest.db"), extract=False, progress=False,
                   fetch_trust_env=False, respect_robots=False)  # robots.txt has its own tests


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
