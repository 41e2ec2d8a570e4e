"""The TF-IDF space of the topic analyses: IDF learned on the corpus's paragraphs.

One space serves both the group × group and document × document cosine similarity
(:mod:`policystudy.topics.similarity`) and the NMF topic model (:mod:`policystudy.topics.nmf`).

Examples
--------
>>> space = TfidfSpace().fit(["养老 服务 机构 养老", "网格 治理 社区"])
>>> space.transform(["养老 机构"]).shape
(1, 6)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from policystudy.stats.resampling import group_matrix
from policystudy.text.vocabulary import MeaningfulAnalyzer, count_terms


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
            if tokens is None:
                raise ValueError("transform_groups needs the tokens or their counts")
            counts = self.count(tokens)
        return names, self.weigh(ind @ counts)
