"""NMF topics of paragraphs: fitting them, and choosing their number from the data.

:func:`choose_n_topics` fits every candidate number and keeps the one whose topics are most
coherent (mean NPMI of each topic's top terms, co-occurrence counted over paragraphs),
reporting the reconstruction error alongside.

Examples
--------
>>> from policystudy.topics.space import TfidfSpace
>>> toks = ["养老 护理 养老", "养老 机构 床位", "网格 治理 网格", "网格 社区 平安"]
>>> x = TfidfSpace().fit(toks).transform(toks)
>>> fit_topics(x, 2).n_components
2
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.linalg import norm as sparse_norm
from sklearn.decomposition import NMF
from threadpoolctl import threadpool_limits

from policystudy.core import defaults
from policystudy.core.parallel import resolve_jobs

# Topic models learn from at most this many paragraphs (a seeded sample); see fit_topics.
FIT_ROWS = 20_000
# Paragraphs the n_topics scan fits its candidates on: 14 models, each compared by averages
# (mean NPMI of top-term pairs, relative error) that a seeded sample of this size estimates
# closely. Profiled on 10 MB of unique paragraphs: 19 s with 18 000 rows, 5 s with 5 000.
SCAN_ROWS = 5_000
# NMF iterations at most (scikit-learn's default, 200, stops short of convergence here).
MAX_ITER = 5000


def fit_topics(
    x,
    n_topics: int,
    *,
    random_state: int | None = defaults.RANDOM_STATE,
    max_iter: int = MAX_ITER,
    max_rows: int | None = FIT_ROWS,
) -> NMF:
    """NMF topics of a paragraph × term TF-IDF matrix, deterministic for a given seed.

    ``init="nndsvd"`` starts from an SVD rather than random factors, so the solution does
    not depend on luck; ``random_state`` is still passed for scikit-learn's solvers.

    With more than ``max_rows`` paragraphs the topics (``components_``) are learned on a
    seeded random sample of ``max_rows`` of them (:func:`sample_rows`); ``model.transform``
    then gives every paragraph its topic weights. On the 100 MB benchmark corpus (196 000
    paragraphs) that takes 3 s instead of 52 s; ``None`` fits on all rows.

    Examples
    --------
    >>> toks = ["养老 护理 养老", "养老 机构 床位", "网格 治理 网格", "网格 社区 平安"]
    >>> from policystudy.topics.space import TfidfSpace
    >>> space = TfidfSpace().fit(toks)
    >>> fit_topics(space.transform(toks), 2).components_.shape[0]
    2
    """
    n_rows = x.shape[0]
    if not isinstance(n_topics, (int, np.integer)) or not 2 <= n_topics <= n_rows:
        raise ValueError(f"n_topics must be an integer between 2 and {n_rows}, got {n_topics!r}")
    sample = sample_rows(x, max_rows, random_state=random_state)
    # One BLAS thread: a multi-threaded BLAS sums in another order (factors ~1e-14 apart), so
    # the topics would depend on the machine's core count.
    with threadpool_limits(limits=1, user_api="blas"):
        return _nmf(sample, int(n_topics), random_state=random_state, max_iter=max_iter)


def _nmf(x, n_topics: int, *, random_state: int | None, max_iter: int) -> NMF:
    # The caller limits BLAS to one thread (threadpoolctl's limits are process-wide, so they
    # are set once around any threads, never inside them).
    model = NMF(n_components=n_topics, init="nndsvd", random_state=random_state, max_iter=max_iter)
    return model.fit(x)


def sample_rows(x, max_rows: int | None, *, random_state: int | None = defaults.RANDOM_STATE):
    """``x`` itself, or a seeded random sample of ``max_rows`` of its rows in their order.

    Examples
    --------
    >>> sample_rows(np.arange(10).reshape(5, 2), 2, random_state=0).tolist()
    [[6, 7], [8, 9]]
    """
    n_rows = x.shape[0]
    if max_rows is None or n_rows <= max_rows:
        return x
    return x[np.sort(np.random.default_rng(random_state).choice(n_rows, max_rows, replace=False))]


def top_term_indices(components: np.ndarray, top_n: int) -> np.ndarray:
    # Stable sort of -weight over alphabetically sorted columns gives (-weight, term) order.
    return np.argsort(-components, axis=1, kind="stable")[:, :top_n]


def topic_coherence(x, top_terms: np.ndarray) -> np.ndarray:
    """Mean NPMI of each topic's top-term pairs, co-occurrence counted over the rows of ``x``.

    NPMI(a, b) = log(P(a,b) / (P(a)P(b))) / -log P(a,b), with -1 for pairs never seen
    together; 1 means the terms always appear together.

    Examples
    --------
    >>> x = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1]])
    >>> topic_coherence(x, np.array([[0, 1], [0, 2]])).round(3).tolist()
    [0.415, -1.0]
    """
    present = (x > 0).astype(float)
    present = sparse.csr_matrix(present)
    n = present.shape[0]
    scores = np.empty(len(top_terms))
    for t, idx in enumerate(top_terms):
        sub = present[:, idx]
        joint = np.asarray((sub.T @ sub).todense()) / n
        single = np.diag(joint).copy()
        iu = np.triu_indices(len(idx), k=1)
        p_ab = joint[iu]
        p_a_p_b = single[iu[0]] * single[iu[1]]
        with np.errstate(divide="ignore", invalid="ignore"):
            npmi = np.log(p_ab / p_a_p_b) / -np.log(p_ab)
        # Never together: -1; always together in every row (P=1): +1 by convention.
        npmi = np.where(p_ab == 0, -1.0, npmi)
        npmi = np.where(p_ab == 1, 1.0, npmi)
        scores[t] = npmi.mean()
    return scores


def choose_n_topics(
    x,
    *,
    candidates: Iterable[int] = range(2, 16),
    random_state: int | None = defaults.RANDOM_STATE,
    top_n: int = 10,
    min_paragraphs_per_topic: int = 10,
    max_rows: int | None = SCAN_ROWS,
    n_jobs: int = defaults.N_JOBS,
) -> tuple[int, pd.DataFrame]:
    """Number of topics with the most coherent topics, among ``candidates``.

    Coherence alone keeps rising as topics shrink towards single paragraphs (a topic of one
    paragraph is trivially coherent on that paragraph), so candidates are capped at
    ``n_paragraphs // min_paragraphs_per_topic``: on average every topic must be carried by
    at least that many paragraphs.

    Parameters
    ----------
    x : paragraph × term TF-IDF matrix
    candidates : iterable of int
        Values tried; those above the cap are skipped.
    random_state : int or None
    top_n : int
        Top terms per topic used for coherence.
    min_paragraphs_per_topic : int
        Average paragraphs per topic below which a candidate is not tried.
    max_rows : int or None
        With more paragraphs than this, the candidates are fitted on a seeded random sample
        of this many paragraphs (``random_state``), not on all of them: the scan fits up to
        14 models, and coherence and relative error are averages that a sample of
        :data:`SCAN_ROWS` (5 000) paragraphs estimates closely at a fraction of the cost.
        The chosen number is then fitted by :func:`fit_topics` on up to :data:`FIT_ROWS`.
        ``None`` fits all rows.
    n_jobs : int
        Candidates fitted side by side, in threads; 0 = one per available core. The table
        does not depend on it.

    Returns
    -------
    (int, pandas.DataFrame)
        The chosen number (highest mean NPMI; the smaller number on a tie) and the table
        ``n_topics, reconstruction_error, relative_error, coherence, paragraphs, chosen``,
        where ``paragraphs`` is the number of paragraphs the models were fitted on.

    Examples
    --------
    >>> toks = ["养老 护理 机构", "养老 机构 床位", "网格 治理 社区", "网格 社区 平安"] * 2
    >>> from policystudy.topics.space import TfidfSpace
    >>> space = TfidfSpace().fit(toks)
    >>> best, scan = choose_n_topics(space.transform(toks), candidates=[2, 3], top_n=3,
    ...                              min_paragraphs_per_topic=2)
    >>> best
    2
    """
    n_rows = x.shape[0]
    cap = max(2, n_rows // min_paragraphs_per_topic)
    cands = sorted({int(c) for c in candidates if 2 <= int(c) <= min(cap, n_rows)})
    if not cands and n_rows >= 2:
        # Every candidate above the cap (a user's candidates, a small corpus): the smallest.
        cands = [max(2, min(int(c) for c in candidates))] if min(candidates) <= n_rows else []
    if not cands:
        raise ValueError(f"no candidate number of topics between 2 and {min(cap, n_rows)}")
    # The candidates are fitted on the sample itself (not sampled again inside fit_topics).
    x = sample_rows(x, max_rows, random_state=random_state)
    norm = sparse_norm(x) if sparse.issparse(x) else np.linalg.norm(x)

    def scan_one(k: int) -> tuple:
        model = _nmf(x, k, random_state=random_state, max_iter=MAX_ITER)
        coherence = topic_coherence(x, top_term_indices(model.components_, top_n)).mean()
        return (
            k,
            model.reconstruction_err_,
            model.reconstruction_err_ / norm,
            coherence,
            x.shape[0],
        )

    # Candidates are independent fits, each on one BLAS thread as fit_topics fits (so the
    # chosen model equals the final one): side by side in threads, the solver releasing the
    # GIL. The larger (slower) candidates start first.
    with (
        threadpool_limits(limits=1, user_api="blas"),
        ThreadPoolExecutor(max_workers=min(resolve_jobs(n_jobs), len(cands))) as pool,
    ):
        done = dict(zip(cands[::-1], pool.map(scan_one, cands[::-1]), strict=True))
    rows = [done[k] for k in cands]
    scan = pd.DataFrame(
        rows,
        columns=["n_topics", "reconstruction_error", "relative_error", "coherence", "paragraphs"],
    )
    # Round before comparing so float noise cannot decide between two equally coherent models.
    best = int(scan.loc[scan["coherence"].round(10).idxmax(), "n_topics"])
    scan["chosen"] = scan["n_topics"] == best
    return best, scan


def describe_choice(scan: pd.DataFrame, n_rows: int) -> str:
    """The sentence that states how :func:`choose_n_topics` chose, from its table.

    Examples
    --------
    >>> scan = pd.DataFrame({"n_topics": [2], "reconstruction_error": [1.0],
    ...                      "relative_error": [0.8], "coherence": [0.1], "paragraphs": [22],
    ...                      "chosen": [True]})
    >>> describe_choice(scan, 22)
    'With 22 paragraphs only 2 topics could be tried (at most one topic per 10 paragraphs, at least 2): mean NPMI coherence 0.100; they leave 80.0% of the TF-IDF norm unexplained.'
    """
    chosen = scan[scan["chosen"]].iloc[0]
    fitted = int(scan["paragraphs"].iloc[0])
    sample = f", models fitted on a seeded sample of {fitted}" if fitted < n_rows else ""
    tail = f"they leave {chosen['relative_error']:.1%} of the TF-IDF norm unexplained."
    if len(scan) == 1:
        return (
            f"With {n_rows} paragraphs only {int(chosen['n_topics'])} topics could be tried "
            f"(at most one topic per 10 paragraphs, at least 2): mean NPMI coherence "
            f"{chosen['coherence']:.3f}; {tail}"
        )
    runner_up = scan[~scan["chosen"]].sort_values("coherence", ascending=False).iloc[0]
    return (
        f"Among {scan['n_topics'].min()}-{scan['n_topics'].max()} topics ({n_rows} paragraphs"
        f"{sample}, at most one topic per 10), {int(chosen['n_topics'])} topics give the highest "
        f"mean NPMI coherence, {chosen['coherence']:.3f} (next best: "
        f"{int(runner_up['n_topics'])} topics, {runner_up['coherence']:.3f}); {tail}"
    )
