"""Keywords per group: corpus TF-IDF, TextRank, keyness and jieba's ``extract_tags``.

Inputs are paragraphs as space-joined tokens (however they were segmented) and one group
label per paragraph, so the same code serves regions, genres or ad hoc files.

* ``tfidf``: IDF learned on this corpus's paragraphs (scikit-learn); a group's score for a
  term is its L2-normalised ``count × idf`` over the group's paragraphs.
* ``textrank``: PageRank (networkx) on the term co-occurrence graph of the group, an edge
  joining two meaningful tokens at most ``window - 1`` positions apart inside a paragraph.
* ``keyness``: z-score of the log-odds ratio with informative Dirichlet prior, the group
  against the rest (:mod:`policystudy.keyness`).
* ``jieba``: ``jieba.analyse.extract_tags`` on the group's raw text (jieba's own IDF from a
  general corpus), the common practice, for comparison.

Only meaningful tokens are kept: two or more characters, not a stopword, not a bare number.
Rankings are sorted by ``(-score, term)``. The ``stability`` of each top term is the share
of seeded bootstrap resamples of the paragraphs (within group) in which it stays in the
group's top ``top_k``.

Examples
--------
>>> toks = ["推进 乡村振兴 巩固 脱贫 成果", "乡村振兴 长白山 文化", "社保卡 一卡通 应用",
...         "公办园 学位 社保卡"]
>>> kw = extract_keywords(toks, ["吉林", "吉林", "辽宁", "辽宁"], top_k=1, n_bootstrap=0)
>>> kw[["group", "term"]].values.tolist()
[['吉林', '乡村振兴'], ['辽宁', '社保卡']]
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from policystudy.keyness import log_odds_dirichlet
from policystudy.resampling import group_matrix, stratified_bootstrap

__all__ = [
    "METHODS",
    "MeaningfulAnalyzer",
    "ThinEvidenceWarning",
    "extract_keywords",
    "group_matrix",
    "is_meaningful",
    "jieba_engine",
    "keywords_for_files",
    "meaningful_tokens",
    "stratified_bootstrap",
]

# Arabic (half/full width) numbers with separators, percent and a magnitude suffix
# ("31150", "3.36%", "5000万"), and numbers spelt only with Chinese numerals ("二十").
_ARABIC_NUMBER = re.compile(r"^[+\-]?[0-9０-９]+(?:[.,．，][0-9０-９]+)*[%％‰]?[十百千万亿]?$")
_CHINESE_NUMBER = re.compile(r"^[〇零一二三四五六七八九十百千万亿两]+$")
_WHITESPACE = re.compile(r"\s+")
# Blank lines separate paragraphs in ad hoc files when the lead's structure module is absent.
_BLANK_LINES = re.compile(r"\n\s*\n")

METHODS = ("tfidf", "textrank", "keyness", "jieba")
OUTPUT_COLUMNS = ["group", "method", "rank", "term", "score", "stability"]


class ThinEvidenceWarning(UserWarning):
    """A group has so few paragraphs or tokens that its keywords are fragile."""


def is_meaningful(
    token: str, *, stopwords: Iterable[str] = frozenset(), min_chars: int = 2
) -> bool:
    """Whether a token may be a keyword: long enough, not a stopword, not a bare number.

    Examples
    --------
    >>> [is_meaningful(t, stopwords={"加强"}) for t in ["社保卡", "加强", "的", "3.36%", "二十"]]
    [True, False, False, False, False]
    """
    token = token.strip()
    return (
        len(token) >= min_chars
        and token not in stopwords
        and not _ARABIC_NUMBER.match(token)
        and not _CHINESE_NUMBER.match(token)
    )


def meaningful_tokens(
    text: str, *, stopwords: Iterable[str] = frozenset(), min_chars: int = 2
) -> list[str]:
    """Meaningful tokens of a space-joined token string, in text order.

    Examples
    --------
    >>> meaningful_tokens("全面 推行 社保卡 一卡通 , 31150 人", stopwords={"全面"})
    ['推行', '社保卡', '一卡通']
    """
    stop = stopwords if isinstance(stopwords, (set, frozenset)) else frozenset(stopwords)
    return [
        t for t in _WHITESPACE.split(text) if is_meaningful(t, stopwords=stop, min_chars=min_chars)
    ]


class MeaningfulAnalyzer:
    """Picklable scikit-learn ``analyzer``: split space-joined tokens, keep meaningful ones.

    Passing it as ``analyzer=`` means scikit-learn never uses ``token_pattern`` nor
    lower-cases, so vectorisers emit no token-pattern warning.

    Parameters
    ----------
    stopwords : iterable of str
    min_chars : int

    Examples
    --------
    >>> MeaningfulAnalyzer(stopwords=["推进"])("推进 公办园 建设 2021")
    ['公办园', '建设']
    """

    def __init__(self, stopwords: Iterable[str] = (), min_chars: int = 2):
        self.stopwords = frozenset(stopwords)
        self.min_chars = min_chars

    def __call__(self, doc: str) -> list[str]:
        return meaningful_tokens(doc, stopwords=self.stopwords, min_chars=self.min_chars)

    def __repr__(self) -> str:
        return f"MeaningfulAnalyzer(<{len(self.stopwords)} stopwords>, min_chars={self.min_chars})"


def _top_order(scores: np.ndarray, top_k: int, *, positive: bool) -> np.ndarray:
    """Column indices of the top ``top_k`` per row by (-score, column); columns sorted by term.

    Same result as a stable ``argsort`` of ``-scores``, in linear rather than n·log n time:
    the bootstrap calls this once per resample over the whole vocabulary.

    Examples
    --------
    >>> _top_order(np.array([[0.5, 2.0, 2.0, 1.0]]), 2, positive=True).tolist()
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


# ---------------------------------------------------------------------------------------
# scorers: paragraph multiplicities w (n_paragraphs,) -> groups × terms scores
# ---------------------------------------------------------------------------------------


class _TfidfScorer:
    """TF-IDF of groups with IDF from the (re)sampled paragraphs; formula of scikit-learn's
    default ``smooth_idf=True``: ``idf = ln((1 + n) / (1 + df)) + 1``."""

    positive = True

    def __init__(self, counts: sparse.csr_matrix, ind: sparse.csr_matrix):
        self.counts = counts
        self.present = (counts > 0).astype(np.float64).tocsr()
        self.ind = ind

    def __call__(self, w: np.ndarray) -> np.ndarray:
        df = self.present.T @ w
        idf = np.log((1 + w.sum()) / (1 + df)) + 1
        tf = np.asarray((self.ind @ sparse.diags(w.astype(float)) @ self.counts).todense())
        scores = tf * idf
        norms = np.linalg.norm(scores, axis=1, keepdims=True)
        return np.divide(scores, norms, out=np.zeros_like(scores), where=norms > 0)


class _KeynessScorer:
    positive = False

    def __init__(self, counts: sparse.csr_matrix, ind: sparse.csr_matrix):
        self.counts = counts
        self.ind = ind

    def __call__(self, w: np.ndarray) -> np.ndarray:
        gc = np.asarray((self.ind @ sparse.diags(w.astype(float)) @ self.counts).todense())
        seen = gc.sum(axis=0) > 0
        z = np.full(gc.shape, -np.inf)
        z[:, seen] = log_odds_dirichlet(gc[:, seen]).z
        return z


def _cooccurrence_edges(
    token_lists: Sequence[Sequence[str]], vocab: dict[str, int], window: int
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Paragraph × edge co-occurrence counts and the (u, v) term indices of each edge, u < v."""
    rows, pairs = [], []
    for p, toks in enumerate(token_lists):
        idx = [vocab[t] for t in toks]
        for i, u in enumerate(idx):
            for v in idx[i + 1 : i + window]:
                if u != v:
                    rows.append(p)
                    pairs.append((min(u, v), max(u, v)))
    if not pairs:
        return sparse.csr_matrix((len(token_lists), 0)), np.zeros((0, 2), dtype=np.int64)
    pairs_arr = np.asarray(pairs, dtype=np.int64)
    edges, edge_codes = np.unique(pairs_arr, axis=0, return_inverse=True)
    mat = sparse.csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows), edge_codes.ravel())),
        shape=(len(token_lists), len(edges)),
    )
    return mat, edges


def _pagerank_edges(
    u: np.ndarray,
    v: np.ndarray,
    weight: np.ndarray,
    n: int,
    *,
    damping: float = 0.85,
    tol: float = 1.0e-6,
    max_iter: int = 100,
) -> np.ndarray:
    """networkx's ``pagerank`` (its scipy power iteration: uniform start and teleport,
    stop when the L1 change < ``n * tol``) on an undirected weighted graph given as edges
    ``u - v``; every node must have an edge, so there is no dangling mass. Built directly
    from arrays because it runs for every group in every bootstrap resample."""
    rows = np.concatenate([u, v])
    cols = np.concatenate([v, u])
    data = np.concatenate([weight, weight])
    strength = np.bincount(rows, data, n)
    # x_new[r] = Σ_c x[c] A[c, r] / strength[c]; A is symmetric, so index it as A[r, c].
    step = sparse.csr_matrix((data / strength[cols], (rows, cols)), shape=(n, n))
    x = np.full(n, 1.0 / n)
    teleport = (1 - damping) / n
    for _ in range(max_iter):
        last = x
        x = damping * (step @ x) + teleport
        if np.abs(x - last).sum() < n * tol:
            break
    return x


class _TextRankScorer:
    positive = True

    def __init__(
        self,
        token_lists: Sequence[Sequence[str]],
        vocab: dict[str, int],
        ind: sparse.csr_matrix,
        *,
        window: int,
        damping: float,
    ):
        self.para_edges, self.edges = _cooccurrence_edges(token_lists, vocab, window)
        self.n_terms = len(vocab)
        self.ind = ind
        self.damping = damping

        # Each group's full graph fixes its edges and nodes; a resample only reweights them.
        self.members = [ind[gi].indices for gi in range(ind.shape[0])]
        self.group_graphs = []
        for members in self.members:
            on = np.flatnonzero(np.asarray(self.para_edges[members].sum(axis=0)).ravel() > 0)
            nodes, local = np.unique(self.edges[on].ravel(order="F"), return_inverse=True)
            sub = self.para_edges[members][:, on].T.tocsr()  # group edges × group paragraphs
            self.group_graphs.append((sub, nodes, local[: len(on)], local[len(on) :]))

    def group_edge_weights(self, w: np.ndarray) -> np.ndarray:
        return np.asarray((self.ind @ sparse.diags(w.astype(float)) @ self.para_edges).todense())

    def __call__(self, w: np.ndarray) -> np.ndarray:
        scores = np.zeros((len(self.members), self.n_terms))
        for gi, (members, (sub, nodes, lu, lv)) in enumerate(
            zip(self.members, self.group_graphs, strict=True)
        ):
            ew = sub @ w[members].astype(float)
            degree = np.bincount(lu, ew, len(nodes)) + np.bincount(lv, ew, len(nodes))
            alive = degree > 0  # a node whose every edge was resampled away leaves the graph
            if not alive.any():
                continue
            remap = np.cumsum(alive) - 1
            kept = ew > 0
            scores[gi, nodes[alive]] = _pagerank_edges(
                remap[lu[kept]], remap[lv[kept]], ew[kept], int(alive.sum()), damping=self.damping
            )
        return scores

    def networkx_scores(self) -> np.ndarray:
        """Point estimate with ``networkx.pagerank`` (nodes and edges inserted in term order)."""
        weights = self.group_edge_weights(np.ones(self.ind.shape[1]))
        scores = np.zeros((weights.shape[0], self.n_terms))
        for gi, ew in enumerate(weights):
            on = np.flatnonzero(ew > 0)
            if not len(on):
                continue
            graph = nx.Graph()
            graph.add_nodes_from(np.unique(self.edges[on]).tolist())
            graph.add_weighted_edges_from(
                (int(self.edges[e, 0]), int(self.edges[e, 1]), float(ew[e])) for e in on
            )
            pr = nx.pagerank(graph, alpha=self.damping, weight="weight")
            nodes = np.fromiter(pr.keys(), dtype=np.int64)
            scores[gi, nodes] = np.fromiter(pr.values(), dtype=float)
        return scores


class _JiebaScorer:
    """Ranking of ``jieba.analyse.extract_tags``: term frequency × jieba's IDF (median IDF
    for unknown words) over the words extract_tags itself keeps (≥ 2 chars, not in its
    stop words). The division by the group's word total does not change the ranking."""

    positive = True

    def __init__(self, texts: Sequence[str], ind: sparse.csr_matrix, *, analyzer, jieba_tokenizer):
        import jieba.analyse

        self.extractor = jieba.analyse.TFIDF()
        if jieba_tokenizer is not None:
            self.extractor.tokenizer = jieba_tokenizer
        ex = self.extractor
        seen = [
            [
                w
                for w in ex.tokenizer.cut(t)
                if len(w.strip()) >= 2 and w.lower() not in ex.stop_words
            ]
            for t in texts
        ]
        # Space-joined words go through the project's filter, so both rankings share it.
        vec = CountVectorizer(analyzer=analyzer, lowercase=False)
        self.counts = vec.fit_transform([" ".join(s) for s in seen]).tocsr()
        self.terms = vec.get_feature_names_out()
        self.idf = np.array([ex.idf_freq.get(t, ex.median_idf) for t in self.terms])
        self.ind = ind
        self.texts = list(texts)

    def __call__(self, w: np.ndarray) -> np.ndarray:
        tf = np.asarray((self.ind @ sparse.diags(w.astype(float)) @ self.counts).todense())
        return tf * self.idf[None, :]

    def extract_tags_scores(self, analyzer) -> np.ndarray:
        """Point estimate from ``extract_tags`` itself on each group's joined text."""
        col = {t: i for i, t in enumerate(self.terms)}
        scores = np.zeros((self.ind.shape[0], len(self.terms)))
        for gi in range(self.ind.shape[0]):
            text = "\n".join(self.texts[p] for p in self.ind[gi].indices)
            for term, weight in self.extractor.extract_tags(text, topK=None, withWeight=True):
                if term in col and analyzer(term):
                    scores[gi, col[term]] = weight
        return scores


def _warn_thin(labels, ind, counts, *, min_paragraphs: int, min_tokens: int) -> None:
    n_par = np.asarray(ind.sum(axis=1)).ravel()
    n_tok = np.asarray((ind @ counts).sum(axis=1)).ravel()
    for label, n_p, n_t in zip(labels, n_par, n_tok, strict=True):
        if n_p < min_paragraphs or n_t < min_tokens:
            warnings.warn(
                f"group {label!r} has only {int(n_p)} paragraph(s) and {int(n_t)} meaningful "
                f"token(s) (thresholds {min_paragraphs} and {min_tokens}): its keywords rest on "
                "thin evidence; read the stability column before trusting them",
                ThinEvidenceWarning,
                stacklevel=3,
            )


def extract_keywords(
    tokens: Sequence[str],
    groups: Sequence[str],
    *,
    method: str = "tfidf",
    top_k: int = 20,
    stopwords: Iterable[str] = (),
    min_chars: int = 2,
    n_bootstrap: int = 1000,
    random_state: int | None = 42,
    texts: Sequence[str] | None = None,
    window: int = 5,
    damping: float = 0.85,
    jieba_tokenizer=None,
    min_paragraphs: int = 5,
    min_tokens: int = 200,
) -> pd.DataFrame:
    """Top keywords of every group with bootstrap stability.

    Parameters
    ----------
    tokens : sequence of str
        One space-joined token string per paragraph.
    groups : sequence of str
        Group label of each paragraph (e.g. its region).
    method : {"tfidf", "textrank", "keyness", "jieba"}
    top_k : int
        Keywords per group (>= 1).
    stopwords : iterable of str
        Tokens never reported.
    min_chars : int
        Shortest meaningful token, in characters.
    n_bootstrap : int
        Resamples of the paragraphs within each group; 0 skips stability (NaN).
    random_state : int or None
        Seed of the bootstrap.
    texts : sequence of str, optional
        Raw paragraph texts; required by ``method="jieba"``, which segments on its own.
    window : int
        TextRank co-occurrence window, in meaningful tokens (2 = adjacent only).
    damping : float
        PageRank damping factor.
    jieba_tokenizer : jieba.Tokenizer, optional
        Tokenizer for ``extract_tags`` (e.g. one with the policy user dictionary);
        jieba's default tokenizer otherwise.
    min_paragraphs, min_tokens : int
        Below either, a :class:`ThinEvidenceWarning` is issued for the group.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, method, rank, term, score, stability``, sorted by group then rank;
        ranks follow ``(-score, term)``. ``stability`` is the share of resamples in which
        the term is among the group's top ``top_k``.

    Examples
    --------
    >>> toks = ["安全 生产 安全", "高等教育 安全", "网格 治理 健康", "养老 健康 网格"]
    >>> kw = extract_keywords(toks, ["津", "津", "苏", "苏"], method="keyness", top_k=1,
    ...                       n_bootstrap=50)
    >>> kw[["group", "term", "stability"]].values.tolist()
    [['津', '安全', 1.0], ['苏', '健康', 1.0]]
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    if not isinstance(top_k, (int, np.integer)) or top_k < 1:
        raise ValueError(f"top_k must be an integer >= 1, got {top_k!r}")
    if n_bootstrap < 0:
        raise ValueError(f"n_bootstrap must be >= 0, got {n_bootstrap!r}")
    if window < 2:
        raise ValueError(f"window must be >= 2, got {window!r}")
    tokens = list(tokens)
    if len(tokens) != len(groups):
        raise ValueError(f"{len(tokens)} token strings but {len(groups)} group labels")
    if not tokens:
        raise ValueError("no paragraphs given")
    if method == "jieba" and (texts is None or len(texts) != len(tokens)):
        raise ValueError("method='jieba' needs the raw text of every paragraph (texts=...)")

    analyzer = MeaningfulAnalyzer(stopwords, min_chars)
    labels, ind = group_matrix(groups)
    if method == "keyness" and len(labels) < 2:
        raise ValueError("method='keyness' compares each group with the rest: it needs >= 2 groups")
    vec = CountVectorizer(analyzer=analyzer, lowercase=False)
    try:
        counts = vec.fit_transform(tokens).tocsr()
    except ValueError as err:  # scikit-learn's "empty vocabulary"
        raise ValueError("no meaningful tokens in any paragraph") from err
    terms = vec.get_feature_names_out()
    _warn_thin(labels, ind, counts, min_paragraphs=min_paragraphs, min_tokens=min_tokens)

    ones = np.ones(len(tokens), dtype=np.int64)
    if method == "tfidf":
        scorer = _TfidfScorer(counts, ind)
        tfidf = TfidfVectorizer(analyzer=analyzer, lowercase=False).fit(tokens)
        group_counts = (ind @ counts).astype(float)
        points = group_counts.multiply(tfidf.idf_[None, :]).toarray()
        norms = np.linalg.norm(points, axis=1, keepdims=True)
        points = np.divide(points, norms, out=np.zeros_like(points), where=norms > 0)
    elif method == "keyness":
        scorer = _KeynessScorer(counts, ind)
        points = scorer(ones)
    elif method == "textrank":
        lists = [analyzer(t) for t in tokens]
        scorer = _TextRankScorer(lists, vec.vocabulary_, ind, window=window, damping=damping)
        points = scorer.networkx_scores()
    else:
        scorer = _JiebaScorer(texts, ind, analyzer=analyzer, jieba_tokenizer=jieba_tokenizer)
        terms = scorer.terms
        points = scorer.extract_tags_scores(analyzer)

    top = _top_order(points, top_k, positive=scorer.positive)
    stability = np.full(top.shape, np.nan)
    if n_bootstrap:
        hits = np.zeros(top.shape)
        for w in stratified_bootstrap(groups, n_bootstrap, random_state):
            boot = _top_order(scorer(w), top_k, positive=scorer.positive)
            for gi in range(len(labels)):
                hits[gi] += np.isin(top[gi], boot[gi][boot[gi] >= 0])
        stability = hits / n_bootstrap

    rows = []
    for gi, label in enumerate(labels):
        keep = top[gi] >= 0
        idx = top[gi][keep]
        rows.append(
            pd.DataFrame(
                {
                    "group": label,
                    "method": method,
                    "rank": np.arange(1, len(idx) + 1),
                    "term": terms[idx],
                    "score": points[gi, idx],
                    "stability": stability[gi][keep],
                }
            )
        )
    return pd.concat(rows, ignore_index=True)[OUTPUT_COLUMNS]


def _read_text(path: Path) -> str:
    from policystudy.corpus import detect_encoding
    from policystudy.normalize import normalize_text

    return normalize_text(detect_encoding(path.read_bytes()).text)


def jieba_engine(tokenizer) -> object | None:
    """The ``jieba.Tokenizer`` inside a :class:`~policystudy.segmentation.PolicyTokenizer`
    (with the policy user dictionary), for ``extract_tags``.

    ``extract_tags`` is jieba's own method, so with another backend (rjieba) the jieba
    engine of a tokenizer with the same dictionary is returned: jieba's global tokenizer
    would lack the user dictionary and split terms such as 人社局; ``None`` for objects that
    are not a PolicyTokenizer.

    Examples
    --------
    >>> from policystudy.segmentation import PolicyTokenizer
    >>> type(jieba_engine(PolicyTokenizer())).__name__
    'Tokenizer'
    >>> "人社局" in jieba_engine(PolicyTokenizer(backend="rjieba")).lcut("区人社局牵头")
    True
    """
    backend = getattr(tokenizer, "backend", None)
    if backend is None:
        return None
    if backend != "jieba":
        from policystudy.segmentation import PolicyTokenizer

        tokenizer = PolicyTokenizer(
            userdict=tokenizer.userdict,
            stopwords=tokenizer.stopwords,
            keep_numbers=tokenizer.keep_numbers,
            backend="jieba",
            hmm=tokenizer.hmm,
        )
    engine = tokenizer._load()  # the lead's lazy loader; public accessor requested
    return engine


def keywords_for_files(
    paths: list[Path],
    *,
    top: int = 20,
    method: str = "tfidf",
    n_bootstrap: int = 200,
    random_state: int = 42,
) -> pd.DataFrame:
    """Quick keywords for arbitrary text files, each file its own group.

    Files are decoded (UTF-8, else detected), normalised, split into paragraphs at blank
    lines or line breaks, segmented with the project tokenizer and stopwords, and ranked
    by :func:`extract_keywords`. A file with little text gets a thin-evidence warning.

    Parameters
    ----------
    paths : list of pathlib.Path
    top : int
        Keywords per file.
    method : {"tfidf", "textrank", "keyness", "jieba"}
        ``keyness`` needs at least two files.
    n_bootstrap, random_state : int
        Bootstrap of the stability column (fewer resamples than the notebooks, for speed).

    Returns
    -------
    pandas.DataFrame
        ``group`` (the file name), ``method, rank, term, score, stability``: ready for
        ``df.to_csv(sys.stdout, sep="\\t", index=False)``.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> text = "推进社保卡一卡通。\\n\\n新建公办幼儿园。"
    >>> _ = (d / "dalian.txt").write_text(text, encoding="utf-8")
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", ThinEvidenceWarning)
    ...     kw = keywords_for_files([d / "dalian.txt"], top=2, n_bootstrap=0)
    >>> kw["group"].unique().tolist()
    ['dalian.txt']
    """
    if not paths:
        raise ValueError("give at least one file")
    paths = [Path(p) for p in paths]
    names = [p.name for p in paths]
    if len(set(names)) < len(names):  # same file name in two folders: keep them apart
        names = [str(p) for p in paths]
    from policystudy.segmentation import PolicyTokenizer, tokenize_paragraphs

    tokenizer = PolicyTokenizer()
    texts, groups = [], []
    for path, name in zip(paths, names, strict=True):
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path}")
        text = _read_text(path)
        parts = _BLANK_LINES.split(text) if _BLANK_LINES.search(text) else text.splitlines()
        parts = [p.strip() for p in parts if p.strip()]
        if not parts:
            raise ValueError(f"{path}: the file has no text")
        texts.extend(parts)
        groups.extend([name] * len(parts))
    tokens = tokenize_paragraphs(texts, tokenizer, use_cache=False)
    return extract_keywords(
        tokens,
        groups,
        method=method,
        top_k=top,
        stopwords=tokenizer.stopword_set,
        jieba_tokenizer=jieba_engine(tokenizer),
        n_bootstrap=n_bootstrap,
        random_state=random_state,
        texts=texts,
    )
