"""The checks every blind instrument sample shares, on its label file only.

A sample is labelled blind and scored once; its tests read the CSV, never run the coder or the
model, so that the sample stays unseen by both until that score (``INSTRUMENTS.md``). Each
sample's own test file names the sample and calls these.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from policystudy.core import resources

DEV = resources.VALIDATION / "dev"
#: the label files in the order the samples were drawn (each leaves out all before it)
FILES = {
    "first": "instrument_labels.csv",
    "fresh": "instrument_labels_fresh.csv",
    "holdout": "instrument_labels_holdout.csv",
    "final": "instrument_labels_final.csv",
    "fifth": "instrument_labels_fifth.csv",
    "sixth": "instrument_labels_sixth.csv",
    "seventh": "instrument_labels_seventh.csv",
    "eighth": "instrument_labels_eighth.csv",
    "ninth": "instrument_labels_ninth.csv",
}
TYPES = ["supply", "environment", "demand"]
#: stratum sizes of ``tools/sample_instrument_fresh.py --fifth`` (later samples: the same)
SIZES = {
    "gwr_live_recent": 111,
    "gwr_live_early": 56,
    "gwr_other": 37,
    "cpc_live": 23,
    "cpc_other": 23,
}


@cache
def labels(sample: str) -> pd.DataFrame:
    """One sample's labels, every column as text."""
    return pd.read_csv(DEV / FILES[sample], dtype=str, keep_default_na=False)


@cache
def bulk_texts() -> set[str]:
    """The sentences of the five bulk training sheets (training text of the model)."""
    sheets = (pd.read_csv(DEV / f"instrument_labels_bulk{k}.csv", dtype=str) for k in range(1, 6))
    return set(pd.concat(sheets)["text"])


def earlier(sample: str) -> pd.DataFrame:
    """The labels of every sample drawn before ``sample``."""
    before = list(FILES)[: list(FILES).index(sample)]
    return pd.concat((labels(name) for name in before), ignore_index=True)


def assert_labelled_like(sample: str, *, like: tuple[str, ...]) -> None:
    """The columns of the samples ``like``, 250 unique ids of the split, every row labelled."""
    frame = labels(sample)
    for name in like:
        assert list(frame.columns) == list(
            pd.read_csv(DEV / FILES[name], dtype=str, nrows=1).columns
        )
    assert len(frame) == 250 and frame["item_id"].is_unique
    assert set(frame["split"]) == {sample}
    assert (frame[["livelihood", "types", "primary"]] != "").all().all()


def assert_new_text_in_strata(sample: str) -> None:
    """No text of an earlier sample; the drawn strata sizes, one pool each; report documents."""
    frame = labels(sample)
    assert not set(frame["text"]) & set(earlier(sample)["text"])
    assert frame["stratum"].value_counts().to_dict() == SIZES
    assert frame.groupby("stratum")["pool"].nunique().max() == 1
    docs = pd.concat(
        pd.read_csv(DEV / name, dtype=str) for name in ("gwr_documents.csv", "dev_documents.csv")
    )
    assert set(frame["doc_id"]) <= set(docs.loc[docs["split"] == "report", "doc_id"])


def assert_earlier_vocabularies(sample: str) -> None:
    """Livelihood, primary types and sub-instruments all used by the earlier samples."""
    frame, before = labels(sample), earlier(sample)
    subs = {s for v in before["sub_instruments"] for s in v.split(";") if s}
    assert set(frame["livelihood"]) <= set(before["livelihood"])
    assert set(frame["primary"]) <= set(before["primary"])
    assert {s for v in frame["sub_instruments"] for s in v.split(";") if s} <= subs


def inconsistent(sample: str) -> list[str]:
    """The item ids whose labels break :func:`consistent`."""
    return [
        r.item_id
        for r in labels(sample).itertuples()
        if not consistent(r.sub_instruments, r.types, r.primary)
    ]


def consistent(sub_instruments: str, types: str, primary: str) -> bool:
    """``types`` are the types of the sub-instruments in typology order (or ``none`` alone),
    and hold ``primary``."""
    subs = [s for s in sub_instruments.split(";") if s]
    derived = [t for t in TYPES if any(s.split(".")[0] == t for s in subs)] or ["none"]
    return types.split(";") == derived and primary in derived
