#!/usr/bin/env python3
"""Score the instrument coder on one part of the development labels (developer tool).

Usage (from the repository root)::

    .venv/bin/python tools/score_instruments.py all       # tuning text: the first 375 labels
    .venv/bin/python tools/score_instruments.py tune      # ... or one of their two parts
    .venv/bin/python tools/score_instruments.py fresh     # scored once; tuning text since
    .venv/bin/python tools/score_instruments.py holdout   # scored once; tuning text since
    .venv/bin/python tools/score_instruments.py final --method rules   # the fourth sample, once
    .venv/bin/python tools/score_instruments.py final --method model   # ... by each method
    .venv/bin/python tools/score_instruments.py cv        # the model's grouped CV on the 915

``--method model`` takes the primary type from the supervised model
(``policystudy.instruments.model``, fitted on the 915 labels of the first three samples).
``cv`` prints the document-grouped 5-fold cross-validation of the model and the rules on the
same folds, over all 915 sentences and over the holdout sentences alone.

Prints the primary-type accuracy (Wilson 95% interval), each type's precision and recall
(Wilson) and F1 (percentile bootstrap over documents, seed 42); for ``fresh`` and ``holdout`` also the
per-stratum accuracy and the figures weighted back to the strata's pools; then the confusion
of the primary type and the misses with their evidence.
"""

from __future__ import annotations

import sys

import pandas as pd

from policystudy.instruments import (
    cross_validate,
    load_instrument_labels,
    score_instruments,
    score_strata,
)


def main(argv: list[str]) -> int:
    method = "rules"
    if "--method" in argv:
        i = argv.index("--method")
        method = argv[i + 1]
        argv = argv[:i] + argv[i + 2 :]
    split = argv[0] if argv else "tune"
    if split == "cv":
        print(cross_validate().round(3).to_string(index=False))
        return 0
    summary, pred = score_instruments(
        load_instrument_labels(split=None if split == "all" else split), method=method
    )
    print(f"split={split} method={method}")
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
