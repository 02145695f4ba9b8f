"""Rate-change test for incident counts (pure)."""
from __future__ import annotations

from .records import RateTest


def rate_change(recent_count: int, recent_days: int, base_count: int, base_days: int) -> RateTest:
    """Compare the incident rate of a recent window with a baseline window.

    Conditional Poisson test: if both windows had the same rate, the recent count
    given the total is Binomial(total, recent_days / (recent_days + base_days)).
    Returns one-sided exact p-values for an increase and for a decrease.
    """
    from scipy.stats import binomtest

    recent_days, base_days = max(0, recent_days), max(0, base_days)
    total = recent_count + base_count
    recent_rate = 30.0 * recent_count / recent_days if recent_days else 0.0
    base_rate = 30.0 * base_count / base_days if base_days else 0.0
    if total == 0 or recent_days == 0 or base_days == 0:
        p_inc = p_dec = 1.0
    else:
        share = recent_days / (recent_days + base_days)
        p_inc = float(binomtest(recent_count, total, share, alternative="greater").pvalue)
        p_dec = float(binomtest(recent_count, total, share, alternative="less").pvalue)
    return RateTest(recent_count=recent_count, recent_days=recent_days, base_count=base_count, base_days=base_days,
                    recent_rate=recent_rate, base_rate=base_rate, p_increase=p_inc, p_decrease=p_dec)
