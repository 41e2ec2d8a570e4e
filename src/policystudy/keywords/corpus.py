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
