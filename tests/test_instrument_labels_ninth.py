"""The ninth blind instrument sample (``instrument_labels_ninth.csv``) as a data file.

These tests read the label files only; they never run the coder or the model, so that the
sample stays unseen by both until it is scored once (see ``INSTRUMENTS.md``, "Ninth sample").
"""

from __future__ import annotations

from tests.instrument_samples import (
    assert_earlier_vocabularies,
    assert_labelled_like,
    assert_new_text_in_strata,
    bulk_texts,
    inconsistent,
    labels,
)


def test_ninth_sample_has_the_columns_of_the_earlier_files_and_every_row_labelled():
    assert_labelled_like("ninth", like=("seventh", "eighth"))


def test_ninth_sample_is_new_text_of_report_documents_in_the_drawn_strata():
    # includes the eighth sample: ``earlier`` holds every sample drawn before the ninth
    assert_new_text_in_strata("ninth")


def test_ninth_sample_shares_no_text_with_the_eighth_sample():
    # Said on its own because the eighth is the sample scored just before this one.
    assert not set(labels("ninth")["text"]) & set(labels("eighth")["text"])


def test_ninth_sample_shares_no_text_with_the_bulk_training_sheets():
    # The bulk sheets are training text of the model the ninth sample is to score; one shared
    # sentence would be scored on text trained on.
    assert not set(labels("ninth")["text"]) & bulk_texts()


def test_ninth_labels_use_the_vocabularies_of_the_earlier_labels():
    assert_earlier_vocabularies("ninth")


def test_ninth_labels_are_consistent():
    assert inconsistent("ninth") == []


def test_ninth_sample_loads_by_its_split_name():
    from policystudy.instruments.labels import load_instrument_labels

    frame = load_instrument_labels(split="ninth")
    assert len(frame) == 250 and set(frame["split"]) == {"ninth"}
