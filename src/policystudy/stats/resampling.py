"""Resampling shared by every analysis: group indicators, stratified bootstrap, group shares.

Keywords (stability) and topics (prevalence) resample within each group, the group's documents
when it has enough of them (else paragraphs, or no interval); they draw through
:func:`bootstrap_blocks`, so one seed gives one set of resamples, vectorised as a resamples ×
units matrix of multiplicities.

Examples
--------
>>> import numpy as np
>>> names, share, low, high = group_shares(np.array([[3.0, 1.0], [1.0, 1.0], [0.0, 2.0]]),
...                                        ["苏", "苏", "津"], n_bootstrap=200, random_state=1)
>>> names.tolist(), share.round(3).tolist()
(['津', '苏'], [[0.0, 1.0], [0.667, 0.333]])
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

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


# A resample block holds at most this many multiplicities (rows × paragraphs), so the bootstrap
# of a 200 000-paragraph corpus never materialises 1000 × 200 000 weights at once.
BLOCK_CELLS = 4_000_000


def bootstrap_blocks(
    groups: Sequence[str],
    n_bootstrap: int,
    random_state: int | None,
    *,
    block_cells: int = BLOCK_CELLS,
) -> Iterator[np.ndarray]:
    """Consecutive row blocks of :func:`stratified_bootstrap`, with bounded memory.

    Every group draws from its own generator (spawned from ``random_state`` in sorted label
    order), one call per resample, so the rows are the same whatever the block size, and a
    group's draws do not depend on the other groups.

    Parameters
    ----------
    groups : sequence of str
        Group of each paragraph.
    n_bootstrap : int
        Resamples in all.
    random_state : int or None
        Seed.
    block_cells : int
        Largest ``rows × paragraphs`` of one block (at least one row per block).

    Yields
    ------
    numpy.ndarray, shape (rows, n_paragraphs), unsigned int
        Paragraph multiplicities; each row keeps every group's size.

    Examples
    --------
    >>> g = ["苏", "苏", "津", "辽"]
    >>> blocks = list(bootstrap_blocks(g, 5, 0, block_cells=8))
    >>> [b.shape for b in blocks]
    [(2, 4), (2, 4), (1, 4)]
    >>> bool((np.vstack(blocks) == stratified_bootstrap(g, 5, 0)).all())
    True
    """
    labels, ind = group_matrix(groups)
    n = ind.shape[1]
    members = [ind[gi].indices for gi in range(len(labels))]
    # Sorted labels: the generators, and so the draws, do not depend on input order.
    rngs = [
        np.random.default_rng(s) for s in np.random.SeedSequence(random_state).spawn(len(labels))
    ]
    # A paragraph is drawn at most as often as its group has paragraphs: the smallest unsigned
    # type holding that keeps a block 4-8× smaller than int64.
    dtype = np.min_scalar_type(max((len(m) for m in members), default=0))
    rows = max(1, block_cells // max(n, 1))
    for start in range(0, n_bootstrap, rows):
        block = np.zeros((min(rows, n_bootstrap - start), n), dtype=dtype)
        r = block.shape[0]
        for rng, idx in zip(rngs, members, strict=True):
            n_g = len(idx)
            # Uniform draws with replacement, counted: the multinomial(n, 1/n) row in time
            # linear in the group size. Generator.random takes exactly one 64-bit value per
            # draw (integers() buffers 32-bit halves within a call), so the rows do not
            # depend on how they are split into blocks.
            drawn = (rng.random((r, n_g)) * n_g).astype(np.int64)
            drawn += (np.arange(r) * n_g)[:, None]  # row offsets: one bincount for the block
            block[:, idx] = np.bincount(drawn.ravel(), minlength=r * n_g).reshape(r, n_g)
        yield block


def stratified_bootstrap(
    groups: Sequence[str], n_bootstrap: int, random_state: int | None
) -> np.ndarray:
    """Paragraph multiplicities of ``n_bootstrap`` resamples drawn within each group.

    Each row resamples every group's paragraphs with replacement, keeping group sizes, so
    a row ``w`` turns any paragraph-level sum ``Σ x_p`` into its bootstrap replicate
    ``Σ w_p x_p`` without copying data. Large corpora should iterate
    :func:`bootstrap_blocks` instead (same rows, bounded memory).

    Returns
    -------
    numpy.ndarray, shape (n_bootstrap, n_paragraphs), unsigned int

    Examples
    --------
    >>> w = stratified_bootstrap(["津", "津", "辽"], 4, 42)
    >>> w.sum(axis=1).tolist(), w[:, 2].tolist()  # the lone 辽 paragraph is always drawn once
    ([3, 3, 3, 3], [1, 1, 1, 1])
    """
    blocks = list(bootstrap_blocks(groups, n_bootstrap, random_state))
    if not blocks:
        return np.zeros((0, len(groups)), dtype=np.uint8)
    return np.vstack(blocks)


def group_shares(
    weights: np.ndarray,
    groups: Sequence[str],
    *,
    n_bootstrap: int,
    random_state: int | None,
    ci: float = 0.95,
    units: Sequence[str] | None = None,
    min_units: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each group's share of column weight, with percentile bootstrap intervals.

    ``share[g, j] = Σ_{p∈g} W[p, j] / Σ_{p∈g} Σ_j W[p, j]``; the interval comes from the same
    ratio on :func:`bootstrap_blocks` resamples. Without ``units`` the resamples draw each
    group's paragraphs. With ``units`` (the document of each paragraph) they draw each group's
    documents, a drawn document bringing all its paragraphs' weight (a cluster bootstrap), and
    only groups of at least ``min_units`` documents get an interval. A group (or resample) with
    no weight gets NaN.

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
    units : sequence of str, optional
        Resampling unit (document) of each paragraph. A group's units are drawn in the order
        of their sorted ids, each group from its own generator (:func:`bootstrap_blocks` over
        the units, grouped), so the draws do not depend on the order of the paragraphs.
    min_units : int
        With ``units``: groups with fewer units get NaN intervals (a single text is not a
        sample).

    Returns
    -------
    names, share, low, high
        Sorted group names and three arrays of shape (n_groups, n_columns).

    Examples
    --------
    >>> w = np.array([[3.0, 1.0], [1.0, 1.0], [0.0, 2.0], [2.0, 2.0], [1.0, 0.0]])
    >>> names, share, low, high = group_shares(w, ["苏", "苏", "苏", "津", "津"],
    ...     units=["a", "a", "b", "c", "c"], min_units=2, n_bootstrap=50, random_state=0)
    >>> names.tolist(), share.tolist()
    (['津', '苏'], [[0.6, 0.4], [0.5, 0.5]])
    >>> low.round(3).tolist()  # 津 is one document: no interval; 苏 draws documents a and b
    [[nan, nan], [0.0, 0.333]]
    """
    w = np.asarray(weights, dtype=float)
    if w.shape[0] != len(groups):
        raise ValueError(f"{w.shape[0]} paragraphs in weights but {len(groups)} group labels")
    if units is not None and len(units) != len(groups):
        raise ValueError(f"{len(units)} unit ids but {len(groups)} paragraphs")
    if not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1, got {ci}")
    names, ind = group_matrix(groups)
    members = [ind[gi].indices for gi in range(len(names))]
    share = np.vstack([_normalise(w[idx].sum(axis=0, keepdims=True)) for idx in members])
    low, high = np.full_like(share, np.nan), np.full_like(share, np.nan)
    if units is None:
        axis_groups, axis_weights, resampled = list(groups), w, [True] * len(names)
    else:
        axis_groups, axis_weights, n_units = unit_weights(w, groups, units)
        resampled = [n >= min_units for n in n_units]
    if not n_bootstrap or not any(resampled):
        return names, share, low, high
    _, axis_ind = group_matrix(axis_groups)  # the same sorted names: every group has a unit
    axis_members = [axis_ind[gi].indices for gi in range(len(names))]
    tail = (1 - ci) / 2 * 100
    replicates: list[list[np.ndarray]] = [[] for _ in names]
    for block in bootstrap_blocks(axis_groups, n_bootstrap, random_state):
        for gi, idx in enumerate(axis_members):
            if resampled[gi]:
                replicates[gi].append(block[:, idx] @ axis_weights[idx])  # resamples × columns
    for gi in range(len(names)):
        if resampled[gi]:
            boot = _normalise(np.vstack(replicates[gi]))
            low[gi], high[gi] = np.nanpercentile(boot, [tail, 100 - tail], axis=0)
    return names, share, low, high


def unit_weights(
    weights: np.ndarray, groups: Sequence[str], units: Sequence[str]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Paragraph weights summed per resampling unit of each group.

    A unit is a (group, unit id) pair; units are ordered by group label, then unit id.

    Returns
    -------
    unit_groups, unit_weights, n_units
        The group of each unit, the units × columns weight, and the number of units of each
        group (sorted group labels, as :func:`group_matrix`).

    Examples
    --------
    >>> g, w, n = unit_weights(np.array([[1.0], [2.0], [4.0]]), ["苏", "津", "苏"], ["b", "c", "a"])
    >>> g, w.ravel().tolist(), n.tolist()
    (['津', '苏', '苏'], [2.0, 4.0, 1.0], [1, 2])
    """
    # One key per (group, unit): a unit id shared by two groups is two units.
    keys, of = np.unique(
        np.asarray([f"{g}\x1f{u}" for g, u in zip(groups, units, strict=True)], dtype=object),
        return_inverse=True,
    )
    agg = sparse.csr_matrix(
        (np.ones(len(of)), (of, np.arange(len(of)))), shape=(len(keys), len(of))
    )
    unit_groups = [k.split("\x1f", 1)[0] for k in keys]
    n_units = np.asarray(group_matrix(unit_groups)[1].sum(axis=1)).ravel()
    return unit_groups, np.asarray(agg @ np.asarray(weights, dtype=float)), n_units


def _normalise(rows: np.ndarray) -> np.ndarray:
    total = rows.sum(axis=1, keepdims=True)
    return np.divide(rows, total, out=np.full_like(rows, np.nan, dtype=float), where=total > 0)
