"""Document-grouped cross-validation of the instrument model against the rules.

Every setting of :class:`~policystudy.instruments.model.InstrumentModel` is chosen by these
folds alone (``tools/score_instruments.py cv``; ``INSTRUMENTS.md``): no blind sample is looked
at. The honest figure is on the sentences of :data:`~policystudy.instruments.model.
UNSEEN_SPLITS`, which no rule was written from.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from policystudy.instruments.coder import code_text
from policystudy.instruments.model import (
    DEFAULT_PARAMS,
    UNSEEN_SPLITS,
    InstrumentModel,
    training_labels,
)
from policystudy.instruments.taxonomy import as_instruments


def cv_predictions(
    labels: pd.DataFrame | None = None,
    *,
    n_splits: int = 5,
    **params: Any,
) -> pd.DataFrame:
    """The labels with the out-of-fold primary type of the model (``model``), the rules'
    primary type (``rules``) and the ``fold``, on document-grouped folds.

    Folds are :class:`~sklearn.model_selection.GroupKFold` over ``doc_id`` (no document in
    both parts); the model (:data:`DEFAULT_PARAMS` updated by ``params``) is refitted on each
    training part, with its combiner fitted on the part's :data:`UNSEEN_SPLITS` sentences.
    """
    data = training_labels() if labels is None else labels.reset_index(drop=True)
    settings = {**DEFAULT_PARAMS, **params}
    tax = as_instruments(settings.pop("taxonomy", None))
    gold = data["primary"].to_numpy(dtype=str)
    unseen = data["split"].isin(UNSEEN_SPLITS).to_numpy()
    # The rules code each sentence once: their primary type is a column, and their rows are
    # what every fold's model reads.
    coded = [code_text(t, taxonomy=tax) for t in data["text"]]
    out = data.assign(rules=[c["primary"] for c in coded], model="", fold=0)
    splitter = GroupKFold(n_splits=n_splits)
    for k, (train, test) in enumerate(splitter.split(data, groups=data["doc_id"]), 1):
        fitted = InstrumentModel(taxonomy=tax, **settings).fit(
            data["text"].iloc[train],
            gold[train],
            groups=data["doc_id"].iloc[train],
            unseen=unseen[train],
            rule_codes=[coded[i] for i in train],
            types=data["types"].iloc[train] if "types" in data else None,
        )
        out.loc[test, "model"] = fitted.predict(
            data["text"].iloc[test], rule_codes=[coded[i] for i in test]
        )
        out.loc[test, "fold"] = k
    return out


#: The settings the fifth session chose among (``INSTRUMENTS.md``, "Tuning after the sixth
#: sample"), each a change to :data:`DEFAULT_PARAMS`; the nested CV chooses among them again in
#: every outer fold. The first is the fourth session's model (no words).
NESTED_CANDIDATES: dict[str, dict[str, Any]] = {
    "before": {"word_weight": 0.0},
    "words 0.3": {"word_weight": 0.3},
    "words 0.5": {"word_weight": 0.5},
    "words 0.7": {"word_weight": 0.7},
    "heads 0.5": {"word_weight": 0.0, "head_weight": 0.5},
    "words 0.5, heads 0.5": {"word_weight": 0.5, "head_weight": 0.5},
}


def nested_cv_predictions(
    labels: pd.DataFrame | None = None,
    *,
    candidates: dict[str, dict[str, Any]] | None = None,
    n_splits: int = 5,
    n_inner: int = 5,
) -> pd.DataFrame:
    """Out-of-fold predictions of the whole selection: :func:`cv_predictions` whose setting is
    chosen afresh in every outer fold.

    On each outer training part, every candidate (:data:`NESTED_CANDIDATES` by default) is
    scored by an inner :class:`~sklearn.model_selection.GroupKFold` (``n_inner`` folds over
    ``doc_id``) on the part's :data:`UNSEEN_SPLITS` sentences; the best (ties: the first
    listed) is refitted on the part and predicts the outer test part. The ``chosen`` column
    names it. The accuracy of ``model`` on the unseen rows estimates what choosing among the
    candidates gives on new text, without the optimism of quoting the best CV figure.
    """
    data = training_labels() if labels is None else labels.reset_index(drop=True)
    options = NESTED_CANDIDATES if candidates is None else candidates
    coded = [code_text(t, taxonomy=as_instruments(None)) for t in data["text"]]
    gold = data["primary"].to_numpy(dtype=str)
    unseen = data["split"].isin(UNSEEN_SPLITS).to_numpy()

    def fit_predict(train: np.ndarray, test: np.ndarray, change: dict[str, Any]) -> np.ndarray:
        model = InstrumentModel(**{**DEFAULT_PARAMS, **change}).fit(
            data["text"].iloc[train],
            gold[train],
            groups=data["doc_id"].iloc[train],
            unseen=unseen[train],
            rule_codes=[coded[i] for i in train],
            types=data["types"].iloc[train],
        )
        return model.predict(data["text"].iloc[test], rule_codes=[coded[i] for i in test])

    out = data.assign(rules=[c["primary"] for c in coded], model="", fold=0, chosen="")
    outer = GroupKFold(n_splits=n_splits).split(data, groups=data["doc_id"])
    for k, (train, test) in enumerate(outer, 1):
        inner = GroupKFold(n_splits=n_inner).split(train, groups=data["doc_id"].iloc[train])
        folds = [(train[a], train[b]) for a, b in inner]
        score = {}
        for name, change in options.items():
            right = [(fit_predict(a, b, change) == gold[b])[unseen[b]] for a, b in folds]
            score[name] = float(np.concatenate(right).mean())
        best = max(options, key=lambda name: score[name])  # max keeps the first of a tie
        out.loc[test, "model"] = fit_predict(train, test, options[best])
        out.loc[test, "fold"] = k
        out.loc[test, "chosen"] = best
    return out


def cross_validate(
    labels: pd.DataFrame | None = None,
    *,
    n_splits: int = 5,
    **params: Any,
) -> pd.DataFrame:
    """Primary-type accuracy of the model and of the rules on document-grouped folds
    (:func:`cv_predictions`).

    One row per fold and an ``all`` row (sentences pooled), with ``n``, ``model`` and
    ``rules``; and the same on the :data:`UNSEEN_SPLITS` sentences alone (``n_unseen``,
    ``model_unseen``, ``rules_unseen``): the rules were tuned on the first and fresh samples, so
    there they (and a model that trusts them) look better than on new text, while the holdout,
    fourth to eighth samples and the bulk sheets were never tuned on.

    Examples
    --------
    >>> cv = cross_validate(n_splits=5)  # doctest: +SKIP
    >>> cv.iloc[-1]["fold"], int(cv.iloc[-1]["n"])  # doctest: +SKIP
    ('all', 4115)
    """
    return cv_table(cv_predictions(labels, n_splits=n_splits, **params))


def cv_table(pred: pd.DataFrame) -> pd.DataFrame:
    """The fold table of :func:`cross_validate` from :func:`cv_predictions`."""
    gold = pred["primary"].to_numpy(dtype=str)
    model, rules = pred["model"].to_numpy(dtype=str), pred["rules"].to_numpy(dtype=str)
    unseen = pred["split"].isin(UNSEEN_SPLITS).to_numpy()

    def row(fold: str, ix: np.ndarray) -> dict[str, Any]:
        out: dict[str, Any] = {"fold": fold}
        for suffix, m in (("", ix), ("_unseen", ix & unseen)):
            out["n" + suffix] = int(m.sum())
            out["model" + suffix] = float((model[m] == gold[m]).mean()) if m.any() else np.nan
            out["rules" + suffix] = float((rules[m] == gold[m]).mean()) if m.any() else np.nan
        return out

    folds = pred["fold"].to_numpy()
    rows = [row(str(k), folds == k) for k in sorted(set(folds))]
    rows.append(row("all", np.ones(len(pred), dtype=bool)))
    return pd.DataFrame(rows)
