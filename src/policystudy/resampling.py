"""Resampling shared by every analysis: group indicators, stratified bootstrap, group shares.

Keywords (stability), topics (prevalence) and priorities (domain shares) all resample the
paragraphs within each group; they draw through :func:`stratified_bootstrap`, so one seed gives one
set of resamples, vectorised as a resamples × paragraphs matrix of multiplicities.

Examples
--------
>>> import numpy as np
>>> names, share, low, high = group_shares(np.array([[3.0, 1.0], [1.0, 1.0], [0.0, 2.0]]),
...                                        ["苏", "苏", "津"], n_bootstrap=200, random_state=1)
>>> names.tolist(), share.round(3).tolist()
(['津', '苏'], [[0.0, 1.0], [0.667, 0.333]])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def group_matrix(groups: Sequence[str]) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Sorted group labels and the one-hot groups × paragraphs indicator matrix.

    Examples
    --------
    >>> labels, ind = group_matrix(["辽宁", "吉林", "辽宁"])
    >>> labels.tolist(), ind.toarray().tolist()
    (['吉林', '辽宁'], [[0, 1, 0], [1, 0, 1]])
    """
    labels, codes = np.unique(
        np.asarray([str(g) for g in groups], dtype=object), return_inverse=True
    )
    n = len(codes)
    ind = sparse.csr_matrix(
        (np.ones(n, dtype=np.int64), (codes, np.arange(n))), shape=(len(labels), n)
    )
    return labels, ind


def stratified_bootstrap(
    groups: Sequence[str], n_bootstrap: int, random_state: int | None
) -> np.ndarray:
    """Paragraph multiplicities of ``n_bootstrap`` resamples drawn within each group.

    Each row resamples every group's paragraphs with replacement, keeping group sizes, so
    a row ``w`` turns any paragraph-level sum ``Σ x_p`` into its bootstrap replicate
    ``Σ w_p x_p`` without copying data.

    Returns
    -------
    numpy.ndarray, shape (n_bootstrap, n_paragraphs), int

    Examples
    --------
    >>> w = stratified_bootstrap(["津", "津", "辽"], 4, 42)
    >>> w.sum(axis=1).tolist(), w[:, 2].tolist()  # the lone 辽 paragraph is always drawn once
    ([3, 3, 3, 3], [1, 1, 1, 1])
    """
    labels, ind = group_matrix(groups)
    rng = np.random.default_rng(random_state)
    # A paragraph is drawn at most as often as its group has paragraphs: the smallest unsigned
    # type holding that keeps this matrix (resamples × paragraphs) 4-8× smaller than int64.
    largest = int(np.diff(ind.indptr).max()) if ind.shape[0] else 0
    weights = np.zeros((n_bootstrap, ind.shape[1]), dtype=np.min_scalar_type(largest))
    for gi in range(len(labels)):  # sorted labels: the draw order does not depend on input order
        members = ind[gi].indices
        weights[:, members] = rng.multinomial(
            len(members), np.full(len(members), 1 / len(members)), size=n_bootstrap
        )
    return weights


def group_shares(
    weights: np.ndarray,
    groups: Sequence[str],
    *,
    n_bootstrap: int,
    random_state: int | None,
    ci: float = 0.95,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each group's share of column weight, with percentile bootstrap intervals over paragraphs.

    ``share[g, j] = Σ_{p∈g} W[p, j] / Σ_{p∈g} Σ_j W[p, j]``; the interval comes from the same
    ratio on :func:`stratified_bootstrap` resamples. A group (or resample) with no weight gets NaN.

    Parameters
    ----------
    weights : array, shape (n_paragraphs, n_columns)
        Non-negative weight of each paragraph in each column (domain, topic, …).
    groups : sequence of str
        Group of each paragraph.
    n_bootstrap : int
        Resamples; 0 gives NaN intervals.
    random_state : int or None
        Seed.
    ci : float
        Interval coverage.

    Returns
    -------
    names, share, low, high
        Sorted group names and three arrays of shape (n_groups, n_columns).
    """
    w = np.asarray(weights, dtype=float)
    if w.shape[0] != len(groups):
        raise ValueError(f"{w.shape[0]} paragraphs in weights but {len(groups)} group labels")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci}")
    names, ind = group_matrix(groups)
    boots = stratified_bootstrap(groups, n_bootstrap, random_state) if n_bootstrap else None
    tail = (1 - ci) / 2 * 100
    shape = (len(names), w.shape[1])
    share, low, high = (np.full(shape, np.nan) for _ in range(3))
    for gi in range(len(names)):
        members = ind[gi].indices
        share[gi] = _normalise(w[members].sum(axis=0, keepdims=True))[0]
        if boots is not None:
            replicates = _normalise(boots[:, members] @ w[members])  # resamples × columns
            low[gi], high[gi] = np.nanpercentile(replicates, [tail, 100 - tail], axis=0)
    return names, share, low, high


def _normalise(rows: np.ndarray) -> np.ndarray:
    total = rows.sum(axis=1, keepdims=True)
    return np.divide(rows, total, out=np.full_like(rows, np.nan, dtype=float), where=total > 0)
