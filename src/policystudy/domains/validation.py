"""Validation of the domain classifiers on hand-labelled text.

Two label sets ship with the package:

* ``validation/paragraph_labels.csv`` - 173 paragraphs of the five seed documents, the text
  the lexicon was written on. Scored leave-one-document-out (:class:`LeaveOneGroupOut`); these
  labels have no ``non_livelihood`` category, so predictions are read on their label set.
* ``validation/dev/dev_sentence_labels.csv`` - 500 sentences of 15 CPC congress reports the
  rules were not written on, split by document into ``tune`` and ``report``. Estimators are
  fitted on ``tune`` only and scored once on ``report``: the unseen figure.
* ``validation/dev/gwr_sentence_labels.csv`` - 208 sentences of the 52 government work reports
  (1954-2025), stratified by era, labelled blind; same protocol, scored by era as well.

Examples
--------
>>> lab = pd.DataFrame({"doc_id": ["a", "b"], "text": ["提高低保标准", "发展养老服务"],
...                     "labels": ["social_assistance", "elderly_care"]})
>>> leave_one_group_out(LexiconClassifier(), lab)["predicted"].tolist()
['social_assistance', 'elderly_care']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.model_selection import LeaveOneGroupOut

from policystudy.core import defaults, memo, resources
from policystudy.domains.classifier import (
    LexiconClassifier,
    TfidfDomainClassifier,
    collapse_non_livelihood,
    micro_f1,
    primary_accuracy,
    split_labels,
)
from policystudy.domains.taxonomy import GENERAL, NON_LIVELIHOOD
from policystudy.stats.intervals import wilson

#: How each figure of the validation summary is reproduced.
SEED_COMMAND = (
    'python -c "from policystudy import domains as d; '
    'print(d.validation_summary(d.validation_predictions()))"'
)
DEV_LABELS = "validation/dev/dev_sentence_labels.csv"
GWR_LABELS = "validation/dev/gwr_sentence_labels.csv"
SEED_LABELS = "validation/paragraph_labels.csv"


def load_labels(path: Path | str | None = None) -> pd.DataFrame:
    """The hand-labelled seed paragraphs (``doc_id, text, labels``), read as strings."""
    p = Path(path) if path else resources.VALIDATION / "paragraph_labels.csv"
    return pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")


def load_dev_labels(path: Path | str | None = None) -> pd.DataFrame:
    """The hand-labelled development sentences (``item_id, doc_id, split, stratum, section,
    is_heading, text, labels, note``), read as strings."""
    p = Path(path) if path else resources.VALIDATION / "dev" / "dev_sentence_labels.csv"
    return pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")


def load_gwr_labels(path: Path | str | None = None) -> pd.DataFrame:
    """The hand-labelled work-report sentences (the columns of :func:`load_dev_labels` plus
    ``era`` and ``weight``), read as strings."""
    p = Path(path) if path else resources.VALIDATION / "dev" / "gwr_sentence_labels.csv"
    return pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")


def _X(df: pd.DataFrame) -> pd.DataFrame:
    cols = ["text", "section"] if "section" in df.columns else ["text"]
    return df[cols].reset_index(drop=True)


def _name(estimator) -> str:
    return "lexicon" if isinstance(estimator, LexiconClassifier) else "tfidf"


def _fitted_settings(model) -> tuple[float, float]:
    return (
        float(getattr(model, "threshold_", np.nan)),
        float(getattr(model, "min_evidence_", np.nan)),
    )


def leave_one_group_out(
    estimator, labelled: pd.DataFrame, *, groups: str = "doc_id"
) -> pd.DataFrame:
    """Held-out predictions: for each document, fit a clone on the others and predict it.

    Parameters
    ----------
    estimator : LexiconClassifier, TfidfDomainClassifier or any estimator with fit/predict
        Cloned for every fold; a lexicon fitted on labels tunes only its settings.
    labelled : pandas.DataFrame
        ``doc_id, text, labels`` and optionally ``section``.
    groups : str, keyword-only
        The column that defines the folds.

    Returns
    -------
    pandas.DataFrame
        ``model, held_out, threshold, min_evidence, text, labels, predicted`` in input order.
    """
    data = labelled.reset_index(drop=True)
    X, y, g = _X(data), data["labels"].tolist(), data[groups].astype(str).to_numpy()
    predicted = np.empty(len(data), dtype=object)
    held, thr, ev = predicted.copy(), np.full(len(data), np.nan), np.full(len(data), np.nan)
    for train, test in LeaveOneGroupOut().split(X, y, g):
        model = clone(estimator).fit(X.iloc[train], [y[i] for i in train])
        pred = model.predict(X.iloc[test])
        for i, p in zip(test, pred, strict=True):
            predicted[i] = "|".join(p)
            held[i] = g[i]
            thr[i], ev[i] = _fitted_settings(model)
    return pd.DataFrame(
        {
            "model": _name(estimator),
            "held_out": held,
            "threshold": thr,
            "min_evidence": ev,
            "text": data["text"].to_numpy(),
            "labels": data["labels"].to_numpy(),
            "predicted": predicted,
        }
    )


def tune_then_report(estimator, labelled: pd.DataFrame) -> pd.DataFrame:
    """Fit a clone on the ``tune`` rows and predict the ``report`` rows (the unseen figure).

    Returns
    -------
    pandas.DataFrame
        The ``report`` rows with ``model, threshold, min_evidence, predicted`` added.
    """
    tune = labelled[labelled["split"] == "tune"].reset_index(drop=True)
    report = labelled[labelled["split"] == "report"].reset_index(drop=True)
    model = clone(estimator).fit(_X(tune), tune["labels"].tolist())
    out = report.copy()
    out.insert(0, "model", _name(estimator))
    out["threshold"], out["min_evidence"] = _fitted_settings(model)
    out["predicted"] = ["|".join(p) for p in model.predict(_X(report))]
    return out


def validation_predictions(
    *,
    taxonomy=None,
    threshold: float | None = None,
    random_state: int = defaults.RANDOM_STATE,
    seed: pd.DataFrame | None = None,
    dev: pd.DataFrame | None = None,
    gwr: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Held-out predictions of both models on the label sets, in one table.

    ``dataset`` is ``seed`` (leave-one-document-out on the seed paragraphs), ``dev`` (CPC
    reports) or ``gwr`` (work reports): fitted on the tune documents, predicted on the report
    documents. ``era`` is the work reports' era (empty for the others).
    """
    if seed is None and dev is None and gwr is None:
        # On the packaged label sets the predictions are the same for every corpus: a run
        # loads them from the cache folder (core.memo keys them on the package's files).
        return memo.cached(
            "domain_validation",
            lambda: _predictions(load_labels(), load_dev_labels(), load_gwr_labels(),
                                 taxonomy=taxonomy, threshold=threshold,
                                 random_state=random_state),
            taxonomy, threshold, random_state,
        )  # fmt: skip
    return _predictions(
        load_labels() if seed is None else seed,
        load_dev_labels() if dev is None else dev,
        load_gwr_labels() if gwr is None else gwr,
        taxonomy=taxonomy,
        threshold=threshold,
        random_state=random_state,
    )


def _predictions(
    seed: pd.DataFrame,
    dev: pd.DataFrame,
    gwr: pd.DataFrame,
    *,
    taxonomy,
    threshold: float | None,
    random_state: int,
) -> pd.DataFrame:
    models = [
        LexiconClassifier(taxonomy, threshold=threshold),
        TfidfDomainClassifier(random_state=random_state),
    ]
    parts = []
    for m in models:
        s = leave_one_group_out(m, seed).assign(dataset="seed", stratum="", split="")
        parts.append(s.assign(era=""))
        for name, labelled in (("dev", dev), ("gwr", gwr)):
            if labelled.empty:
                continue
            d = tune_then_report(m, labelled)
            d["held_out"] = d["doc_id"]
            if "era" not in d.columns:
                d["era"] = ""
            parts.append(d.assign(dataset=name))
    cols = ["dataset", "model", "held_out", "split", "stratum", "era", "threshold",
            "min_evidence", "text", "labels", "predicted"]  # fmt: skip
    return pd.concat([p[cols] for p in parts], ignore_index=True)


def _scored(sub: pd.DataFrame) -> tuple[list[list[str]], list[list[str]]]:
    truth = [split_labels(v) for v in sub["labels"]]
    pred = [split_labels(v) for v in sub["predicted"]]
    if not any(NON_LIVELIHOOD in t for t in truth):
        pred = collapse_non_livelihood(pred)
    return truth, pred


#: Strata of the hand labels that validation_summary reports separately (``label <stratum>``).
LABEL_STRATA = ("livelihood", GENERAL, NON_LIVELIHOOD)


def _label_kind(label: str) -> str:
    return label if label in (GENERAL, NON_LIVELIHOOD) else "livelihood"


def validation_summary(predictions: pd.DataFrame) -> pd.DataFrame:
    """The headline validation figures: one row per dataset, model and subset.

    Columns: ``dataset, model, subset, protocol, n, primary_accuracy, ci_low, ci_high``
    (Wilson 95% interval), ``non_livelihood_n, non_livelihood_kept_out`` (share of the
    non-livelihood items labelled ``non_livelihood`` or ``general``), ``micro_f1``,
    ``command``. Subsets: ``all``, each stratum, ``era <era>`` where the labels have eras, and
    ``label livelihood``, ``label general``, ``label non_livelihood``: the items by their hand
    label's kind, so the livelihood sentences' figure is never hidden by easy non-livelihood
    ones.

    Examples
    --------
    >>> p = pd.DataFrame({"dataset": "dev", "model": "lexicon", "stratum": "random",
    ...     "labels": ["non_livelihood", "health"], "predicted": ["general", "health"]})
    >>> r = validation_summary(p).iloc[0]
    >>> int(r["n"]), float(r["primary_accuracy"]), float(r["non_livelihood_kept_out"])
    (2, 0.5, 1.0)
    """
    rows = []
    protocol = {
        "seed": "leave-one-document-out on the 5 seed documents the lexicon was written on; "
        "non_livelihood read as general (the seed labels predate it)",
        "dev": "fitted on the tune documents only, scored once on the report documents "
        "(CPC congress reports the rules were not written on)",
        "gwr": "rules tuned on the tune half of the work reports only, scored once on the "
        "report half (government work reports 1954-2025, by era)",
    }
    for (dataset, model), sub in predictions.groupby(["dataset", "model"], sort=True):
        subsets = [("all", sub)]
        if "stratum" in sub.columns and (sub["stratum"].astype(str) != "").any():
            subsets += [(s, g) for s, g in sub.groupby("stratum", sort=True)]
        if "era" in sub.columns and (sub["era"].astype(str) != "").any():
            subsets += [(f"era {e}", g) for e, g in sub.groupby("era", sort=True)]
        # Strata by the hand label (livelihood domain, general framing, non-livelihood text):
        # a figure over all items mixes easy non-livelihood sentences with hard livelihood ones.
        # Scored as part of the whole set (the seed's non_livelihood-as-general reading).
        all_truth, all_pred = _scored(sub)
        kind = np.array([_label_kind(t[0]) for t in all_truth])
        scored = [(name, *_scored(part)) for name, part in subsets]
        for k in LABEL_STRATA:
            idx = np.flatnonzero(kind == k)
            if len(idx):
                scored.append(
                    (f"label {k}", [all_truth[i] for i in idx], [all_pred[i] for i in idx])
                )
        for name, truth, pred in scored:
            nl = [p[0] in (NON_LIVELIHOOD, GENERAL) for t, p in zip(truth, pred, strict=True)
                  if t[0] == NON_LIVELIHOOD]  # fmt: skip
            correct = sum(t[0] == p[0] for t, p in zip(truth, pred, strict=True))
            # z = 1.96 as these figures were first published (stats.intervals.Z95 is exact).
            lo, hi = wilson(correct, len(truth), z=1.96)
            rows.append(
                {
                    "dataset": dataset,
                    "model": model,
                    "subset": name,
                    "protocol": protocol.get(dataset, ""),
                    "n": len(truth),
                    "primary_accuracy": primary_accuracy(truth, pred),
                    "ci_low": lo,
                    "ci_high": hi,
                    "non_livelihood_n": len(nl),
                    "non_livelihood_kept_out": float(np.mean(nl)) if nl else float("nan"),
                    "micro_f1": micro_f1(truth, pred),
                    "command": SEED_COMMAND,
                }
            )
    return pd.DataFrame(rows)


def domain_metrics(
    truth: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], *, codes: Sequence[str]
) -> pd.DataFrame:
    """Per-domain precision, recall, F1 and support over label *sets* (multi-label).

    Examples
    --------
    >>> m = domain_metrics([["health"], ["housing"]], [["health", "housing"], ["general"]],
    ...                    codes=["health", "housing", "general"])
    >>> m.set_index("domain").loc["housing", ["precision", "recall"]].tolist()
    [0.0, 0.0]
    """
    rows = []
    for code in codes:
        t = np.array([code in s for s in truth])
        p = np.array([code in s for s in pred])
        tp = int((t & p).sum())
        prec = tp / p.sum() if p.sum() else float("nan")
        rec = tp / t.sum() if t.sum() else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if p.sum() and t.sum() and prec + rec else 0.0
        if not t.sum() and not p.sum():
            f1 = float("nan")
        rows.append(
            {
                "domain": code,
                "precision": prec,
                "recall": rec,
                "f1": f1,
                "support": int(t.sum()),
                "predicted": int(p.sum()),
            }
        )
    return pd.DataFrame(rows)


def validation_tables(
    predictions: pd.DataFrame, *, codes: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-domain metrics and per-document folds of :func:`validation_predictions`.

    Returns
    -------
    metrics : pandas.DataFrame
        ``dataset, model, domain, precision, recall, f1, support, predicted``.
    folds : pandas.DataFrame
        ``dataset, model, held_out, threshold, min_evidence, n, primary_accuracy`` per held-out
        document and ``ALL``.
    """
    if "dataset" not in predictions.columns:
        predictions = predictions.assign(dataset="seed")
    metric_parts, fold_rows = [], []
    for (dataset, model), sub in predictions.groupby(["dataset", "model"], sort=True):
        truth, pred = _scored(sub)
        m = domain_metrics(truth, pred, codes=codes)
        m.insert(0, "model", model)
        m.insert(0, "dataset", dataset)
        metric_parts.append(m)
        for doc, fold in sub.groupby("held_out", sort=True):
            t, p = _scored(fold)
            fold_rows.append(
                {
                    "dataset": dataset,
                    "model": model,
                    "held_out": doc,
                    "threshold": fold["threshold"].iloc[0],
                    "min_evidence": fold["min_evidence"].iloc[0],
                    "n": len(fold),
                    "primary_accuracy": primary_accuracy(t, p),
                }
            )
        fold_rows.append(
            {
                "dataset": dataset,
                "model": model,
                "held_out": "ALL",
                "threshold": float("nan"),
                "min_evidence": float("nan"),
                "n": len(sub),
                "primary_accuracy": primary_accuracy(truth, pred),
            }
        )
    return pd.concat(metric_parts, ignore_index=True), pd.DataFrame(fold_rows)


def choose_model(summary: pd.DataFrame) -> str:
    """``"lexicon"`` unless the TF-IDF model validates better on the seed documents held out.

    The lexicon is also the fallback when the TF-IDF figure is missing. The unseen (dev report)
    figure is never used for the choice: it is reported, not tuned on.

    Examples
    --------
    >>> s = pd.DataFrame({"dataset": "seed", "subset": "all", "model": ["lexicon", "tfidf"],
    ...                   "primary_accuracy": [0.95, 0.80]})
    >>> choose_model(s)
    'lexicon'
    """
    seed = summary[(summary["dataset"] == "seed") & (summary["subset"] == "all")]
    acc = dict(zip(seed["model"], seed["primary_accuracy"], strict=True))
    lex, tfidf = acc.get("lexicon", np.nan), acc.get("tfidf", np.nan)
    if np.isnan(tfidf) or (not np.isnan(lex) and lex >= tfidf):
        return "lexicon"
    return "tfidf"


def build_classifier(
    kind: str,
    *,
    taxonomy=None,
    threshold: float | None = None,
    random_state: int = defaults.RANDOM_STATE,
):
    """The classifier the pipeline codes the corpus with.

    The lexicon keeps the taxonomy's settings (or the given ``threshold``); a TF-IDF model is
    trained on every labelled item of the label sets.
    """
    if kind == "lexicon":
        return LexiconClassifier(taxonomy, threshold=threshold).fit()
    if kind == "tfidf":
        seed, dev, gwr = load_labels(), load_dev_labels(), load_gwr_labels()
        data = pd.concat(
            [seed[["text", "labels"]], dev[["text", "labels"]], gwr[["text", "labels"]]],
            ignore_index=True,
        )
        return TfidfDomainClassifier(random_state=random_state).fit(
            data[["text"]], data["labels"].tolist()
        )
    raise ValueError(f"kind must be 'lexicon' or 'tfidf', not {kind!r}")
