"""Keywords per group: corpus TF-IDF, TextRank, keyness and jieba's ``extract_tags`` scoring.

Inputs are paragraphs as space-joined tokens (however they were segmented) and one group
label per paragraph, so the same code serves regions, genres or ad hoc files.

* ``tfidf``: IDF learned on this corpus's paragraphs (scikit-learn's formula); a group's score
  for a term is its L2-normalised ``count × idf`` over the group's paragraphs.
* ``textrank``: PageRank on the term co-occurrence graph of the group, an edge joining two
  meaningful tokens at most ``window - 1`` positions apart inside a paragraph; the point
  estimate is ``networkx.pagerank``'s to the last bit, computed with its arithmetic on arrays.
* ``keyness``: z-score of the log-odds ratio with informative Dirichlet prior, the group
  against the rest (:mod:`policystudy.stats.keyness`).
* ``jieba``: the scoring of ``jieba.analyse.extract_tags`` (jieba's own IDF from a general
  corpus, the median IDF for unknown words), the common practice, for comparison. It is
  computed on the project's tokens, not by segmenting the text again: ``tf × idf / total``
  over the meaningful tokens extract_tags would keep (two or more characters, not in its stop
  words), ``total`` being the group's count of tokens extract_tags would keep. With the jieba
  backend the ranking is extract_tags' own, except for words jieba alone cuts next to a
  number (万人 in 2.15万人, which the project tokenizer keeps whole); the score differs from
  extract_tags' by a constant factor per group, as extract_tags' total also counts the
  stopwords and numbers the project tokenizer drops.

Only meaningful tokens are kept: two or more characters, not a stopword, not a bare number.
Rankings are sorted by ``(-score, term)``. The ``stability`` of each top term is the share
of seeded bootstrap resamples of the paragraphs (within group) in which it stays in the
group's top ``top_k``. :func:`keyword_table` runs several methods in one pass, sharing the
counts and the resamples, which are drawn in bounded blocks so memory does not grow with
``n_bootstrap × n_paragraphs``.

Examples
--------
>>> toks = ["推进 乡村振兴 巩固 脱贫 成果", "乡村振兴 长白山 文化", "社保卡 一卡通 应用",
...         "公办园 学位 社保卡"]
>>> kw = extract_keywords(toks, ["吉林", "吉林", "辽宁", "辽宁"], top_k=1, n_bootstrap=0)
>>> kw[["group", "term"]].values.tolist()
[['吉林', '乡村振兴'], ['辽宁', '社保卡']]
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from policystudy.core.parallel import resolve_jobs
from policystudy.stats.keyness import log_odds_dirichlet
from policystudy.stats.ranking import top_mask, top_order
from policystudy.stats.resampling import (
    BLOCK_CELLS,
    bootstrap_blocks,
    group_matrix,
    stratified_bootstrap,
)
from policystudy.text.vocabulary import (
    MeaningfulAnalyzer,
    encode_tokens,
    is_meaningful,
    meaningful_tokens,
)

__all__ = [
    "METHODS",
    "MeaningfulAnalyzer",
    "ThinEvidenceWarning",
    "extract_keywords",
    "group_matrix",
    "is_meaningful",
    "jieba_engine",
    "keyword_table",
    "keywords_for_files",
    "meaningful_tokens",
    "stratified_bootstrap",
]

# Blank lines separate paragraphs in ad hoc files when the lead's structure module is absent.
_BLANK_LINES = re.compile(r"\n\s*\n")

METHODS = ("tfidf", "textrank", "keyness", "jieba")
OUTPUT_COLUMNS = ["group", "method", "rank", "term", "score", "stability"]


class ThinEvidenceWarning(UserWarning):
    """A group has so few paragraphs or tokens that its keywords are fragile."""


# ---------------------------------------------------------------------------------------
# the corpus as arrays, shared by the four methods
# ---------------------------------------------------------------------------------------


# jieba.analyse.KeywordExtractor.STOP_WORDS, the only words extract_tags drops besides
# those shorter than two characters (a test checks they still agree with jieba's).
_JIEBA_STOP_WORDS = frozenset(
    "the of is and to in that we for an are by be as on with can if from which you it this "
    "then at have all not one has or".split()
)


@functools.lru_cache(maxsize=1)
def _jieba_idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median (the IDF of unknown words), as ``TFIDF()`` loads
    them, read once and without importing ``jieba.analyse``, which loads the POS tagger."""
    import jieba

    path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    idf = {}
    for line in path.read_bytes().decode("utf-8").splitlines():  # jieba's IDFLoader, verbatim
        word, freq = line.strip().split(" ")
        idf[word] = float(freq)
    return idf, sorted(idf.values())[len(idf) // 2]


# Paragraphs split at a time when coding tokens: bounds the transient Python strings.
class _Corpus:
    """Meaningful tokens of every paragraph as term ids, their counts and the groups.

    Each paragraph's token string is split once and each distinct token judged once; the
    tokens are kept as integer codes, never as lists of Python strings. Identical paragraphs
    of a group (boilerplate repeats across an archive) are counted once: resample sums run
    over a group's distinct paragraphs, each weighted by the draws of all its copies.
    """

    def __init__(self, tokens: Sequence[str], groups: Sequence[str], analyzer: MeaningfulAnalyzer):
        self.labels, self.ind = group_matrix(groups)
        self.members = [self.ind[gi].indices for gi in range(len(self.labels))]
        self.n_paragraphs = n = len(tokens)
        n_groups = len(self.labels)
        self.group_of = np.empty(n, dtype=np.int64)  # group of each paragraph
        for gi, m in enumerate(self.members):
            self.group_of[m] = gi
        enc = encode_tokens(tokens, analyzer.keep, self.group_of, n_groups, positions=True)
        self.raw_distinct, self.raw_group_counts = enc.raw_distinct, enc.raw_group_counts
        self.terms, self.ids, self.paragraph, self.counts = (
            enc.terms, enc.ids, enc.paragraph, enc.counts
        )  # fmt: skip
        # Distinct paragraphs of each group: their first copies, and which one each member is.
        token_array = np.asarray(tokens, dtype=object)
        self.distinct, self.copies = [], []
        self.distinct_index = np.full(n, -1, dtype=np.int64)  # a first copy's index in its group
        for m in self.members:
            which, _ = pd.factorize(token_array[m])
            first = np.unique(which, return_index=True)[1]  # increasing: codes follow first use
            self.distinct.append(m[first])
            self.distinct_index[m[first]] = np.arange(len(first))
            self.copies.append(
                sparse.csr_matrix(
                    (np.ones(len(m), dtype=np.int32), (which, np.arange(len(m)))),
                    shape=(len(first), len(m)),
                )
            )

    @functools.cached_property
    def multiplicity(self) -> list[np.ndarray]:
        """Per group: copies of each distinct paragraph (the weights of the full sample)."""
        return [np.asarray(c.sum(axis=1), dtype=np.int32).ravel() for c in self.copies]

    @functools.cached_property
    def counts_t(self) -> list[sparse.csr_matrix]:
        """Per group: terms × distinct paragraphs, ready for sparse × dense products. Integer
        (int32, like the resample weights): the sums are exact and need no float copy."""
        return [self.counts[d].T.tocsr() for d in self.distinct]

    @functools.cached_property
    def present_t(self) -> list[sparse.csr_matrix]:
        """Per group: terms × distinct paragraphs, 1 where the term occurs (shares the
        structure of :attr:`counts_t`)."""
        return [
            sparse.csr_matrix((np.ones_like(c.data), c.indices, c.indptr), shape=c.shape)
            for c in self.counts_t
        ]

    @functools.cached_property
    def group_counts_int(self) -> np.ndarray:
        """Groups × terms counts."""
        return np.asarray((self.ind @ self.counts).todense())

    def group_counts(self) -> np.ndarray:
        """Groups × terms counts (float)."""
        return self.group_counts_int.astype(np.float64)


class _Block:
    """One block of bootstrap resamples, with sums over them computed once for all methods."""

    def __init__(self, corpus: _Corpus, block: np.ndarray, map_groups=None):
        self.corpus = corpus
        self.rows = block.shape[0]
        # Per-group work may run in threads (scipy and numpy release the GIL); every group's
        # numbers are computed alone, so they do not depend on it.
        self.map_groups = map_groups or (lambda f: [f(gi) for gi in range(len(corpus.labels))])

        # Per group: distinct paragraphs × resamples, the draws of all copies added up;
        # contiguous for sparse × dense products.
        def weights(gi):
            draws = np.ascontiguousarray(block[:, corpus.members[gi]].T, dtype=np.int32)
            return corpus.copies[gi] @ draws

        self.weights = list(self.map_groups(weights))

    @functools.cached_property
    def counts(self) -> list[np.ndarray]:
        """Per group: resamples × terms counts. One sparse × dense product per group: never a
        weighted copy of the counts matrix per resample."""
        c, w = self.corpus.counts_t, self.weights
        return list(
            self.map_groups(lambda gi: np.ascontiguousarray((c[gi] @ w[gi]).T, dtype=np.float64))
        )

    @functools.cached_property
    def document_frequency(self) -> np.ndarray:
        """Resamples × terms: paragraphs (with multiplicity) containing each term."""
        p, w = self.corpus.present_t, self.weights
        df = sum(self.map_groups(lambda gi: p[gi] @ w[gi]))  # integers: exact in any order
        return np.ascontiguousarray(df.T, dtype=np.float64)


# ---------------------------------------------------------------------------------------
# scorers: point estimate (groups × terms) and scores of a block of resamples
# (one resamples × terms array per group); integer sums are exact in floating point, so the
# blocked products give the same scores as one resample at a time.
# ---------------------------------------------------------------------------------------


class _TfidfScorer:
    """TF-IDF of groups with IDF from the (re)sampled paragraphs; formula of scikit-learn's
    default ``smooth_idf=True``: ``idf = ln((1 + n) / (1 + df)) + 1``."""

    positive = True

    def __init__(self, corpus: _Corpus):
        self.corpus = corpus

    @staticmethod
    def _normalise(scores: np.ndarray) -> np.ndarray:
        norms = np.linalg.norm(scores, axis=1, keepdims=True)
        return np.divide(scores, norms, out=np.zeros_like(scores), where=norms > 0)

    def points(self) -> np.ndarray:
        c = self.corpus
        df = np.bincount(c.counts.indices, minlength=len(c.terms)).astype(np.float64)
        # scikit-learn's own arithmetic (TfidfTransformer.fit), so the scores are its numbers.
        idf = np.full_like(df, c.n_paragraphs + 1) / (df + 1.0)
        idf = np.log(idf) + 1.0
        return self._normalise(c.group_counts() * idf[None, :])

    def block_scores(self, block: _Block) -> list[np.ndarray]:
        n = self.corpus.n_paragraphs  # a stratified resample keeps the paragraph count
        idf = np.log((1 + n) / (1 + block.document_frequency)) + 1
        return [self._normalise(tf * idf) for tf in block.counts]


class _KeynessScorer:
    """Log-odds z of each group against the rest (:func:`~policystudy.stats.keyness.log_odds_dirichlet`)."""

    positive = False

    def __init__(self, corpus: _Corpus):
        self.corpus = corpus

    @staticmethod
    def _z(gc: np.ndarray) -> np.ndarray:
        seen = gc.sum(axis=0) > 0
        z = np.full(gc.shape, -np.inf)
        z[:, seen] = log_odds_dirichlet(gc[:, seen]).z
        return z

    def points(self) -> np.ndarray:
        return self._z(self.corpus.group_counts())

    def block_scores(self, block: _Block) -> list[np.ndarray]:
        gc = np.stack(block.counts, axis=1)  # resamples × groups × terms
        z = np.stack([self._z(g) for g in gc])
        return [z[:, gi] for gi in range(gc.shape[1])]


class _JiebaScorer:
    """``jieba.analyse.extract_tags`` scoring on the project's tokens: term frequency ×
    jieba's IDF (its median for unknown words) / the group's count of words extract_tags
    keeps (≥ 2 characters, not in its stop words); only meaningful terms are scored."""

    positive = True

    def __init__(self, corpus: _Corpus):
        self.corpus = corpus
        idf_freq, median_idf = _jieba_idf()

        def jieba_keeps(w: str) -> bool:
            return len(w.strip()) >= 2 and w.lower() not in _JIEBA_STOP_WORDS

        # 0 for terms extract_tags drops: they never enter a top k.
        self.idf = np.array(
            [idf_freq.get(t, median_idf) if jieba_keeps(t) else 0.0 for t in corpus.terms]
        )
        kept = np.fromiter(map(jieba_keeps, corpus.raw_distinct), dtype=bool)
        self.total = corpus.raw_group_counts[:, kept].sum(axis=1).astype(np.float64)

    def points(self) -> np.ndarray:
        total = np.where(self.total > 0, self.total, 1.0)
        # extract_tags' own arithmetic: freq * (idf / total).
        return self.corpus.group_counts() * (self.idf[None, :] / total[:, None])

    def block_scores(self, block: _Block) -> list[np.ndarray]:
        # Dividing a row by its total does not change its ranking.
        return [tf * self.idf[None, :] for tf in block.counts]


# Meaningful tokens paired at a time when building co-occurrences (bounds the temporaries).
_PAIR_CHUNK = 500_000


def _cooccurrence_edges(
    ids: np.ndarray, paragraph: np.ndarray, n_paragraphs: int, n_terms: int, window: int
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Paragraph × edge co-occurrence counts and the (u, v) term indices of each edge, u < v.

    ``ids`` are the meaningful tokens of the corpus in text order and ``paragraph`` their
    (non-decreasing) paragraph; tokens ``d = 1 … window - 1`` positions apart in one
    paragraph co-occur. Counts are int32: resample sums of them stay exact integers.

    Examples
    --------
    >>> # 社保卡 申领 社保卡 | 网格: ids 1 0 1 | 2, window 3
    >>> mat, edges = _cooccurrence_edges(np.array([1, 0, 1, 2]), np.array([0, 0, 0, 1]), 2, 3, 3)
    >>> edges.tolist(), mat.toarray().tolist()
    ([[0, 1]], [[2], [0]])
    """
    # Chunks end at paragraph starts, so no pair crosses a chunk boundary.
    starts = np.append(np.flatnonzero(np.diff(paragraph)) + 1, len(ids))
    cuts = starts[np.searchsorted(starts, np.arange(_PAIR_CHUNK, len(ids), _PAIR_CHUNK))]
    bounds = np.unique(np.concatenate([[0], cuts, [len(ids)]])).tolist()

    def pairs(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        tok, par = ids[lo:hi].astype(np.int64), paragraph[lo:hi]
        rows, codes = [], []
        for d in range(1, window):
            a, b = tok[:-d], tok[d:]
            same = (par[:-d] == par[d:]) & (a != b)
            rows.append(par[:-d][same])
            codes.append(np.minimum(a, b)[same] * n_terms + np.maximum(a, b)[same])
        return np.concatenate(rows), np.concatenate(codes)

    # Pass 1: the distinct edges (a hash per chunk, then one small sort) ...
    edge_codes = np.unique(
        np.concatenate(
            [np.zeros(0, dtype=np.int64)]
            + [pd.unique(pairs(lo, hi)[1]) for lo, hi in itertools.pairwise(bounds)]
        )
    )
    # ... pass 2: each chunk's (paragraph, edge) counts, in row order, straight into CSR.
    n_edges = len(edge_codes)
    row_nnz = np.zeros(n_paragraphs, dtype=np.int64)
    indices, data = [], []
    for lo, hi in itertools.pairwise(bounds):
        rows, codes = pairs(lo, hi)
        key = rows.astype(np.int64) * n_edges + np.searchsorted(edge_codes, codes)
        key, count = np.unique(key, return_counts=True)
        row_nnz += np.bincount(key // max(n_edges, 1), minlength=n_paragraphs)
        indices.append((key % max(n_edges, 1)).astype(np.int32))
        data.append(count.astype(np.int32))
    # Joined piece by piece, so the pieces and the whole never all coexist.
    data = np.concatenate([np.zeros(0, dtype=np.int32), *data])
    indices = np.concatenate([np.zeros(0, dtype=np.int32), *indices])
    mat = sparse.csr_matrix(
        (data, indices, np.concatenate([[0], np.cumsum(row_nnz)])),
        shape=(n_paragraphs, n_edges),
    )
    edges = np.column_stack([edge_codes // n_terms, edge_codes % n_terms])
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
    ``u - v``; every node must have an edge, so there is no dangling mass.

    The reference for :class:`_GroupGraph`'s batched iteration, which gives the same numbers.

    Examples
    --------
    >>> # 社保卡 - 申领 - 线上: 申领 is the hub
    >>> _pagerank_edges(np.array([0, 1]), np.array([1, 2]), np.ones(2), 3).round(3).tolist()
    [0.257, 0.486, 0.257]
    """
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


# Largest resamples × directed edges handled at once by the batched PageRank: the iteration
# streams that many entries each step, so they should stay near the CPU cache.
_PAGERANK_CELLS = 1_000_000


class _GroupGraph:
    """A group's full co-occurrence graph; a resample only reweights its edges.

    :meth:`pagerank` runs :func:`_pagerank_edges` for many resamples at once, as one power
    iteration on a block-diagonal matrix (rows node-major, resample-minor) whose structure is
    built here once. Edges a resample drops keep weight 0 and nodes it drops keep score 0 and
    get no teleport: adding exact zeros leaves every sum, and so every score, as in the
    per-resample computation.
    """

    def __init__(self, sub: sparse.csr_matrix, nodes: np.ndarray, lu: np.ndarray, lv: np.ndarray):
        self.sub = sub  # group edges × group paragraphs
        self.nodes = nodes
        self.n = n = len(nodes)
        n_edges = len(lu)
        rows = np.concatenate([lu, lv])
        cols = np.concatenate([lv, lu])
        edge = np.tile(np.arange(n_edges), 2)
        self.incidence = sparse.csr_matrix(
            (np.ones(2 * n_edges), (rows, edge)), shape=(n, max(n_edges, 1))
        )
        # Entries in CSR order (row, then column), as scipy stores the per-resample matrix.
        order = np.lexsort((cols, rows))
        self.node = rows[order]
        self.src = cols[order]
        self.edge = edge[order]
        self.degree = np.bincount(rows, minlength=n)
        self.start = np.concatenate([[0], np.cumsum(self.degree)[:-1]])
        self.max_rows = max(1, _PAGERANK_CELLS // max(len(order), 1))
        self._layouts: dict[int, tuple[np.ndarray, ...]] = {}

    def _layout(self, r: int) -> tuple[np.ndarray, ...]:
        """Where each (node, resample, neighbour) entry of the block matrix takes its edge
        weight and its source strength from, plus its CSR ``indices`` and ``indptr``."""
        if r not in self._layouts:
            k = np.arange(len(self.edge))
            deg = self.degree[self.node]
            # Node i's rows start at r * start[i]; resample b's row at + b * degree[i].
            pos = (r * self.start[self.node] + k - self.start[self.node])[None, :] + np.arange(r)[
                :, None
            ] * deg[None, :]
            b = np.broadcast_to(np.arange(r)[:, None], pos.shape)
            perm_k = np.empty(pos.size, dtype=np.int64)
            perm_b = np.empty(pos.size, dtype=np.int64)
            perm_k[pos.ravel()] = np.broadcast_to(k, pos.shape).ravel()
            perm_b[pos.ravel()] = b.ravel()
            # int32 where it fits: scipy would otherwise copy the indices of every chunk.
            index = np.int32 if r * max(len(self.edge), self.n) < 2**31 else np.int64
            edge_at = (self.edge[perm_k] * r + perm_b).astype(index)
            src_at = (self.src[perm_k] * r + perm_b).astype(index)  # also the entry's column
            indptr = np.concatenate([[0], np.cumsum(np.repeat(self.degree, r))]).astype(index)
            self._layouts[r] = (edge_at, src_at, indptr)
        return self._layouts[r]

    def pagerank(
        self,
        ew_t: np.ndarray,
        *,
        damping: float,
        tol: float = 1.0e-6,
        max_iter: int = 100,
        networkx: bool = False,
    ) -> np.ndarray:
        """Resamples × nodes PageRank; ``ew_t`` is edges × resamples weights.

        ``networkx=True`` follows ``networkx.pagerank``'s own arithmetic (it multiplies by
        the reciprocal strength, teleports ``(1 - damping) × (1 / n)``) for the point
        estimate, which then equals networkx's to the last bit, and, like networkx, raises
        when the iteration does not converge.
        """
        out = np.zeros((ew_t.shape[1], self.n))
        for start in range(0, ew_t.shape[1], self.max_rows):
            chunk = np.ascontiguousarray(ew_t[:, start : start + self.max_rows], dtype=np.float64)
            out[start : start + chunk.shape[1]] = self._pagerank_chunk(
                chunk, damping=damping, tol=tol, max_iter=max_iter, networkx=networkx
            ).T
        return out

    def _pagerank_chunk(self, ew_t, *, damping, tol, max_iter, networkx):
        n, r = self.n, ew_t.shape[1]
        edge_at, src_at, indptr = self._layout(r)
        strength = self.incidence @ ew_t  # nodes × resamples; integer sums, exact in any order
        alive = strength > 0  # a node whose every edge was resampled away leaves the graph
        n_alive = alive.sum(axis=0)
        safe = np.where(alive, strength, 1.0)
        data = np.take(ew_t.ravel(), edge_at)
        with np.errstate(divide="ignore"):
            if networkx:
                data *= np.take((1.0 / safe).ravel(), src_at)
                x = np.where(alive, 1.0 / n_alive, 0.0)
                teleport = np.where(alive, (1 - damping) * (1.0 / n_alive), 0.0)
            else:
                data /= np.take(safe.ravel(), src_at)
                x = np.where(alive, 1.0 / n_alive, 0.0)
                teleport = np.where(alive, (1 - damping) / n_alive, 0.0)
        step = sparse.csr_matrix((data, src_at, indptr), shape=(n * r, n * r))
        limit = n_alive * tol
        done = n_alive == 0
        for _ in range(max_iter):
            new = damping * (step @ x.ravel()).reshape(n, r) + teleport
            change = np.abs(new - x).sum(axis=0)
            # The reference sums the live nodes only, in numpy's pairwise order; where the
            # summation order could flip the stopping decision, sum exactly as it does.
            for b in np.flatnonzero(~done & (np.abs(change - limit) <= 1e-9 * limit)):
                live = alive[:, b]
                change[b] = np.abs(new[live, b] - x[live, b]).sum()
            active = ~done
            x[:, active] = new[:, active]
            done |= active & (change < limit)
            if done.all():
                break
        else:
            if networkx:
                raise nx.PowerIterationFailedConvergence(max_iter)
        return x


class _TextRankScorer:
    """PageRank of each group's co-occurrence graph; the graphs are built once."""

    positive = True

    def __init__(self, corpus: _Corpus, *, window: int, damping: float):
        self.corpus = corpus
        self.damping = damping
        # Each group's full graph fixes its edges and nodes; a resample only reweights them.
        # Built group by group, so no corpus-wide paragraph × edge matrix is ever held.
        local = corpus.distinct_index.astype(np.int32)[corpus.paragraph]  # -1: a later copy
        group_of_token = np.where(
            local >= 0, corpus.group_of.astype(np.int32)[corpus.paragraph], -1
        )
        self.graphs = []
        for gi, distinct in enumerate(corpus.distinct):
            mine = group_of_token == gi
            para_edges, edges = _cooccurrence_edges(
                corpus.ids[mine], local[mine], len(distinct), len(corpus.terms), window
            )
            # The CSC form of paragraphs × edges is the CSR form of edges × paragraphs.
            csc = para_edges.tocsc()
            del para_edges
            sub = sparse.csr_matrix((csc.data, csc.indices, csc.indptr), shape=csc.shape[::-1])
            del csc
            nodes, ends = np.unique(edges.ravel(order="F"), return_inverse=True)
            graph = _GroupGraph(sub, nodes, ends[: len(edges)], ends[len(edges) :])
            graph.edges = edges  # (u, v) term ids, for the networkx reference
            self.graphs.append(graph)

    def points(self) -> np.ndarray:
        """Point estimate: ``networkx.pagerank`` of each group's graph, bit for bit
        (see :meth:`_networkx_points`), without building networkx graphs."""
        scores = np.zeros((len(self.corpus.labels), len(self.corpus.terms)))
        for gi, graph in enumerate(self.graphs):
            if graph.n:
                ew_t = (graph.sub @ self.corpus.multiplicity[gi])[:, None].astype(np.float64)
                scores[gi, graph.nodes] = graph.pagerank(ew_t, damping=self.damping, networkx=True)[
                    0
                ]
        return scores

    def _networkx_points(self) -> np.ndarray:
        """The reference: ``networkx.pagerank`` with nodes and edges inserted in term order."""
        scores = np.zeros((len(self.corpus.labels), len(self.corpus.terms)))
        for gi, g in enumerate(self.graphs):
            if not g.n:
                continue
            ew = (g.sub @ self.corpus.multiplicity[gi]).ravel()
            graph = nx.Graph()
            graph.add_nodes_from(np.unique(g.edges).tolist())
            graph.add_weighted_edges_from(
                (int(u), int(v), float(w)) for (u, v), w in zip(g.edges, ew, strict=True)
            )
            pr = nx.pagerank(graph, alpha=self.damping, weight="weight")
            nodes = np.fromiter(pr.keys(), dtype=np.int64)
            scores[gi, nodes] = np.fromiter(pr.values(), dtype=float)
        return scores

    def block_scores(self, block: _Block) -> list[np.ndarray]:
        def one(gi: int) -> np.ndarray:
            graph = self.graphs[gi]
            scores = np.zeros((block.rows, len(self.corpus.terms)))
            # Edge weights a few dozen resamples at a time: edges × resamples is the largest
            # array of the bootstrap.
            w = block.weights[gi]
            step = max(graph.max_rows, 32)
            for start in range(0, block.rows if graph.n else 0, step):
                ew = graph.sub @ np.ascontiguousarray(w[:, start : start + step])
                scores[start : start + step, graph.nodes] = graph.pagerank(ew, damping=self.damping)
            return scores

        return list(block.map_groups(one))


def _warn_thin(labels, ind, group_counts, *, min_paragraphs: int, min_tokens: int) -> None:
    n_par = np.asarray(ind.sum(axis=1)).ravel()
    n_tok = np.asarray(group_counts.sum(axis=1)).ravel()
    for label, n_p, n_t in zip(labels, n_par, n_tok, strict=True):
        if n_p < min_paragraphs or n_t < min_tokens:
            warnings.warn(
                f"group {label!r} has only {int(n_p)} paragraph(s) and {int(n_t)} meaningful "
                f"token(s) (thresholds {min_paragraphs} and {min_tokens}): its keywords rest on "
                "thin evidence; read the stability column before trusting them",
                ThinEvidenceWarning,
                stacklevel=3,
            )


def _bootstrap_hits(corpus, scorers, tops, blocks, top_k, map_groups) -> dict[str, np.ndarray]:
    """Per method, groups × top_k counts of resamples keeping each top term in the top k."""
    hits = {m: np.zeros(top.shape) for m, top in tops.items()}
    for block in blocks:
        shared = _Block(corpus, block, map_groups)
        for m, scorer in scorers.items():
            for gi, scores in enumerate(scorer.block_scores(shared)):
                top = tops[m][gi]
                valid = top >= 0
                mask = top_mask(scores, top_k, positive=scorer.positive)
                hits[m][gi, valid] += mask[:, top[valid]].sum(axis=0)
    return hits


# Largest resamples × groups × terms scored at once (memory bound of one bootstrap block).
_SCORE_CELLS = 2_000_000


def keyword_table(
    tokens: Sequence[str],
    groups: Sequence[str],
    *,
    methods: Sequence[str] = METHODS,
    top_k: int = 20,
    stopwords: Iterable[str] = (),
    min_chars: int = 2,
    n_bootstrap: int = 1000,
    random_state: int | None = 42,
    window: int = 5,
    damping: float = 0.85,
    min_paragraphs: int = 5,
    min_tokens: int = 200,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """Top keywords of every group by several methods, with bootstrap stability, in one pass.

    The methods share the counts, the thin-evidence check and the bootstrap resamples (drawn
    in bounded blocks by :func:`policystudy.stats.resampling.bootstrap_blocks`); each method's rows
    are exactly those of :func:`extract_keywords` with that ``method``.

    Parameters
    ----------
    tokens, groups, top_k, stopwords, min_chars, n_bootstrap, random_state, window, damping,
    min_paragraphs, min_tokens
        As in :func:`extract_keywords`.
    methods : sequence of {"tfidf", "textrank", "keyness", "jieba"}
        Methods to run, in the order of the output rows.
    n_jobs : int
        Threads for the bootstrap's per-group sums and PageRank (0: one per available core).
        The table does not depend on it.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, method, rank, term, score, stability``: per method, sorted by
        group then rank.

    Examples
    --------
    >>> toks = ["推进 乡村振兴 巩固 脱贫 成果", "乡村振兴 长白山 文化", "社保卡 一卡通 应用",
    ...         "公办园 学位 社保卡"]
    >>> kw = keyword_table(toks, ["吉林", "吉林", "辽宁", "辽宁"], methods=["tfidf", "keyness"],
    ...                    top_k=1, n_bootstrap=20, min_paragraphs=1, min_tokens=1)
    >>> kw[["method", "group", "term"]].values.tolist()
    [['tfidf', '吉林', '乡村振兴'], ['tfidf', '辽宁', '社保卡'], ['keyness', '吉林', '乡村振兴'], ['keyness', '辽宁', '社保卡']]
    """
    methods = list(methods)
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not methods:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {unknown or methods!r}")
    if not isinstance(top_k, (int, np.integer)) or top_k < 1:
        raise ValueError(f"top_k must be an integer >= 1, got {top_k!r}")
    if n_bootstrap < 0:
        raise ValueError(f"n_bootstrap must be >= 0, got {n_bootstrap!r}")
    if window < 2:
        raise ValueError(f"window must be >= 2, got {window!r}")
    tokens = list(tokens)
    groups = [str(g) for g in groups]
    if len(tokens) != len(groups):
        raise ValueError(f"{len(tokens)} token strings but {len(groups)} group labels")
    if not tokens:
        raise ValueError("no paragraphs given")
    if "keyness" in methods and len(set(groups)) < 2:
        raise ValueError("method='keyness' compares each group with the rest: it needs >= 2 groups")

    corpus = _Corpus(tokens, groups, MeaningfulAnalyzer(stopwords, min_chars))
    _warn_thin(
        corpus.labels,
        corpus.ind,
        corpus.group_counts_int,
        min_paragraphs=min_paragraphs,
        min_tokens=min_tokens,
    )
    make = {
        "tfidf": lambda: _TfidfScorer(corpus),
        "textrank": lambda: _TextRankScorer(corpus, window=window, damping=damping),
        "keyness": lambda: _KeynessScorer(corpus),
        "jieba": lambda: _JiebaScorer(corpus),
    }
    scorers = {m: make[m]() for m in dict.fromkeys(methods)}
    corpus.ids = corpus.paragraph = None  # only TextRank's graphs needed the token sequence
    points = {m: s.points() for m, s in scorers.items()}
    tops = {m: top_order(points[m], top_k, positive=s.positive) for m, s in scorers.items()}
    # Rows per block: a resample's scores are groups × terms for each method, its weights one
    # per paragraph; either bound keeps a block's arrays to tens of megabytes.
    rows = max(1, _SCORE_CELLS // (len(corpus.labels) * len(corpus.terms)))
    rows = min(rows, max(1, BLOCK_CELLS // corpus.n_paragraphs))
    blocks = bootstrap_blocks(
        groups, n_bootstrap, random_state, block_cells=rows * corpus.n_paragraphs
    )
    workers = min(resolve_jobs(n_jobs), len(corpus.labels))
    pool = ThreadPoolExecutor(workers) if workers > 1 and n_bootstrap else None
    map_groups = (lambda f: pool.map(f, range(len(corpus.labels)))) if pool else None
    try:
        hits = _bootstrap_hits(corpus, scorers, tops, blocks, top_k, map_groups)
    finally:
        if pool:
            pool.shutdown()

    tables = []
    for m in methods:
        top, point = tops[m], points[m]
        stability = hits[m] / n_bootstrap if n_bootstrap else np.full(top.shape, np.nan)
        for gi, label in enumerate(corpus.labels):
            keep = top[gi] >= 0
            idx = top[gi][keep]
            tables.append(
                pd.DataFrame(
                    {
                        "group": label,
                        "method": m,
                        "rank": np.arange(1, len(idx) + 1),
                        "term": corpus.terms[idx],
                        "score": point[gi, idx],
                        "stability": stability[gi][keep],
                    }
                )
            )
    return pd.concat(tables, ignore_index=True)[OUTPUT_COLUMNS]


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
        Deprecated, ignored: the jieba method now scores ``tokens``.
    window : int
        TextRank co-occurrence window, in meaningful tokens (2 = adjacent only).
    damping : float
        PageRank damping factor.
    jieba_tokenizer : jieba.Tokenizer, optional
        Deprecated, ignored: the jieba method no longer segments.
    min_paragraphs, min_tokens : int
        Below either, a :class:`ThinEvidenceWarning` is issued for the group.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, method, rank, term, score, stability``, sorted by group then rank;
        ranks follow ``(-score, term)``. ``stability`` is the share of resamples in which
        the term is among the group's top ``top_k``.

    See Also
    --------
    keyword_table : several methods in one pass over the same counts and resamples.

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
    if texts is not None or jieba_tokenizer is not None:
        warnings.warn(
            "texts= and jieba_tokenizer= are ignored: the jieba method scores the given tokens",
            DeprecationWarning,
            stacklevel=2,
        )
    return keyword_table(
        tokens,
        groups,
        methods=[method],
        top_k=top_k,
        stopwords=stopwords,
        min_chars=min_chars,
        n_bootstrap=n_bootstrap,
        random_state=random_state,
        window=window,
        damping=damping,
        min_paragraphs=min_paragraphs,
        min_tokens=min_tokens,
    )


def _read_text(path: Path) -> str:
    from policystudy.ingest.corpus import detect_encoding
    from policystudy.ingest.normalize import normalize_text

    return normalize_text(detect_encoding(path.read_bytes()).text)


def jieba_engine(tokenizer) -> object | None:
    """The ``jieba.Tokenizer`` inside a :class:`~policystudy.text.PolicyTokenizer`
    (with the policy user dictionary), to run ``extract_tags`` itself (the jieba method no
    longer does; the tests compare it with this).

    ``extract_tags`` is jieba's own method, so with another backend (rjieba) the jieba
    engine of a tokenizer with the same dictionary is returned: jieba's global tokenizer
    would lack the user dictionary and split terms such as 人社局; ``None`` for objects that
    are not a PolicyTokenizer.

    Examples
    --------
    >>> from policystudy.text import PolicyTokenizer
    >>> type(jieba_engine(PolicyTokenizer())).__name__
    'Tokenizer'
    >>> "人社局" in jieba_engine(PolicyTokenizer(backend="rjieba")).lcut("区人社局牵头")
    True
    """
    backend = getattr(tokenizer, "backend", None)
    if backend is None:
        return None
    if backend != "jieba":
        from policystudy.text import PolicyTokenizer

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
    from policystudy.text import PolicyTokenizer, tokenize_paragraphs

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
        n_bootstrap=n_bootstrap,
        random_state=random_state,
    )
