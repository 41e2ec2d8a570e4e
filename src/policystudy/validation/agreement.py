"""Agreement between coders and intervals: Krippendorff's α, Cohen's κ, Wilson, bootstrap.

α comes from the ``krippendorff`` package and κ from scikit-learn's ``cohen_kappa_score``;
this module only arranges the codes for them and resamples items or documents for the
intervals. Values of α: ≥ .800 reliable, .667–.800 for tentative conclusions only
(Krippendorff 2004, *Content Analysis*, 2nd ed., p. 241).

Examples
--------
>>> codes = pd.DataFrame({"A": ["a", "a", "b", "b"], "B": ["a", "a", "b", "a"]})
>>> round(krippendorff_alpha(codes), 3), round(cohen_kappa(codes["A"], codes["B"]), 3)
(0.533, 0.5)
>>> [round(x, 3) for x in wilson(45, 50)]
[0.786, 0.957]
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

#: Two-sided 95 % normal quantile.
Z95 = 1.959963984540054


def wilson(k: float, n: float, *, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion ``k / n`` (NaNs when ``n`` is 0)."""
    if n <= 0:
        return float("nan"), float("nan")
    p = k / n
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return float(max(0.0, centre - half)), float(min(1.0, centre + half))


def _matrix(codes: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """Coders × items matrix of integer codes, NaN where a coder left an item empty."""
    values = sorted({v for v in codes.to_numpy().ravel() if isinstance(v, str) and v})
    index = {v: i for i, v in enumerate(values)}
    mat = np.array(
        [[index.get(v, np.nan) if isinstance(v, str) else np.nan for v in codes[c]]
         for c in codes.columns],
        dtype=float,
    )  # fmt: skip
    return mat, values


def pairable(codes: pd.DataFrame) -> int:
    """Items coded by at least two coders (the ones α rests on)."""
    return int((codes.fillna("").astype(str).ne("")).sum(axis=1).ge(2).sum())


def krippendorff_alpha(codes: pd.DataFrame) -> float:
    """Krippendorff's α for nominal codes: one column per coder, empty cells missing.

    NaN when fewer than two coders coded any item or only one value occurs.
    """
    mat, values = _matrix(codes)
    if mat.shape[0] < 2 or len(values) < 2 or pairable(codes) == 0:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=mat, level_of_measurement="nominal",
                                    value_domain=list(range(len(values)))))  # fmt: skip


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's κ of two coders over the items both coded (NaN when fewer than two)."""
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x and y]
    if len(pairs) < 2:
        return float("nan")
    x, y = zip(*pairs, strict=True)
    if len(set(x) | set(y)) < 2:
        return float("nan")
    return float(cohen_kappa_score(list(x), list(y)))


def bootstrap_interval(
    stat: Callable[[np.ndarray], float],
    n_items: int,
    *,
    clusters: Sequence[str] | None = None,
    n_boot: int = 1000,
    random_state: int = 0,
    level: float = 0.95,
) -> tuple[float, float]:
    """Percentile interval of ``stat(rows)`` over resampled items or whole clusters.

    ``stat`` takes an array of row positions (with repeats). With ``clusters`` (one document id
    per item) documents are resampled with all their items, the unit that varies when items
    of one document are alike.
    """
    rng = np.random.default_rng(random_state)
    if clusters is None:
        groups = [np.array([i]) for i in range(n_items)]
    else:
        keys = pd.Series(list(clusters))
        groups = [np.asarray(ix) for _, ix in sorted(keys.groupby(keys).indices.items())]
    stats = []
    for _ in range(n_boot):
        pick = rng.integers(0, len(groups), size=len(groups))
        rows = np.concatenate([groups[i] for i in pick])
        value = stat(rows)
        if np.isfinite(value):
            stats.append(value)
    if len(stats) < n_boot / 2:  # mostly undefined (one value left): no honest interval
        return float("nan"), float("nan")
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(stats, [tail, 100 - tail])
    return float(low), float(high)


def agreement_table(
    codes: pd.DataFrame,
    *,
    clusters: Sequence[str] | None = None,
    n_boot: int = 1000,
    random_state: int = 0,
) -> pd.DataFrame:
    """α over all coders and κ for each pair, with bootstrap intervals.

    Returns ``measure, coders, n, estimate, ci_low, ci_high``; empty when there is one coder
    (agreement needs two).
    """
    rows = []
    coders = list(codes.columns)
    if len(coders) < 2:
        return pd.DataFrame(columns=["measure", "coders", "n", "estimate", "ci_low", "ci_high"])
    arr = codes.fillna("").astype(str).reset_index(drop=True)

    def alpha_of(ix: np.ndarray) -> float:
        return krippendorff_alpha(arr.iloc[ix])

    lo, hi = bootstrap_interval(alpha_of, len(arr), clusters=clusters, n_boot=n_boot,
                                random_state=random_state)  # fmt: skip
    rows.append({"measure": "alpha", "coders": "+".join(coders), "n": pairable(arr),
                 "estimate": krippendorff_alpha(arr), "ci_low": lo, "ci_high": hi})  # fmt: skip
    for a, b in itertools.combinations(coders, 2):
        both = (arr[a] != "") & (arr[b] != "")

        def kappa_of(ix: np.ndarray, a=a, b=b) -> float:
            return cohen_kappa(arr[a].to_numpy()[ix], arr[b].to_numpy()[ix])

        lo, hi = bootstrap_interval(kappa_of, len(arr), clusters=clusters, n_boot=n_boot,
                                    random_state=random_state)  # fmt: skip
        rows.append({"measure": "kappa", "coders": f"{a}+{b}", "n": int(both.sum()),
                     "estimate": cohen_kappa(arr[a], arr[b]), "ci_low": lo,
                     "ci_high": hi})  # fmt: skip
    return pd.DataFrame(rows)


__all__ = [
    "agreement_table",
    "bootstrap_interval",
    "cohen_kappa",
    "krippendorff_alpha",
    "pairable",
    "wilson",
]
