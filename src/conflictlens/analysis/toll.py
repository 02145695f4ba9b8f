"""An incident's toll from its sources' figures: ACLED's most conservative credible figure (pure).

The rule (``conservative_toll``), over one figure per source (an article that says nothing about
deaths gives none):

1. one figure: that figure;
2. the lowest figure that another source *supports* -- reports the same figure, or one within
   ``SUPPORT`` (15 %, at least 1) of it;
3. else (every figure stands alone) the lower median of the figures.

So a lone outlier is never the toll: a misread "1" beside 22, 25 and 46 gives 22, and a lone
"46" gives nothing either.  With two sources that disagree, the lower median is the lower one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

SUPPORT = 0.15


@dataclass(frozen=True)
class Toll:
    value: int
    rule: str  # how it was chosen, in words


def supports(a: int, b: int) -> bool:
    """Whether figure ``b`` supports figure ``a`` (about the same count)."""
    return abs(a - b) <= max(1, round(SUPPORT * max(a, b)))


def conservative_toll(figures: Sequence[int]) -> Toll:
    figures = sorted(int(f) for f in figures if f is not None)
    if not figures:
        return Toll(0, "no source reports a toll")
    if len(figures) == 1:
        return Toll(figures[0], "the only figure reported")
    for i, f in enumerate(figures):
        backers = [g for j, g in enumerate(figures) if j != i and supports(f, g)]
        if backers:
            return Toll(f, f"lowest figure another source supports ({f}; supported by "
                           f"{', '.join(str(g) for g in backers)}; all figures {', '.join(map(str, figures))})")
    median = figures[(len(figures) - 1) // 2]
    return Toll(median, f"no two sources agree: lower median of {', '.join(map(str, figures))}")
