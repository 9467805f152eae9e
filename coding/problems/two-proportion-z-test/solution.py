"""Two-proportion z-test with a pooled standard error."""

from __future__ import annotations

import math


def _upper_tail(z: float) -> float:
    """P(Z > z) for a standard normal, accurate far into the tail."""
    return 0.5 * math.erfc(z / math.sqrt(2))


def two_proportion_z_test(
    successes_a: int, n_a: int, successes_b: int, n_b: int, alternative: str = "two-sided"
) -> tuple[float, float]:
    """Return (z, p_value) for rate B minus rate A; alternative: two-sided, greater, less."""
    if alternative not in {"two-sided", "greater", "less"}:
        raise ValueError(f"alternative must be two-sided, greater or less, got {alternative!r}")
    for successes, n in ((successes_a, n_a), (successes_b, n_b)):
        if n <= 0 or not 0 <= successes <= n:
            raise ValueError(f"need 0 <= successes <= n and n > 0, got {successes} of {n}")
    pooled = (successes_a + successes_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if se == 0:
        return 0.0, 1.0
    z = (successes_b / n_b - successes_a / n_a) / se
    if alternative == "greater":
        return z, _upper_tail(z)
    if alternative == "less":
        return z, _upper_tail(-z)
    return z, min(1.0, 2 * _upper_tail(abs(z)))
