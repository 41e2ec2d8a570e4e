"""The sixth blind instrument sample (``instrument_labels_sixth.csv``) as a data file.

These tests read the label file only. They were written to keep the sample unseen by the coder
and the model until it was scored once (``INSTRUMENTS.md``, "Score of the sixth sample"); since
the fifth session it is training text of the model (``model.TRAINING_SPLITS``), and they guard
it as a data file: drawn as recorded, new text when drawn, labelled in the shared vocabularies.
"""

from __future__ import annotations

from tests.instrument_samples import (
    assert_earlier_vocabularies,
    assert_labelled_like,
    assert_new_text_in_strata,
    inconsistent,
)


def test_sixth_sample_has_the_columns_of_the_earlier_files_and_every_row_labelled():
    assert_labelled_like("sixth", like=("final", "fifth"))


def test_sixth_sample_is_new_text_of_report_documents_in_the_drawn_strata():
    assert_new_text_in_strata("sixth")


def test_sixth_labels_use_the_vocabularies_of_the_earlier_labels():
    assert_earlier_vocabularies("sixth")


def test_sixth_labels_are_consistent():
    assert inconsistent("sixth") == []
