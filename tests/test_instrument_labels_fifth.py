"""The fifth blind instrument sample (``instrument_labels_fifth.csv``) as a data file.

These tests read the label file only. They were written to keep the sample unseen by the coder
and the model until it was scored once (``INSTRUMENTS.md``, "Score of the fifth sample"); since
the fourth session it is training text of the model (``model.TRAINING_SPLITS``), and they guard
it as a data file: drawn as recorded, new text when drawn, labelled in the shared vocabularies.
"""

from __future__ import annotations

import pytest

from tests.instrument_samples import (
    assert_earlier_vocabularies,
    assert_labelled_like,
    assert_new_text_in_strata,
    consistent,
    inconsistent,
)


def test_fifth_sample_has_the_columns_of_the_fourth_and_every_row_labelled():
    assert_labelled_like("fifth", like=("final",))


def test_fifth_sample_is_new_text_of_report_documents_in_the_drawn_strata():
    assert_new_text_in_strata("fifth")


def test_fifth_labels_use_the_vocabularies_of_the_earlier_labels():
    assert_earlier_vocabularies("fifth")


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


def test_fifth_labels_are_consistent():
    assert inconsistent("fifth") == []
