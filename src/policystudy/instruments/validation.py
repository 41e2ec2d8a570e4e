"""Scoring the instrument coder against hand labels (``validation/dev/instrument_labels.csv``).

The labels were made blind (``validation/dev/INSTRUMENTS.md``); their documents are split into a
``tune`` part (rules may be tuned on it) and a ``report`` part (scored once).

Examples
--------
>>> wilson_interval(17, 20)
(0.6396, 0.9476)
>>> labels = load_instrument_labels(split="tune")
>>> len(labels) > 150, sorted(labels["split"].unique())
(True, ['tune'])
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from policystudy.core import resources
from policystudy.instruments.coder import code_texts
from policystudy.instruments.taxonomy import NONE, InstrumentTaxonomy, as_instruments

LABELS = resources.VALIDATION / "dev" / "instrument_labels.csv"


def wilson_interval(k: int, n: int, *, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval of the proportion ``k / n`` (rounded to 4 places)."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(float(centre - half), 4), round(float(centre + half), 4))


def load_instrument_labels(
    path: Path | str | None = None, *, split: str | None = None
) -> pd.DataFrame:
    """The hand labels, all or one ``split`` (``tune`` or ``report``), ids read as text."""
    frame = pd.read_csv(path or LABELS, dtype=str, keep_default_na=False)
    if split is not None:
        if split not in ("tune", "report"):
            raise ValueError(f"split must be 'tune' or 'report', not {split!r}")
        frame = frame[frame["split"] == split]
    return frame.reset_index(drop=True)


def _f1(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = float((gold & pred).sum())
    denom = float(gold.sum() + pred.sum())
    return 2 * tp / denom if denom else float("nan")


def score_instruments(
    labels: pd.DataFrame,
    *,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    n_bootstrap: int = 2000,
    random_state: int = 42,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Code the labelled texts and score them.

    Returns
    -------
    summary, predictions
        ``summary``: one row per measure: ``primary_accuracy`` (with a Wilson interval) and the
        F1 of each type's presence (with a percentile bootstrap interval over sentences), each
        with ``n``. ``predictions``: the labels with the coder's columns and ``correct``.
    """
    tax = as_instruments(taxonomy)
    pred = pd.concat(
        [labels.reset_index(drop=True), code_texts(labels["text"].tolist(), taxonomy=tax)], axis=1
    )
    pred["correct"] = pred["primary"] == pred["instrument_primary"]
    n = len(pred)
    k = int(pred["correct"].sum())
    low, high = wilson_interval(k, n)
    rows = [{"measure": "primary_accuracy", "type": "", "n": n, "value": k / n if n else np.nan,
             "ci_low": low, "ci_high": high, "interval": "Wilson 95%"}]  # fmt: skip
    rng = np.random.default_rng(random_state)
    draws = rng.integers(0, n, size=(n_bootstrap, n)) if n else np.zeros((0, 0), dtype=int)
    for t in [*tax.types, NONE]:
        gold = pred["types"].str.split(";").apply(lambda ts, t=t: t in ts).to_numpy(dtype=bool)
        got = (
            pred["instrument_types"]
            .str.split(";")
            .apply(lambda ts, t=t: t in ts)
            .to_numpy(dtype=bool)
        )
        boot = np.array([_f1(gold[d], got[d]) for d in draws])
        boot = boot[np.isfinite(boot)]
        lo, hi = np.percentile(boot, [2.5, 97.5]) if len(boot) else (np.nan, np.nan)
        rows.append({"measure": "type_f1", "type": t, "n": int(gold.sum()), "value": _f1(gold, got),
                     "ci_low": round(float(lo), 4), "ci_high": round(float(hi), 4),
                     "interval": f"bootstrap 95% ({n_bootstrap} resamples of sentences)"})  # fmt: skip
    return pd.DataFrame(rows), pred
