"""The sixth blind instrument sample (``instrument_labels_sixth.csv``) as a data file.

These tests read the label file only; they never run the coder or the model, so that the
sample stays unseen by both until it is scored once (see ``INSTRUMENTS.md``, "Sixth sample").
"""

from __future__ import annotations

import pandas as pd
import pytest

from policystudy.core import resources

DEV = resources.VALIDATION / "dev"
EARLIER = [
    "instrument_labels.csv",
    "instrument_labels_fresh.csv",
    "instrument_labels_holdout.csv",
    "instrument_labels_final.csv",
    "instrument_labels_fifth.csv",
]
TYPES = ["supply", "environment", "demand"]
#: stratum sizes of ``tools/sample_instrument_fresh.py --sixth`` (the fifth's allocation)
SIZES = {
    "gwr_live_recent": 111,
    "gwr_live_early": 56,
    "gwr_other": 37,
    "cpc_live": 23,
    "cpc_other": 23,
}


@pytest.fixture(scope="module")
def sixth() -> pd.DataFrame:
    return pd.read_csv(DEV / "instrument_labels_sixth.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def earlier() -> pd.DataFrame:
    return pd.concat(
        (pd.read_csv(DEV / name, dtype=str, keep_default_na=False) for name in EARLIER),
        ignore_index=True,
    )


def test_sixth_sample_has_the_columns_of_the_earlier_files_and_every_row_labelled(sixth):
    for name in ("instrument_labels_final.csv", "instrument_labels_fifth.csv"):
        assert list(sixth.columns) == list(pd.read_csv(DEV / name, dtype=str, nrows=1).columns)
    assert len(sixth) == 250 and sixth["item_id"].is_unique
    assert set(sixth["split"]) == {"sixth"}
    assert (sixth[["livelihood", "types", "primary"]] != "").all().all()


def test_sixth_sample_is_new_text_of_report_documents_in_the_drawn_strata(sixth, earlier):
    assert not set(sixth["text"]) & set(earlier["text"])
    assert sixth["stratum"].value_counts().to_dict() == SIZES
    assert sixth.groupby("stratum")["pool"].nunique().max() == 1
    docs = pd.concat(
        pd.read_csv(DEV / name, dtype=str) for name in ("gwr_documents.csv", "dev_documents.csv")
    )
    assert set(sixth["doc_id"]) <= set(docs.loc[docs["split"] == "report", "doc_id"])


def test_sixth_labels_use_the_vocabularies_of_the_earlier_labels(sixth, earlier):
    subs = {s for v in earlier["sub_instruments"] for s in v.split(";") if s}
    assert set(sixth["livelihood"]) <= set(earlier["livelihood"])
    assert set(sixth["primary"]) <= set(earlier["primary"])
    assert {s for v in sixth["sub_instruments"] for s in v.split(";") if s} <= subs


@pytest.mark.parametrize(
    ("sub_instruments", "types", "primary", "valid"),
    [
        ("", "none", "none", True),
        ("environment.institution;demand.pilot", "environment;demand", "demand", True),
        ("", "none", "supply", False),
        ("supply.funding", "supply;none", "supply", False),
        ("supply.funding", "environment", "environment", False),
        ("supply.funding;environment.planning", "supply;environment", "demand", False),
    ],
)
def test_label_consistency_rule(sub_instruments, types, primary, valid):
    assert consistent(sub_instruments, types, primary) is valid


def test_sixth_labels_are_consistent(sixth):
    bad = [
        r.item_id
        for r in sixth.itertuples()
        if not consistent(r.sub_instruments, r.types, r.primary)
    ]
    assert bad == []


def consistent(sub_instruments: str, types: str, primary: str) -> bool:
    """``types`` are the types of the sub-instruments in typology order (or ``none`` alone),
    and hold ``primary``."""
    subs = [s for s in sub_instruments.split(";") if s]
    derived = [t for t in TYPES if any(s.split(".")[0] == t for s in subs)] or ["none"]
    return types.split(";") == derived and primary in derived
