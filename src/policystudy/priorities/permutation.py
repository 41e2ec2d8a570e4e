"""Group differences in domain shares, tested by permuting group labels across documents.

A permutation p-value can be no smaller than ``1 / (n + 1)`` with ``n`` permutations. With
the fixed count of earlier versions every clear difference sat on that floor (all eighteen
"significant" era differences of the national work reports had p = 0.0005, Holm 0.04998), so
the table showed the permutation count, not the evidence. Here:

* the count adapts: a pair with a p-value on its floor is permuted again, with enough
  permutations that the floor times the number of tests is far below ``alpha``
  (``max_permutations``, default ``ceil(20 * tests / alpha)``);
* a p-value still on its floor after that is a bound, ``p < 1/(n+1)``: ``p_bound`` says so and
  ``p_text`` / ``p_holm_text`` print it as ``< …``, never as a value;
* ordered groups (eras, years) can be compared neighbour to neighbour (``pairs="neighbours"``),
  where a shift shows, with a smaller family of tests for Holm's correction.

Examples
--------
>>> group_order(["2013-2025", "1954-1977", "1978-2002"])
['1954-1977', '1978-2002', '2013-2025']
>>> group_order(["9", "10", "8"])
['8', '9', '10']
>>> p_text(0.0004, bound=True), p_text(0.0123, bound=False)
('< 0.0004', '0.012')
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import combinations, pairwise
from pathlib import Path

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.domains import POLICY, Taxonomy, as_taxonomy
from policystudy.priorities.matrix import _Docs, _group_share

PAIRS = ("all", "neighbours")
#: Tested rows' columns of ``priority_tests.csv``.
TEST_COLUMNS = [
    "group_a",
    "group_b",
    "domain",
    "share_a",
    "share_b",
    "difference",
    "n_documents_a",
    "n_documents_b",
    "neighbours",
    "tested",
    "n_permutations",
    "p_value",
    "p_bound",
    "p_text",
    "p_holm",
    "p_holm_text",
    "significant",
    "note",
]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def group_order(groups: Sequence[str], order: Sequence[str] | str | None = None) -> list[str]:
    """The order of the groups: ``order`` as given (a list or ``"a,b,c"``), else by value.

    By value, a group that starts with a number (a year, an era ``1954-1977``) sorts by that
    number, the others after them by text.
    """
    uniq = sorted({str(g) for g in groups})
    if order:
        given = [s.strip() for s in order.split(",")] if isinstance(order, str) else list(order)
        given = [g for g in given if g in uniq]
        return given + [g for g in uniq if g not in given]

    def key(g: str):
        m = _NUMBER.match(g.strip())
        return (0, float(m.group()), g) if m else (1, 0.0, g)

    return sorted(uniq, key=key)


def p_text(p: float, *, bound: bool) -> str:
    """A p-value as printed: ``< x`` for a bound, three decimals (or ``< 0.001``) otherwise."""
    if p != p:  # NaN
        return ""
    if bound:
        return f"< {p:.2g}"
    return f"{p:.3f}" if p >= 0.001 else "< 0.001"


def _permute(W, ia, ib, liv, pooling, n, rng) -> np.ndarray:
    """Permutations (of ``n``) with a difference at least the observed one, per domain."""
    sa, sb = _group_share(W[ia], liv, pooling), _group_share(W[ib], liv, pooling)
    obs = np.abs(sa - sb)
    both = np.concatenate([ia, ib])
    hits = np.zeros(len(liv))
    for _ in range(n):
        perm = rng.permutation(both)
        pa = _group_share(W[perm[: len(ia)]], liv, pooling)
        pb = _group_share(W[perm[len(ia) :]], liv, pooling)
        hits += np.abs(pa - pb) >= obs - 1e-12
    return hits


def permutation_tests(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    pooling: str = defaults.POOLING,
    min_documents: int = defaults.MIN_DOCUMENTS,
    n_permutations: int = 999,
    max_permutations: int | None = None,
    alpha: float = 0.05,
    pairs: str = defaults.TEST_PAIRS,
    order: Sequence[str] | str | None = None,
    random_state: int = defaults.RANDOM_STATE,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = defaults.WEIGHT,
) -> pd.DataFrame:
    """Share differences between groups, tested by permuting group labels across documents.

    Only pairs where both groups have at least ``min_documents`` documents are tested
    (``tested``); the others carry no p-value and say why. Holm's correction runs over all
    tested rows.

    Parameters
    ----------
    n_permutations : int
        Permutations of every tested pair.
    max_permutations : int, optional
        A pair with a p-value on its floor ``1/(n_permutations + 1)`` is permuted again with
        this many permutations (default ``ceil(20 * tests / alpha)``, at least
        ``n_permutations``; 0 or less: never). ``n_permutations`` says what each row used.
    alpha : float
        The level of ``significant`` (Holm-adjusted).
    pairs : {"all", "neighbours"}
        Every pair of groups, or only neighbours in ``order`` (eras, years).
    order : list of str or "a,b,c", optional
        The order of the groups; default by value (numbers first, see :func:`group_order`).
        ``neighbours`` marks the pairs that are next to each other in it.

    Returns
    -------
    pandas.DataFrame
        :data:`TEST_COLUMNS`. ``p_bound`` is True when no permutation reached the observed
        difference: ``p_value`` is then the bound ``1/(n+1)`` and ``p_text`` reads ``< …``.

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)],
    ...     "era": ["1950s"] * 3 + ["1960s"] * 3, "part": "policy", "duplicate_of": "",
    ...     "chars": 10, "primary": ["health"] * 3 + ["education"] * 3})
    >>> t = permutation_tests(coded, group_by="era", min_documents=3, n_permutations=99,
    ...                       max_permutations=0)
    >>> t.loc[t["domain"] == "health", ["n_permutations", "p_bound", "p_text"]].values.tolist()
    [[99, False, '0.060']]
    """
    if pairs not in PAIRS:
        raise ValueError(f"pairs must be one of {PAIRS}, not {pairs!r}")
    tax = as_taxonomy(taxonomy)
    d = _Docs(coded, group_by=group_by, codes=tax.codes, use_parts=use_parts, weight=weight)
    liv = np.array([tax.codes.index(c) for c in tax.livelihood], dtype=int)
    groups = np.asarray(d.groups)
    ordered = group_order(d.groups, order)
    adjacent = set(pairwise(ordered))
    candidates = list(adjacent) if pairs == "neighbours" else list(combinations(ordered, 2))
    candidates.sort(key=lambda ab: (ordered.index(ab[0]), ordered.index(ab[1])))
    sizes = {g: int((groups == g).sum()) for g in ordered}
    n_tests = len(liv) * sum(1 for a, b in candidates if min(sizes[a], sizes[b]) >= min_documents)
    if max_permutations is None:
        max_permutations = max(n_permutations, math.ceil(20 * max(n_tests, 1) / alpha))
    rng = np.random.default_rng(random_state)
    rows = []
    for a, b in candidates:
        ia, ib = np.flatnonzero(groups == a), np.flatnonzero(groups == b)
        sa, sb = _group_share(d.W[ia], liv, pooling), _group_share(d.W[ib], liv, pooling)
        tested = len(ia) >= min_documents and len(ib) >= min_documents
        p = np.full(len(liv), np.nan)
        bound = np.zeros(len(liv), dtype=bool)
        used = 0
        if tested:
            used = n_permutations
            hits = _permute(d.W, ia, ib, liv, pooling, used, rng)
            # On the floor: the count, not the data, sets p. Permute again with more.
            floor = (hits == 0) & ~np.isnan(np.abs(sa - sb))
            if floor.any() and max_permutations > n_permutations:
                used = max_permutations
                hits = _permute(d.W, ia, ib, liv, pooling, used, rng)
            p = (1 + hits) / (1 + used)
            bound = hits == 0
        note = (
            ""
            if tested
            else f"not tested: fewer than {min_documents} documents "
            f"({a}: {len(ia)}, {b}: {len(ib)})"
        )
        for k, code in enumerate(tax.livelihood):
            rows.append(
                {
                    "group_a": a,
                    "group_b": b,
                    "domain": code,
                    "share_a": sa[k],
                    "share_b": sb[k],
                    "difference": sa[k] - sb[k],
                    "n_documents_a": len(ia),
                    "n_documents_b": len(ib),
                    "neighbours": (a, b) in adjacent,
                    "tested": tested,
                    "n_permutations": used,
                    "p_value": p[k],
                    "p_bound": bool(bound[k]) and tested,
                    "note": note,
                }
            )
    base = [c for c in TEST_COLUMNS if c not in ("p_text", "p_holm", "p_holm_text", "significant")]
    out = pd.DataFrame(rows, columns=base)
    out["p_holm"] = holm(out["p_value"].to_numpy(dtype=float)) if len(out) else []
    out["significant"] = (out["p_holm"] < alpha) if len(out) else pd.Series([], dtype=bool)
    out["p_text"] = [
        p_text(p, bound=b) for p, b in zip(out["p_value"], out["p_bound"], strict=True)
    ]
    # Holm's value of a bound is a bound too.
    out["p_holm_text"] = [
        p_text(p, bound=b) for p, b in zip(out["p_holm"], out["p_bound"], strict=True)
    ]
    if out.empty:
        out = out.astype({"tested": bool, "significant": bool, "neighbours": bool, "p_bound": bool})
    return out[TEST_COLUMNS]


def holm(pvalues: Sequence[float]) -> np.ndarray:
    """Holm step-down adjusted p-values (NaN stays NaN and is not counted).

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03, float("nan")]).round(2).tolist()
    [0.03, 0.06, 0.06, nan]
    """
    p = np.asarray(pvalues, dtype=float)
    out = np.full_like(p, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    m = len(ok)
    if not m:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    adj = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out[order] = np.minimum(adj, 1.0)
    return out
