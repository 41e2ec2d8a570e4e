"""The corpus as arrays, shared by the keyword methods, and blocks of bootstrap resamples.

:class:`_Corpus` codes every paragraph's meaningful tokens once (term ids, counts, groups,
distinct paragraphs per group); :class:`_Block` holds one block of resamples and the sums over
them that every scorer needs, computed once.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from policystudy.stats.resampling import group_matrix
from policystudy.text.vocabulary import MeaningfulAnalyzer, encode_tokens

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

    def __init__(
        self,
        tokens: Sequence[str],
        groups: Sequence[str],
        analyzer: MeaningfulAnalyzer,
        *,
        documents: Sequence[str] | None = None,
        min_documents: int = 0,
    ):
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
        self._resampling_units(documents, min_documents)

    def _resampling_units(self, documents: Sequence[str] | None, min_documents: int) -> None:
        """What each group's bootstrap draws: its documents, once it has ``min_documents`` of
        them (the unit that varies), else its paragraphs.

        Sets, per group, ``unit_kind`` and ``to_units`` (distinct paragraphs × units: how
        many copies of each distinct paragraph a unit holds; ``None`` for paragraphs, whose
        draws reach the distinct paragraphs through :attr:`copies`), and, over all groups,
        the resampling axis, units in order of first appearance: ``unit_groups`` (the group
        of each unit, the input of :func:`~policystudy.stats.resampling.bootstrap_blocks`),
        ``unit_members`` (each group's units on that axis) and ``unit_paragraphs``
        (paragraphs per unit). With no group resampling documents the axis is the
        paragraphs themselves, and the draws those of the paragraph bootstrap.
        """
        n = self.n_paragraphs
        if documents is not None and len(documents) != n:
            raise ValueError(f"{len(documents)} document ids but {n} paragraphs")
        docs = None if documents is None else np.asarray([str(d) for d in documents], dtype=object)
        # Key of each paragraph's unit: its own index, or its group and document.
        keys = np.arange(n).astype(str).astype(object)
        self.unit_kind: list[str] = []
        self.to_units: list[sparse.csr_matrix | None] = []
        local_doc: dict[int, tuple[np.ndarray, int]] = {}
        for gi, m in enumerate(self.members):
            names = pd.unique(docs[m]) if docs is not None else ()
            if docs is not None and min_documents > 0 and len(names) >= min_documents:
                self.unit_kind.append("documents")
                codes = pd.factorize(docs[m])[0]  # first-appearance order, like the axis
                local_doc[gi] = (codes, len(names))
                keys[m] = [f"d\x1f{gi}\x1f{d}" for d in docs[m]]
            else:
                self.unit_kind.append("paragraphs")
        unit_of, unit_keys = pd.factorize(keys)
        n_units = len(unit_keys)
        unit_group = np.empty(n_units, dtype=np.int64)
        unit_group[unit_of] = self.group_of
        self.unit_groups = self.labels[unit_group].tolist()
        self.unit_members = [np.flatnonzero(unit_group == gi) for gi in range(len(self.labels))]
        self.unit_paragraphs = np.bincount(unit_of, minlength=n_units)
        for gi in range(len(self.labels)):
            if gi not in local_doc:
                self.to_units.append(None)
                continue
            codes, n_docs = local_doc[gi]
            # Column j of copies is member j; its row is the distinct paragraph it copies.
            coo = self.copies[gi].tocoo()
            distinct_of_member = np.empty(len(codes), dtype=np.int64)
            distinct_of_member[coo.col] = coo.row
            self.to_units.append(
                sparse.csr_matrix(
                    (np.ones(len(codes), dtype=np.int32), (distinct_of_member, codes)),
                    shape=(self.copies[gi].shape[0], n_docs),
                )
            )

    def units(self, gi: int, mat: sparse.csr_matrix) -> sparse.csr_matrix:
        """``mat`` (anything × the group's distinct paragraphs) summed over each resampling
        unit of the group: × documents, or unchanged when the group draws paragraphs."""
        to = self.to_units[gi]
        return mat if to is None else (mat @ to).tocsr()

    @functools.cached_property
    def multiplicity(self) -> list[np.ndarray]:
        """Per group: copies of each distinct paragraph (the weights of the full sample)."""
        return [np.asarray(c.sum(axis=1), dtype=np.int32).ravel() for c in self.copies]

    @functools.cached_property
    def counts_t(self) -> list[sparse.csr_matrix]:
        """Per group: terms × units (distinct paragraphs, or documents when the group
        resamples documents), ready for sparse × dense products. Integer
        (int32, like the resample weights): the sums are exact and need no float copy."""
        return [self.units(gi, self.counts[d].T.tocsr()) for gi, d in enumerate(self.distinct)]

    @functools.cached_property
    def present_t(self) -> list[sparse.csr_matrix]:
        """Per group: terms × units, the paragraphs of the unit in which the term occurs
        (1 or 0 for a distinct paragraph)."""
        out = []
        for gi, d in enumerate(self.distinct):
            c = self.counts[d].T.tocsr()
            present = sparse.csr_matrix((np.ones_like(c.data), c.indices, c.indptr), shape=c.shape)
            out.append(self.units(gi, present))  # by document: its paragraphs holding the term
        return out

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

        # Per group: units × resamples. A group resampled by paragraphs adds up the draws of
        # all copies of each distinct paragraph; one resampled by documents uses its draws
        # as they are. Contiguous for sparse × dense products.
        def weights(gi):
            draws = np.ascontiguousarray(block[:, corpus.unit_members[gi]].T, dtype=np.int32)
            return draws if corpus.to_units[gi] is not None else corpus.copies[gi] @ draws

        self.weights = list(self.map_groups(weights))
        # Paragraphs in each resample: constant when every group draws paragraphs (a group
        # keeps its size), varying with the documents drawn otherwise.
        self.n_paragraphs = (block @ corpus.unit_paragraphs).astype(np.float64)

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
