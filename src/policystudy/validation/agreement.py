"""Agreement between coders and intervals: Krippendorff's α, Cohen's κ, Wilson, bootstrap.

κ comes from scikit-learn's ``cohen_kappa_score``; α is computed here from the coincidence
matrix (a few lines) because the ``krippendorff`` package is GPL-3.0 and this package is MIT:
the tests check both against published worked examples and α against that package. Intervals
resample items or whole documents. Values of α: ≥ .800 reliable, .667–.800 for tentative conclusions only
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

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

# The one Wilson interval and its quantile live in stats.intervals; kept importable from here.
from policystudy.core import defaults
from policystudy.stats.intervals import wilson


def _counts(codes: pd.DataFrame) -> np.ndarray:
    """Items × values matrix: how many coders gave each value to each item."""
    arr = codes.fillna("").astype(str).to_numpy()
    values = sorted({v for v in arr.ravel() if v})
    return np.stack([(arr == v).sum(axis=1) for v in values], axis=1) if values else \
        np.zeros((len(arr), 0))  # fmt: skip


def pairable(codes: pd.DataFrame) -> int:
    """Items coded by at least two coders (the ones α rests on)."""
    return int((codes.fillna("").astype(str).ne("")).sum(axis=1).ge(2).sum())


def krippendorff_alpha(codes: pd.DataFrame) -> float:
    """Krippendorff's α for nominal codes: one column per coder, empty cells missing.

    Computed from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
    Alpha-Reliability"); the tests check it against his worked example and the ``krippendorff``
    package. NaN when no item has two codes or only one value occurs.
    """
    return alpha_from_counts(_counts(codes))


def alpha_from_counts(counts: np.ndarray) -> float:
    """α nominal from an items × values matrix of how many coders gave each value."""
    m = counts.sum(axis=1)
    keep = m >= 2
    if counts.shape[1] < 2 or not keep.any():
        return float("nan")
    counts, m = counts[keep].astype(float), m[keep].astype(float)
    # o_ck = sum over items of n_uc (n_uk - [c = k]) / (m_u - 1)
    scaled = counts / (m - 1)[:, None]
    coincidence = scaled.T @ counts - np.diag(scaled.sum(axis=0))
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    expected = n**2 - (n_c**2).sum()
    if expected <= 0:
        return float("nan")
    return float(1 - (n - 1) * (n - np.trace(coincidence)) / expected)


def _kappa_codes(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's κ of two integer-coded arrays (the bootstrap's fast path; -1 = not coded)."""
    both = (a >= 0) & (b >= 0)
    a, b = a[both], b[both]
    n = len(a)
    if n < 2:
        return float("nan")
    k = int(max(a.max(), b.max())) + 1
    pa, pb = np.bincount(a, minlength=k) / n, np.bincount(b, minlength=k) / n
    expected = float(pa @ pb)
    if expected >= 1:
        return float("nan")
    return (float((a == b).mean()) - expected) / (1 - expected)


def _as_codes(*columns: Sequence[str]) -> list[np.ndarray]:
    values = sorted({v for col in columns for v in col if v})
    index = {v: i for i, v in enumerate(values)}
    return [np.array([index.get(v, -1) if v else -1 for v in col]) for col in columns]


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
    random_state: int = defaults.RANDOM_STATE,
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


def kappa_interval(
    a: Sequence[str],
    b: Sequence[str],
    *,
    clusters: Sequence[str] | None = None,
    n_boot: int = 1000,
    random_state: int = defaults.RANDOM_STATE,
) -> tuple[float, float]:
    """Bootstrap interval of Cohen's κ of two code sequences (empty = not coded)."""
    ca, cb = _as_codes(list(a), list(b))
    return bootstrap_interval(lambda ix: _kappa_codes(ca[ix], cb[ix]), len(ca),
                              clusters=clusters, n_boot=n_boot,
                              random_state=random_state)  # fmt: skip


def agreement_table(
    codes: pd.DataFrame,
    *,
    clusters: Sequence[str] | None = None,
    n_boot: int = 1000,
    random_state: int = defaults.RANDOM_STATE,
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
    counts = _counts(arr)

    def alpha_of(ix: np.ndarray) -> float:
        return alpha_from_counts(counts[ix])

    lo, hi = bootstrap_interval(alpha_of, len(arr), clusters=clusters, n_boot=n_boot,
                                random_state=random_state)  # fmt: skip
    rows.append({"measure": "alpha", "coders": "+".join(coders), "n": pairable(arr),
                 "estimate": alpha_from_counts(counts), "ci_low": lo, "ci_high": hi})  # fmt: skip
    for a, b in itertools.combinations(coders, 2):
        both = (arr[a] != "") & (arr[b] != "")
        ca, cb = _as_codes(arr[a].tolist(), arr[b].tolist())

        def kappa_of(ix: np.ndarray, ca=ca, cb=cb) -> float:
            return _kappa_codes(ca[ix], cb[ix])

        lo, hi = bootstrap_interval(kappa_of, len(arr), clusters=clusters, n_boot=n_boot,
                                    random_state=random_state)  # fmt: skip
        rows.append({"measure": "kappa", "coders": f"{a}+{b}", "n": int(both.sum()),
                     "estimate": cohen_kappa(arr[a], arr[b]), "ci_low": lo,
                     "ci_high": hi})  # fmt: skip
    return pd.DataFrame(rows)


__all__ = [
    "agreement_table",
    "alpha_from_counts",
    "bootstrap_interval",
    "cohen_kappa",
    "kappa_interval",
    "krippendorff_alpha",
    "pairable",
    "wilson",
]
