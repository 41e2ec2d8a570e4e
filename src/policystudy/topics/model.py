"""TF-IDF comparison of groups and documents, and NMF topics on paragraphs.

One TF-IDF space (IDF learned on the corpus's paragraphs) serves both the group × group and
the document × document cosine similarity, and the NMF topic model. The number of topics
can be chosen from the data: :func:`choose_n_topics` fits every candidate and keeps the
one whose topics are most coherent (mean NPMI of each topic's top terms, co-occurrence
counted over paragraphs), reporting the reconstruction error alongside.

Examples
--------
>>> toks = ["养老 服务 机构 养老", "网格 治理 社区", "养老 机构 护理", "网格 社区 治理 网格"]
>>> space = TfidfSpace().fit(toks)
>>> sim = cosine_similarity_matrix(space.transform(toks))
>>> bool(sim[0, 2] > sim[0, 1])  # the two elderly-care paragraphs are the most alike
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.linalg import norm as sparse_norm
from sklearn.base import BaseEstimator
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from threadpoolctl import threadpool_limits

from policystudy.core.parallel import resolve_jobs
from policystudy.stats.ranking import top_order
from policystudy.stats.resampling import group_matrix, group_shares
from policystudy.text.vocabulary import MeaningfulAnalyzer, count_terms

__all__ = [
    "DEFAULT_MIN_DOCUMENTS",
    "FEW_TOPIC_PARAGRAPHS",
    "MIN_TOPIC_PARAGRAPHS",
    "TfidfSpace",
    "background_topic",
    "choose_n_topics",
    "cosine_similarity_matrix",
    "describe_choice",
    "describe_intervals",
    "fit_topics",
    "nearest_documents",
    "nearest_in_same_group",
    "nearest_neighbours",
    "sample_rows",
    "similarity_table",
    "topic_coherence",
    "topic_prevalence",
    "topic_table",
]

LABEL_TERMS = 3
# Above this many documents the document level of the similarity table lists each document's
# NEIGHBOURS nearest documents instead of the full square.
MAX_SQUARE_DOCUMENTS = 200
NEIGHBOURS = 10
# Topic models learn from at most this many paragraphs (a seeded sample); see fit_topics.
FIT_ROWS = 20_000
# Paragraphs the n_topics scan fits its candidates on: 14 models, each compared by averages
# (mean NPMI of top-term pairs, relative error) that a seeded sample of this size estimates
# closely. Profiled on 10 MB of unique paragraphs: 19 s with 18 000 rows, 5 s with 5 000.
SCAN_ROWS = 5_000
# NMF iterations at most (scikit-learn's default, 200, stops short of convergence here).
MAX_ITER = 5000
LABEL_SEPARATOR = "·"
# Fewer paragraphs than this and no topic model is fitted (two topics of five paragraphs each).
MIN_TOPIC_PARAGRAPHS = 10
# Below this many paragraphs a fitted topic model is reported with a caveat: its topics describe
# these paragraphs, and a few paragraphs more or fewer would give other topics.
FEW_TOPIC_PARAGRAPHS = 100
# Groups with at least this many documents get document-bootstrap prevalence intervals (the
# priorities' and keywords' min_documents); smaller groups get none.
DEFAULT_MIN_DOCUMENTS = 5
# Weight of a term's probability in the topic against its lift over the corpus when labelling
# (Sievert & Shirley 2014 found 0.6 best for readers); 1 labels by weight alone.
LABEL_LAMBDA = 0.6


class TfidfSpace(BaseEstimator):
    """TF-IDF vector space whose IDF is learned on paragraphs (a scikit-learn estimator).

    The counting and the weighting are kept apart, so a caller that needs both the paragraph
    rows and pooled rows (groups, documents) splits the token strings once and sums counts,
    instead of re-analysing joined copies of the corpus. ``transform`` gives exactly what a
    ``TfidfVectorizer`` fitted on the same tokens gives.

    Parameters
    ----------
    stopwords : iterable of str
    min_chars : int
        Shortest meaningful token.

    Attributes
    ----------
    counter_ : sklearn.feature_extraction.text.CountVectorizer
        Vocabulary of the meaningful tokens.
    transformer_ : sklearn.feature_extraction.text.TfidfTransformer
        Smoothed IDF learned on the paragraphs, L2 normalisation.
    terms_ : numpy.ndarray of str
        Vocabulary, sorted.

    Examples
    --------
    >>> space = TfidfSpace(stopwords=["推进"]).fit(["推进 公办园 建设", "社保卡 建设"])
    >>> space.terms_.tolist()
    ['公办园', '建设', '社保卡']
    """

    def __init__(self, *, stopwords: Iterable[str] = (), min_chars: int = 2):
        self.stopwords = stopwords
        self.min_chars = min_chars

    def fit(self, tokens: Sequence[str], y: None = None) -> TfidfSpace:
        """Learn the vocabulary and the IDF from token strings (``y`` is ignored)."""
        self.fit_counts(tokens)
        return self

    def fit_counts(self, tokens: Sequence[str]) -> sparse.csr_matrix:
        """Fit on the paragraphs and return their term counts (one pass over the tokens).

        Examples
        --------
        >>> space = TfidfSpace()
        >>> space.fit_counts(["养老 服务 养老", "网格 治理"]).toarray().tolist()
        [[2, 1, 0, 0], [0, 0, 1, 1]]
        >>> space.terms_.tolist()
        ['养老', '服务', '治理', '网格']
        """
        analyzer = MeaningfulAnalyzer(self.stopwords, self.min_chars)
        counts, terms = count_terms(list(tokens), keep=analyzer.keep)
        # The vectoriser counts new token strings in this vocabulary (count, transform).
        # analyzer= (not tokenizer=) so scikit-learn neither lower-cases nor warns about
        # token_pattern; the analyzer object pickles with the fitted vectoriser.
        self.counter_ = CountVectorizer(
            analyzer=analyzer, lowercase=False, vocabulary={t: i for i, t in enumerate(terms)}
        ).fit([])
        self.transformer_ = TfidfTransformer().fit(counts)
        self.terms_ = self.counter_.get_feature_names_out()
        return counts

    def count(self, tokens: Sequence[str]) -> sparse.csr_matrix:
        """Term counts of token strings in this space's vocabulary."""
        return self.counter_.transform(list(tokens)).tocsr()

    def weigh(self, counts) -> sparse.csr_matrix:
        """L2-normalised TF-IDF rows from term counts (pooled counts give pooled rows)."""
        return self.transformer_.transform(counts).tocsr()

    def transform(self, tokens: Sequence[str]) -> sparse.csr_matrix:
        """L2-normalised TF-IDF rows, one per token string."""
        return self.weigh(self.count(tokens))

    def transform_groups(
        self,
        tokens: Sequence[str] | None,
        labels: Sequence[str],
        *,
        counts: sparse.csr_matrix | None = None,
    ) -> tuple[np.ndarray, sparse.csr_matrix]:
        """One TF-IDF row per label (sorted) from the pooled tokens of its paragraphs.

        Pooling sums the paragraphs' counts, which is what counting their joined tokens
        gives; pass ``counts`` (from :meth:`fit_counts` or :meth:`count`) to skip counting.
        """
        names, ind = group_matrix(labels)
        if counts is None:
            counts = self.count(tokens)
        return names, self.weigh(ind @ counts)


def cosine_similarity_matrix(rows) -> np.ndarray:
    """Cosine similarity of the rows: symmetric, unit diagonal, values in [0, 1].

    Rows without any term get similarity 0 to others and 1 to themselves, so the table keeps
    its unit diagonal (a documented convention, not a measurement).

    Examples
    --------
    >>> cosine_similarity_matrix(np.array([[1.0, 0.0], [1.0, 1.0]])).round(4).tolist()
    [[1.0, 0.7071], [0.7071, 1.0]]
    """
    x = rows.toarray() if sparse.issparse(rows) else np.asarray(rows, dtype=float)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    unit = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    sim = unit @ unit.T
    # Rounding may break the exact symmetry and unit diagonal that readers (and tests) expect.
    sim = np.clip((sim + sim.T) / 2, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def similarity_table(
    tokens: Sequence[str],
    *,
    groups: Sequence[str],
    documents: Sequence[str],
    stopwords: Iterable[str] = (),
    space: TfidfSpace | None = None,
    counts: sparse.csr_matrix | None = None,
    max_documents: int = MAX_SQUARE_DOCUMENTS,
    neighbours: int = NEIGHBOURS,
) -> pd.DataFrame:
    """Group × group and document × document cosine similarity in one long table.

    Up to ``max_documents`` documents, the document level is the full square. Beyond, a
    square of n² pairs (4 million rows for 2 000 documents) is neither readable nor cheap to
    write, so the table gives each document's ``neighbours`` most similar other documents
    instead, with ``level == "neighbour"``.

    Parameters
    ----------
    tokens : sequence of str
        Space-joined tokens, one string per paragraph.
    groups, documents : sequence of str
        Group label and document id of each paragraph.
    stopwords : iterable of str
    space : TfidfSpace, optional
        A space already fitted on these paragraphs.
    counts : sparse matrix, optional
        The paragraphs' counts in ``space`` (``space.fit_counts(tokens)``), so the tokens
        are not counted again.
    max_documents : int
        Most documents shown as a full square.
    neighbours : int
        Nearest documents listed per document beyond ``max_documents``.

    Returns
    -------
    pandas.DataFrame
        Columns ``level``, ``item_a``, ``item_b``, ``cosine``. For ``group`` and ``document``:
        every ordered pair (the square matrix in long form), sorted by item_a, item_b. For
        ``neighbour``: item_a's nearest documents item_b, most similar first (ties by name).

    Examples
    --------
    >>> t = similarity_table(["养老 服务", "养老 机构", "网格 治理"], groups=["苏", "苏", "津"],
    ...                      documents=["a", "b", "c"])
    >>> t[t.level == "group"].cosine.tolist()
    [1.0, 0.0, 0.0, 1.0]
    """
    tokens = list(tokens)
    if not len(tokens) == len(groups) == len(documents):
        raise ValueError("tokens, groups and documents must have one entry per paragraph")
    if space is None:
        space = TfidfSpace(stopwords=stopwords)
        counts = space.fit_counts(tokens)
    elif counts is None:
        counts = space.count(tokens)
    if counts.shape[0] != len(tokens):
        raise ValueError(f"counts has {counts.shape[0]} rows for {len(tokens)} paragraphs")
    frames = []
    for level, labels in (("group", groups), ("document", documents)):
        names, rows = space.transform_groups(None, labels, counts=counts)
        if level == "document" and len(names) > max_documents:
            frames.append(nearest_documents(rows, names, neighbours))
            continue
        sim = cosine_similarity_matrix(rows)
        a, b = np.meshgrid(np.arange(len(names)), np.arange(len(names)), indexing="ij")
        frames.append(
            pd.DataFrame(
                {
                    "level": level,
                    "item_a": names[a.ravel()],
                    "item_b": names[b.ravel()],
                    "cosine": sim.ravel(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def nearest_documents(rows, names: np.ndarray, k: int, *, block: int = 1000) -> pd.DataFrame:
    """Each row's ``k`` most cosine-similar other rows, as ``level="neighbour"`` table rows.

    Computed a block of rows at a time, so memory stays ``block × n`` however many documents
    there are. Order: most similar first, ties by name.

    Examples
    --------
    >>> rows = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    >>> t = nearest_documents(rows, np.array(["苏-1", "苏-2", "津-1"]), 1)
    >>> t[["item_a", "item_b"]].values.tolist()
    [['苏-1', '苏-2'], ['苏-2', '苏-1'], ['津-1', '苏-2']]
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    x = sparse.csr_matrix(rows, dtype=float)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    unit = sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ x
    n = unit.shape[0]
    k = min(k, n - 1)
    a_idx, b_idx, cos = [np.zeros(0, dtype=np.intp)], [np.zeros(0, dtype=np.intp)], [np.zeros(0)]
    for start in range(0, n, block):
        sim = np.clip(np.asarray((unit[start : start + block] @ unit.T).todense()), 0.0, 1.0)
        own = np.arange(sim.shape[0])
        sim[own, start + own] = -1.0  # never one's own neighbour
        # The keywords' top-k: (-cosine, column) order, and names are sorted, so ties by name.
        top = top_order(sim, k, positive=False)
        a_idx.append(np.repeat(start + own, k))
        b_idx.append(top.ravel())
        cos.append(np.take_along_axis(sim, top, axis=1).ravel())
    a, b = np.concatenate(a_idx), np.concatenate(b_idx)
    return pd.DataFrame(
        {
            "level": "neighbour",
            "item_a": names[a],
            "item_b": names[b],
            "cosine": np.concatenate(cos),
        }
    )


def nearest_neighbours(similarity: pd.DataFrame, doc_groups: dict[str, str]) -> pd.DataFrame:
    """Each document's nearest other document (``neighbour`` rows) and whether it is in the
    same group (column ``same_group``).

    Examples
    --------
    >>> t = pd.DataFrame({"level": "neighbour", "item_a": ["a", "b", "c"],
    ...                   "item_b": ["b", "c", "b"], "cosine": [0.8, 0.5, 0.5]})
    >>> nearest_neighbours(t, {"a": "辽宁", "b": "辽宁", "c": "吉林"})["same_group"].tolist()
    [True, False, False]
    """
    # Rows are ordered most similar first within each document.
    first = similarity[similarity["level"] == "neighbour"].groupby("item_a", sort=True).head(1)
    return first.assign(
        same_group=first["item_a"].map(doc_groups) == first["item_b"].map(doc_groups)
    )


def nearest_in_same_group(similarity: pd.DataFrame, doc_groups: dict[str, str]) -> float:
    """Share of documents whose nearest other document is in their own group.

    Examples
    --------
    >>> t = pd.DataFrame({"level": "neighbour", "item_a": ["a", "b", "c"],
    ...                   "item_b": ["b", "c", "b"], "cosine": [0.8, 0.5, 0.5]})
    >>> nearest_in_same_group(t, {"a": "辽宁", "b": "辽宁", "c": "吉林"})
    0.3333333333333333
    """
    first = nearest_neighbours(similarity, doc_groups)
    return float(first["same_group"].mean()) if len(first) else float("nan")


def fit_topics(
    x,
    n_topics: int,
    *,
    random_state: int | None = 42,
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


def sample_rows(x, max_rows: int | None, *, random_state: int | None = 42):
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


def _top_term_indices(components: np.ndarray, top_n: int) -> np.ndarray:
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
    random_state: int | None = 42,
    top_n: int = 10,
    min_paragraphs_per_topic: int = 10,
    max_rows: int | None = SCAN_ROWS,
    n_jobs: int = 0,
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
        coherence = topic_coherence(x, _top_term_indices(model.components_, top_n)).mean()
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


def _relevance(components: np.ndarray, lam: float) -> np.ndarray:
    """λ·log p(term|topic) + (1-λ)·log lift, lift = p(term|topic) / p(term) (Sievert & Shirley
    2014); terms a topic does not use get -inf."""
    comp = np.asarray(components, dtype=float)
    p_topic = comp / np.maximum(comp.sum(axis=1, keepdims=True), 1e-300)
    p_term = comp.sum(axis=0) / max(comp.sum(), 1e-300)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = lam * np.log(p_topic) + (1 - lam) * np.log(p_topic / p_term)
    return np.where(comp > 0, rel, -np.inf)


def topic_table(
    model: NMF, terms: Sequence[str], *, top_n: int = 10, label_lambda: float = LABEL_LAMBDA
) -> pd.DataFrame:
    """Top terms of each topic, labelled by its three most distinctive terms.

    Terms are ranked by weight; the label takes the three terms of highest *relevance*
    (λ·log p(term|topic) + (1−λ)·log lift, ``label_lambda`` = λ), so a word that every topic
    uses (经济, 社会主义) does not name a topic that it does not set apart.

    Returns
    -------
    pandas.DataFrame
        ``topic`` (1-based), ``label``, ``rank``, ``term``, ``weight``.

    Examples
    --------
    >>> toks = ["养老 护理 养老", "养老 机构 床位", "网格 治理 网格", "网格 社区 平安"]
    >>> space = TfidfSpace().fit(toks)
    >>> t = topic_table(fit_topics(space.transform(toks), 2), space.terms_, top_n=3)
    >>> sorted(t.loc[t["rank"] == 1, "term"])
    ['养老', '网格']
    """
    terms = np.asarray(terms, dtype=object)
    comp = model.components_
    top = _top_term_indices(comp, top_n)
    label_idx = _top_term_indices(_relevance(comp, label_lambda), LABEL_TERMS)
    frames = []
    for t, idx in enumerate(top):
        idx = idx[comp[t, idx] > 0]
        lab = label_idx[t][comp[t, label_idx[t]] > 0]
        frames.append(
            pd.DataFrame(
                {
                    "topic": t + 1,
                    "label": LABEL_SEPARATOR.join(terms[lab]),
                    "rank": np.arange(1, len(idx) + 1),
                    "term": terms[idx],
                    "weight": comp[t, idx],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def topic_prevalence(
    doc_topic: np.ndarray,
    groups: Sequence[str],
    *,
    labels: Sequence[str] | None = None,
    documents: Sequence[str] | None = None,
    min_documents: int = DEFAULT_MIN_DOCUMENTS,
    n_bootstrap: int = 1000,
    random_state: int | None = 42,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Share of each group's paragraph topic weight per topic, with bootstrap CIs where the
    group has enough documents to resample.

    prevalence(g, t) = Σ_{p∈g} W[p, t] / Σ_{p∈g} Σ_t W[p, t], where ``W`` is the NMF
    paragraph × topic matrix; each group's shares sum to 1. The unit that varies is the
    document: with ``documents`` (the document of each paragraph), a group of at least
    ``min_documents`` documents gets a percentile interval from resampling its documents with
    replacement, each drawn document bringing all its paragraphs' weight (a cluster
    bootstrap, seeded, through :func:`policystudy.stats.resampling.group_shares`); a group
    with fewer gets no interval (NaN): a single text is not a sample. Without ``documents``
    (the old library behaviour) every group's interval resamples its paragraphs.

    Returns
    -------
    pandas.DataFrame
        ``group, topic, label, prevalence, ci_low, ci_high, n_paragraphs, n_documents,
        resampled``: ``resampled`` names the unit the interval drew (``documents``,
        ``paragraphs``, or empty for no interval); ``n_documents`` is empty without
        ``documents``.

    Examples
    --------
    >>> w = np.array([[0.9, 0.1], [0.8, 0.0], [0.1, 0.7], [0.0, 0.6]])
    >>> p = topic_prevalence(w, ["苏", "苏", "津", "津"], n_bootstrap=100)
    >>> p.loc[p.group == "苏", "prevalence"].round(3).tolist()
    [0.944, 0.056]
    >>> p = topic_prevalence(w, ["苏", "苏", "津", "津"], documents=["a", "b", "c", "c"],
    ...                      min_documents=2, n_bootstrap=100)
    >>> p[["group", "n_documents", "resampled"]].drop_duplicates().values.tolist()
    [['津', 1, ''], ['苏', 2, 'documents']]
    >>> bool(p.loc[p.group == "津", "ci_low"].isna().all())
    True
    """
    n_topics = np.asarray(doc_topic).shape[1]
    labels = list(labels) if labels is not None else [str(t + 1) for t in range(n_topics)]
    names, shares, lows, highs = group_shares(
        doc_topic,
        groups,
        n_bootstrap=n_bootstrap,
        random_state=random_state,
        ci=ci,
        units=documents,
        min_units=min_documents,
    )
    _, ind = group_matrix(groups)
    if documents is None:
        n_docs = pd.array([pd.NA] * len(names), dtype="Int64")
        kinds = ["paragraphs"] * len(names)
    else:
        n_docs = pd.array(
            pd.Series([str(d) for d in documents])
            .groupby(np.asarray([str(g) for g in groups], dtype=object))
            .nunique()
            .reindex(names)
            .to_numpy(),
            dtype="Int64",
        )
        kinds = ["documents" if n >= min_documents else "" for n in n_docs]
    frames = []
    for gi, name in enumerate(names):
        frames.append(
            pd.DataFrame(
                {
                    "group": name,
                    "topic": np.arange(1, n_topics + 1),
                    "label": labels,
                    "prevalence": shares[gi],
                    "ci_low": lows[gi],
                    "ci_high": highs[gi],
                    "n_paragraphs": ind[gi].nnz,
                    "n_documents": pd.array([n_docs[gi]] * n_topics, dtype="Int64"),
                    "resampled": kinds[gi] if n_bootstrap else "",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def describe_intervals(
    prevalence: pd.DataFrame, *, min_documents: int = DEFAULT_MIN_DOCUMENTS, noun: str = "group"
) -> str:
    """What the intervals of a :func:`topic_prevalence` table rest on, in one clause.

    Read from its ``resampled`` and ``n_documents`` columns (a table without ``resampled``
    is the old paragraph bootstrap).

    Examples
    --------
    >>> p = pd.DataFrame({"group": ["苏", "津", "沪"], "n_documents": [6, 2, 1],
    ...                   "resampled": ["documents", "", ""]})
    >>> describe_intervals(p, min_documents=5, noun="region")
    '95% intervals from a bootstrap that resamples documents for the region with at least 5 documents (苏); none for 沪 (1 document) and 津 (2 documents), too few to resample'
    >>> describe_intervals(p.iloc[1:], min_documents=5)
    'no intervals: no group has at least 5 documents to resample (沪 1, 津 2), and the paragraphs of one text are not a sample'
    """
    per_group = prevalence.drop_duplicates("group").sort_values("group", kind="stable")
    if "resampled" not in per_group.columns:
        return "bootstrap 95% intervals over paragraphs"
    kind = per_group["resampled"].fillna("").astype(str)
    docs = per_group["n_documents"] if "n_documents" in per_group.columns else None

    def n_docs(g: str) -> int:
        return int(docs[per_group["group"] == g].iloc[0]) if docs is not None else 0

    with_ci = per_group.loc[kind == "documents", "group"].astype(str).tolist()
    by_para = per_group.loc[kind == "paragraphs", "group"].astype(str).tolist()
    without = per_group.loc[kind == "", "group"].astype(str).tolist()
    parts = []
    if with_ci:
        plural = noun if len(with_ci) == 1 else f"{noun}s"
        parts.append(
            "95% intervals from a bootstrap that resamples documents for the "
            f"{'' if len(with_ci) == 1 else f'{len(with_ci)} '}{plural} with at least "
            f"{min_documents} documents ({', '.join(with_ci)})"
        )
    if by_para:
        parts.append(f"intervals over paragraphs for {', '.join(by_para)}")
    if without and (with_ci or by_para):

        def doc_phrase(g: str) -> str:
            n = n_docs(g)
            return f"{g} ({n} document{'' if n == 1 else 's'})"

        named = [doc_phrase(g) for g in without]
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        parts.append(f"none for {listed}, too few to resample")
    elif without and any(n_docs(g) >= min_documents for g in without):
        return "no intervals (no bootstrap resamples drawn)"
    elif without:
        counts = ", ".join(f"{g} {n_docs(g)}" for g in without)
        return (
            f"no intervals: no {noun} has at least {min_documents} documents to resample "
            f"({counts}), and the paragraphs of one text are not a sample"
        )
    return "; ".join(parts)


def background_topic(
    doc_topic: np.ndarray, documents: Sequence[str]
) -> tuple[int | None, pd.DataFrame]:
    """The topic common to every document, if there is one, to report apart from the rest.

    A topic is background when every document gives it at least an even share of its topic
    weight (1 / number of topics); among those, the one with the largest smallest share. With
    fewer than three topics or two documents there is none: "common everywhere" needs a
    contrast.

    Parameters
    ----------
    doc_topic : array, paragraphs × topics
        Paragraph topic weights (``model.transform(x)``).
    documents : sequence of str
        The document of each paragraph.

    Returns
    -------
    (int or None, pandas.DataFrame)
        The background topic (1-based) or ``None``, and per topic ``topic, min_share,
        mean_share, max_share, background`` over the documents.

    Examples
    --------
    >>> w = np.array([[0.5, 0.5, 0.0], [0.4, 0.0, 0.6], [0.6, 0.4, 0.0], [0.5, 0.0, 0.5]])
    >>> best, table = background_topic(w, ["a", "a", "b", "b"])
    >>> best, table["min_share"].round(2).tolist()
    (1, [0.45, 0.2, 0.25])
    """
    w = np.asarray(doc_topic, dtype=float)
    n_topics = w.shape[1]
    _, ind = group_matrix(list(documents))
    pooled = np.asarray(ind @ w)
    totals = pooled.sum(axis=1, keepdims=True)
    shares = np.divide(pooled, totals, out=np.zeros_like(pooled), where=totals > 0)
    shares = shares[totals[:, 0] > 0]
    table = pd.DataFrame(
        {
            "topic": np.arange(1, n_topics + 1),
            "min_share": shares.min(axis=0) if len(shares) else np.nan,
            "mean_share": shares.mean(axis=0) if len(shares) else np.nan,
            "max_share": shares.max(axis=0) if len(shares) else np.nan,
        }
    )
    best = None
    if n_topics >= 3 and len(shares) >= 2:
        even = table["min_share"].round(10) >= round(1 / n_topics, 10)
        if even.any():
            best = int(table.loc[table.loc[even, "min_share"].idxmax(), "topic"])
    table["background"] = table["topic"] == best
    return best, table
