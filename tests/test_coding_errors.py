"""The coding errors found on reading the seed analysis (issue 27), pinned with the real units.

Each row of ``tests/data/coding_errors_i27.csv`` is a seed sentence (its text and heading path as
``sentence_domains.csv`` has them) and the label a reader gives it. The rules behind them are
general, not phrases of these documents: lists of lead agencies are metadata (``general``);
framing (the plan period, a list of the 七有) is ``general``; colleges are schooling whatever they
teach; health education and public-health emergencies are health; food-safety work is safety;
consumers are not the economy of consumption.
"""

from pathlib import Path

import pandas as pd
import pytest

from policystudy.domains import GENERAL, LexiconClassifier
from policystudy.domains.classifier import framing_units

CASES = pd.read_csv(Path(__file__).parent / "data" / "coding_errors_i27.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def coded():
    return LexiconClassifier().fit().classify(CASES[["text", "section"]])


@pytest.mark.parametrize("i", range(len(CASES)), ids=CASES["sentence_id"].tolist())
def test_listed_coding_error_is_fixed(coded, i):
    assert coded.loc[i, "primary"] == CASES.loc[i, "expected"], CASES.loc[i, "text"]


@pytest.mark.parametrize(
    "text",
    [
        "牵头单位:人社局,配合单位:组织部、农业局、各镇(街道)",
        "责任单位:区卫健委、区教育局",
        "(三)配合部门:民政局、财政局",
    ],
)
def test_agency_lists_are_metadata_whatever_the_heading(text):
    clf = LexiconClassifier().fit()
    frame = pd.DataFrame({"text": [text], "section": ["医疗服务提质工程"]})
    assert clf.predict(frame) == [[GENERAL]]


def test_a_sentence_naming_one_agency_is_still_coded():
    # Only a line that opens with the agency field is metadata.
    assert LexiconClassifier().fit().predict(["由人社局牵头,做好就业援助和技能培训。"]) == [
        ["employment"]
    ]


def test_framing_units_flags_qiyou_lists_not_single_phrases():
    agency, period = framing_units(["努力实现幼有所育、学有所教", "做到弱有所扶"])
    assert agency.tolist() == [False, False]
    assert period.tolist() == [True, False]
