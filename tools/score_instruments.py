#!/usr/bin/env python3
"""Score the instrument coder on one part of the development labels (developer tool).

Usage (from the repository root)::

    .venv/bin/python tools/score_instruments.py tune      # look at errors, tune the rules
    .venv/bin/python tools/score_instruments.py report    # once, at the end; quote it

Prints the primary-type accuracy (Wilson 95% interval) and the F1 of each type's presence
(percentile bootstrap over sentences, seed 42), then the misses with their evidence.
"""

from __future__ import annotations

import sys

from policystudy.instruments import load_instrument_labels, score_instruments


def main(argv: list[str]) -> int:
    split = argv[0] if argv else "tune"
    summary, pred = score_instruments(load_instrument_labels(split=split))
    print(f"split={split}")
    print(summary.round(3).to_string(index=False))
    print("\nconfusion of the primary type (rows: labels, columns: coder):")
    import pandas as pd

    print(pd.crosstab(pred["primary"], pred["instrument_primary"]).to_string())
    print("\nmisses:")
    for r in pred[~pred["correct"]].itertuples():
        print(
            f"{r.item_id} {r.primary} -> {r.instrument_primary} [{r.instrument_evidence}] {r.text}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
