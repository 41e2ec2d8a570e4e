"""TextRank keywords: PageRank on each group's term co-occurrence graph, on arrays.

The point estimate is ``networkx.pagerank``'s to the last bit; resamples reweigh the
paragraph × edge co-occurrence counts instead of rebuilding graphs.
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from policystudy.keywords.corpus import _Block, _Corpus

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
    # x_new[r] = Σ_c A[c, r] (x[c] / strength[c]); A is symmetric, so index it as A[r, c].
    # Dividing the vector, not the matrix, leaves the matrix the edge weights themselves.
    step = sparse.csr_matrix((data, (rows, cols)), shape=(n, n))
    x = np.full(n, 1.0 / n)
    teleport = (1 - damping) / n
    for _ in range(max_iter):
        last = x
        x = damping * (step @ (x / strength)) + teleport
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
        # The edges' two ends, for the nodes' strengths (sums of integer weights: exact in any
        # order); an incidence matrix held 2 × edges float64 more per group.
        index = np.int32 if n < 2**31 else np.int64
        self.lu, self.lv = lu.astype(index), lv.astype(index)
        # Entries in CSR order (row, then column), as scipy stores the per-resample matrix.
        order = np.lexsort((cols, rows))
        # int32 where it fits: four such arrays of 2 × edges per group are held for the whole
        # bootstrap (a million edges per group at 100 MB).
        small = np.int32 if max(n, n_edges) < 2**31 else np.int64
        self.node = rows[order].astype(small)
        self.src = cols[order].astype(small)
        self.edge = edge[order].astype(small)
        self.degree = np.bincount(rows, minlength=n)
        self.start = np.concatenate([[0], np.cumsum(self.degree)[:-1]])
        self.max_rows = max(1, _PAGERANK_CELLS // max(len(order), 1))
        self._layouts: dict[int, tuple[np.ndarray, ...]] = {}

    def _layout(self, r: int) -> tuple[np.ndarray, ...]:
        """Where each (node, resample, neighbour) entry of the block matrix takes its edge
        weight and its source strength from, plus its CSR ``indices`` and ``indptr``."""
        if r in self._layouts:
            return self._layouts[r]
        # int32 where it fits: scipy would otherwise copy the indices of every chunk.
        index = np.int32 if r * max(len(self.edge), self.n) < 2**31 else np.int64
        indptr = np.concatenate([[0], np.cumsum(np.repeat(self.degree, r))]).astype(index)
        if r == 1:
            # One resample: the block matrix is the graph's own, in CSR order already (at
            # 100 MB every chunk is one resample); the arrays are shared, not copied.
            edge_at = self.edge.astype(index, copy=False)
            src_at = self.src.astype(index, copy=False)
        else:
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
            edge_at = (self.edge[perm_k].astype(np.int64) * r + perm_b).astype(index)
            # also the entry's column
            src_at = (self.src[perm_k].astype(np.int64) * r + perm_b).astype(index)
        self._layouts[r] = (edge_at, src_at, indptr)
        return self._layouts[r]

    @property
    def edges(self) -> np.ndarray:
        """The (u, v) term ids of the edges (for the networkx reference; not kept: at
        100 MB they were 16 bytes an edge, 4 million edges, held for the whole bootstrap)."""
        return np.column_stack([self.nodes[self.lu], self.nodes[self.lv]])

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
        strength = np.empty((n, r))  # nodes × resamples
        for j in range(r):
            strength[:, j] = np.bincount(self.lu, ew_t[:, j], n) + np.bincount(
                self.lv, ew_t[:, j], n
            )
        alive = strength > 0  # a node whose every edge was resampled away leaves the graph
        n_alive = alive.sum(axis=0)
        safe = np.where(alive, strength, 1.0)
        data = np.take(ew_t.ravel(), edge_at)
        with np.errstate(divide="ignore"):
            if networkx:
                data *= np.take((1.0 / safe).ravel(), src_at)
                x = np.where(alive, 1.0 / n_alive, 0.0)
                teleport = np.where(alive, (1 - damping) * (1.0 / n_alive), 0.0)
                divide = None
            else:
                # The resamples divide the vector by the strengths at each step (n × r
                # values) instead of the matrix (2 × edges × r): one gather fewer per resample.
                x = np.where(alive, 1.0 / n_alive, 0.0)
                teleport = np.where(alive, (1 - damping) / n_alive, 0.0)
                divide = safe
        step = sparse.csr_matrix((data, src_at, indptr), shape=(n * r, n * r))
        limit = n_alive * tol
        done = n_alive == 0
        for _ in range(max_iter):
            vec = x if divide is None else x / divide
            new = damping * (step @ vec.ravel()).reshape(n, r) + teleport
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
        # Tokens of a group's distinct paragraphs (a later copy has distinct_index -1),
        # selected per group through a paragraph mask: token-length arrays of the index and
        # group held for all groups were 80 MB at 100 MB.
        first_copy = corpus.distinct_index >= 0
        self.graphs = []
        for gi, distinct in enumerate(corpus.distinct):
            mine = (first_copy & (corpus.group_of == gi))[corpus.paragraph]
            local = corpus.distinct_index[corpus.paragraph[mine]].astype(np.int32)
            para_edges, edges = _cooccurrence_edges(
                corpus.ids[mine], local, len(distinct), len(corpus.terms), window
            )
            del mine, local
            # The points reweigh distinct paragraphs by their copies; a resample reweighs the
            # group's resampling units (documents: their paragraphs' edges summed). With
            # documents as units the paragraph matrix is not kept: only its point weights.
            # Integer sums, so either orientation gives the same weights.
            point_weights = (corpus.multiplicity[gi] @ para_edges).astype(np.float64)
            to = corpus.to_units[gi]
            if to is None:
                # The CSC form of paragraphs × edges is the CSR form of edges × paragraphs.
                csc = para_edges.tocsc()
                del para_edges
                sub = sparse.csr_matrix((csc.data, csc.indices, csc.indptr), shape=csc.shape[::-1])
                del csc
                units = sub
            else:
                # Summed into documents before the transpose: the paragraphs × edges matrix
                # (10 million entries a group at 100 MB) is never copied into edges-major form.
                units = (to.T.tocsr() @ para_edges).T.tocsr()
                sub = None
                del para_edges
            nodes, ends = np.unique(edges.ravel(order="F"), return_inverse=True)
            graph = _GroupGraph(sub, nodes, ends[: len(edges)], ends[len(edges) :])
            graph.units = units
            graph.point_weights = point_weights
            del sub
            self.graphs.append(graph)

    def points(self) -> np.ndarray:
        """Point estimate: ``networkx.pagerank`` of each group's graph, bit for bit
        (see :meth:`_networkx_points`), without building networkx graphs."""
        scores = np.zeros((len(self.corpus.labels), len(self.corpus.terms)))
        for gi, graph in enumerate(self.graphs):
            if graph.n:
                ew_t = graph.point_weights[:, None]
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
            ew = g.point_weights
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
            w = block.weights[gi]
            # Edge weights one PageRank chunk at a time (edges × resamples is the largest array
            # of the bootstrap); they come out contiguous, so the chunk is not copied again.
            step = graph.max_rows
            for start in range(0, block.rows if graph.n else 0, step):
                ew = graph.units @ np.ascontiguousarray(w[:, start : start + step])
                scores[start : start + step, graph.nodes] = graph.pagerank(ew, damping=self.damping)
            return scores

        return list(block.map_groups(one))
