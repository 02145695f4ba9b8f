"""Shared fixtures: options that never touch the user's files, and in-memory stores."""
from __future__ import annotations

from pathlib import Path

import pytest

from conflictlens.options import load_options

SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


@pytest.fixture
def options(tmp_path):
    # the gazetteer is the default per-user one (built once by scripts/setup.sh), shared by all tests
    return load_options(env={}, db=str(tmp_path / "test.db"), extract=False, progress=False)


@pytest.fixture
def shared_eval():
    if not SHARED_EVAL.is_dir():
        pytest.skip(f"evaluation sets not found at {SHARED_EVAL} (../shared/eval)")
    return SHARED_EVAL
