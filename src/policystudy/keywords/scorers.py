"""Keyword scorers: TF-IDF, keyness and jieba's ``extract_tags`` scoring.

Each scorer gives a point estimate (groups × terms) and the scores of a block of resamples
(one resamples × terms array per group); TextRank is in :mod:`policystudy.keywords.textrank`.
"""

from __future__ import annotations

import numpy as np

from policystudy.keywords.corpus import _JIEBA_STOP_WORDS, _Block, _Corpus, _jieba_idf
from policystudy.stats.keyness import log_odds_dirichlet

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
        # Paragraphs in each resample: the corpus's own count when groups draw paragraphs
        # (a group keeps its size), the drawn documents' paragraphs otherwise.
        n = block.n_paragraphs[:, None]
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
