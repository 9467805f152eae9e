"""Sample size per group for a two-proportion A/B test."""

from __future__ import annotations

import math
from statistics import NormalDist


def sample_size_per_group(
    p_baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8, two_sided: bool = True
) -> int:
    """Users per group to detect an absolute change of mde from p_baseline (rounded up)."""
    p1, p2 = p_baseline, p_baseline + mde
    if not (0 < p1 < 1 and 0 < p2 < 1):
        raise ValueError(f"both rates must lie in (0, 1), got {p1} and {p2}")
    if mde == 0:
        raise ValueError("the minimum detectable effect must be non-zero")
    if not (0 < alpha < 1 and 0 < power < 1):
        raise ValueError(f"alpha and power must lie in (0, 1), got {alpha} and {power}")
    normal = NormalDist()
    z_alpha = normal.inv_cdf(1 - alpha / 2 if two_sided else 1 - alpha)
    z_power = normal.inv_cdf(power)
    p_bar = (p1 + p2) / 2
    spread = z_alpha * math.sqrt(2 * p_bar * (1 - p_bar)) + z_power * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(spread**2 / mde**2)
