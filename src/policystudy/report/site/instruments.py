"""The explorer's instrument column and filter: each sentence's instrument beside its domain.

Examples
--------
>>> import pandas as pd
>>> instrument_types(pd.DataFrame({"instrument": ["none", "demand", "", "supply"]}))
['supply', 'demand', 'none']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from policystudy.report.site import data as sd

# The packaged typologies' types first, in their order; a user typology's types follow sorted.
INSTRUMENT_ORDER = ("supply", "environment", "demand", "regulatory", "economic", "informational",
                    "none")  # fmt: skip


def with_instruments(df: pd.DataFrame, proc: Path) -> pd.DataFrame:
    """``df`` with each sentence's primary instrument type and instruments (``instrument``,
    ``instruments``), empty when the run wrote no ``sentence_instruments.csv``."""
    path = proc / "sentence_instruments.csv"
    out = df.assign(instrument="", instruments="")
    if not path.is_file():
        return out
    ins = sd.read_csv_strings(path)
    if not {"sentence_id", "instrument_primary", "instruments"} <= set(ins.columns):
        return out
    ins = ins.drop_duplicates("sentence_id").set_index("sentence_id")
    out["instrument"] = out["sentence_id"].map(ins["instrument_primary"]).fillna("")
    out["instruments"] = out["sentence_id"].map(ins["instruments"]).fillna("")
    return out


def instrument_types(sentences: pd.DataFrame | None) -> list[str]:
    """The instrument types the explorer filters by, in the typologies' order where known."""
    if sentences is None or "instrument" not in sentences.columns:
        return []
    found = set(sentences["instrument"].astype(str)) - {""}
    return [t for t in INSTRUMENT_ORDER if t in found] + sorted(found - set(INSTRUMENT_ORDER))
