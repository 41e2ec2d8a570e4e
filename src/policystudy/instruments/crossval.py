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
    fourth, fifth and sixth samples were never tuned on.

    Examples
    --------
    >>> cv = cross_validate(n_splits=5)  # doctest: +SKIP
    >>> cv.iloc[-1]["fold"], int(cv.iloc[-1]["n"])  # doctest: +SKIP
    ('all', 1615)
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
