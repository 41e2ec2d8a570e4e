"""Linear-time top-k of score rows, with the (-score, column) order of a stable sort."""

from __future__ import annotations

import numpy as np

__all__ = ["top_mask", "top_order"]


def top_order(scores: np.ndarray, top_k: int, *, positive: bool) -> np.ndarray:
    """Column indices of the top ``top_k`` per row by (-score, column); columns sorted by term.

    Same result as a stable ``argsort`` of ``-scores``, in linear rather than n·log n time.

    Examples
    --------
    >>> top_order(np.array([[0.5, 2.0, 2.0, 1.0]]), 2, positive=True).tolist()
    [[1, 2]]
    """
    n_cols = scores.shape[1]
    k = min(top_k, n_cols)
    if 0 < k < n_cols:
        # The k-th largest score per row; every column reaching it is a candidate, so ties at
        # the boundary are broken by column exactly as the stable sort would.
        kth = -np.partition(-scores, k - 1, axis=1)[:, k - 1]
        order = np.empty((scores.shape[0], k), dtype=np.intp)
        for r, row in enumerate(scores):
            cand = np.flatnonzero(row >= kth[r])
            order[r] = cand[np.lexsort((cand, -row[cand]))][:k]
    else:
        order = np.argsort(-scores, axis=1, kind="stable")[:, :top_k]
    if positive:
        # A term absent from the group must never count as "in the top k".
        keep = np.take_along_axis(scores, order, axis=1) > 0
        order = np.where(keep, order, -1)
    return order


def top_mask(scores: np.ndarray, top_k: int, *, positive: bool) -> np.ndarray:
    """Boolean mask of the columns :func:`top_order` puts in each row's top ``top_k``.

    The bootstrap needs only membership, not order, so this is vectorised over rows: above
    the k-th largest score, plus the lowest-numbered columns tied with it.

    Examples
    --------
    >>> top_mask(np.array([[0.5, 2.0, 2.0, 1.0], [0.0, 0.0, 3.0, 0.0]]), 2,
    ...           positive=True).tolist()
    [[False, True, True, False], [False, False, True, False]]
    """
    n_rows, n_cols = scores.shape
    k = min(top_k, n_cols)
    if k < n_cols:
        kth = -np.partition(-scores, k - 1, axis=1)[:, k - 1 : k]
        mask = scores > kth
        tied = scores == kth
        room = k - mask.sum(axis=1, keepdims=True)
        mask |= tied & (np.cumsum(tied, axis=1) <= room)
    else:
        mask = np.ones((n_rows, n_cols), dtype=bool)
    if positive:
        mask &= scores > 0
    return mask
