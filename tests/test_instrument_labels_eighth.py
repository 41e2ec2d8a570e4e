"""The eighth blind instrument sample (``instrument_labels_eighth.csv``) as a data file.

These tests read the label files only. They were written to keep the sample unseen by the
coder and the model until it was scored once (``INSTRUMENTS.md``, "Score of the eighth sample");
since the seventh session it is training text of the model (``model.TRAINING_SPLITS``), and they
guard it as a data file: drawn as recorded, new text when drawn, labelled in the shared
vocabularies.
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


def test_eighth_sample_has_the_columns_of_the_earlier_files_and_every_row_labelled():
    assert_labelled_like("eighth", like=("sixth", "seventh"))


def test_eighth_sample_is_new_text_of_report_documents_in_the_drawn_strata():
    assert_new_text_in_strata("eighth")


def test_eighth_sample_shares_no_text_with_the_bulk_training_sheets():
    # The bulk sheets were drawn in the same session as training text for the model the
    # eighth sample is to score; one shared sentence would be scored on text trained on.
    assert not set(labels("eighth")["text"]) & bulk_texts()


def test_eighth_labels_use_the_vocabularies_of_the_earlier_labels():
    assert_earlier_vocabularies("eighth")


def test_eighth_labels_are_consistent():
    assert inconsistent("eighth") == []


def test_eighth_sample_loads_by_its_split_name():
    from policystudy.instruments.labels import load_instrument_labels

    frame = load_instrument_labels(split="eighth")
    assert len(frame) == 250 and set(frame["split"]) == {"eighth"}
