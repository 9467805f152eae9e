"""Two-proportion z-test with a pooled standard error."""

from __future__ import annotations


def two_proportion_z_test(
    successes_a: int, n_a: int, successes_b: int, n_b: int, alternative: str = "two-sided"
) -> tuple[float, float]:
    """Return (z, p_value) for rate B minus rate A; alternative: two-sided, greater, less."""
    raise NotImplementedError
