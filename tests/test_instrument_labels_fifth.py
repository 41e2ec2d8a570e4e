"""The fifth blind instrument sample (``instrument_labels_fifth.csv``) as a data file.

These tests read the label file only. They were written to keep the sample unseen by the coder
and the model until it was scored once (``INSTRUMENTS.md``, "Score of the fifth sample"); since
the fourth session it is training text of the model (``model.TRAINING_SPLITS``), and they guard
it as a data file: drawn as recorded, new text when drawn, labelled in the shared vocabularies.
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
]
TYPES = ["supply", "environment", "demand"]
#: stratum sizes of ``tools/sample_instrument_fresh.py --fifth``
SIZES = {
    "gwr_live_recent": 111,
    "gwr_live_early": 56,
    "gwr_other": 37,
    "cpc_live": 23,
    "cpc_other": 23,
}


@pytest.fixture(scope="module")
def fifth() -> pd.DataFrame:
    return pd.read_csv(DEV / "instrument_labels_fifth.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def earlier() -> pd.DataFrame:
    return pd.concat(
        (pd.read_csv(DEV / name, dtype=str, keep_default_na=False) for name in EARLIER),
        ignore_index=True,
    )


def test_fifth_sample_has_the_columns_of_the_fourth_and_every_row_labelled(fifth):
    final = pd.read_csv(DEV / "instrument_labels_final.csv", dtype=str, nrows=1)
    assert list(fifth.columns) == list(final.columns)
    assert len(fifth) == 250 and fifth["item_id"].is_unique
    assert set(fifth["split"]) == {"fifth"}
    assert (fifth[["livelihood", "types", "primary"]] != "").all().all()


def test_fifth_sample_is_new_text_of_report_documents_in_the_drawn_strata(fifth, earlier):
    assert not set(fifth["text"]) & set(earlier["text"])
    assert fifth["stratum"].value_counts().to_dict() == SIZES
    assert fifth.groupby("stratum")["pool"].nunique().max() == 1
    docs = pd.concat(
        pd.read_csv(DEV / name, dtype=str) for name in ("gwr_documents.csv", "dev_documents.csv")
    )
    assert set(fifth["doc_id"]) <= set(docs.loc[docs["split"] == "report", "doc_id"])


def test_fifth_labels_use_the_vocabularies_of_the_earlier_labels(fifth, earlier):
    subs = {s for v in earlier["sub_instruments"] for s in v.split(";") if s}
    assert set(fifth["livelihood"]) <= set(earlier["livelihood"])
    assert set(fifth["primary"]) <= set(earlier["primary"])
    assert {s for v in fifth["sub_instruments"] for s in v.split(";") if s} <= subs


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


def test_fifth_labels_are_consistent(fifth):
    bad = [
        r.item_id
        for r in fifth.itertuples()
        if not consistent(r.sub_instruments, r.types, r.primary)
    ]
    assert bad == []


def consistent(sub_instruments: str, types: str, primary: str) -> bool:
    """``types`` are the types of the sub-instruments in typology order (or ``none`` alone),
    and hold ``primary``."""
    subs = [s for s in sub_instruments.split(";") if s]
    derived = [t for t in TYPES if any(s.split(".")[0] == t for s in subs)] or ["none"]
    return types.split(";") == derived and primary in derived
