"""The supervised baseline the lexicon is validated against: :class:`TfidfDomainClassifier`.

Examples
--------
>>> TfidfDomainClassifier(C=1.0).get_params()["C"]
1.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from policystudy.core import defaults
from policystudy.domains.labels import (
    _needs_collapse,
    _texts_sections,
    collapse_non_livelihood,
    primary_accuracy,
    split_labels,
)
from policystudy.domains.matcher import normalize


class TfidfDomainClassifier(ClassifierMixin, BaseEstimator):
    """Supervised baseline: character 1-2-gram TF-IDF + logistic regression on primary labels.

    It predicts one label per unit (no secondary labels) and ignores headings.

    Parameters
    ----------
    C : float, default 10.0
        Inverse regularisation strength of the logistic regression.
    random_state : int, default 42

    Examples
    --------
    >>> m = TfidfDomainClassifier().fit(["提高低保标准", "建设养老机构"] * 2,
    ...                                 ["social_assistance", "elderly_care"] * 2)
    >>> m.predict(["低保标准"])
    [['social_assistance']]
    """

    def __init__(self, *, C: float = 10.0, random_state: int = defaults.RANDOM_STATE):
        self.C = C
        self.random_state = random_state

    def fit(self, X, y) -> TfidfDomainClassifier:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from threadpoolctl import threadpool_limits

        texts, _ = _texts_sections(X)
        labels = [split_labels(v)[0] for v in y]
        self.pipeline_ = make_pipeline(
            TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True),
            LogisticRegression(C=self.C, max_iter=2000, random_state=self.random_state),
        )
        # A few hundred units: BLAS threads only add synchronisation, which costs 10-20x on a
        # busy 2-core machine, and one thread makes the fit independent of the core count.
        with threadpool_limits(limits=1, user_api="blas"):
            self.pipeline_.fit([normalize(t) for t in texts], labels)
        self.classes_ = np.asarray(self.pipeline_.classes_)
        return self

    def predict(self, X) -> list[list[str]]:
        check_is_fitted(self, "pipeline_")
        texts, _ = _texts_sections(X)
        return [[str(p)] for p in self.pipeline_.predict([normalize(t) for t in texts])]

    def classify(self, X) -> pd.DataFrame:
        """``primary``, ``labels``, ``scores``, ``terms`` (the last two empty: primary labels only)."""
        primary = [p[0] for p in self.predict(X)]
        return pd.DataFrame({"primary": primary, "labels": primary, "scores": "", "terms": ""})

    def score(self, X, y) -> float:
        truth = [split_labels(v) for v in y]
        pred = self.predict(X)
        if _needs_collapse(truth):
            pred = collapse_non_livelihood(pred)
        return primary_accuracy(truth, pred)
