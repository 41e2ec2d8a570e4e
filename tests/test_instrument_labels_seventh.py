"""The seventh blind instrument sample (``instrument_labels_seventh.csv``) as a data file.

These tests read the label file only; they never run the coder or the model, so that the
sample stays unseen by both until it is scored once (see ``INSTRUMENTS.md``, "Seventh sample").
"""

from __future__ import annotations

from tests.instrument_samples import (
    assert_earlier_vocabularies,
    assert_labelled_like,
    assert_new_text_in_strata,
    inconsistent,
)


def test_seventh_sample_has_the_columns_of_the_earlier_files_and_every_row_labelled():
    assert_labelled_like("seventh", like=("fifth", "sixth"))


def test_seventh_sample_is_new_text_of_report_documents_in_the_drawn_strata():
    assert_new_text_in_strata("seventh")


def test_seventh_labels_use_the_vocabularies_of_the_earlier_labels():
    assert_earlier_vocabularies("seventh")


def test_seventh_labels_are_consistent():
    assert inconsistent("seventh") == []


def test_seventh_sample_loads_by_its_split_name():
    from policystudy.instruments.labels import load_instrument_labels

    frame = load_instrument_labels(split="seventh")
    assert len(frame) == 250 and set(frame["split"]) == {"seventh"}
