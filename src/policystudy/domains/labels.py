"""Label sets and their scores: ``"a|b"`` label strings, the seed labels' ``general``, primary
accuracy and micro-F1, and the ``X`` every domain classifier takes (texts, or a DataFrame with
``text`` and optionally ``section``).

Examples
--------
>>> micro_f1([split_labels("health|housing")], [["health"]])
0.6666666666666666
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from policystudy.domains.taxonomy import GENERAL, NON_LIVELIHOOD


def split_labels(labels: str | Sequence[str]) -> list[str]:
    """``"a|b"`` or a list -> a list of codes.

    Examples
    --------
    >>> split_labels("health|elderly_care")
    ['health', 'elderly_care']
    """
    if isinstance(labels, str):
        return [p for p in labels.split("|") if p]
    return list(labels)


def _texts_sections(X) -> tuple[list[str], list[str]]:
    if isinstance(X, pd.DataFrame):
        texts = X["text"].fillna("").astype(str).tolist()
        if "section" in X.columns:
            sections = X["section"].fillna("").astype(str).tolist()
        else:
            sections = [""] * len(texts)
        return texts, sections
    if isinstance(X, str):
        raise TypeError("X must be a sequence of texts, not one string")
    texts = ["" if t is None else str(t) for t in X]
    return texts, [""] * len(texts)


def collapse_non_livelihood(pred: Sequence[Sequence[str]]) -> list[list[str]]:
    """Map ``non_livelihood`` to ``general``, for labels written before the category existed.

    The seed labels (``paragraph_labels.csv``) have no ``non_livelihood``: their ``general``
    means "no livelihood domain". Predictions are scored against them on that label set.

    Examples
    --------
    >>> collapse_non_livelihood([["non_livelihood"], ["health"]])
    [['general'], ['health']]
    """
    return [[GENERAL if c == NON_LIVELIHOOD else c for c in p] for p in pred]


def primary_accuracy(truth: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> float:
    """Share of items whose predicted primary label equals the true primary label.

    Examples
    --------
    >>> primary_accuracy([["health", "elderly_care"], ["housing"]], [["health"], ["general"]])
    0.5
    """
    if not len(truth):
        return float("nan")
    return float(np.mean([t[0] == p[0] for t, p in zip(truth, pred, strict=True)]))


def micro_f1(truth: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> float:
    """Micro-averaged F1 over label sets.

    Examples
    --------
    >>> micro_f1([["health", "housing"]], [["health"]])
    0.6666666666666666
    """
    tp = sum(len(set(t) & set(p)) for t, p in zip(truth, pred, strict=True))
    n_pred = sum(len(p) for p in pred)
    n_true = sum(len(t) for t in truth)
    return 2 * tp / (n_pred + n_true) if n_pred + n_true else 0.0


def _needs_collapse(truth: Sequence[Sequence[str]]) -> bool:
    return not any(NON_LIVELIHOOD in t for t in truth)
