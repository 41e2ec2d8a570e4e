"""Confidence intervals of a proportion: the one Wilson score interval of the package.

Examples
--------
>>> [round(x, 3) for x in wilson(95, 100)]
[0.888, 0.978]
>>> wilson(0, 0)
(nan, nan)
"""

from __future__ import annotations

import math

#: The 97.5% quantile of the standard normal distribution (a two-sided 95% interval).
Z95 = 1.959963984540054


def wilson(k: float, n: float, *, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of the proportion ``k / n`` (NaNs when ``n`` is 0).

    ``n`` may be an effective sample size (a float). The bounds are clipped to [0, 1]: at
    ``k = 0`` or ``k = n`` rounding can put them an ulp outside.

    Examples
    --------
    >>> [round(x, 3) for x in wilson(19, 20)]
    [0.764, 0.991]
    >>> wilson(20, 20, z=1.96)[1]
    1.0
    """
    if n <= 0:
        return float("nan"), float("nan")
    p = k / n
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))
