"""Scoring the instrument coder against hand labels (``validation/dev/instrument_labels*.csv``).

The labels were made blind (``validation/dev/INSTRUMENTS.md``). The first sample
(``instrument_labels.csv``) has a ``tune`` and an old ``report`` part, both now tuning text; the
second (``instrument_labels_fresh.csv``, split ``fresh``) is new text of report-split documents,
drawn by strata and scored once, then tuned on; the third (``instrument_labels_holdout.csv``,
split ``holdout``) was drawn the same way after that tuning and is scored once; the fourth
(``instrument_labels_final.csv``, split ``final``) was drawn before the supervised model was
fitted on the first three and is scored once, by both methods.

Examples
--------
>>> [round(x, 4) for x in wilson_interval(17, 20)]
[0.6396, 0.9476]
>>> labels = load_instrument_labels(split="tune")
>>> len(labels) > 150, sorted(labels["split"].unique())
(True, ['tune'])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.instruments.labels import LABELS, SAMPLES, SPLITS, load_instrument_labels
from policystudy.instruments.model import code_units
from policystudy.instruments.taxonomy import (
    NONE,
    InstrumentTaxonomy,
    as_instruments,
    load_instruments,
)
from policystudy.stats.intervals import wilson as wilson_interval

__all__ = [
    "LABELS",
    "REPORTED_SAMPLE",
    "SAMPLES",
    "SPLITS",
    "load_instrument_labels",
    "reported_validation",
    "score_instruments",
    "score_strata",
    "wilson_interval",
]


def _f1(gold: np.ndarray, pred: np.ndarray, weight: np.ndarray | None = None) -> float:
    w = np.ones(len(gold)) if weight is None else weight
    tp = float((w * (gold & pred)).sum())
    denom = float((w * gold).sum() + (w * pred).sum())
    return 2 * tp / denom if denom else float("nan")


def _has(column: pd.Series, t: str) -> np.ndarray:
    return column.str.split(";").apply(lambda ts: t in ts).to_numpy(dtype=bool)


def _percentile(values: list[float]) -> tuple[float, float]:
    arr = np.asarray(values, dtype=float)
    arr = arr[np.isfinite(arr)]
    if not len(arr):
        return (float("nan"), float("nan"))
    lo, hi = np.percentile(arr, [2.5, 97.5])
    return (round(float(lo), 4), round(float(hi), 4))


def score_instruments(
    labels: pd.DataFrame,
    *,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    n_bootstrap: int = 2000,
    random_state: int = defaults.RANDOM_STATE,
    method: str = defaults.INSTRUMENT_METHOD,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Code the labelled texts (``method`` of :func:`~policystudy.instruments.model.code_units`)
    and score them.

    Returns
    -------
    summary, predictions
        ``summary``: one row per measure: ``primary_accuracy`` (Wilson interval); for each type
        (and ``none``) the ``precision`` and ``recall`` of its presence (Wilson intervals; a
        sentence can carry several types) and its ``type_f1`` (percentile bootstrap over
        **documents**, the unit the sentences were drawn in), each with ``n`` (sentences scored,
        sentences the coder gave the type, sentences labelled with it). ``predictions``: the
        labels with the coder's columns and ``correct``.
    """
    tax = as_instruments(taxonomy)
    pred = pd.concat(
        [
            labels.reset_index(drop=True),
            code_units(labels["text"].tolist(), taxonomy=tax, method=method),
        ],
        axis=1,
    )
    pred["correct"] = pred["primary"] == pred["instrument_primary"]
    n = len(pred)
    k = int(pred["correct"].sum())
    low, high = wilson_interval(k, n)
    rows = [{"measure": "primary_accuracy", "type": "", "n": n, "value": k / n if n else np.nan,
             "ci_low": low, "ci_high": high, "interval": "Wilson 95%"}]  # fmt: skip
    rng = np.random.default_rng(random_state)
    docs = pred["doc_id"].to_numpy() if "doc_id" in pred else np.arange(n)
    groups = [np.flatnonzero(docs == d) for d in pd.unique(docs)]
    draws = [
        np.concatenate([groups[g] for g in rng.integers(0, len(groups), size=len(groups))])
        for _ in range(n_bootstrap if n else 0)
    ]
    for t in [*tax.types, NONE]:
        gold, got = _has(pred["types"], t), _has(pred["instrument_types"], t)
        tp = int((gold & got).sum())
        for measure, k_, n_ in (("precision", tp, int(got.sum())), ("recall", tp, int(gold.sum()))):
            lo, hi = wilson_interval(k_, n_)
            rows.append({"measure": measure, "type": t, "n": n_, "value": k_ / n_ if n_ else np.nan,
                         "ci_low": lo, "ci_high": hi, "interval": "Wilson 95%"})  # fmt: skip
        lo, hi = _percentile([_f1(gold[d], got[d]) for d in draws])
        rows.append({"measure": "type_f1", "type": t, "n": int(gold.sum()), "value": _f1(gold, got),
                     "ci_low": lo, "ci_high": hi,
                     "interval": f"bootstrap 95% ({n_bootstrap} resamples of documents)"})  # fmt: skip
    return pd.DataFrame(rows), pred


def score_strata(
    pred: pd.DataFrame,
    *,
    types: Sequence[str] = ("supply", "environment", "demand"),
    n_bootstrap: int = 2000,
    random_state: int = defaults.RANDOM_STATE,
) -> pd.DataFrame:
    """Per-stratum and weighted figures of a stratified sample (the ``predictions`` of
    :func:`score_instruments` on labels with ``stratum`` and ``pool`` columns).

    One row per stratum (primary accuracy, Wilson interval) and ``weighted`` rows: the primary
    accuracy and each type's F1 with every sentence weighted by ``pool / drawn`` of its stratum,
    so that the figure stands for all units of the strata's documents rather than for the
    over-sampled mix; their intervals are percentile bootstraps resampling sentences within
    each stratum.
    """
    strata = sorted(pred["stratum"].unique())
    pool = pred.groupby("stratum")["pool"].first().astype(float)
    size = pred.groupby("stratum").size().astype(float)
    weight = (pred["stratum"].map(pool / size)).to_numpy(dtype=float)
    correct = pred["correct"].to_numpy(dtype=bool)
    rows = []
    for s in strata:
        m = (pred["stratum"] == s).to_numpy()
        k, n = int(correct[m].sum()), int(m.sum())
        lo, hi = wilson_interval(k, n)
        rows.append({"stratum": s, "measure": "primary_accuracy", "type": "", "n": n,
                     "pool": int(pool[s]), "value": k / n, "ci_low": lo, "ci_high": hi,
                     "interval": "Wilson 95%"})  # fmt: skip
    rng = np.random.default_rng(random_state)
    members = [np.flatnonzero((pred["stratum"] == s).to_numpy()) for s in strata]
    draws = [
        np.concatenate([rng.choice(ix, size=len(ix), replace=True) for ix in members])
        for _ in range(n_bootstrap)
    ]

    def acc(ix: np.ndarray) -> float:
        return float((weight[ix] * correct[ix]).sum() / weight[ix].sum())

    def f1_of(gold: np.ndarray, got: np.ndarray) -> Callable[[np.ndarray], float]:
        return lambda ix: _f1(gold[ix], got[ix], weight[ix])

    measures: list[tuple[str, str, Callable[[np.ndarray], float]]] = [("primary_accuracy", "", acc)]
    for t in [*types, NONE]:
        measures.append(
            ("type_f1", t, f1_of(_has(pred["types"], t), _has(pred["instrument_types"], t)))
        )
    everything = np.arange(len(pred))
    for measure, t, fn in measures:
        lo, hi = _percentile([fn(d) for d in draws])
        rows.append({"stratum": "weighted", "measure": measure, "type": t, "n": len(pred),
                     "pool": int(pool.sum()), "value": fn(everything), "ci_low": lo,
                     "ci_high": hi, "interval": "stratified bootstrap 95% (sentences)"})  # fmt: skip
    return pd.DataFrame(rows)


#: The blind sample whose score the report quotes: drawn and labelled after the model's training
#: samples were fixed, scored once, and never training text of the model (a test checks it
#: against ``model.TRAINING_SPLITS``): the ninth (``INSTRUMENTS.md``, "Score of the ninth
#: sample"), labelled blind in the seventh session and scored once after the model was fitted
#: on the eighth as well (4,115 labels).
REPORTED_SAMPLE = "ninth"
VALIDATION_COLUMNS = (
    "sample", "method", "measure", "type", "n", "value", "ci_low", "ci_high", "interval",
)  # fmt: skip


def reported_validation(
    *,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    method: str = defaults.INSTRUMENT_METHOD,
    n_bootstrap: int = defaults.N_BOOTSTRAP,
    random_state: int = defaults.RANDOM_STATE,
) -> pd.DataFrame:
    """The run's coder scored on :data:`REPORTED_SAMPLE`, one row per measure, for the report.

    The labels are in the packaged Rothwell-Zegveld types, so another typology (or an edited
    copy of the packaged one) is not measured by them: the table is then empty, and the report
    says the run's coding is unvalidated.

    Examples
    --------
    >>> reported_validation(taxonomy="regulatory").empty
    True
    """
    tax = as_instruments(taxonomy)
    if tax != load_instruments(None):
        return pd.DataFrame(columns=list(VALIDATION_COLUMNS))
    summary, _ = score_instruments(
        load_instrument_labels(split=REPORTED_SAMPLE),
        taxonomy=tax,
        method=method,
        n_bootstrap=n_bootstrap,
        random_state=random_state,
    )
    return summary.assign(sample=REPORTED_SAMPLE, method=method)[list(VALIDATION_COLUMNS)]
