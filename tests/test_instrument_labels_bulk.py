"""The five bulk sheets of instrument training text (``instrument_labels_bulk1.csv`` ...).

Training text only, never scored: 2,000 units drawn by ``tools/sample_instrument_fresh.py
--bulk`` from the tune and report documents, leaving out all eight samples, and labelled by
reading in the sixth session (``INSTRUMENTS.md``, "Bulk training sheets"). These tests read the
label files only.
"""

from __future__ import annotations

import pandas as pd
import pytest

from policystudy.instruments.labels import load_instrument_labels
from tests.instrument_samples import DEV, FILES, SIZES, consistent, labels

SHEETS = [f"bulk{k}" for k in range(1, 6)]
LABEL_COLUMNS = ["livelihood", "types", "primary", "sub_instruments", "note"]


def sheet(name: str) -> pd.DataFrame:
    return pd.read_csv(DEV / f"instrument_labels_{name}.csv", dtype=str, keep_default_na=False)


def samples() -> pd.DataFrame:
    return pd.concat((labels(name) for name in FILES), ignore_index=True)


@pytest.mark.parametrize("name", SHEETS)
def test_each_sheet_is_400_labelled_units_of_its_split(name):
    frame = sheet(name)
    assert list(frame.columns) == list(labels("seventh").columns)
    assert len(frame) == 400 and frame["item_id"].is_unique
    assert set(frame["split"]) == {name}
    assert (frame[["livelihood", "types", "primary"]] != "").all().all()
    bad = [
        r.item_id
        for r in frame.itertuples()
        if not consistent(r.sub_instruments, r.types, r.primary)
    ]
    assert bad == []
    assert len(load_instrument_labels(split=name)) == 400


def test_the_sheets_are_the_drawn_strata_eight_times_over_and_new_text():
    frame = pd.concat((sheet(name) for name in SHEETS), ignore_index=True)
    assert frame["item_id"].is_unique and len(frame) == 2000
    assert frame["stratum"].value_counts().to_dict() == {k: 8 * n for k, n in SIZES.items()}
    assert not set(frame["text"]) & set(samples()["text"])
    docs = pd.concat(
        pd.read_csv(DEV / name, dtype=str) for name in ("gwr_documents.csv", "dev_documents.csv")
    )
    assert set(frame["doc_id"]) <= set(docs["doc_id"])
    # the sheets were dealt at random: every sheet holds every stratum
    assert frame.groupby("split")["stratum"].nunique().min() == len(SIZES)


def test_the_sheets_use_the_vocabularies_of_the_samples():
    frame = pd.concat((sheet(name) for name in SHEETS), ignore_index=True)
    before = samples()
    subs = {s for v in before["sub_instruments"] for s in v.split(";") if s}
    assert set(frame["livelihood"]) <= set(before["livelihood"])
    assert set(frame["primary"]) <= set(before["primary"])
    assert {s for v in frame["sub_instruments"] for s in v.split(";") if s} <= subs
