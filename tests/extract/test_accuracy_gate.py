"""Accuracy gate: the dev figures reached so far, pinned slightly below so they can only go up.

Runs the real eval (benchmarks/eval.py: ingest path, Extractor, ACLED CSV export, the
official scorer).  Raise the floors when the figures improve.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = [pytest.mark.devset, pytest.mark.slow]

EVAL = Path(__file__).resolve().parents[2] / "benchmarks" / "eval.py"

# measured (final run of this round): dev f1 0.816 (20/29 matched, 20 predicted, precision 1.0, recall 0.690,
# event_type 0.850, actor1 0.700, actor2 0.500, fatalities exact 0.800); acled_notes full set f1 0.780
# (precision 0.795, recall 0.765), event_type 0.875, sub_event_type 0.817, actor1 0.747, fatalities exact 0.952.
# The actor and fatality rates are over the matched events: they dipped when recall rose from 16 to 20 matched
# events (every actor right before is still right), so those floors follow the new, larger base.
DEV_FLOORS = {"f1": 0.78, "precision": 0.95, "recall": 0.65, "event_type_acc": 0.8, "fatalities_exact_acc": 0.75,
              "actor1_acc": 0.65, "actor2_acc": 0.45}
NOTES_FLOORS = {"f1": 0.76, "event_type_acc": 0.86, "sub_event_type_acc": 0.80, "actor1_acc": 0.73,
                "fatalities_exact_acc": 0.94, "date_exact_acc": 0.98}


def _eval():
    spec = importlib.util.spec_from_file_location("conflictlens_eval", EVAL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _check(summary: dict, floors: dict) -> None:
    low = {k: (summary[k], v) for k, v in floors.items() if summary[k] < v}
    assert not low, f"below the pinned floors (got, floor): {low}"


def test_dev_articles_gate(shared_eval, tmp_path):
    summary = _eval().run("dev", 1, tmp_path / "dev.csv")
    _check(summary, DEV_FLOORS)


def test_acled_notes_gate(shared_eval, tmp_path):
    summary = _eval().run("notes", 1, tmp_path / "notes.csv")
    _check(summary, NOTES_FLOORS)
