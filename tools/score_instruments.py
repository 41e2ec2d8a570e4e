#!/usr/bin/env python3
"""Score the instrument coder on one part of the development labels (developer tool).

Usage (from the repository root)::

    .venv/bin/python tools/score_instruments.py all       # tuning text: the first 375 labels
    .venv/bin/python tools/score_instruments.py tune      # ... or one of their two parts
    .venv/bin/python tools/score_instruments.py fresh     # scored once; tuning text since
    .venv/bin/python tools/score_instruments.py holdout   # once, at the end; quote it

Prints the primary-type accuracy (Wilson 95% interval), each type's precision and recall
(Wilson) and F1 (percentile bootstrap over documents, seed 42); for ``fresh`` and ``holdout`` also the
per-stratum accuracy and the figures weighted back to the strata's pools; then the confusion
of the primary type and the misses with their evidence.
"""

from __future__ import annotations

import sys

import pandas as pd

from policystudy.instruments import load_instrument_labels, score_instruments, score_strata


def main(argv: list[str]) -> int:
    split = argv[0] if argv else "tune"
    summary, pred = score_instruments(
        load_instrument_labels(split=None if split == "all" else split)
    )
    print(f"split={split}")
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
