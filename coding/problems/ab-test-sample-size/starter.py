"""Sample size per group for a two-proportion A/B test."""

from __future__ import annotations


def sample_size_per_group(
    p_baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8, two_sided: bool = True
) -> int:
    """Users per group to detect an absolute change of mde from p_baseline (rounded up)."""
    raise NotImplementedError
