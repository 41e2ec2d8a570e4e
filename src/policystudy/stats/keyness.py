"""Keyness of each group against the rest of the corpus, all groups at once.

Three signed measures over a sparse group × term count matrix:

* the log-odds ratio with an informative Dirichlet prior and its z-score
  (Monroe, Colaresi & Quinn 2008, "Fightin' Words", *Political Analysis* 16(4)), the
  measure this project ranks by;
* Pearson's chi-square with Yates' continuity correction and
* the likelihood-ratio G² with Williams' correction,

the last two following the conventions of quanteda's ``textstat_keyness`` (its ``"default"``
corrections; the statistic is negative when the term is *under*-represented in the group)
so that readers used to quanteda can compare numbers.

Every function is vectorised: one call scores every group against the rest.

Examples
--------
>>> import numpy as np
>>> counts = np.array([[8, 2, 5], [1, 6, 5]])  # 2 groups × terms 社保卡, 养老, 就业
>>> z = log_odds_dirichlet(counts).z
>>> bool(z[0, 0] > 0 > z[1, 0])  # 社保卡 is key for the first group, not the second
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import xlogy

__all__ = [
    "Z_CRITICAL",
    "LogOdds",
    "chi2_yates",
    "formula_once",
    "g2_williams",
    "keyness_table",
    "log_odds_dirichlet",
]


# Two-sided 5% critical value of the standard normal: the report lists, and the keyness figure
# marks, terms with |z| at least this.
Z_CRITICAL = 1.96


@dataclass(frozen=True)
class LogOdds:
    """Result of :func:`log_odds_dirichlet`; every array is groups × terms.

    Attributes
    ----------
    delta : numpy.ndarray
        Log-odds ratio of the group against the rest, smoothed by the prior.
    variance : numpy.ndarray
        Its approximate variance ``1/(y_i + α) + 1/(y_j + α)``.
    z : numpy.ndarray
        ``delta / sqrt(variance)``.
    """

    delta: np.ndarray
    variance: np.ndarray
    z: np.ndarray


def _dense(counts) -> np.ndarray:
    if sparse.issparse(counts):
        counts = counts.toarray()
    arr = np.asarray(counts, dtype=float)
    if arr.ndim != 2:
        raise ValueError(f"counts must be a 2-D groups × terms matrix, got shape {arr.shape}")
    if (arr < 0).any():
        raise ValueError("counts must be non-negative")
    return arr


def log_odds_dirichlet(counts, *, prior=None, alpha0: float | None = None) -> LogOdds:
    r"""Log-odds ratio with informative Dirichlet prior, each group against the rest.

    For group *i*, term *w*, with the rest of the corpus as *j*:

    .. math::

        \delta_w = \log\frac{y_{iw}+\alpha_w}{n_i+\alpha_0-y_{iw}-\alpha_w}
                 - \log\frac{y_{jw}+\alpha_w}{n_j+\alpha_0-y_{jw}-\alpha_w},\qquad
        \sigma^2_w \approx \frac{1}{y_{iw}+\alpha_w}+\frac{1}{y_{jw}+\alpha_w},\qquad
        z_w = \delta_w/\sigma_w .

    Parameters
    ----------
    counts : array-like or scipy.sparse matrix, shape (n_groups, n_terms)
        Term counts per group.
    prior : array-like, shape (n_terms,), optional
        Prior term counts; by default the corpus-wide counts (the informative prior of
        Monroe et al., as in tidylo's ``bind_log_odds``).
    alpha0 : float, optional
        Total prior mass; ``prior`` is rescaled to sum to it. By default the prior is used
        as given, i.e. as strong as the corpus itself.

    Returns
    -------
    LogOdds

    Examples
    --------
    >>> counts = np.array([[3, 1], [1, 3]])  # 公办园 and 网格 in two groups
    >>> np.round(log_odds_dirichlet(counts).z, 3).tolist()
    [[1.149, -1.149], [-1.149, 1.149]]
    """
    y = _dense(counts)
    total_w = y.sum(axis=0)
    alpha = total_w if prior is None else np.asarray(prior, dtype=float)
    if alpha.shape != (y.shape[1],):
        raise ValueError(f"prior must have one value per term ({y.shape[1]}), got {alpha.shape}")
    if (alpha <= 0).any():
        # A zero prior with a zero count gives log(0): every kept term must have been seen.
        raise ValueError("prior must be positive for every term (drop unseen terms first)")
    if alpha0 is not None:
        if alpha0 <= 0:
            raise ValueError(f"alpha0 must be positive, got {alpha0}")
        alpha = alpha * (alpha0 / alpha.sum())
    a0 = alpha.sum()
    n_i = y.sum(axis=1, keepdims=True)
    y_j = total_w[None, :] - y
    n_j = total_w.sum() - n_i
    log_odds_i = np.log(y + alpha) - np.log(n_i + a0 - y - alpha)
    log_odds_j = np.log(y_j + alpha) - np.log(n_j + a0 - y_j - alpha)
    delta = log_odds_i - log_odds_j
    variance = 1.0 / (y + alpha) + 1.0 / (y_j + alpha)
    return LogOdds(delta=delta, variance=variance, z=delta / np.sqrt(variance))


def _two_by_two(counts) -> tuple[np.ndarray, ...]:
    """Cells a (term in group), b (other terms in group), c (term in rest), d (other, rest)."""
    y = _dense(counts)
    total_w = y.sum(axis=0)[None, :]
    n_i = y.sum(axis=1, keepdims=True)
    n = y.sum()
    a = y
    b = n_i - a
    c = total_w - a
    d = n - n_i - c
    return a, b, c, d, n


def _expected_a(a, b, c, d, n):
    return (a + b) * (a + c) / n


def chi2_yates(counts) -> np.ndarray:
    """Signed chi-square with Yates' correction, each group against the rest.

    Matches R's ``chisq.test(correct = TRUE)`` on the 2 × 2 table (group/rest × term/other
    terms), as quanteda's ``textstat_keyness(measure = "chi2")`` does: each cell moves
    towards its expectation by ``min(0.5, |O - E|)``. The sign is negative when the term
    is rarer in the group than expected.

    Examples
    --------
    >>> np.round(chi2_yates(np.array([[7, 3], [2, 7]])), 4).tolist()  # = scipy chi2_contingency
    [[2.6324, -2.6324], [-2.6324, 2.6324]]
    """
    a, b, c, d, n = _two_by_two(counts)
    ea = _expected_a(a, b, c, d, n)
    # All four cells of a 2x2 table share |O - E|, so one correction serves every cell.
    diff = np.abs(a - ea)
    yates = np.minimum(0.5, diff)
    row_g, row_r = a + b, c + d
    col_t, col_o = a + c, b + d
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = 1 / (row_g * col_t) + 1 / (row_g * col_o) + 1 / (row_r * col_t) + 1 / (row_r * col_o)
        stat = n * (diff - yates) ** 2 * inv
    stat = np.nan_to_num(stat, nan=0.0, posinf=0.0)
    return np.where(a >= ea, stat, -stat)


def g2_williams(counts) -> np.ndarray:
    """Signed likelihood-ratio G² with Williams' correction, each group against the rest.

    ``G² = 2 Σ O log(O/E)`` over the four cells, divided by Williams' factor
    ``q = 1 + (N/R1 + N/R2 - 1)(N/C1 + N/C2 - 1) / (6N)`` (quanteda's default for
    ``measure = "lr"``); negative when the term is rarer in the group than expected.

    Examples
    --------
    >>> np.round(g2_williams(np.array([[7, 3], [2, 7]])), 4).tolist()
    [[4.2008, -4.2008], [-4.2008, 4.2008]]
    """
    a, b, c, d, n = _two_by_two(counts)
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = (
            (a, r1 * c1 / n),
            (b, r1 * c2 / n),
            (c, r2 * c1 / n),
            (d, r2 * c2 / n),
        )
        g2 = 2 * sum(xlogy(o, o) - xlogy(o, e) for o, e in cells)
        q = 1 + (n / r1 + n / r2 - 1) * (n / c1 + n / c2 - 1) / (6 * n)
        stat = g2 / q
    stat = np.nan_to_num(stat, nan=0.0, posinf=0.0)
    ea = r1 * c1 / n
    return np.where(a >= ea, stat, -stat)


def formula_once(tokens: Sequence, documents: Sequence[str], *, context: int = 1) -> list:
    """Token lists where a formula repeated within one document counts once.

    A slogan repeated down a document (「聚焦…,在…上实现新突破」 seven times in one news
    feature) would make 突破 distinctive of its group. An occurrence of a token whose
    ``context`` preceding tokens (within its paragraph) are those of an earlier occurrence of
    the same token in the same document is a repeat of the formula and is dropped; the first
    stays. ``context=0`` keeps every occurrence. The tokens are content tokens (function
    words such as 在, 上, 实现 are gone), so with the default ``context=1`` a term counts once
    per document for each distinct word before it: the seven 「…新突破」 count once, and so does
    a collocation a document repeats word for word (居家养老 ten times); a term used in
    different phrasings keeps every one.

    Parameters
    ----------
    tokens : sequence of token lists or of space-joined token strings
        One per paragraph; the result has the same form.
    documents : sequence of str
        Each paragraph's document id.
    context : int, keyword-only
        Preceding tokens that make two occurrences the same formula.

    Examples
    --------
    >>> paras = [["在", "改革", "上", "实现", "新", "突破"], ["在", "健康", "上", "实现", "新", "突破"],
    ...          ["取得", "新", "突破"]]
    >>> [p.count("突破") for p in formula_once(paras, ["d", "d", "d"], context=2)]
    [1, 0, 1]
    >>> [p.count("突破") for p in formula_once(paras, ["d", "e", "d"], context=2)]
    [1, 1, 1]
    >>> formula_once(["改革 新 突破", "健康 新 突破"], ["d", "d"])
    ['改革 新 突破', '健康 新']
    """
    joined = bool(tokens) and isinstance(tokens[0], str)
    lists = [t.split() if isinstance(t, str) else list(t) for t in tokens]
    if context <= 0:
        return [" ".join(t) for t in lists] if joined else lists
    seen: dict[str, set] = {}
    out = []
    for toks, doc in zip(lists, documents, strict=True):
        keys = seen.setdefault(str(doc), set())
        kept = []
        for i, tok in enumerate(toks):
            key = (tuple(toks[max(0, i - context) : i]), tok)
            if len(key[0]) == context and key in keys:
                continue
            keys.add(key)
            kept.append(tok)
        out.append(" ".join(kept) if joined else kept)
    return out


def keyness_table(
    counts,
    groups: Sequence[str],
    terms: Sequence[str],
    *,
    top_k: int | None = None,
    prior=None,
    alpha0: float | None = None,
) -> pd.DataFrame:
    """Long keyness table, every group against the rest, ranked by z within group.

    Parameters
    ----------
    counts : array-like or scipy.sparse matrix, shape (n_groups, n_terms)
    groups, terms : sequence of str
        Row and column labels of ``counts``.
    top_k : int, optional
        Keep the ``top_k`` terms of highest z per group (all terms by default).
    prior, alpha0
        Passed to :func:`log_odds_dirichlet`.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, rank, term, count_in_group, count_in_rest, log_odds, variance, z,
        chi2, g2``, sorted by ``group`` then ``(-z, term)``.

    Examples
    --------
    >>> t = keyness_table([[5, 1, 2], [1, 5, 2]], ["辽宁", "江苏"], ["社保卡", "网格", "就业"])
    >>> t.loc[t["rank"] == 1, ["group", "term"]].values.tolist()
    [['江苏', '网格'], ['辽宁', '社保卡']]
    """
    y = _dense(counts)
    groups = [str(g) for g in groups]
    terms = np.asarray([str(t) for t in terms], dtype=object)
    if y.shape != (len(groups), len(terms)):
        raise ValueError(f"counts shape {y.shape} does not match {len(groups)} × {len(terms)}")
    if len(groups) < 2:
        raise ValueError("keyness compares a group with the rest: it needs at least two groups")
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be >= 1, got {top_k}")
    lo = log_odds_dirichlet(y, prior=prior, alpha0=alpha0)
    chi2 = chi2_yates(y)
    g2 = g2_williams(y)
    total_w = y.sum(axis=0)
    frames = []
    for gi in np.argsort(np.asarray(groups, dtype=object), kind="stable"):
        # lexsort's last key is primary: -z first, then the term for stable ties.
        order = np.lexsort((terms, -lo.z[gi]))
        if top_k is not None:
            order = order[:top_k]
        frames.append(
            pd.DataFrame(
                {
                    "group": groups[gi],
                    "rank": np.arange(1, len(order) + 1),
                    "term": terms[order],
                    "count_in_group": y[gi, order].astype(np.int64),
                    "count_in_rest": (total_w[order] - y[gi, order]).astype(np.int64),
                    "log_odds": lo.delta[gi, order],
                    "variance": lo.variance[gi, order],
                    "z": lo.z[gi, order],
                    "chi2": chi2[gi, order],
                    "g2": g2[gi, order],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
