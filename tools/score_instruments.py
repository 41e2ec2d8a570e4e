#!/usr/bin/env python3
"""Score the instrument coder on one part of the development labels (developer tool).

Usage (from the repository root)::

    .venv/bin/python tools/score_instruments.py all       # tuning text: the first 375 labels
    .venv/bin/python tools/score_instruments.py tune      # ... or one of their two parts
    .venv/bin/python tools/score_instruments.py fresh     # scored once; tuning text since
    .venv/bin/python tools/score_instruments.py holdout   # scored once; tuning text since
    .venv/bin/python tools/score_instruments.py final --method rules   # the fourth sample, once
    .venv/bin/python tools/score_instruments.py final --method model   # ... by each method
    .venv/bin/python tools/score_instruments.py fifth --method rules   # scored once; training
    .venv/bin/python tools/score_instruments.py fifth --method model   # ... text of the model since
    .venv/bin/python tools/score_instruments.py sixth --method model   # scored once; training
    .venv/bin/python tools/score_instruments.py sixth --method rules   # ... text of the model since
    .venv/bin/python tools/score_instruments.py seventh --method model # scored once; training
    .venv/bin/python tools/score_instruments.py eighth --method model  # scored once; training
    .venv/bin/python tools/score_instruments.py eighth --method rules  # ... text of the model since
    .venv/bin/python tools/score_instruments.py ninth --method model   # scored once: reported
    .venv/bin/python tools/score_instruments.py ninth --method rules   # ... by each method
    .venv/bin/python tools/score_instruments.py cv        # the model's grouped CV on the 4,115
    .venv/bin/python tools/score_instruments.py cv stack_C=1 type_scores=0   # other settings
    .venv/bin/python tools/score_instruments.py nested    # nested CV of the choice of settings

``--method model`` takes the primary type from the supervised model
(``policystudy.instruments.model``, fitted on the 4,115 labels of eight samples and the five bulk
sheets; the fourth to eighth samples were each scored once before they became training text, and
the tool says when it scores the model on its own training text).
``cv`` prints the document-grouped 5-fold cross-validation of the model and the rules on the
same folds: per fold, over all 4,115 sentences and over the sentences the rules were never
tuned on (holdout, fourth to eighth samples, bulk sheets); per sample; and the F1 of each
primary type.
``key=value`` arguments override the model's ``DEFAULT_PARAMS`` (numbers and 0/1 for flags).
``nested`` chooses among ``crossval.NESTED_CANDIDATES`` again inside every outer fold and prints
the outer figures and the setting each fold chose (about 150 fits: 10-15 minutes).

Prints the primary-type accuracy (Wilson 95% interval), each type's precision and recall
(Wilson) and F1 (percentile bootstrap over documents, seed 42); for the later samples also the
per-stratum accuracy and the figures weighted back to the strata's pools; then the confusion
of the primary type and the misses with their evidence.
"""

from __future__ import annotations

import sys

import pandas as pd

from policystudy.instruments import (
    cv_predictions,
    cv_table,
    load_instrument_labels,
    nested_cv_predictions,
    score_instruments,
    score_strata,
    wilson_interval,
)
from policystudy.instruments.model import TRAINING_SPLITS, UNSEEN_SPLITS


def _value(text: str) -> object:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def cv_report(args: list[str]) -> int:
    """Print the grouped cross-validation of the model (``DEFAULT_PARAMS`` updated by
    ``key=value`` arguments) and of the rules."""
    params = {k: _value(v) for k, v in (a.split("=", 1) for a in args)}
    for flag in ("stack", "type_scores"):
        if flag in params:
            params[flag] = bool(params[flag])
    print(f"settings: {params or 'DEFAULT_PARAMS'}")
    pred = cv_predictions(**params)
    print(cv_table(pred).round(3).to_string(index=False))
    sample = pred["split"].replace({"tune": "first", "report": "first"})
    for name in ("model", "rules"):
        pred[f"{name}_ok"] = pred[name] == pred["primary"]
    print("\nper sample (first and fresh were tuned on by the rules):")
    print(pred.groupby(sample)[["model_ok", "rules_ok"]].agg(["size", "mean"]).round(3))
    print("\nF1 of the primary type (all sentences; _unseen: UNSEEN_SPLITS):")
    unseen = pred["split"].isin(UNSEEN_SPLITS)
    rows = []
    for t in ("supply", "environment", "demand", "none"):
        row: dict[str, object] = {"type": t, "n": int((pred["primary"] == t).sum())}
        row["n_unseen"] = int((pred["primary"][unseen] == t).sum())
        for name, part in (("", pred), ("_unseen", pred[unseen])):
            for method in ("model", "rules"):
                gold, got = part["primary"] == t, part[method] == t
                row[method + name] = 2 * (gold & got).sum() / (gold.sum() + got.sum())
        rows.append(row)
    print(pd.DataFrame(rows).round(3).to_string(index=False))
    return 0


def nested_report() -> int:
    """Print the nested cross-validation of the choice among ``NESTED_CANDIDATES``."""
    pred = nested_cv_predictions()
    print(cv_table(pred).round(3).to_string(index=False))
    print("\nchosen per outer fold:")
    print(pred.groupby("fold")["chosen"].first().to_string())
    unseen = pred["split"].isin(UNSEEN_SPLITS)
    right = int((pred["model"] == pred["primary"])[unseen].sum())
    lo, hi = wilson_interval(right, int(unseen.sum()))
    print(f"\nnested, unseen: {right}/{int(unseen.sum())} = {right / unseen.sum():.3f} "
          f"(Wilson 95% {lo:.3f}-{hi:.3f})")  # fmt: skip
    return 0


def main(argv: list[str]) -> int:
    method = "rules"
    if "--method" in argv:
        i = argv.index("--method")
        method = argv[i + 1]
        argv = argv[:i] + argv[i + 2 :]
    split = argv[0] if argv else "tune"
    if split == "cv":
        return cv_report(argv[1:])
    if split == "nested":
        return nested_report()
    summary, pred = score_instruments(
        load_instrument_labels(split=None if split == "all" else split), method=method
    )
    print(f"split={split} method={method}")
    trained_on = {"all", "tune", "report", *(s for s in TRAINING_SPLITS if s)}
    if method == "model" and split in trained_on:
        print("note: the model is fitted on these sentences: an in-sample figure, not a blind one")
    print(summary.round(3).to_string(index=False))
    if "stratum" in pred and "pool" in pred:
        print("\nper stratum and weighted:")
        print(score_strata(pred).round(3).to_string(index=False))
    print("\nconfusion of the primary type (rows: labels, columns: coder):")
    print(pd.crosstab(pred["primary"], pred["instrument_primary"]).to_string())
    print("\nmisses:")
    for r in pred[~pred["correct"]].itertuples():
        print(
            f"{r.item_id} {r.primary} -> {r.instrument_primary} [{r.instrument_evidence}] {r.text}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
